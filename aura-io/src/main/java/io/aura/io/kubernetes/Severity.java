package io.aura.io.kubernetes;

/**
 * How bad a classified reason is, in increasing order (compare with {@link #compareTo}).
 *
 * <p>Thread safety: immutable enum. Allocation: none. Complexity: O(1).
 */
public enum Severity {
  /** Informational; not an anomaly. */
  INFO,
  /** Degraded or at risk. */
  WARNING,
  /** Down or losing work: kills, evictions, nodes lost. */
  CRITICAL
}
