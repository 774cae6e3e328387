package io.aura.features.preprocess;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Min-max scaling: each feature's training minimum maps to {@link #targetMin()} and its maximum to
 * {@link #targetMax()} (by default [0, 1]), linearly; fitted by the static {@code fit} methods and
 * immutable afterwards. Values outside the training range map outside the target range: nothing is
 * clipped.
 *
 * <p>As an affine map, {@code scale = (dataMax - dataMin) / (targetMax - targetMin)} and {@code
 * center = dataMin - targetMin × scale}, which is what {@link #centers()} and {@link #scales()}
 * report. A constant column (dataMax = dataMin) has its data range taken as 1, as in scikit-learn's
 * {@code MinMaxScaler}: its training value maps to {@code targetMin}, and with the default target
 * range its scale is exactly 1. Semantics follow scikit-learn's {@code MinMaxScaler}
 * (scikit-learn.org, {@code sklearn.preprocessing.MinMaxScaler}).
 *
 * <p>Fit rules: NaN cells are ignored; a column without any non-NaN value, a ±infinity, or a ragged
 * matrix is an {@link InvalidDataException} naming the column and row. Transform keeps NaN as NaN.
 *
 * <p>Thread safety: immutable. Allocation: none per transformed row. Complexity: fit O(rows ×
 * columns); transform O(columns) per row.
 */
public final class MinMaxScaler extends AffineScaler {
  private final double[] dataMin;
  private final double[] dataMax;
  private final double targetMin;
  private final double targetMax;

  private MinMaxScaler(
      FeatureSchema schema, double[] dataMin, double[] dataMax, double targetMin, double targetMax, int[] counts) {
    super(schema, centerOf(dataMin, dataMax, targetMin, targetMax), scaleOf(schema, dataMin, dataMax, targetMin, targetMax),
        counts);
    this.dataMin = dataMin;
    this.dataMax = dataMax;
    this.targetMin = targetMin;
    this.targetMax = targetMax;
  }

  private static double scale(double lo, double hi, double a, double b) {
    double range = hi - lo;
    return (range == 0 ? 1 : range) / (b - a);
  }

  private static double[] scaleOf(FeatureSchema schema, double[] lo, double[] hi, double a, double b) {
    if (lo.length != schema.size() || hi.length != schema.size()) {
      throw new InvalidDataException(
          "got " + lo.length + " minima and " + hi.length + " maxima for " + schema.size() + " features");
    }
    double[] s = new double[lo.length];
    for (int j = 0; j < s.length; j++) {
      if (!Double.isFinite(lo[j]) || !Double.isFinite(hi[j]) || lo[j] > hi[j]) {
        throw new InvalidDataException(
            "feature '" + schema.name(j) + "' has minimum " + lo[j] + " and maximum " + hi[j]
                + "; both must be finite with minimum <= maximum");
      }
      s[j] = scale(lo[j], hi[j], a, b);
    }
    return s;
  }

  private static double[] centerOf(double[] lo, double[] hi, double a, double b) {
    double[] c = new double[Math.min(lo.length, hi.length)];
    for (int j = 0; j < c.length; j++) {
      c[j] = a == 0 ? lo[j] : lo[j] - a * scale(lo[j], hi[j], a, b);
    }
    return c;
  }

  private static void checkTarget(double a, double b) {
    if (!(Double.isFinite(a) && Double.isFinite(b) && a < b && Double.isFinite(b - a))) {
      throw new InvalidDataException("target range must be finite with min < max, got [" + a + ", " + b + "]");
    }
  }

  /**
   * Fits on a row-major matrix with target range [0, 1]; the features are named {@code f0, f1,
   * ...}.
   *
   * @param rows rows of equal width, at least one
   * @return the fitted scaler
   * @throws InvalidDataException on a ragged matrix, an infinity, or a column with no non-NaN value
   */
  public static MinMaxScaler fit(double[][] rows) {
    return fit(rows, 0, 1);
  }

  /**
   * Fits on a row-major matrix with a chosen target range.
   *
   * @param rows rows of equal width, at least one
   * @param targetMin where each feature's training minimum maps
   * @param targetMax where each feature's training maximum maps, greater than {@code targetMin}
   * @return the fitted scaler
   * @throws InvalidDataException on a bad target range, a ragged matrix, an infinity, or a column
   *     with no non-NaN value
   */
  public static MinMaxScaler fit(double[][] rows, double targetMin, double targetMax) {
    checkTarget(targetMin, targetMax);
    return fit(ColumnData.fromRows(rows), targetMin, targetMax);
  }

  /**
   * Fits on every column of a frame with target range [0, 1].
   *
   * @param frame the training frame
   * @return the fitted scaler
   * @throws InvalidDataException on an infinity or a column with no non-NaN value
   */
  public static MinMaxScaler fit(Frame frame) {
    return fit(frame, 0, 1);
  }

  /**
   * Fits on every column of a frame with a chosen target range.
   *
   * @param frame the training frame
   * @param targetMin where each feature's training minimum maps
   * @param targetMax where each feature's training maximum maps, greater than {@code targetMin}
   * @return the fitted scaler
   * @throws InvalidDataException on a bad target range, an infinity, or a column with no non-NaN
   *     value
   */
  public static MinMaxScaler fit(Frame frame, double targetMin, double targetMax) {
    checkTarget(targetMin, targetMax);
    return fit(ColumnData.fromFrame(frame), targetMin, targetMax);
  }

  private static MinMaxScaler fit(ColumnData data, double a, double b) {
    int d = data.valid.length;
    double[] lo = new double[d];
    double[] hi = new double[d];
    int[] counts = new int[d];
    for (int j = 0; j < d; j++) {
      double[] v = data.valid[j];
      double min = v[0];
      double max = v[0];
      for (double x : v) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      if (!Double.isFinite(max - min)) {
        throw new InvalidDataException(
            "cannot fit a min-max scaler: the range of column '" + data.schema.name(j) + "', [" + min + ", " + max
                + "], overflows double precision");
      }
      lo[j] = min;
      hi[j] = max;
      counts[j] = v.length;
    }
    return new MinMaxScaler(data.schema, lo, hi, a, b, counts);
  }

  /**
   * Rebuilds a fitted scaler from stored parameters (for example from a model file).
   *
   * @param schema the features
   * @param dataMin one finite training minimum per feature
   * @param dataMax one finite training maximum per feature, at least the minimum
   * @param targetMin where the minima map
   * @param targetMax where the maxima map
   * @param validCounts the number of values each feature was fitted on
   * @return the scaler
   * @throws InvalidDataException when lengths differ or a value is out of range
   */
  public static MinMaxScaler of(
      FeatureSchema schema, double[] dataMin, double[] dataMax, double targetMin, double targetMax, int[] validCounts) {
    checkTarget(targetMin, targetMax);
    return new MinMaxScaler(schema, dataMin.clone(), dataMax.clone(), targetMin, targetMax, validCounts.clone());
  }

  /**
   * The per-feature training minima.
   *
   * @return a copy
   */
  public double[] dataMin() {
    return dataMin.clone();
  }

  /**
   * The per-feature training maxima.
   *
   * @return a copy
   */
  public double[] dataMax() {
    return dataMax.clone();
  }

  /**
   * Where each feature's training minimum maps, 0 by default.
   *
   * @return the lower end of the target range
   */
  public double targetMin() {
    return targetMin;
  }

  /**
   * Where each feature's training maximum maps, 1 by default.
   *
   * @return the upper end of the target range
   */
  public double targetMax() {
    return targetMax;
  }

  @Override
  public boolean equals(Object o) {
    if (!super.equals(o)) {
      return false;
    }
    MinMaxScaler m = (MinMaxScaler) o;
    return Arrays.equals(dataMin, m.dataMin)
        && Arrays.equals(dataMax, m.dataMax)
        && targetMin == m.targetMin
        && targetMax == m.targetMax;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
