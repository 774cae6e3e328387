package io.aura.forecast.eval;

import io.aura.features.InvalidDataException;

/**
 * Forecast accuracy measures with the M4 competition's definitions (Makridakis, Spiliotis &amp;
 * Assimakopoulos, "The M4 Competition: 100,000 time series and 61 forecasting methods", IJF 36(1),
 * 2020, section 2.3) plus MAE, RMSE and interval coverage.
 *
 * <ul>
 *   <li>sMAPE = (1/h) &Sigma; 200 |y - f| / (|y| + |f|) (a term with zero denominator counts 0);
 *   <li>MASE = (1/h) &Sigma; |y - f| / scale, scale = mean in-sample |y_t - y_{t-m}|, t &gt; m;
 *   <li>MSIS = (1/h) &Sigma; [(U - L) + (2/a)(L - y)1{y &lt; L} + (2/a)(y - U)1{y &gt; U}] / scale
 *       for a (1 - a) interval;
 *   <li>OWA = &frac12; (sMAPE / sMAPE<sub>Naive2</sub> + MASE / MASE<sub>Naive2</sub>), computed by
 *       M4 on set-level averages (see {@link #owa}).
 * </ul>
 *
 * <p>NaN in actuals or forecasts is rejected (an accuracy figure silently over fewer points would
 * be wrong). Thread safety: stateless. Complexity: O(h), MASE scale O(n).
 */
public final class Accuracy {
  private Accuracy() {}

  /**
   * Symmetric MAPE in percent (0..200).
   *
   * @param actual the observed values
   * @param forecast the forecasts
   * @return sMAPE
   */
  public static double smape(double[] actual, double[] forecast) {
    check(actual, forecast);
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      double den = Math.abs(actual[i]) + Math.abs(forecast[i]);
      if (den > 0) {
        s += 200 * Math.abs(actual[i] - forecast[i]) / den;
      }
    }
    return s / actual.length;
  }

  /**
   * The MASE scale: mean absolute seasonal difference of the in-sample series.
   *
   * @param insample the training series
   * @param m the seasonal period ({@code >= 1})
   * @return the scale
   * @throws InvalidDataException if {@code n <= m}
   */
  public static double maseScale(double[] insample, int m) {
    if (m < 1 || insample.length <= m) {
      throw new InvalidDataException(
          "MASE scale needs more than m=" + m + " in-sample values, got " + insample.length);
    }
    double s = 0;
    for (int i = m; i < insample.length; i++) {
      s += Math.abs(insample[i] - insample[i - m]);
    }
    return s / (insample.length - m);
  }

  /**
   * Mean absolute scaled error.
   *
   * @param insample the training series, for the scale
   * @param m the seasonal period
   * @param actual the observed values
   * @param forecast the forecasts
   * @return MASE (infinite when the scale is 0 and the error is not)
   */
  public static double mase(double[] insample, int m, double[] actual, double[] forecast) {
    return mae(actual, forecast) / maseScale(insample, m);
  }

  /**
   * Mean absolute error.
   *
   * @param actual observed
   * @param forecast forecast
   * @return MAE
   */
  public static double mae(double[] actual, double[] forecast) {
    check(actual, forecast);
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      s += Math.abs(actual[i] - forecast[i]);
    }
    return s / actual.length;
  }

  /**
   * Root mean squared error.
   *
   * @param actual observed
   * @param forecast forecast
   * @return RMSE
   */
  public static double rmse(double[] actual, double[] forecast) {
    check(actual, forecast);
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      double d = actual[i] - forecast[i];
      s += d * d;
    }
    return Math.sqrt(s / actual.length);
  }

  /**
   * Fraction of actuals inside [lower, upper] (inclusive).
   *
   * @param actual observed
   * @param lower lower bounds
   * @param upper upper bounds
   * @return coverage in [0, 1]
   */
  public static double coverage(double[] actual, double[] lower, double[] upper) {
    check(actual, lower);
    check(actual, upper);
    int in = 0;
    for (int i = 0; i < actual.length; i++) {
      if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
        in++;
      }
    }
    return (double) in / actual.length;
  }

  /**
   * Mean scaled interval score (M4) for a {@code level} interval, {@code a = 1 - level}.
   *
   * @param insample training series, for the scale
   * @param m seasonal period
   * @param actual observed
   * @param lower lower bounds
   * @param upper upper bounds
   * @param level the interval's nominal coverage, e.g. 0.95
   * @return MSIS
   */
  public static double msis(
      double[] insample, int m, double[] actual, double[] lower, double[] upper, double level) {
    check(actual, lower);
    check(actual, upper);
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0,1), got " + level);
    }
    double a = 1 - level;
    double s = 0;
    for (int i = 0; i < actual.length; i++) {
      s += upper[i] - lower[i];
      if (actual[i] < lower[i]) {
        s += 2 / a * (lower[i] - actual[i]);
      } else if (actual[i] > upper[i]) {
        s += 2 / a * (actual[i] - upper[i]);
      }
    }
    return s / actual.length / maseScale(insample, m);
  }

  /**
   * Overall weighted average relative to Naive2, from set-level mean sMAPE and MASE.
   *
   * @param smape the method's mean sMAPE over the set
   * @param mase the method's mean MASE over the set
   * @param smapeNaive2 Naive2's mean sMAPE over the same set
   * @param maseNaive2 Naive2's mean MASE over the same set
   * @return OWA (1 = as good as Naive2, lower is better)
   */
  public static double owa(double smape, double mase, double smapeNaive2, double maseNaive2) {
    return 0.5 * (smape / smapeNaive2 + mase / maseNaive2);
  }

  private static void check(double[] a, double[] f) {
    if (a.length != f.length || a.length == 0) {
      throw new InvalidDataException(
          "accuracy: lengths differ or are empty: " + a.length + " vs " + f.length);
    }
    for (int i = 0; i < a.length; i++) {
      if (Double.isNaN(a[i]) || Double.isNaN(f[i])) {
        throw new InvalidDataException("accuracy: NaN at step " + i);
      }
    }
  }
}
