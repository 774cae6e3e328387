package io.aura.models.detect;

/**
 * How far a score lies beyond a model's calibrated anomaly threshold.
 *
 * <p>{@link #NONE} means the score is below the anomaly threshold (normal). The four anomalous
 * levels come from a {@link SeverityScale}. Thread safety: immutable. Allocation: none.
 * Complexity: O(1).
 */
public enum Severity {
  /** Below the anomaly threshold: not an anomaly. */
  NONE,
  /** At or above the anomaly threshold. */
  LOW,
  /** At or above the medium cut. */
  MEDIUM,
  /** At or above the high cut. */
  HIGH,
  /** At or above the critical cut. */
  CRITICAL;

  /**
   * Whether this severity marks an anomaly.
   *
   * @return true for every level except {@link #NONE}
   */
  public boolean isAnomalous() {
    return this != NONE;
  }
}
