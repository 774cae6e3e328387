package io.aura.rightsizing;

/** How a recommendation's limit was set. */
public enum LimitPolicy {
  /** No limit (KRR's CPU, and VPA's CPU when the workload has none). */
  NONE,
  /** The limit equals the request (KRR's memory; a memory limit at the recommended allocation). */
  EQUAL_TO_REQUEST,
  /** The limit keeps the workload's original limit / request ratio (VPA's default). */
  PROPORTIONAL_TO_REQUEST,
  /**
   * The limit is the calibrated forecast of the peak: exceeded at most at the expected violation
   * rate.
   */
  FORECAST_PEAK
}
