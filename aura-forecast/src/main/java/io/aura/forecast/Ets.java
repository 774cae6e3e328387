package io.aura.forecast;

/**
 * The exponential smoothing taxonomy of Hyndman, Koehler, Ord &amp; Snyder, "Forecasting with
 * Exponential Smoothing: The State Space Approach" (Springer, 2008), restricted to the models with
 * finite forecast variance: error additive or multiplicative, trend none / additive / additive
 * damped, season none / additive / multiplicative.
 *
 * <p>Thread safety: immutable value type.
 *
 * @param error the error type
 * @param trend the trend type
 * @param season the seasonal type
 */
public record Ets(Error error, Trend trend, Season season) {

  /** Error type: additive or multiplicative (relative) innovations. */
  public enum Error {
    /** y = mu + e. */
    ADDITIVE,
    /** y = mu (1 + e). */
    MULTIPLICATIVE
  }

  /** Trend type. */
  public enum Trend {
    /** No trend. */
    NONE,
    /** Additive (linear) trend. */
    ADDITIVE,
    /** Additive trend damped by phi in [0.8, 0.98]. */
    DAMPED
  }

  /** Seasonal type. */
  public enum Season {
    /** No season. */
    NONE,
    /** Additive season. */
    ADDITIVE,
    /** Multiplicative season. */
    MULTIPLICATIVE
  }

  /**
   * Creates a model type.
   *
   * @param error error type, not null
   * @param trend trend type, not null
   * @param season seasonal type, not null
   */
  public Ets {
    if (error == null || trend == null || season == null) {
      throw new NullPointerException("ETS components must not be null");
    }
  }

  /**
   * Whether the model has a multiplicative component (and so needs positive data).
   *
   * @return true for multiplicative error or season
   */
  public boolean multiplicative() {
    return error == Error.MULTIPLICATIVE || season == Season.MULTIPLICATIVE;
  }

  /**
   * The usual short name, e.g. {@code ETS(M,Ad,N)}.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return "ETS("
        + (error == Error.ADDITIVE ? "A" : "M")
        + ","
        + (trend == Trend.NONE ? "N" : trend == Trend.ADDITIVE ? "A" : "Ad")
        + ","
        + (season == Season.NONE ? "N" : season == Season.ADDITIVE ? "A" : "M")
        + ")";
  }
}
