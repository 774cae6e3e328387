package io.aura.io.kubernetes;

import java.util.Objects;

/**
 * One entry of a node's {@code status.conditions}.
 *
 * <p>Thread safety: immutable. Allocation: one object. Complexity: O(1).
 *
 * @param type the condition type: {@code Ready}, {@code MemoryPressure}, {@code DiskPressure},
 *     {@code PIDPressure}, {@code NetworkUnavailable}, or a Node Problem Detector type
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason the reason; may be empty
 * @param message the message; may be empty
 * @param lastTransitionMillis {@code lastTransitionTime} in epoch milliseconds, or {@link
 *     Long#MIN_VALUE}
 */
public record NodeCondition(
    String type, String status, String reason, String message, long lastTransitionMillis) {

  /**
   * Validates the condition.
   *
   * @param type see the record description
   * @param status see the record description
   * @param reason see the record description
   * @param message see the record description
   * @param lastTransitionMillis see the record description
   */
  public NodeCondition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Whether the condition signals trouble: {@code Ready} that is not {@code True}, or any other
   * condition that is not {@code False}.
   *
   * @return true for an unhealthy condition
   */
  public boolean isProblem() {
    return "Ready".equals(type) ? !"True".equals(status) : !"False".equals(status);
  }
}
