package io.aura.features.preprocess;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Quantiles;
import java.util.Arrays;

/**
 * Robust scaling, {@code (x - median) / (Q(high) - Q(low))} per feature, with the quantile range
 * 0.25–0.75 (the interquartile range) by default; fitted by the static {@code fit} methods and
 * immutable afterwards. Outliers move the median and the quantiles far less than the mean and the
 * standard deviation, which is why it suits metrics with spikes.
 *
 * <p>Quantiles are Hyndman &amp; Fan's definition 7 (R's default, NumPy's {@code linear}): linear
 * interpolation between order statistics at position {@code (n - 1) q} of the sorted non-NaN values
 * (R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages", The American Statistician
 * 50(4), 1996). This matches scikit-learn's {@code RobustScaler}, which also uses {@code
 * numpy.percentile}. A column whose quantile range is 0 (constant, or more than half of its values
 * equal) gets scale 1, as scikit-learn does; {@link #quantileRanges()} still reports 0.
 *
 * <p>Fit rules: NaN cells are ignored; a column without any non-NaN value, a ±infinity, or a ragged
 * matrix is an {@link InvalidDataException} naming the column and row. Transform keeps NaN as NaN.
 *
 * <p>Thread safety: immutable. Allocation: none per transformed row; fitting copies and sorts each
 * column. Complexity: fit O(rows log rows × columns); transform O(columns) per row.
 */
public final class RobustScaler extends AffineScaler {
  /** The default low quantile, 0.25. */
  public static final double DEFAULT_LOW_QUANTILE = 0.25;

  /** The default high quantile, 0.75. */
  public static final double DEFAULT_HIGH_QUANTILE = 0.75;

  private final double[] ranges;
  private final double lowQuantile;
  private final double highQuantile;

  private RobustScaler(
      FeatureSchema schema,
      double[] medians,
      double[] ranges,
      double low,
      double high,
      int[] counts) {
    super(schema, medians, scaleOf(schema, ranges), counts);
    this.ranges = ranges;
    this.lowQuantile = low;
    this.highQuantile = high;
  }

  private static double[] scaleOf(FeatureSchema schema, double[] ranges) {
    double[] s = new double[ranges.length];
    for (int j = 0; j < s.length; j++) {
      if (!(ranges[j] >= 0) || !Double.isFinite(ranges[j])) {
        throw new InvalidDataException(
            "quantile range of feature '"
                + schema.name(j)
                + "' is "
                + ranges[j]
                + "; it must be finite and non-negative");
      }
      s[j] = ranges[j] == 0 ? 1 : ranges[j];
    }
    return s;
  }

  private static void checkRange(double low, double high) {
    if (!(low >= 0 && low < high && high <= 1)) {
      throw new InvalidDataException(
          "quantile range must satisfy 0 <= low < high <= 1, got low " + low + ", high " + high);
    }
  }

  /**
   * Fits on a row-major matrix with the interquartile range; the features are named {@code f0, f1,
   * ...}.
   *
   * @param rows rows of equal width, at least one
   * @return the fitted scaler
   * @throws InvalidDataException on a ragged matrix, an infinity, or a column with no non-NaN value
   */
  public static RobustScaler fit(double[][] rows) {
    return fit(rows, DEFAULT_LOW_QUANTILE, DEFAULT_HIGH_QUANTILE);
  }

  /**
   * Fits on a row-major matrix with a chosen quantile range.
   *
   * @param rows rows of equal width, at least one
   * @param lowQuantile the lower quantile, in [0, 1)
   * @param highQuantile the upper quantile, in (low, 1]
   * @return the fitted scaler
   * @throws InvalidDataException on a bad range, a ragged matrix, an infinity, or a column with no
   *     non-NaN value
   */
  public static RobustScaler fit(double[][] rows, double lowQuantile, double highQuantile) {
    checkRange(lowQuantile, highQuantile);
    return fit(ColumnData.fromRows(rows), lowQuantile, highQuantile);
  }

