package io.aura.io.kubernetes;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * One anomaly episode on one entity: a type, a severity, the entity's labels, and the closed
 * interval {@code [startMillis, endMillis]} from onset to recovery.
 *
 * <p>The entity is a pod ({@code namespace} and {@code pod} labels) or a node ({@code node} label).
 * An incident applies to a {@link io.aura.features.Frame} when every one of its entity labels is
 * present in the frame's labels with the same value; so a node incident applies to the frames of
 * every pod carrying that {@code node} label (see {@link IncidentLabeler}).
 *
 * <p>Thread safety: immutable. Allocation: one object. Complexity: O(1).
 *
 * @param type the anomaly type
 * @param severity the severity
 * @param entity the labels that identify the affected pod or node
 * @param container the container concerned, or empty
 * @param reason the reason that opened the incident (for example {@code OOMKilled}), or the fault
 *     name for simulator ground truth
 * @param startMillis onset, epoch milliseconds
 * @param endMillis recovery, epoch milliseconds, not before {@code startMillis}
 */
public record Incident(
    AnomalyType type,
    Severity severity,
    Labels entity,
    String container,
    String reason,
    long startMillis,
    long endMillis) {

  /**
   * Validates the incident.
   *
   * @param type see the record description
   * @param severity see the record description
   * @param entity see the record description
   * @param container see the record description
   * @param reason see the record description
   * @param startMillis see the record description
   * @param endMillis see the record description
   */
  public Incident {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(reason, "reason");
    if (endMillis < startMillis) {
      throw new IllegalArgumentException(
          "incident "
              + type
              + " on "
              + entity
              + ": end "
              + Instant.ofEpochMilli(endMillis)
              + " is before start "
              + Instant.ofEpochMilli(startMillis));
    }
  }

  /**
   * Whether this incident applies to an entity with the given labels: every label of {@link
   * #entity()} must be present there with the same value.
   *
   * @param labels the frame's or series' labels
   * @return true if it applies
   */
  public boolean appliesTo(Labels labels) {
    for (String name : entity.names()) {
      if (!entity.get(name).equals(labels.get(name))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Duration in milliseconds.
   *
   * @return {@code endMillis - startMillis}
   */
  public long durationMillis() {
    return endMillis - startMillis;
  }
}
