package io.aura.io.kubernetes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's name, schedulability and conditions as read from {@code kubectl get nodes -o json} or
 * the API server.
 *
 * <p>Thread safety: immutable (the list is an unmodifiable copy). Allocation: one object and the
 * list. Complexity: {@link #condition} O(conditions).
 *
 * @param name the node name
 * @param unschedulable {@code spec.unschedulable} (cordoned)
 * @param conditions the conditions, in document order
 */
public record NodeStatus(String name, boolean unschedulable, List<NodeCondition> conditions) {

  /**
   * Validates and copies.
   *
   * @param name see the record description
   * @param unschedulable see the record description
   * @param conditions see the record description
   */
  public NodeStatus {
    Objects.requireNonNull(name, "name");
    conditions = List.copyOf(conditions);
  }

  /**
   * The condition of the given type.
   *
   * @param type for example {@code DiskPressure}
   * @return the condition, or empty
   */
  public Optional<NodeCondition> condition(String type) {
    for (NodeCondition c : conditions) {
      if (c.type().equals(type)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the {@code Ready} condition is {@code True}.
   *
   * @return true if ready
   */
  public boolean isReady() {
    return condition("Ready").map(c -> "True".equals(c.status())).orElse(false);
  }
}
