package io.aura.io.kubernetes;

import io.aura.features.Labels;
import java.util.List;
import java.util.Objects;

/**
 * A pod's identity and status as read from {@code kubectl get pods -o json} or the API server.
 *
 * <p>Thread safety: immutable (the container list is an unmodifiable copy). Allocation: one object
 * and the list. Complexity: O(containers) construction.
 *
 * @param namespace the namespace
 * @param name the pod name
 * @param node {@code spec.nodeName}; empty if not scheduled
 * @param phase {@code status.phase}: {@code Pending}, {@code Running}, {@code Succeeded}, {@code
 *     Failed} or {@code Unknown}; empty if absent
 * @param reason {@code status.reason}, for example {@code Evicted}; empty if absent
 * @param message {@code status.message}; empty if absent
 * @param startMillis {@code status.startTime} in epoch milliseconds, or {@link Long#MIN_VALUE}
 * @param containers init containers first, then app containers, in document order
 */
public record PodStatus(
    String namespace,
    String name,
    String node,
    String phase,
    String reason,
    String message,
    long startMillis,
    List<ContainerStatus> containers) {

  /**
   * Validates and copies.
   *
   * @param namespace see the record description
   * @param name see the record description
   * @param node see the record description
   * @param phase see the record description
   * @param reason see the record description
   * @param message see the record description
   * @param startMillis see the record description
   * @param containers see the record description
   */
  public PodStatus {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    containers = List.copyOf(containers);
  }

  /**
   * The sum of restart counts over all containers.
   *
   * @return total restarts
   */
  public int totalRestarts() {
    int s = 0;
    for (ContainerStatus c : containers) {
      s += c.restartCount();
    }
    return s;
  }

  /**
   * Labels identifying this pod: namespace, pod and (when scheduled) node.
   *
   * @return the labels
   */
  public Labels labels() {
    Labels l = Labels.of(Labels.NAMESPACE, namespace, Labels.POD, name);
    return node.isEmpty() ? l : l.with(Labels.NODE, node);
  }
}
