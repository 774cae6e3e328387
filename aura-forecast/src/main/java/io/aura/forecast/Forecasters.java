package io.aura.forecast;

import java.util.List;

/**
 * The named methods, for evaluation programs and command lines. Each name maps to a fresh,
 * immutable {@link Forecaster}:
 *
 * <ul>
 *   <li>{@code naive}, {@code snaive}, {@code snaive168}, {@code snaive-lag}, {@code naive2}
 *       &mdash; {@link NaiveForecaster};
 *   <li>{@code ses} &mdash; M4's SES benchmark: {@link EtsForecaster#ses()} on the M4 seasonally
 *       adjusted series;
 *   <li>{@code theta}, {@code otm} &mdash; M4's Theta benchmark and the optimised Theta: {@link
 *       ThetaForecaster} on the M4 seasonally adjusted series;
 *   <li>{@code ets} &mdash; {@link EtsForecaster#auto()};
 *   <li>{@code arima} &mdash; {@link ArimaForecaster#auto()}; {@code arima-css} keeps the CSS
 *       estimates of the search ({@link ArimaForecaster#withExactFinalFit});
 *   <li>{@code auto}, {@code auto-mean} &mdash; {@link AutoForecaster#create()} and {@link
 *       AutoForecaster#mean()};
 *   <li>{@code mstl-ets}, {@code mstl-theta}, {@code mstl-naive}, {@code mstl-ets-log}, {@code
 *       mstl-theta-log} &mdash; {@link MstlForecaster} with periods 24 and 168 (hourly data).
 * </ul>
 *
 * <p>Thread safety: stateless. Complexity: O(1) per lookup; each call allocates a new forecaster.
 */
public final class Forecasters {
  private static final List<String> NAMES =
      List.of(
          "naive",
          "snaive",
          "snaive168",
          "snaive-lag",
          "naive2",
          "ses",
          "theta",
          "otm",
          "ets",
          "arima",
          "arima-css",
          "auto",
          "auto-mean",
          "mstl-ets",
          "mstl-theta",
          "mstl-naive",
          "mstl-ets-log",
          "mstl-theta-log");

  private Forecasters() {}

  /**
   * The known names.
   *
   * @return the names
   */
  public static List<String> names() {
    return NAMES;
  }

  /**
   * A forecaster by name.
   *
   * @param name one of {@link #names()}
   * @return the forecaster
   * @throws IllegalArgumentException for an unknown name
   */
  public static Forecaster byName(String name) {
    switch (name) {
      case "naive":
        return NaiveForecaster.naive();
      case "snaive":
        return NaiveForecaster.seasonalNaive();
      case "naive2":
        return NaiveForecaster.naive2();
      case "snaive168":
        return NaiveForecaster.seasonalNaive(168);
      case "snaive-lag":
        return NaiveForecaster.seasonalNaiveSelectedLag();
      case "ses":
        return named("ses", SeasonallyAdjusted.of(EtsForecaster.ses()));
      case "theta":
        return named("theta", SeasonallyAdjusted.of(ThetaForecaster.standard()));
      case "otm":
        return named("otm", SeasonallyAdjusted.of(ThetaForecaster.optimized()));
      case "ets":
        return EtsForecaster.auto();
      case "auto":
        return AutoForecaster.create();
      case "auto-mean":
        return AutoForecaster.mean();
      case "arima":
        return ArimaForecaster.auto();
      case "arima-css":
        return ArimaForecaster.auto().withExactFinalFit(false);
      case "mstl-ets":
        return MstlForecaster.of(EtsForecaster.autoNonSeasonal()).withPeriods(24, 168).named(name);
      case "mstl-theta":
        return MstlForecaster.of(ThetaForecaster.standard()).withPeriods(24, 168).named(name);
      case "mstl-naive":
        return MstlForecaster.of(NaiveForecaster.naive()).withPeriods(24, 168).named(name);
      case "mstl-ets-log":
        return MstlForecaster.of(EtsForecaster.autoNonSeasonal())
            .withPeriods(24, 168)
            .withLog(true)
            .named(name);
      case "mstl-theta-log":
        return MstlForecaster.of(ThetaForecaster.standard())
            .withPeriods(24, 168)
            .withLog(true)
            .named(name);
      default:
        throw new IllegalArgumentException("unknown method '" + name + "'; known: " + NAMES);
    }
  }

  static Forecaster named(String name, Forecaster f) {
    return new Forecaster() {
      @Override
      public ForecastModel fit(double[] y, int period) {
        return f.fit(y, period);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
