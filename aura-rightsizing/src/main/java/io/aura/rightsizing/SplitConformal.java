package io.aura.rightsizing;

import java.util.Arrays;

/**
 * Split-conformal upper quantile (Vovk, Gammerman &amp; Shafer, "Algorithmic Learning in a Random
 * World", 2005; Lei et al., "Distribution-free predictive inference for regression", JASA 2018):
 * with n exchangeable calibration scores, the {@code k = ceil((n + 1)(1 - budget))}-th smallest
 * is exceeded by a new score with probability at most {@code budget}. When {@code k > n} no
 * finite quantile has that guarantee: the result is NaN (the caller falls back).
 *
 * <p>Stateless, thread-safe. Cost: O(n log n) (a sorted copy of the finite scores).
 */
public final class SplitConformal {
  private SplitConformal() {}

  /**
   * The conformal upper quantile.
   *
   * @param scores calibration scores; NaN entries are skipped (missing windows)
   * @param budget allowed exceedance probability in (0, 1)
   * @return the quantile, or NaN when there are too few scores for the budget
   */
  public static double upper(double[] scores, double budget) {
    if (!(budget > 0 && budget < 1)) {
      throw new IllegalArgumentException("budget must be in (0, 1), got " + budget);
    }
    double[] s = new double[scores.length];
    int n = 0;
    for (double v : scores) {
      if (!Double.isNaN(v)) {
        s[n++] = v;
      }
    }
    int k = (int) Math.ceil((n + 1) * (1 - budget) - 1e-9);
    if (n == 0 || k > n) {
      return Double.NaN;
    }
    s = Arrays.copyOf(s, n);
    Arrays.sort(s);
    return s[Math.max(k, 1) - 1];
  }

  /**
   * The fraction of finite scores above a threshold (the backtests' own violation rate).
   *
   * @param scores scores, NaN skipped
   * @param threshold the threshold
   * @return the fraction, NaN without scores
   */
  public static double exceedance(double[] scores, double threshold) {
    int n = 0;
    int above = 0;
    for (double v : scores) {
      if (!Double.isNaN(v)) {
        n++;
        if (v > threshold) {
          above++;
        }
      }
    }
    return n == 0 ? Double.NaN : (double) above / n;
  }
}
