package io.aura.features.preprocess;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Standardisation, {@code (x - mean) / std} per feature, fitted by {@link #fit(double[][])} or
 * {@link #fit(Frame)} and immutable afterwards.
 *
 * <p>Statistics: the mean and the <em>population</em> standard deviation (divisor {@code n}, as
 * scikit-learn's {@code StandardScaler}) of the non-NaN values of each column, computed with the
 * corrected two-pass algorithm (Chan, Golub &amp; LeVeque, "Algorithms for computing the sample
 * variance", The American Statistician 37(3), 1983). A column whose valid values are all equal gets
 * scale 1 (so it maps to 0 instead of dividing by zero), as scikit-learn does; {@link #stds()} still
 * reports its true standard deviation, 0.
 *
 * <p>Fit rules: NaN cells are ignored (the statistics are over the column's non-NaN values, their
 * number is {@link #validCounts()}); a column without any non-NaN value, a ±infinity, or a ragged
 * matrix is an {@link InvalidDataException} naming the column and row. Transform keeps NaN as NaN.
 *
 * <p>Thread safety: immutable. Allocation: none per transformed row. Complexity: fit O(rows ×
 * columns); transform O(columns) per row.
 */
public final class StandardScaler extends AffineScaler {
  private final double[] stds;

  private StandardScaler(FeatureSchema schema, double[] means, double[] stds, int[] counts) {
    super(schema, means, scaleOf(schema, stds), counts);
    this.stds = stds;
  }

  private static double[] scaleOf(FeatureSchema schema, double[] stds) {
    double[] s = new double[stds.length];
    for (int j = 0; j < s.length; j++) {
      if (!(stds[j] >= 0) || !Double.isFinite(stds[j])) {
        throw new InvalidDataException(
            "standard deviation of feature '" + schema.name(j) + "' is " + stds[j]
                + "; it must be finite and non-negative");
      }
      s[j] = stds[j] == 0 ? 1 : stds[j];
    }
    return s;
  }

  /**
   * Fits on a row-major matrix; the features are named {@code f0, f1, ...}.
   *
   * @param rows rows of equal width, at least one
   * @return the fitted scaler
   * @throws InvalidDataException on a ragged matrix, an infinity, or a column with no non-NaN value
   */
  public static StandardScaler fit(double[][] rows) {
    return fit(ColumnData.fromRows(rows));
  }

  /**
   * Fits on every column of a frame; the schema is the frame's column names.
   *
   * @param frame the training frame
   * @return the fitted scaler
   * @throws InvalidDataException on an infinity or a column with no non-NaN value
   */
  public static StandardScaler fit(Frame frame) {
    return fit(ColumnData.fromFrame(frame));
  }

  private static StandardScaler fit(ColumnData data) {
    int d = data.valid.length;
    double[] means = new double[d];
    double[] stds = new double[d];
    int[] counts = new int[d];
    for (int j = 0; j < d; j++) {
      double[] v = data.valid[j];
      int n = v.length;
      counts[j] = n;
      double min = v[0];
      double max = v[0];
      double sum = 0;
      for (double x : v) {
        sum += x;
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      double mean = sum / n;
      if (!Double.isFinite(mean)) {
        throw new InvalidDataException(
            "cannot fit a standard scaler: the values of column '" + data.schema.name(j)
                + "' are too large to sum in double precision");
      }
      if (min == max) {
        means[j] = min; // exact, where sum / n may be off by an ulp
        stds[j] = 0;
        continue;
      }
      double ss = 0;
      double comp = 0;
      for (double x : v) {
        double dx = x - mean;
        ss += dx * dx;
        comp += dx;
      }
      double var = (ss - comp * comp / n) / n;
      double sd = Math.sqrt(Math.max(var, 0));
      if (!Double.isFinite(sd)) {
        throw new InvalidDataException(
            "cannot fit a standard scaler: the spread of column '" + data.schema.name(j)
                + "' overflows double precision");
      }
      means[j] = mean;
      stds[j] = sd;
    }
    return new StandardScaler(data.schema, means, stds, counts);
  }

  /**
   * Rebuilds a fitted scaler from stored parameters (for example from a model file).
   *
   * @param schema the features
   * @param means one finite mean per feature
   * @param stds one finite, non-negative standard deviation per feature (0 means scale 1)
   * @param validCounts the number of values each feature was fitted on
   * @return the scaler
   * @throws InvalidDataException when lengths differ or a value is out of range
   */
  public static StandardScaler of(FeatureSchema schema, double[] means, double[] stds, int[] validCounts) {
    if (stds.length != schema.size()) {
      throw new InvalidDataException(
          "got " + stds.length + " standard deviations for " + schema.size() + " features");
    }
    return new StandardScaler(schema, means.clone(), stds.clone(), validCounts.clone());
  }

  /**
   * The per-feature means (the same as {@link #centers()}).
   *
   * @return a copy
   */
  public double[] means() {
    return centers();
  }

  /**
   * The per-feature population standard deviations; 0 for a constant column, whose scale is 1.
   *
   * @return a copy
   */
  public double[] stds() {
    return stds.clone();
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && Arrays.equals(stds, ((StandardScaler) o).stds);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
