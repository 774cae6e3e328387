package io.aura.forecast;

/**
 * A fitted forecasting model: its parameters and its state at the end of the data seen so far.
 *
 * <p>Models are immutable. {@link #update(double)} does not modify the receiver: it returns a new
 * model whose state has absorbed one more observation by the model's own state recursion (an
 * exponential-smoothing or Kalman-filter step), without re-estimating parameters. This makes a
 * model safe to share between threads and lets a caller keep several "what-if" branches. The cost
 * of {@code update} is that of one state step (O(state size)), not of a refit; refit periodically
 * when the data may have changed regime.
 *
 * <p>Thread safety: immutable, safe for concurrent use.
 */
public interface ForecastModel {

  /**
   * Forecasts the next {@code horizon} steps with prediction intervals.
   *
   * @param horizon number of steps ahead, {@code >= 1}
   * @param levels interval coverage probabilities, each in (0, 1), e.g. {@code 0.8, 0.95}; may be
   *     empty for point forecasts only
   * @return the point forecasts and, per level, the lower and upper bounds
   * @throws IllegalArgumentException if {@code horizon < 1} or a level is outside (0, 1)
   */
  Forecast forecast(int horizon, double... levels);

  /**
   * Absorbs one new observation and returns the updated model; this model is unchanged.
   *
   * @param y the next observation; NaN means missing: the state advances on its own one-step
   *     forecast (a zero innovation), as a Kalman filter does for a missing observation
   * @return a new model whose forecasts start one step later
   * @throws io.aura.features.InvalidDataException if {@code y} is infinite, or non-positive for a
   *     model with multiplicative components
   */
  ForecastModel update(double y);

  /**
   * The seasonal period the model was fitted with.
   *
   * @return the period, {@code >= 1}
   */
  int period();

  /**
   * Number of observations absorbed: fitted plus updated.
   *
   * @return the count
   */
  long observations();

  /**
   * A human-readable description of the model and its estimated parameters, e.g. {@code ETS(M,Ad,N)
   * alpha=0.61 beta=0.02 phi=0.95}.
   *
   * @return the description
   */
  String description();
}
