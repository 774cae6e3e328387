package io.aura.simulator;

import io.aura.features.anomaly.AnomalyType;

/**
 * The faults {@link ClusterSimulator} can inject, each with the anomaly type of its ground truth
 * and whether a real cluster would report it through Kubernetes events.
 *
 * <p>Thread safety: immutable enum. Allocation: none. Complexity: O(1).
 */
public enum FaultKind {
  /**
   * Memory grows steadily until the working set reaches the limit; the container is OOM-killed
   * (restart count +1, container counters reset, {@code OOMKilled} event) and restarted.
   */
  MEMORY_LEAK(AnomalyType.MEMORY, true, false),
  /** CPU demand climbs to about twice the limit: heavy CFS throttling, latency up. Metrics only. */
  CPU_SATURATION(AnomalyType.CPU_THROTTLING, false, false),
  /** The container exits shortly after each start and is restarted with exponential back-off. */
  CRASH_LOOP(AnomalyType.CRASH_LOOP, true, false),
  /**
   * The container writes to its writable layer until the node's disk crosses the eviction
   * threshold: {@code DiskPressure} on the node and the pod evicted.
   */
  DISK_FILL(AnomalyType.EVICTION, true, false),
  /** Traffic several times normal with packet errors, latency and errors up. Metrics only. */
  NETWORK_SATURATION(AnomalyType.NETWORK, false, false),
  /**
   * A workload outside the simulated set takes most of a node's CPU: the node's pods get less CPU
   * than they ask for (without CFS throttling) and latency rises. Metrics only; targets a node.
   */
  NOISY_NEIGHBOUR(AnomalyType.RESOURCE_CONTENTION, false, true),
  /**
   * A rollout to an image that cannot be pulled: the container waits in {@code ImagePullBackOff}.
   */
  IMAGE_PULL_FAILURE(AnomalyType.IMAGE_PULL, true, false),
  /** A node stops reporting ({@code NotReady}); its pods' metrics are missing. Targets a node. */
  NODE_FAILURE(AnomalyType.NODE_FAILURE, true, true),
  /**
   * A downstream dependency slows down: latency and error rate up, CPU slightly down. Metrics only.
   */
  SLOW_DEPENDENCY(AnomalyType.DEPENDENCY, false, false);

  private final AnomalyType type;
  private final boolean emitsEvents;
  private final boolean targetsNode;

  FaultKind(AnomalyType type, boolean emitsEvents, boolean targetsNode) {
    this.type = type;
    this.emitsEvents = emitsEvents;
    this.targetsNode = targetsNode;
  }

  /**
   * The anomaly type of the main ground-truth incident (a disk fill also yields a {@code STORAGE}
   * incident on the node).
   *
   * @return the type
   */
  public AnomalyType anomalyType() {
    return type;
  }

  /**
   * Whether a real cluster reports this fault through Kubernetes events, so that labels derived
   * from events can see it.
   *
   * @return true if visible in events
   */
  public boolean emitsEvents() {
    return emitsEvents;
  }

  /**
   * Whether the fault targets a node rather than a pod.
   *
   * @return true for node faults
   */
  public boolean targetsNode() {
    return targetsNode;
  }
}
