package io.aura.models.eval;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Threshold-free metrics of a score against binary truth.
 *
 * <ul>
 *   <li>ROC AUC through the Mann–Whitney U statistic with average ranks for tied scores (Hanley
 *       &amp; McNeil 1982): {@code (R₊ − n₊(n₊+1)/2) / (n₊ n₋)}, equal to the trapezoidal area
 *       under the ROC curve, ties counted one half.
 *   <li>PR AUC as average precision, {@code Σ (Rₖ − Rₖ₋₁) Pₖ} over distinct score thresholds from
 *       the highest down (no interpolation; the definition of scikit-learn's {@code
 *       average_precision_score}).
 * </ul>
 *
 * <p>Scores must not be NaN (rank a missing score explicitly before calling). Thread safety:
 * stateless. Allocation: O(n) for the sort order. Complexity: O(n log n).
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  private static Integer[] orderDescending(double[] scores, boolean[] truth) {
    if (scores.length != truth.length) {
      throw new InvalidDataException(scores.length + " scores but " + truth.length + " labels");
    }
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new InvalidDataException(
            "score " + i + " is NaN (missing); ranking metrics need every score");
      }
    }
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    return order;
  }

  private static long positives(boolean[] truth) {
    long p = 0;
    for (boolean t : truth) {
      if (t) {
        p++;
      }
    }
    return p;
  }

  /**
   * The area under the ROC curve.
   *
   * @param scores higher = more anomalous, no NaN
   * @param truth true = anomaly; both classes must be present
   * @return the AUC in [0, 1]
   * @throws InvalidDataException if lengths differ, a score is NaN or a class is absent
   */
  public static double rocAuc(double[] scores, boolean[] truth) {
    Integer[] order = orderDescending(scores, truth);
    long pos = positives(truth);
    long neg = truth.length - pos;
    if (pos == 0 || neg == 0) {
      throw new InvalidDataException("ROC AUC needs both anomalies and normal rows");
    }
    // Ascending ranks 1..n; order is descending, so rank of position k is n - k.
    int n = order.length;
    double rankSumPos = 0;
    int k = 0;
    while (k < n) {
      int j = k;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[k]]) {
        j++;
      }
      // positions k..j tie; their ascending ranks are n-j .. n-k, average (2n - j - k) / 2
      double avgRank = (2.0 * n - j - k) / 2;
      for (int m = k; m <= j; m++) {
        if (truth[order[m]]) {
          rankSumPos += avgRank;
        }
      }
      k = j + 1;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /**
   * Average precision (area under the precision–recall curve, step-wise).
   *
   * @param scores higher = more anomalous, no NaN
   * @param truth true = anomaly; at least one anomaly
   * @return the average precision in [0, 1]
   * @throws InvalidDataException if lengths differ, a score is NaN or no anomaly is present
   */
  public static double averagePrecision(double[] scores, boolean[] truth) {
    Integer[] order = orderDescending(scores, truth);
    long pos = positives(truth);
    if (pos == 0) {
      throw new InvalidDataException("average precision needs at least one anomaly");
    }
    int n = order.length;
    long tp = 0;
    long seen = 0;
    double ap = 0;
    double prevRecall = 0;
    int k = 0;
    while (k < n) {
      int j = k;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[k]]) {
        j++;
      }
      for (int m = k; m <= j; m++) {
        if (truth[order[m]]) {
          tp++;
        }
        seen++;
      }
      double recall = (double) tp / pos;
      double precision = (double) tp / seen;
      ap += (recall - prevRecall) * precision;
      prevRecall = recall;
      k = j + 1;
    }
    return ap;
  }
}
