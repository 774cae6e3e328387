package io.aura.features.selection;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Keeps the {@code k} features with the largest one-way ANOVA F statistic against integer class
 * labels: the semantics of scikit-learn's {@code f_classif} with {@code SelectKBest}
 * (scikit-learn.org, {@code sklearn.feature_selection.f_classif}). For a feature with {@code N}
 * values in {@code g} classes, class sizes {@code n_c}, class means {@code m_c} and overall mean
 * {@code m}:
 *
 * <pre>
 *   F = [ Σ_c n_c (m_c − m)² / (g − 1) ] / [ Σ_c Σ_{i in c} (x_i − m_c)² / (N − g) ]
 * </pre>
 *
 * the ratio of the between-class to the within-class mean square (see any text on the one-way
 * analysis of variance, e.g. NIST/SEMATECH e-Handbook of Statistical Methods, section 7.4.3). A
 * large F means the class means differ by much more than the spread inside the classes. The F
 * statistic only sees differences of means: a feature that separates classes by spread alone
 * scores low ({@link MutualInformationSelector} catches those).
 *
 * <p>Input rules: rows where a feature is NaN are left out of that feature's statistic, and {@code
 * g} counts only the classes present in the remaining rows. The score is +∞ when the within-class
 * sum of squares is 0 and the between-class one is not (perfect separation), and NaN when it is
 * undefined: a constant feature, fewer than two classes among the feature's valid rows, or no more
 * valid rows than classes ({@code N ≤ g}). Ranking puts NaN below every number and breaks ties by
 * the lower feature index; the selection reports every score. A label array of the wrong length,
 * fewer than two distinct labels, {@code k} outside [1, features], a feature with no non-NaN value,
 * a ±infinity or a ragged matrix is an {@link InvalidDataException}.
 *
 * <p>Thread safety: immutable; {@link #select} may run concurrently. Allocation: a column-major
 * copy of the input and O(classes) per feature. Complexity: O(rows × features + features log
 * features).
 */
public final class AnovaFSelector {
  private static final String WHO = "ANOVA F selection";
  private final int k;

  private AnovaFSelector(int k) {
    this.k = k;
  }

  /**
   * A selector keeping the {@code k} highest-scoring features.
   *
   * @param k at least 1 (and at most the number of features, checked on {@link #select})
   * @return the selector
   * @throws InvalidDataException when {@code k < 1}
   */
  public static AnovaFSelector topK(int k) {
    ScoringData.checkK(k, WHO);
    return new AnovaFSelector(k);
  }

  /**
   * The number of features kept.
   *
   * @return k
   */
  public int k() {
    return k;
  }

  /**
   * Scores and selects the features of a row-major matrix (named {@code f0, f1, ...}).
   *
   * @param rows rows of equal width
   * @param labels one class label per row
   * @return the selection
   * @throws InvalidDataException see the class description
   */
  public FeatureSelection select(double[][] rows, int[] labels) {
    return select(ScoringData.fromRows(rows, WHO), labels);
  }

  /**
   * Scores and selects the columns of a frame.
   *
   * @param frame the data
   * @param labels one class label per frame row
   * @return the selection
   * @throws InvalidDataException see the class description
   */
  public FeatureSelection select(Frame frame, int[] labels) {
    return select(ScoringData.fromFrame(frame, WHO), labels);
  }

  private FeatureSelection select(ScoringData data, int[] labels) {
    int[][] enc = ScoringData.encode(labels, data.rows(), WHO);
    int[] codes = enc[0];
    int classes = enc[1].length;
    double[] scores = new double[data.columns.length];
    int[] count = new int[classes];
    double[] sum = new double[classes];
    for (int j = 0; j < scores.length; j++) {
      scores[j] = fStatistic(data.columns[j], codes, count, sum);
    }
    int[] sel = ScoringData.topK(scores, k, data.schema, WHO);
    return FeatureSelection.of(data.schema, sel, scores, "ANOVA F top-" + k);
  }

  /** One-way ANOVA F of one column; {@code count} and {@code sum} are scratch of length classes. */
  static double fStatistic(double[] col, int[] codes, int[] count, double[] sum) {
    Arrays.fill(count, 0);
    Arrays.fill(sum, 0);
    int n = 0;
    double total = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < col.length; r++) {
      double x = col[r];
      if (Double.isNaN(x)) {
        continue;
      }
      count[codes[r]]++;
      sum[codes[r]] += x;
      total += x;
      n++;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    int g = 0;
    for (int c : count) {
      if (c > 0) {
        g++;
      }
    }
    if (g < 2 || n <= g || min == max) {
      return Double.NaN;
    }
    double mean = total / n;
    double between = 0;
    for (int c = 0; c < count.length; c++) {
      if (count[c] > 0) {
        double mc = sum[c] / count[c];
        sum[c] = mc; // reuse as the class mean
        between += count[c] * (mc - mean) * (mc - mean);
      }
    }
    double within = 0;
    for (int r = 0; r < col.length; r++) {
      double x = col[r];
      if (!Double.isNaN(x)) {
        double dx = x - sum[codes[r]];
        within += dx * dx;
      }
    }
    return (between / (g - 1)) / (within / (n - g));
  }

  @Override
  public String toString() {
    return "AnovaFSelector[top " + k + "]";
  }
}
