package io.aura.simulator;

import java.util.Objects;

/**
 * One injected fault: its kind, its target (a pod as {@code namespace/pod}, or a node name) and the
 * window {@code [startMillis, endMillis)} during which it acts. What actually happened (an OOM
 * kill, an eviction) is in {@link GroundTruth}.
 *
 * <p>Thread safety: immutable. Allocation: one object. Complexity: O(1).
 *
 * @param kind the kind
 * @param target {@code namespace/pod} for pod faults, the node name for node faults
 * @param startMillis start, epoch milliseconds
 * @param endMillis end (exclusive), epoch milliseconds, after the start
 */
public record Fault(FaultKind kind, String target, long startMillis, long endMillis) {
  /**
   * Validates the fault.
   *
   * @param kind see the record description
   * @param target see the record description
   * @param startMillis see the record description
   * @param endMillis see the record description
   */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    if (endMillis <= startMillis) {
      throw new IllegalArgumentException(
          "fault " + kind + " on " + target + ": end is not after start");
    }
  }
}
