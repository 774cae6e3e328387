package io.aura.models.detect;

/**
 * A one-step-ahead forecaster that a {@link ForecastResidualDetector} turns into a detector. This
 * is the seam where {@code aura-forecast}'s models (ETS, ARIMA, Theta) plug in: implement it by
 * predicting the next value, then learning from it.
 *
 * <p>Contract: for each row, {@link #forecast} is called first with the row's timestamp (it must
 * not see the value), then {@link #observe} with the actual value (NaN when missing).
 *
 * <p>Thread safety: implementations are mutable and confined to one thread. Allocation: {@link
 * #forecast} and {@link #observe} should not allocate. Complexity: documented by each
 * implementation.
 */
public interface OneStepForecaster {

  /**
   * The forecast for the next row.
   *
   * @param epochMillis the timestamp of the row to forecast
   * @return the forecast, NaN when the forecaster cannot forecast yet
   */
  double forecast(long epochMillis);

  /**
   * Learns the actual value of the row just forecast.
   *
   * @param epochMillis the timestamp
   * @param value the value, NaN when missing
   */
  void observe(long epochMillis, double value);

  /** Forgets all state. */
  void reset();
}
