package io.aura.forecast;

import java.time.Duration;

/**
 * How soon a threshold is expected to be crossed: {@link #CRITICAL} under 3 days, {@link #WARNING}
 * under 7 days, {@link #SOON} under 30 days, {@link #OK} otherwise (or never within the horizon).
 *
 * <p>Thread safety: immutable enum. Complexity: O(1), no allocation.
 */
public enum Severity {
  /** Crossing expected in less than 3 days. */
  CRITICAL,
  /** Crossing expected in less than 7 days. */
  WARNING,
  /** Crossing expected in less than 30 days. */
  SOON,
  /** No crossing expected within 30 days or within the forecast horizon. */
  OK;

  /**
   * Classifies a time to crossing.
   *
   * @param eta time until the crossing, or null for none within the horizon
   * @return the severity
   */
  public static Severity of(Duration eta) {
    if (eta == null) {
      return OK;
    }
    if (eta.compareTo(Duration.ofDays(3)) < 0) {
      return CRITICAL;
    }
    if (eta.compareTo(Duration.ofDays(7)) < 0) {
      return WARNING;
    }
    if (eta.compareTo(Duration.ofDays(30)) < 0) {
      return SOON;
    }
    return OK;
  }
}
