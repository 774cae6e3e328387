package io.aura.forecast;

/**
 * The M4 competition's seasonal adjustment: a 90% autocorrelation test for seasonality at lag
 * {@code m}, then classical multiplicative decomposition.
 *
 * <p>This reproduces the R benchmark code published with the competition ({@code SeasonalityTest}
 * and {@code decompose(type = "multiplicative")} in Makridakis, Spiliotis &amp; Assimakopoulos,
 * "The M4 Competition: 100,000 time series and 61 forecasting methods", IJF 36(1), 2020, repository
 * Mcompetitions/M4-methods): the series is seasonal when it has at least {@code 3m} observations
 * and {@code |r_m| > 1.645 sqrt((1 + 2 sum_{k<m} r_k^2) / n)}, where {@code r_k} is the sample
 * autocorrelation. (The Python port of the same test adds {@code r_1} unsquared; the R version,
 * which produced the published benchmark figures, is used here.) The seasonal indices are the
 * per-phase means of {@code y / MA}, where MA is the centred 2&times;m (even m) or m (odd m) moving
 * average, normalised to mean 1.
 *
 * <p>Thread safety: stateless. Complexity: O(n m) for the test, O(n) for the indices.
 */
public final class M4Seasonality {
  private M4Seasonality() {}

  /**
   * Sample autocorrelation at lag {@code k} (R's {@code acf} definition, divisor n).
   *
   * @param y the series
   * @param k the lag, {@code 0 <= k < n}
   * @return the autocorrelation; 0 for a constant series
   */
  public static double acf(double[] y, int k) {
    double mean = Checks.mean(y, 0, y.length);
    double num = 0;
    double den = 0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - mean;
      den += d * d;
      if (i >= k) {
        num += d * (y[i - k] - mean);
      }
    }
    return den == 0 ? 0 : num / den;
  }

  /**
   * The M4 seasonality test at lag {@code m} (90%, two-sided).
   *
   * @param y the series
   * @param m the period
   * @return true when the series is judged seasonal; always false for {@code m <= 1} or {@code n <
   *     3m}
   */
  public static boolean isSeasonal(double[] y, int m) {
    if (m <= 1 || y.length < 3 * m) {
      return false;
    }
    double s = 1;
    for (int k = 1; k < m; k++) {
      double r = acf(y, k);
      s += 2 * r * r;
    }
    double limit = 1.645 / Math.sqrt(y.length) * Math.sqrt(s);
    return Math.abs(acf(y, m)) > limit;
  }

  /**
   * Multiplicative seasonal indices of classical decomposition, aligned so that observation {@code
   * i} has index {@code result[i % m]}; they average to 1.
   *
   * @param y the series (positive values for meaningful indices)
   * @param m the period, {@code >= 2}, with {@code n >= 2m}
   * @return the indices, length m
   */
  public static double[] multiplicativeIndices(double[] y, int m) {
    int n = y.length;
    double[] sum = new double[m];
    int[] count = new int[m];
    boolean even = m % 2 == 0;
    int half = m / 2;
    for (int t = half; t < n - half; t++) {
      double ma;
      if (even) {
        double s = 0.5 * y[t - half] + 0.5 * y[t + half];
        for (int j = t - half + 1; j < t + half; j++) {
          s += y[j];
        }
        ma = s / m;
      } else {
        double s = 0;
        for (int j = t - half; j <= t + half; j++) {
          s += y[j];
        }
        ma = s / m;
      }
      sum[t % m] += y[t] / ma;
      count[t % m]++;
    }
    double[] idx = new double[m];
    double total = 0;
    for (int j = 0; j < m; j++) {
      idx[j] = count[j] == 0 ? 1 : sum[j] / count[j];
      total += idx[j];
    }
    double norm = total / m;
    for (int j = 0; j < m; j++) {
      idx[j] /= norm;
    }
    return idx;
  }

  /**
   * Additive seasonal effects of classical decomposition, aligned as in {@link
   * #multiplicativeIndices}; they sum to 0.
   *
   * @param y the series
   * @param m the period, {@code >= 2}, with {@code n >= 2m}
   * @return the effects, length m
   */
  public static double[] additiveEffects(double[] y, int m) {
    int n = y.length;
    double[] sum = new double[m];
    int[] count = new int[m];
    int half = m / 2;
    boolean even = m % 2 == 0;
    for (int t = half; t < n - half; t++) {
      double s = even ? 0.5 * y[t - half] + 0.5 * y[t + half] : y[t - half] + y[t + half];
      for (int j = t - half + 1; j < t + half; j++) {
        s += y[j];
      }
      double ma = s / m;
      sum[t % m] += y[t] - ma;
      count[t % m]++;
    }
    double[] eff = new double[m];
    double total = 0;
    for (int j = 0; j < m; j++) {
      eff[j] = count[j] == 0 ? 0 : sum[j] / count[j];
      total += eff[j];
    }
    for (int j = 0; j < m; j++) {
      eff[j] -= total / m;
    }
    return eff;
  }
}
