package io.aura.forecast;

import java.util.List;

/**
 * The automatic method: the step-wise median of three different forecasters (a combination, as the
 * M4 competition found combinations most accurate: Makridakis, Spiliotis &amp; Assimakopoulos, IJF
 * 36(1), 2020).
 *
 * <p>Seasonal series (period m &gt; 1, {@code n >= 2m}):
 *
 * <ol>
 *   <li>{@link NaiveForecaster#seasonalNaiveSelectedLag()}: seasonal naive at the lag (m/2 .. 7m +
 *       2) with the smallest recent in-sample error, which catches weekly cycles of hourly data and
 *       cycles slightly off the nominal period;
 *   <li>{@link MstlForecaster}: MSTL on the log scale for positive data, periods m and, for hourly
 *       data (m = 24) with two weeks of history, also 168; non-seasonal ETS (AICc) on the adjusted
 *       series; its interval calibration is off ({@link MstlForecaster#withCalibration
 *       withCalibration(0, 0)}): the combination's own 95% coverage was 0.952 on the validation
 *       split without it, and the refits would cost three more MSTL fits per series;
 *   <li>{@link ArimaForecaster#auto()} seasonal ARIMA, with the CSS estimates of the stepwise
 *       search kept ({@link ArimaForecaster#withExactFinalFit(boolean) withExactFinalFit(false)}).
 * </ol>
 *
 * Non-seasonal or short series: the median of ETS (AICc), Theta and auto ARIMA.
 *
 * <p>This composition was chosen on a validation split of the M4 Hourly training data (each series'
 * last 48 training values held out), not on the M4 test values; docs/forecast.md gives the figures.
 * Intervals are the median of the members' bounds (see {@link Combination}).
 *
 * <p>Thread safety: immutable. Complexity: the three members' fits; dominated by the ARIMA search
 * for seasonal data.
 */
public final class AutoForecaster implements Forecaster {
  private final boolean median;

  private AutoForecaster(boolean median) {
    this.median = median;
  }

  /**
   * The automatic method (step-wise median of the three members).
   *
   * @return the forecaster
   */
  public static AutoForecaster create() {
    return new AutoForecaster(true);
  }

  /**
   * The same three members combined by their step-wise mean instead of the median (name {@code
   * auto-mean}); a candidate of the validation protocol of {@code eval.M4Evaluation}.
   *
   * @return the forecaster
   */
  public static AutoForecaster mean() {
    return new AutoForecaster(false);
  }

  @Override
  public String name() {
    return median ? "auto" : "auto-mean";
  }

  static Combination members(int n, int period) {
    return members(n, period, true);
  }

  static Combination members(int n, int period, boolean median) {
    java.util.function.Function<List<? extends Forecaster>, Combination> rule =
        median ? Combination::median : Combination::mean;
    if (period > 1 && n >= 2 * period) {
      int[] periods = period == 24 && n >= 2 * 168 ? new int[] {24, 168} : new int[] {period};
      return rule.apply(
          List.of(
              NaiveForecaster.seasonalNaiveSelectedLag(),
              MstlForecaster.of(EtsForecaster.autoNonSeasonal())
                  .withPeriods(periods)
                  .withLog(true)
                  .withCalibration(0, 0),
              ArimaForecaster.auto().withExactFinalFit(false)));
    }
    return rule.apply(
        List.of(
            EtsForecaster.autoNonSeasonal(),
            ThetaForecaster.standard(),
            ArimaForecaster.auto().withExactFinalFit(false)));
  }

  @Override
  public ForecastModel fit(double[] y, int period) {
    Checks.series(y, period, 4, name());
    return members(y.length, period, median).fit(y, period);
  }
}
