package io.aura.features.selection;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Keeps the features whose variance exceeds a threshold: with threshold 0 (the default of
 * scikit-learn's {@code VarianceThreshold}, whose semantics this follows), it drops the constant
 * features. Unsupervised: no labels.
 *
 * <p>The score of a feature is the population variance (divisor {@code n}) of its non-NaN values,
 * computed with the corrected two-pass algorithm (Chan, Golub &amp; LeVeque, The American
 * Statistician 37(3), 1983); a feature whose valid values are all equal scores exactly 0, so
 * rounding never lets a constant feature through. A feature is kept when its variance is strictly
 * greater than the threshold.
 *
 * <p>Input rules: NaN cells are skipped for their feature's score; a feature with no non-NaN value,
 * a ±infinity or a ragged matrix is an {@link InvalidDataException} naming the feature and row; so
 * is a threshold that no feature passes (an empty selection is never returned).
 *
 * <p>Thread safety: immutable; {@link #select} may run concurrently. Allocation: a column-major
 * copy of the input. Complexity: O(rows × features).
 */
public final class VarianceThreshold {
  private static final String WHO = "variance threshold";
  private final double threshold;

  private VarianceThreshold(double threshold) {
    this.threshold = threshold;
  }

  /**
   * A selector keeping features with variance strictly above {@code threshold}.
   *
   * @param threshold a finite, non-negative variance
   * @return the selector
   * @throws InvalidDataException when the threshold is negative or not finite
   */
  public static VarianceThreshold of(double threshold) {
    if (!(threshold >= 0) || !Double.isFinite(threshold)) {
      throw new InvalidDataException(WHO + ": threshold must be finite and >= 0, got " + threshold);
    }
    return new VarianceThreshold(threshold);
  }

  /**
   * A selector dropping constant features (threshold 0).
   *
   * @return the selector
   */
  public static VarianceThreshold nonConstant() {
    return new VarianceThreshold(0);
  }

  /**
   * The threshold.
   *
   * @return the variance a feature must exceed
   */
  public double threshold() {
    return threshold;
  }

  /**
   * Scores and selects the features of a row-major matrix (named {@code f0, f1, ...}).
   *
   * @param rows rows of equal width
   * @return the selection
   * @throws InvalidDataException see the class description
   */
  public FeatureSelection select(double[][] rows) {
    return select(ScoringData.fromRows(rows, WHO));
  }

  /**
   * Scores and selects the columns of a frame.
   *
   * @param frame the data
   * @return the selection
   * @throws InvalidDataException see the class description
   */
  public FeatureSelection select(Frame frame) {
    return select(ScoringData.fromFrame(frame, WHO));
  }

  private FeatureSelection select(ScoringData data) {
    int d = data.columns.length;
    double[] scores = new double[d];
    int[] keep = new int[d];
    int n = 0;
    for (int j = 0; j < d; j++) {
      scores[j] = variance(data.columns[j]);
      if (scores[j] > threshold) {
        keep[n++] = j;
      }
    }
    if (n == 0) {
      throw new InvalidDataException(
          WHO + ": no feature has a variance above " + threshold + "; variances " + Arrays.toString(scores));
    }
    return FeatureSelection.of(data.schema, Arrays.copyOf(keep, n), scores, "variance > " + threshold);
  }

  /** Population variance of the non-NaN values; at least one is present (checked). */
  static double variance(double[] col) {
    int n = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : col) {
      if (!Double.isNaN(x)) {
        n++;
        sum += x;
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
    if (min == max) {
      return 0;
    }
    double mean = sum / n;
    double ss = 0;
    double comp = 0;
    for (double x : col) {
      if (!Double.isNaN(x)) {
        double dx = x - mean;
        ss += dx * dx;
        comp += dx;
      }
    }
    return Math.max((ss - comp * comp / n) / n, 0);
  }

  @Override
  public String toString() {
    return "VarianceThreshold[" + threshold + "]";
  }
}
