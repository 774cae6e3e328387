/**
 * Aura's forecasting: {@link io.aura.forecast.Forecaster} trainers fit immutable {@link
 * io.aura.forecast.ForecastModel}s that give {@link io.aura.forecast.Forecast}s (points and
 * prediction intervals) and absorb new observations by state updates without refitting.
 *
 * <p>Methods: naive benchmarks and M4's Naive2 ({@link io.aura.forecast.NaiveForecaster}), ETS
 * ({@link io.aura.forecast.EtsForecaster}), Theta ({@link io.aura.forecast.ThetaForecaster}),
 * seasonal ARIMA ({@link io.aura.forecast.ArimaForecaster}), MSTL decomposition ({@link
 * io.aura.forecast.MstlForecaster}), combinations ({@link io.aura.forecast.Combination}) and the
 * automatic method ({@link io.aura.forecast.AutoForecaster}). Around them: rolling-origin backtests
 * ({@link io.aura.forecast.Backtest}), time to threshold and early warnings ({@link
 * io.aura.forecast.TimeToThreshold}, {@link io.aura.forecast.EarlyWarning}). Accuracy measures and
 * the M4 evaluation runner live in {@code io.aura.forecast.eval}.
 *
 * <p>All public types are immutable or stateless and safe to share between threads. See
 * docs/forecast.md for references, figures measured on M4 Hourly and known limitations.
 */
package io.aura.forecast;
