package io.aura.simulator;

import io.aura.io.kubernetes.Incident;
import java.util.Objects;

/**
 * One incident that really happened in a simulation, with the fault that caused it and whether the
 * simulator reported it through Kubernetes events (so that labels derived from events can be
 * checked against it).
 *
 * <p>The incident's interval is measured from the simulation's state: from onset (the OOM kill, the
 * first crash, the first failed pull, the eviction, the node going down; for metric-only faults the
 * fault's start) to recovery (the container running again, the node ready, the disk pressure
 * lifted; for metric-only faults the last step of the fault).
 *
 * <p>Thread safety: immutable. Allocation: one object. Complexity: O(1).
 *
 * @param incident the incident
 * @param fault the fault behind it
 * @param visibleInEvents whether matching Kubernetes events were emitted
 */
public record GroundTruth(Incident incident, Fault fault, boolean visibleInEvents) {
  /**
   * Validates.
   *
   * @param incident see the record description
   * @param fault see the record description
   * @param visibleInEvents see the record description
   */
  public GroundTruth {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(fault, "fault");
  }
}
