package io.aura.simulator;

import io.aura.features.Labels;
import java.util.Objects;

/**
 * A pod of a simulated cluster (one container each).
 *
 * <p>Thread safety: immutable. Allocation: one object. Complexity: O(1).
 *
 * @param namespace the namespace
 * @param name the pod name
 * @param deployment the owning deployment
 * @param container the container name
 * @param node the node it runs on
 */
public record SimulatedPod(
    String namespace, String name, String deployment, String container, String node) {
  /**
   * Validates.
   *
   * @param namespace see the record description
   * @param name see the record description
   * @param deployment see the record description
   * @param container see the record description
   * @param node see the record description
   */
  public SimulatedPod {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(node, "node");
  }

  /**
   * The frame labels: namespace, pod, container and node.
   *
   * @return the labels
   */
  public Labels labels() {
    return Labels.of(
        Labels.NAMESPACE,
        namespace,
        Labels.POD,
        name,
        Labels.CONTAINER,
        container,
        Labels.NODE,
        node);
  }

  /**
   * {@code namespace/name}, the form fault targets use.
   *
   * @return the key
   */
  public String key() {
    return namespace + "/" + name;
  }
}
