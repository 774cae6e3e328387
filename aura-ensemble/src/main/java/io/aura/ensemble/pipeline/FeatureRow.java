package io.aura.ensemble.pipeline;

/**
 * One sample of one entity as the members of a {@link DetectionPipeline} read it, prepared once per
 * sample by the {@link PipelineSession}: the time, every feature of the pipeline's {@link
 * FeatureSet} (unscaled), and the selected features robust-scaled in three forms.
 *
 * <ul>
 *   <li>{@link #features()}: every feature, unscaled, NaN = missing (index by the pipeline's
 *       feature schema, see {@link MemberContext#featureIndex}).
 *   <li>{@link #scaled()}: the selected features, {@code (x − median) / IQR}, NaN kept; an overflow
 *       of the scaling may be infinite.
 *   <li>{@link #modelRow()}: {@link #scaled()} as float32 with NaN kept and infinities at
 *       ±{@code Float.MAX_VALUE} — the form tree models read, the same in training.
 *   <li>{@link #imputedRow()}: {@link #scaled()} with NaN at the training median (0) and
 *       infinities at ±{@code Double.MAX_VALUE} — the form of models that need finite values.
 * </ul>
 *
 * <p>Thread safety: confined to its session's thread; the arrays are the session's buffers,
 * overwritten by the next sample, and members must not modify them. Allocation: none (views).
 * Complexity: O(1) accessors.
 */
public final class FeatureRow {
  final double[] features;
  final double[] scaled;
  final double[] imputed;
  final float[] model;
  long timestampMillis;

  FeatureRow(int featureCount, int selectedCount) {
    this.features = new double[featureCount];
    this.scaled = new double[selectedCount];
    this.imputed = new double[selectedCount];
    this.model = new float[selectedCount];
  }

  /** @return the sample time, epoch milliseconds */
  public long timestampMillis() {
    return timestampMillis;
  }

  /** @return every feature of the feature set, unscaled (read only) */
  public double[] features() {
    return features;
  }

  /** @return the selected features, robust-scaled (read only) */
  public double[] scaled() {
    return scaled;
  }

  /** @return the selected features as tree models read them (read only) */
  public float[] modelRow() {
    return model;
  }

  /** @return the selected features with missing values at the median (read only) */
  public double[] imputedRow() {
    return imputed;
  }
}
