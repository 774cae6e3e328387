package io.aura.features.anomaly;

import java.util.Locale;

/**
 * The small, stable set of anomaly kinds Aura labels with. New Kubernetes reasons map onto these;
 * the set itself changes only with a major version. Anything that cannot be mapped is {@link
 * #UNKNOWN}, never dropped.
 *
 * <p>Thread safety: immutable enum. Allocation: none. Complexity: O(1).
 */
public enum AnomalyType {
  /** Nothing wrong: informational events and healthy states. */
  NORMAL,
  /** Memory exhaustion: OOM kills, memory pressure. */
  MEMORY,
  /** CPU saturation and CFS throttling. */
  CPU_THROTTLING,
  /** Contention for a shared node resource by another workload (noisy neighbour), PID pressure. */
  RESOURCE_CONTENTION,
  /** A container that keeps exiting and is restarted with back-off. */
  CRASH_LOOP,
  /** The image cannot be pulled. */
  IMAGE_PULL,
  /** Bad configuration: missing config map or secret, bad command, failed hooks. */
  CONFIG,
  /** The pod cannot be placed on a node. */
  SCHEDULING,
  /** Disks and volumes: disk pressure, failed mounts and attachments, read-only file systems. */
  STORAGE,
  /** Networking: sandbox/CNI failures, unavailable network, packet errors, saturation. */
  NETWORK,
  /** Liveness, readiness or startup probes failing. */
  PROBE_FAILURE,
  /** A node not ready, rebooted, or with a kernel or runtime problem. */
  NODE_FAILURE,
  /** A pod evicted or preempted. */
  EVICTION,
  /** A slow or failing downstream dependency: latency and errors up without a local cause. */
  DEPENDENCY,
  /** A job that ran past its deadline or back-off limit. */
  JOB_FAILURE,
  /** A reason Aura does not know. */
  UNKNOWN;

  private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /**
   * The lower-case, hyphenated name used in files and label columns, for example {@code
   * crash-loop}.
   *
   * @return the label string
   */
  public String label() {
    return label;
  }
}
