package io.aura.rightsizing;

import java.util.Objects;

/**
 * What the forecast-aware recommender must not go below, and the state it falls back to.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param vpa VPA's current recommendation for the container: its lower bound is a floor and its
 *     target is the fallback
 * @param workingSetSinceRestart the largest memory working set since the container's last
 *     restart, bytes (NaN when unknown); memory is never below it × the guard factor
 * @param oomRequestBytes the memory request at an OOM kill within the last aggregation interval,
 *     bytes (NaN when none); memory is then at least VPA's OOM bump of it
 * @param previousAllocation the allocation in force at the start of the period (NaN when none):
 *     an hourly schedule falls from it slowly
 */
public record Guards(
    VpaRecommendation vpa,
    double workingSetSinceRestart,
    double oomRequestBytes,
    double previousAllocation) {

  /**
   * Validates.
   *
   * @param vpa VPA's recommendation
   * @param workingSetSinceRestart bytes or NaN
   * @param oomRequestBytes bytes or NaN
   * @param previousAllocation cores/bytes or NaN
   */
  public Guards {
    Objects.requireNonNull(vpa, "vpa");
  }

  /**
   * Only VPA's recommendation (no restart, OOM or previous allocation known).
   *
   * @param vpa VPA's recommendation
   * @return the guards
   */
  public static Guards of(VpaRecommendation vpa) {
    return new Guards(vpa, Double.NaN, Double.NaN, Double.NaN);
  }
}
