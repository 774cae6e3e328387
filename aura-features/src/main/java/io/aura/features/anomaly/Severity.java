package io.aura.features.anomaly;

/**
 * How bad something is, on one scale shared by every Aura module: detectors, the classifier of a
 * detection pipeline, classified Kubernetes reasons and early warnings.
 *
 * <p><b>Order.</b> {@code NONE < LOW < MEDIUM < HIGH < CRITICAL}, the declaration order, so {@link
 * #compareTo} and {@link #max} rank severities. {@link #NONE} means not an anomaly.
 *
 * <p><b>Where the levels come from.</b> A score becomes a severity through a calibrated scale of
 * four cuts ({@code io.aura.models.detect.SeverityScale}); a classified Kubernetes reason carries
 * the severity of its taxonomy entry (informational reasons are {@code NONE}, degraded or at-risk
 * states {@code MEDIUM}, kills, evictions and lost nodes {@code CRITICAL}); a forecast threshold
 * crossing is graded by its lead time ({@code io.aura.forecast.TimeToThreshold#severityOf}).
 *
 * <p>Thread safety: immutable enum. Allocation: none. Complexity: O(1).
 */
public enum Severity {
  /** Not an anomaly: below the anomaly threshold, informational, or no crossing expected. */
  NONE,
  /** At or above the anomaly threshold. */
  LOW,
  /** At or above the medium cut; a degraded or at-risk state. */
  MEDIUM,
  /** At or above the high cut. */
  HIGH,
  /** At or above the critical cut; down or losing work. */
  CRITICAL;

  /**
   * Whether this severity marks an anomaly.
   *
   * @return true for every level except {@link #NONE}
   */
  public boolean isAnomalous() {
    return this != NONE;
  }

  /**
   * The larger of two severities in the documented order.
   *
   * @param other the other severity
   * @return this or {@code other}, whichever ranks higher
   */
  public Severity max(Severity other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
