package io.aura.io.kubernetes;

import java.time.Instant;
import java.util.Objects;

/**
 * One Kubernetes event, in a shape common to core/v1 {@code Event} and events.k8s.io/v1 {@code
 * Event}.
 *
 * <p>Field mapping (see {@link KubectlJson} for the fallbacks when a field is absent):
 *
 * <ul>
 *   <li>{@link #message()}: core {@code message}, events.k8s.io {@code note};
 *   <li>{@link #involvedObject()}: core {@code involvedObject}, events.k8s.io {@code regarding};
 *   <li>{@link #firstMillis()}: core {@code firstTimestamp}, events.k8s.io {@code eventTime};
 *   <li>{@link #lastMillis()}: core {@code lastTimestamp}, events.k8s.io {@code
 *       series.lastObservedTime};
 *   <li>{@link #count()}: core {@code count}, events.k8s.io {@code series.count} or {@code
 *       deprecatedCount};
 *   <li>{@link #component()}/{@link #host()}: core {@code source.component}/{@code source.host},
 *       events.k8s.io {@code reportingController}/{@code reportingInstance}.
 * </ul>
 *
 * <p>A kubelet folds repeats of one event into one object with a {@code count} and the first and
 * last times; Aura keeps that folding as it is.
 *
 * <p>Thread safety: immutable. Allocation: one object plus its {@link ObjectRef}. Complexity: O(1).
 *
 * @param namespace the event's namespace ({@code metadata.namespace}); may be empty
 * @param name the event's name ({@code metadata.name}); may be empty
 * @param reason the machine-readable reason, for example {@code BackOff}; may be empty
 * @param message the human-readable message; may be empty
 * @param type {@code Normal} or {@code Warning} as written by the reporter; may be empty
 * @param involvedObject what the event is about
 * @param firstMillis first occurrence, epoch milliseconds
 * @param lastMillis last occurrence, epoch milliseconds, not before {@code firstMillis}
 * @param count number of occurrences folded into this object, at least 1
 * @param component the reporting component, for example {@code kubelet}; may be empty
 * @param host the reporting host or instance; may be empty
 * @param resourceVersion {@code metadata.resourceVersion}, for resuming a watch; may be empty
 */
public record KubeEvent(
    String namespace,
    String name,
    String reason,
    String message,
    String type,
    ObjectRef involvedObject,
    long firstMillis,
    long lastMillis,
    int count,
    String component,
    String host,
    String resourceVersion) {

  /** Event type string for normal events. */
  public static final String NORMAL = "Normal";

  /** Event type string for warnings. */
  public static final String WARNING = "Warning";

  /**
   * Validates the event.
   *
   * @param namespace see the record description
   * @param name see the record description
   * @param reason see the record description
   * @param message see the record description
   * @param type see the record description
   * @param involvedObject see the record description
   * @param firstMillis see the record description
   * @param lastMillis see the record description
   * @param count see the record description
   * @param component see the record description
   * @param host see the record description
   * @param resourceVersion see the record description
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code lastMillis < firstMillis} or {@code count < 1}
   */
  public KubeEvent {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(involvedObject, "involvedObject");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(resourceVersion, "resourceVersion");
    if (lastMillis < firstMillis) {
      throw new IllegalArgumentException(
          "event "
              + namespace
              + "/"
              + name
              + ": last time "
              + Instant.ofEpochMilli(lastMillis)
              + " is before first time "
              + Instant.ofEpochMilli(firstMillis));
    }
    if (count < 1) {
      throw new IllegalArgumentException(
          "event " + namespace + "/" + name + ": count " + count + " is below 1");
    }
  }

  /**
   * A single-occurrence event with the given essentials (count 1, first = last time, empty name and
   * resource version).
   *
   * @param reason the reason
   * @param message the message
   * @param type {@link #NORMAL} or {@link #WARNING}
   * @param involvedObject what it is about
   * @param atMillis when it happened
   * @param component the reporter, for example {@code kubelet}
   * @param host the reporter's host
   * @return the event
   */
  public static KubeEvent of(
      String reason,
      String message,
      String type,
      ObjectRef involvedObject,
      long atMillis,
      String component,
      String host) {
    return new KubeEvent(
        involvedObject.namespace().isEmpty() ? "default" : involvedObject.namespace(),
        "",
        reason,
        message,
        type,
        involvedObject,
        atMillis,
        atMillis,
        1,
        component,
        host,
        "");
  }

  /**
   * Whether the reporter marked this event a warning.
   *
   * @return {@code type().equals("Warning")}
   */
  public boolean isWarning() {
    return WARNING.equals(type);
  }

  /**
   * This event with another name (used when writing events that had none).
   *
   * @param newName the name
   * @return a copy with the name replaced
   */
  public KubeEvent withName(String newName) {
    return new KubeEvent(
        namespace,
        newName,
        reason,
        message,
        type,
        involvedObject,
        firstMillis,
        lastMillis,
        count,
        component,
        host,
        resourceVersion);
  }
}
