package io.aura.models.onnx;

import io.aura.features.InvalidDataException;
import io.aura.models.detect.AnomalyModel;
import io.aura.models.detect.SeverityScale;
import java.util.List;
import java.util.Objects;

/**
 * An autoencoder exported to ONNX used as an {@link AnomalyModel}: the score of a row is its mean
 * squared reconstruction error {@code (1/F) Σ (x_j - x̂_j)²}, where {@code x̂} is the model's first
 * output for the row fed as {@code [1, F]}. The model must map {@code F} features to {@code F}
 * reconstructed values; severities are calibrated on training rows with {@link
 * SeverityScale#fromContamination}. Contributions are each feature's share of the squared error.
 *
 * <p>Scores are in {@code [0, ∞)}.
 *
 * <p>Thread safety: immutable; safe to share (the underlying {@link OnnxModel} is). Allocation:
 * unlike the in-JVM detectors, {@link #score} allocates (ONNX Runtime's input and output tensors, a
 * few objects per call) — use {@link OnnxModel#run(float[][])} for batches. Complexity: one forward
 * pass of the network plus O(F).
 *
 * <p>Reference: M. Sakurada and T. Yairi, "Anomaly Detection Using Autoencoders with Nonlinear
 * Dimensionality Reduction", MLSDA 2014 (reconstruction error as anomaly score).
 */
public final class OnnxAutoencoderDetector implements AnomalyModel {
  private final OnnxModel model;
  private final List<String> names;
  private final SeverityScale scale;

  private OnnxAutoencoderDetector(OnnxModel model, List<String> names, SeverityScale scale) {
    this.model = model;
    this.names = names;
    this.scale = scale;
  }

  /**
   * Wraps an autoencoder and calibrates its severities on training rows.
   *
   * @param model an ONNX model with one input {@code [N or 1, F]} and a first output of F values
   *     per row
   * @param featureNames the F feature names
   * @param trainingRows rows that represent normal behaviour, none NaN, at least one
   * @param contamination expected fraction of anomalies among them, in (0, 0.5]
   * @return the detector
   * @throws InvalidDataException if a row is malformed or the model's output size is not F
   */
  public static OnnxAutoencoderDetector calibrate(
      OnnxModel model, List<String> featureNames, double[][] trainingRows, double contamination) {
    Objects.requireNonNull(model, "model");
    List<String> names = List.copyOf(featureNames);
    OnnxAutoencoderDetector unscaled =
        new OnnxAutoencoderDetector(model, names, new SeverityScale(1, 2, 3, 4));
    double[] scores = unscaled.scoreAll(trainingRows);
    return new OnnxAutoencoderDetector(
        model, names, SeverityScale.fromContamination(scores, contamination));
  }

  @Override
  public int featureCount() {
    return names.size();
  }

  @Override
  public List<String> featureNames() {
    return names;
  }

  @Override
  public double score(double[] row) {
    float[] x = toFloat(row);
    float[] y = reconstruct(x);
    double sum = 0;
    for (int j = 0; j < x.length; j++) {
      double d = (double) x[j] - y[j];
      sum += d * d;
    }
    return sum / x.length;
  }

  @Override
  public SeverityScale severityScale() {
    return scale;
  }

  @Override
  public void contributions(double[] row, double[] out) {
    float[] x = toFloat(row);
    float[] y = reconstruct(x);
    double sum = 0;
    for (int j = 0; j < x.length; j++) {
      double d = (double) x[j] - y[j];
      out[j] = d * d;
      sum += out[j];
    }
    for (int j = 0; j < x.length; j++) {
      out[j] = sum > 0 ? out[j] / sum : 0;
    }
  }

  private float[] reconstruct(float[] x) {
    float[] y = model.run(x);
    if (y.length != x.length) {
      throw new InvalidDataException(
          "autoencoder "
              + model
              + " returned "
              + y.length
              + " values for "
              + x.length
              + " features");
    }
    return y;
  }

  private float[] toFloat(double[] row) {
    if (row.length != names.size()) {
      throw new InvalidDataException(
          "row has "
              + row.length
              + " values, the model has "
              + names.size()
              + " features "
              + names);
    }
    float[] x = new float[row.length];
    for (int j = 0; j < row.length; j++) {
      if (Double.isNaN(row[j])) {
        throw new InvalidDataException("feature " + names.get(j) + " (column " + j + ") is NaN");
      }
      x[j] = (float) row[j];
    }
    return x;
  }
}
