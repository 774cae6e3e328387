package io.aura.models.detect;

import io.aura.features.RollingWindow;

/**
 * Scores each value by how far it lands from a one-step-ahead forecast, relative to the recent
 * forecast errors: {@code r = x − forecast}, score {@code |r − median(R)| / (1.4826 MAD(R))} over
 * the previous {@code residualWindow} residuals (the residual-monitoring scheme of e.g. Hyndman
 * &amp; Athanasopoulos, <i>FPP</i> §5.3, made robust). Causal: the forecast for {@code t} is made
 * before the value at {@code t} is shown to the forecaster.
 *
 * <p>Score in [0, ∞); NaN when the forecaster returns NaN, before {@code minValid} residuals, or
 * for a missing value.
 *
 * <p>Thread safety: not thread-safe. Allocation: none per update beyond the forecaster's.
 * Complexity: the forecaster's cost plus O(residualWindow).
 */
public final class ForecastResidualDetector implements StreamingDetector {
  private final OneStepForecaster forecaster;
  private final RollingWindow residuals;
  private final int minValid;

  /**
   * Creates the detector.
   *
   * @param forecaster the forecaster (owned by this detector from now on)
   * @param residualWindow the residuals the score is relative to, at least 2
   * @param minValid residuals needed before scoring, in [1, residualWindow]
   */
  public ForecastResidualDetector(OneStepForecaster forecaster, int residualWindow, int minValid) {
    if (residualWindow < 2 || minValid < 1 || minValid > residualWindow) {
      throw new IllegalArgumentException(
          "need residualWindow >= 2 and 1 <= minValid <= residualWindow, got "
              + residualWindow
              + ", "
              + minValid);
    }
    this.forecaster = forecaster;
    this.residuals = RobustScale.window(residualWindow);
    this.minValid = minValid;
  }

  /**
   * A detector on the naive forecast (the previous valid value), the simplest useful baseline.
   *
   * @param residualWindow the residual window
   * @param minValid residuals needed before scoring
   * @return the detector
   */
  public static ForecastResidualDetector naive(int residualWindow, int minValid) {
    return new ForecastResidualDetector(new NaiveForecaster(), residualWindow, minValid);
  }

  @Override
  public double update(long epochMillis, double value) {
    double f = forecaster.forecast(epochMillis);
    double score = Double.NaN;
    if (!Double.isNaN(value) && !Double.isNaN(f)) {
      double r = value - f;
      if (residuals.validCount() >= minValid) {
        score = RobustScale.z(r, residuals);
      }
      residuals.push(r);
    }
    forecaster.observe(epochMillis, value);
    return score;
  }

  @Override
  public void reset() {
    forecaster.reset();
    residuals.clear();
  }

  /** Forecasts the previous valid value. Not thread-safe; O(1), no allocation. */
  private static final class NaiveForecaster implements OneStepForecaster {
    private double last = Double.NaN;

    @Override
    public double forecast(long epochMillis) {
      return last;
    }

    @Override
    public void observe(long epochMillis, double value) {
      if (!Double.isNaN(value)) {
        last = value;
      }
    }

    @Override
    public void reset() {
      last = Double.NaN;
    }
  }
}
