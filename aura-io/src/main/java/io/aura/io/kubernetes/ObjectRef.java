package io.aura.io.kubernetes;

import java.util.Objects;

/**
 * The Kubernetes object an event is about: core/v1 {@code involvedObject} or events.k8s.io/v1
 * {@code regarding}.
 *
 * <p>Thread safety: immutable. Allocation: one small object. Complexity: O(1).
 *
 * @param kind the object kind, for example {@code Pod} or {@code Node}; never null, may be empty
 * @param namespace the namespace; empty for cluster-scoped objects such as nodes
 * @param name the object name; never null
 * @param fieldPath the part of the object, for example {@code spec.containers{app}}; empty if none
 */
public record ObjectRef(String kind, String namespace, String name, String fieldPath) {
  /**
   * Validates that no component is null.
   *
   * @param kind see the record description
   * @param namespace see the record description
   * @param name see the record description
   * @param fieldPath see the record description
   */
  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fieldPath, "fieldPath");
  }

  /**
   * A pod reference.
   *
   * @param namespace the namespace
   * @param name the pod name
   * @return the reference
   */
  public static ObjectRef pod(String namespace, String name) {
    return new ObjectRef("Pod", namespace, name, "");
  }

  /**
   * A reference to one container of a pod, as the kubelet writes it ({@code
   * spec.containers{name}}).
   *
   * @param namespace the namespace
   * @param pod the pod name
   * @param container the container name
   * @return the reference
   */
  public static ObjectRef container(String namespace, String pod, String container) {
    return new ObjectRef("Pod", namespace, pod, "spec.containers{" + container + "}");
  }

  /**
   * A node reference.
   *
   * @param name the node name
   * @return the reference
   */
  public static ObjectRef node(String name) {
    return new ObjectRef("Node", "", name, "");
  }

  /**
   * The container named in {@link #fieldPath()} ({@code spec.containers{app}} gives {@code app}),
   * or the empty string.
   *
   * @return the container name or empty
   */
  public String container() {
    int open = fieldPath.indexOf('{');
    int close = fieldPath.lastIndexOf('}');
    if (open < 0 || close <= open) {
      return "";
    }
    return fieldPath.substring(open + 1, close);
  }
}
