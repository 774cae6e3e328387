package io.aura.forecast;

import io.aura.features.InvalidDataException;
import io.aura.forecast.eval.Accuracy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rolling-origin evaluation (Tashman, "Out-of-sample tests of forecasting accuracy: an analysis and
 * review", IJF 16(4), 2000): for each origin the method is refitted on the data up to the origin
 * and scored on the next {@code horizon} values. The last fold ends at the series' end; earlier
 * origins are {@code stride} steps apart. Scores are means over folds of the per-fold sMAPE, MASE
 * (scale from the fold's training data, period m, or 1 when the training part is not longer than
 * m), MAE, RMSE, interval coverage and MSIS at the requested level.
 *
 * <p>Thread safety: stateless; the forecaster must be immutable (all Aura forecasters are).
 * Complexity: {@code folds} fits plus O(folds h).
 */
public final class Backtest {
  private Backtest() {}

  /**
   * One fold.
   *
   * @param origin number of training observations
   * @param actual the held-out values
   * @param forecast the forecast made at the origin
   */
  public record Fold(int origin, double[] actual, Forecast forecast) {
    /**
     * Copies the held-out values.
     *
     * @param origin number of training observations
     * @param actual the held-out values (copied)
     * @param forecast the forecast
     */
    public Fold {
      actual = actual.clone();
    }

    /**
     * The held-out values (copy).
     *
     * @return the values
     */
    @Override
    public double[] actual() {
      return actual.clone();
    }
  }

  /**
   * Mean scores over folds.
   *
   * @param folds the folds
   * @param smape mean sMAPE
   * @param mase mean MASE
   * @param mae mean MAE
   * @param rmse mean RMSE
   * @param coverage mean interval coverage
   * @param msis mean MSIS
   * @param level the interval level scored
   */
  public record Summary(
      List<Fold> folds,
      double smape,
      double mase,
      double mae,
      double rmse,
      double coverage,
      double msis,
      double level) {}

  /**
   * Runs a rolling-origin backtest.
   *
   * @param method the method
   * @param y the series
   * @param period seasonal period
   * @param horizon steps per fold, {@code >= 1}
   * @param folds number of origins, {@code >= 1}
   * @param stride steps between origins, {@code >= 1}
   * @param level interval level in (0, 1)
   * @return the summary
   * @throws InvalidDataException if the first origin leaves fewer than 2 training values
   */
  public static Summary rollingOrigin(
      Forecaster method, double[] y, int period, int horizon, int folds, int stride, double level) {
    Objects.requireNonNull(method, "method");
    if (horizon < 1 || folds < 1 || stride < 1) {
      throw new IllegalArgumentException(
          "horizon, folds and stride must be >= 1: " + horizon + ", " + folds + ", " + stride);
    }
    int first = y.length - horizon - (folds - 1) * stride;
    if (first < 2) {
      throw new InvalidDataException(
          "backtest: series of "
              + y.length
              + " too short for "
              + folds
              + " folds of horizon "
              + horizon
              + " with stride "
              + stride);
    }
    List<Fold> out = new ArrayList<>();
    double sm = 0;
    double ma = 0;
    double ae = 0;
    double rm = 0;
    double cov = 0;
    double ms = 0;
    for (int k = 0; k < folds; k++) {
      int origin = first + k * stride;
      double[] train = java.util.Arrays.copyOfRange(y, 0, origin);
      double[] test = java.util.Arrays.copyOfRange(y, origin, origin + horizon);
      Forecast f = method.fit(train, period).forecast(horizon, level);
      int m = origin > period ? period : 1;
      double[] mean = f.mean();
      double[] lo = f.lower(level);
      double[] up = f.upper(level);
      sm += Accuracy.smape(test, mean);
      ma += Accuracy.mase(train, m, test, mean);
      ae += Accuracy.mae(test, mean);
      rm += Accuracy.rmse(test, mean);
      cov += Accuracy.coverage(test, lo, up);
      ms += Accuracy.msis(train, m, test, lo, up, level);
      out.add(new Fold(origin, test, f));
    }
    return new Summary(
        List.copyOf(out),
        sm / folds,
        ma / folds,
        ae / folds,
        rm / folds,
        cov / folds,
        ms / folds,
        level);
  }
}
