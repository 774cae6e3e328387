package io.aura.ensemble.calibration;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Trains an {@link IsotonicCalibrator}: the weighted least-squares non-decreasing fit of targets on
 * scores, by the pool-adjacent-violators algorithm (Barlow, Bartholomew, Bremner &amp; Brunk 1972,
 * "Statistical Inference under Order Restrictions", ch. 1; used for probability calibration by
 * Zadrozny &amp; Elkan 2002, "Transforming classifier scores into accurate multiclass probability
 * estimates", KDD). Equal scores are first pooled into one point with their weighted mean target
 * (the "secondary" treatment of ties, de Leeuw 1977), so equal scores always calibrate to equal
 * values.
 *
 * <p>Thread safety: stateless; {@link #fit} may run concurrently. Allocation: O(n). Complexity: O(n
 * log n) for the sort, O(n) for PAV (each point is merged at most once).
 */
public final class IsotonicRegression {
  private IsotonicRegression() {}

  /**
   * Fits calibrated probabilities to 0/1 labels.
   *
   * @param scores raw scores, finite
   * @param labels 0 or 1 per score
   * @return the calibrator; its values lie in [0, 1]
   * @throws InvalidDataException on a length mismatch, an empty set, a non-finite score or a label
   *     other than 0/1
   */
  public static IsotonicCalibrator fit(double[] scores, int[] labels) {
    Inputs.requireScoresAndLabels(scores, labels);
    double[] y = new double[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[i];
    }
    return fitUnchecked(scores, y, null);
  }

  /**
   * Fits a weighted non-decreasing regression of {@code targets} on {@code scores}.
   *
   * @param scores finite x values
   * @param targets finite y values, same length
   * @param weights positive finite weights, same length, or {@code null} for unit weights
   * @return the calibrator
   * @throws InvalidDataException on a length mismatch, an empty set, a non-finite value or a
   *     non-positive weight
   */
  public static IsotonicCalibrator fit(double[] scores, double[] targets, double[] weights) {
    if (scores.length != targets.length || (weights != null && weights.length != scores.length)) {
      throw new InvalidDataException(
          "scores, targets and weights differ in length: "
              + scores.length
              + ", "
              + targets.length
              + ", "
              + (weights == null ? "none" : String.valueOf(weights.length)));
    }
    if (scores.length == 0) {
      throw new InvalidDataException("no scores to fit");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i]) || !Double.isFinite(targets[i])) {
        throw new InvalidDataException(
            "sample "
                + i
                + " is not finite (score "
                + scores[i]
                + ", target "
                + targets[i]
                + "); drop missing samples first");
      }
      if (weights != null && !(weights[i] > 0 && Double.isFinite(weights[i]))) {
        throw new InvalidDataException(
            "weight " + i + " is " + weights[i] + "; weights must be positive and finite");
      }
    }
    return fitUnchecked(scores, targets, weights);
  }

  private static IsotonicCalibrator fitUnchecked(double[] x, double[] y, double[] w) {
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(x[p], x[q]));
    // 1) pool equal scores into single points (secondary approach), in score order
    double[] px = new double[n];
    double[] py = new double[n];
    double[] pw = new double[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      double wi = w == null ? 1 : w[i];
      if (m > 0 && px[m - 1] == x[i]) {
        double tw = pw[m - 1] + wi;
        py[m - 1] += (y[i] - py[m - 1]) * wi / tw;
        pw[m - 1] = tw;
      } else {
        px[m] = x[i];
        py[m] = y[i];
        pw[m] = wi;
        m++;
      }
    }
    // 2) pool adjacent violators; blocks kept as a stack (lower score, upper score, mean, weight).
    // Equal neighbouring means are pooled too, which leaves the fit unchanged and the blocks fewer.
    double[] lo = new double[m];
    double[] hi = new double[m];
    double[] mean = new double[m];
    double[] weight = new double[m];
    int top = -1;
    for (int k = 0; k < m; k++) {
      top++;
      lo[top] = px[k];
      hi[top] = px[k];
      mean[top] = py[k];
      weight[top] = pw[k];
      while (top > 0 && mean[top - 1] >= mean[top]) {
        double tw = weight[top - 1] + weight[top];
        mean[top - 1] = (mean[top - 1] * weight[top - 1] + mean[top] * weight[top]) / tw;
        weight[top - 1] = tw;
        hi[top - 1] = hi[top];
        top--;
      }
    }
    int b = top + 1;
    return new IsotonicCalibrator(
        Arrays.copyOf(lo, b), Arrays.copyOf(hi, b), Arrays.copyOf(mean, b));
  }
}
