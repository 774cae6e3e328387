package io.aura.features.preprocess;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;

/**
 * A fitted, immutable per-feature affine scaler: feature {@code j} of a row is mapped to {@code
 * (x - centers()[j]) / scales()[j]} and back by {@code y * scales()[j] + centers()[j]}. The
 * trainers are the static {@code fit} methods of {@link StandardScaler}, {@link RobustScaler} and
 * {@link MinMaxScaler}; what they return is a model that only transforms (the trainer/model split
 * of Tribuo).
 *
 * <p>Missing values: a NaN cell stays NaN through {@link #transform} and {@link #inverseTransform};
 * infinities pass through the arithmetic (a scaler never invents or clamps a value). Every scale is
 * finite and strictly positive, so the map is always invertible.
 *
 * <p>Thread safety: implementations are immutable and safe to share between threads. Allocation:
 * {@link #transform(double[], double[])} and {@link #inverseTransform(double[], double[])} allocate
 * nothing; the matrix and frame forms allocate their result. Complexity: O(dimension) per row.
 */
public interface Scaler {

  /**
   * The number of features the scaler was fitted on.
   *
   * @return the width of a row
   */
  int dimension();

  /**
   * The features the scaler was fitted on: the frame's column names, or {@code f0, f1, ...} when
   * it was fitted on a matrix.
   *
   * @return the schema
   */
  FeatureSchema schema();

  /**
   * The per-feature centres subtracted before dividing by the scale.
   *
   * @return a copy, one value per feature
   */
  double[] centers();

  /**
   * The per-feature scales (finite, strictly positive) the centred value is divided by.
   *
   * @return a copy, one value per feature
   */
  double[] scales();

  /**
   * The number of non-NaN values each feature's statistics were computed from at fit time.
   *
   * @return a copy, one count per feature
   */
  int[] validCounts();

  /**
   * Scales one row without allocating.
   *
   * @param row exactly {@link #dimension()} values
   * @param out at least {@link #dimension()} long; may be {@code row} itself
   * @throws io.aura.features.InvalidDataException when {@code row} has the wrong width or {@code
   *     out} is too short
   */
  void transform(double[] row, double[] out);

  /**
   * Scales every row of a matrix into a new matrix.
   *
   * @param rows row-major data, each row exactly {@link #dimension()} long
   * @return a new matrix of the same shape
   * @throws io.aura.features.InvalidDataException naming the first row of the wrong width
   */
  double[][] transform(double[][] rows);

  /**
   * Scales every column of a frame; timestamps, labels and column names are kept.
   *
   * @param frame a frame whose columns are exactly {@link #schema()}, in order
   * @return a new frame
   * @throws io.aura.features.InvalidDataException when the frame's columns differ from the schema
   *     (see {@link FeatureSchema#requireSameAs})
   */
  Frame transform(Frame frame);

  /**
   * Undoes {@link #transform(double[], double[])} without allocating.
   *
   * @param row exactly {@link #dimension()} scaled values
   * @param out at least {@link #dimension()} long; may be {@code row} itself
   * @throws io.aura.features.InvalidDataException when {@code row} has the wrong width or {@code
   *     out} is too short
   */
  void inverseTransform(double[] row, double[] out);
}