  /**
   * Fits on every column of a frame with the interquartile range.
   *
   * @param frame the training frame
   * @return the fitted scaler
   * @throws InvalidDataException on an infinity or a column with no non-NaN value
   */
  public static RobustScaler fit(Frame frame) {
    return fit(frame, DEFAULT_LOW_QUANTILE, DEFAULT_HIGH_QUANTILE);
  }

  /**
   * Fits on every column of a frame with a chosen quantile range.
   *
   * @param frame the training frame
   * @param lowQuantile the lower quantile, in [0, 1)
   * @param highQuantile the upper quantile, in (low, 1]
   * @return the fitted scaler
   * @throws InvalidDataException on a bad range, an infinity, or a column with no non-NaN value
   */
  public static RobustScaler fit(Frame frame, double lowQuantile, double highQuantile) {
    checkRange(lowQuantile, highQuantile);
    return fit(ColumnData.fromFrame(frame), lowQuantile, highQuantile);
  }

  private static RobustScaler fit(ColumnData data, double low, double high) {
    int d = data.valid.length;
    double[] medians = new double[d];
    double[] ranges = new double[d];
    int[] counts = new int[d];
    for (int j = 0; j < d; j++) {
      double[] v = data.valid[j]; // already a private copy
      Arrays.sort(v);
      counts[j] = v.length;
      medians[j] = Quantiles.ofSorted(v, v.length, 0.5);
      ranges[j] = Quantiles.ofSorted(v, v.length, high) - Quantiles.ofSorted(v, v.length, low);
      if (!Double.isFinite(ranges[j])) {
        throw new InvalidDataException(
            "cannot fit a robust scaler: the quantile range of column '"
                + data.schema.name(j)
                + "' overflows double precision");
      }
    }
    return new RobustScaler(data.schema, medians, ranges, low, high, counts);
  }

  /**
   * Rebuilds a fitted scaler from stored parameters (for example from a model file).
   *
   * @param schema the features
   * @param medians one finite median per feature
   * @param quantileRanges one finite, non-negative {@code Q(high) - Q(low)} per feature (0 means
   *     scale 1)
   * @param lowQuantile the low quantile the ranges were computed with
   * @param highQuantile the high quantile
   * @param validCounts the number of values each feature was fitted on
   * @return the scaler
   * @throws InvalidDataException when lengths differ or a value is out of range
   */
  public static RobustScaler of(
      FeatureSchema schema,
      double[] medians,
      double[] quantileRanges,
      double lowQuantile,
      double highQuantile,
      int[] validCounts) {
    checkRange(lowQuantile, highQuantile);
    if (quantileRanges.length != schema.size()) {
      throw new InvalidDataException(
          "got " + quantileRanges.length + " quantile ranges for " + schema.size() + " features");
    }
    return new RobustScaler(
        schema,
        medians.clone(),
        quantileRanges.clone(),
        lowQuantile,
        highQuantile,
        validCounts.clone());
  }

  /**
   * The per-feature medians (the same as {@link #centers()}).
   *
   * @return a copy
   */
  public double[] medians() {
    return centers();
  }

  /**
   * The per-feature {@code Q(high) - Q(low)}; 0 for a column whose scale was set to 1.
   *
   * @return a copy
   */
  public double[] quantileRanges() {
    return ranges.clone();
  }

  /**
   * The low quantile of the range, 0.25 by default.
   *
   * @return a fraction in [0, 1)
   */
  public double lowQuantile() {
    return lowQuantile;
  }

  /**
   * The high quantile of the range, 0.75 by default.
   *
   * @return a fraction in (0, 1]
   */
  public double highQuantile() {
    return highQuantile;
  }

  @Override
  public boolean equals(Object o) {
    if (!super.equals(o)) {
      return false;
    }
    RobustScaler r = (RobustScaler) o;
    return Arrays.equals(ranges, r.ranges)
        && lowQuantile == r.lowQuantile
        && highQuantile == r.highQuantile;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
