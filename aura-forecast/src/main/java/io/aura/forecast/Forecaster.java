package io.aura.forecast;

/**
 * A forecasting method: the trainer half of the trainer/model split. {@link #fit} reads a series
 * and returns an immutable fitted {@link ForecastModel}; the forecaster itself holds only
 * configuration.
 *
 * <p>Input rules shared by every implementation: the series is a {@code double[]} of equally spaced
 * observations, oldest first, with a seasonal period {@code period >= 1} (1 = non-seasonal). NaN
 * means missing and is rejected by {@code fit} with an {@link
 * io.aura.features.InvalidDataException} (fit on a gap-free stretch, or impute first); too-short
 * series and non-positive values for multiplicative models are rejected the same way. Constant
 * series are accepted: methods return a constant forecast with zero-width intervals (documented per
 * method). The input array is never retained or modified.
 *
 * <p>Thread safety: implementations are immutable and may be shared; {@code fit} is safe to call
 * concurrently. Complexity and the algorithm's reference are stated by each implementation.
 */
public interface Forecaster {

  /**
   * Fits the method to a series.
   *
   * @param y observations, oldest first; not retained
   * @param period seasonal period ({@code >= 1}; 1 for none)
   * @return the fitted model
   * @throws io.aura.features.InvalidDataException if the series is too short, holds NaN or
   *     infinities, or breaks the method's value rules
   * @throws IllegalArgumentException if {@code period < 1}
   */
  ForecastModel fit(double[] y, int period);

  /**
   * A short stable name, as used by evaluation output (e.g. {@code "ets"}, {@code "theta"}).
   *
   * @return the method's name
   */
  String name();
}
