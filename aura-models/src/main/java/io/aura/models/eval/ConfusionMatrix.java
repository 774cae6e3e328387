package io.aura.models.eval;

import io.aura.features.InvalidDataException;

/**
 * Counts of a binary detector's verdicts against the truth, and the metrics derived from them.
 *
 * <p>Conventions (as scikit-learn with {@code zero_division=0}): precision is 0 when nothing was
 * predicted positive, recall is 0 when nothing is positive, F1 is 0 when precision + recall is 0.
 *
 * <p>Thread safety: immutable. Allocation: none beyond the record. Complexity: {@link #of} is O(n),
 * the metrics O(1).
 *
 * @param truePositives predicted anomaly, is anomaly
 * @param falsePositives predicted anomaly, is normal
 * @param trueNegatives predicted normal, is normal
 * @param falseNegatives predicted normal, is anomaly
 */
public record ConfusionMatrix(
    long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

  /** Rejects negative counts. */
  public ConfusionMatrix {
    if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException("confusion-matrix counts must be non-negative");
    }
  }

  /**
   * Counts predictions against truth.
   *
   * @param truth the true labels (true = anomaly)
   * @param predicted the predictions, same length
   * @return the matrix
   * @throws InvalidDataException if the lengths differ
   */
  public static ConfusionMatrix of(boolean[] truth, boolean[] predicted) {
    if (truth.length != predicted.length) {
      throw new InvalidDataException(
          "truth has "
              + truth.length
              + " labels but there are "
              + predicted.length
              + " predictions");
    }
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    for (int i = 0; i < truth.length; i++) {
      if (predicted[i]) {
        if (truth[i]) {
          tp++;
        } else {
          fp++;
        }
      } else if (truth[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    return new ConfusionMatrix(tp, fp, tn, fn);
  }

  /**
   * Counts thresholded scores ({@code score >= threshold} is an anomaly; NaN is not) against truth.
   *
   * @param truth the true labels
   * @param scores the scores, same length
   * @param threshold the threshold
   * @return the matrix
   */
  public static ConfusionMatrix atThreshold(boolean[] truth, double[] scores, double threshold) {
    boolean[] p = new boolean[scores.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = scores[i] >= threshold;
    }
    return of(truth, p);
  }

  /**
   * TP / (TP + FP), 0 when nothing was predicted positive.
   *
   * @return the precision
   */
  public double precision() {
    long d = truePositives + falsePositives;
    return d == 0 ? 0 : (double) truePositives / d;
  }

  /**
   * TP / (TP + FN), 0 when nothing is positive.
   *
   * @return the recall
   */
  public double recall() {
    long d = truePositives + falseNegatives;
    return d == 0 ? 0 : (double) truePositives / d;
  }

  /**
   * The harmonic mean of precision and recall, 0 when both are 0.
   *
   * @return F1
   */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /**
   * FP / (FP + TN), 0 when nothing is negative.
   *
   * @return the false-positive rate
   */
  public double falsePositiveRate() {
    long d = falsePositives + trueNegatives;
    return d == 0 ? 0 : (double) falsePositives / d;
  }
}
