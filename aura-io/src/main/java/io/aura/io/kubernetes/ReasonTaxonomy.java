package io.aura.io.kubernetes;

import static io.aura.features.anomaly.AnomalyType.CONFIG;
import static io.aura.features.anomaly.AnomalyType.CRASH_LOOP;
import static io.aura.features.anomaly.AnomalyType.EVICTION;
import static io.aura.features.anomaly.AnomalyType.IMAGE_PULL;
import static io.aura.features.anomaly.AnomalyType.JOB_FAILURE;
import static io.aura.features.anomaly.AnomalyType.MEMORY;
import static io.aura.features.anomaly.AnomalyType.NETWORK;
import static io.aura.features.anomaly.AnomalyType.NODE_FAILURE;
import static io.aura.features.anomaly.AnomalyType.NORMAL;
import static io.aura.features.anomaly.AnomalyType.PROBE_FAILURE;
import static io.aura.features.anomaly.AnomalyType.RESOURCE_CONTENTION;
import static io.aura.features.anomaly.AnomalyType.SCHEDULING;
import static io.aura.features.anomaly.AnomalyType.STORAGE;
import static io.aura.features.anomaly.AnomalyType.UNKNOWN;
import static io.aura.features.anomaly.Severity.CRITICAL;
import static io.aura.features.anomaly.Severity.MEDIUM;
import static io.aura.features.anomaly.Severity.NONE;

import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Maps Kubernetes reasons to an {@link AnomalyType} and a {@link Severity}: event reasons,
 * container waiting and terminated reasons, pod status reasons and node conditions. {@link
 * #defaults()} knows over a hundred reasons from the kubelet, scheduler, controllers, volume
 * plugins, the cluster autoscaler and Node Problem Detector; {@link #builder(ReasonTaxonomy)} adds
 * or overrides.
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Classification is by reason (and, for a few reasons, by message), not by the event's {@code
 *       type}: the kubelet reports {@code NodeHasDiskPressure} as {@code Normal}, yet it is a
 *       storage anomaly.
 *   <li>Some reasons are ambiguous and are split on a case-insensitive substring of the message,
 *       the first matching rule winning: {@code Unhealthy} (liveness, readiness, startup probe),
 *       {@code BackOff} (restarting a failed container versus pulling an image), {@code Failed}
 *       (image pull versus config error), {@code EvictionThresholdMet} (memory, disk, PIDs).
 *   <li>An unknown reason is {@link AnomalyType#UNKNOWN}, with {@link Severity#MEDIUM} for a {@code
 *       Warning} event and {@link Severity#NONE} otherwise (Aura's one severity scale:
 *       informational reasons are {@code NONE}, degraded or at-risk states {@code MEDIUM}, kills,
 *       evictions and lost nodes {@code CRITICAL}): it is never dropped.
 *   <li>Reason lookup is exact (Kubernetes reasons are CamelCase identifiers); the empty reason is
 *       unknown.
 * </ul>
 *
 * <p>Thread safety: immutable, safe to share. Allocation: {@link #classify} methods allocate
 * nothing except for unknown reasons. Complexity: O(1) expected per lookup plus O(rules × message
 * length) for message-split reasons.
 */
public final class ReasonTaxonomy {

  /** Where a reason string comes from; each has its own namespace of reasons. */
  public enum Source {
    /** {@code Event.reason}. */
    EVENT,
    /** {@code containerStatuses[].state.waiting.reason}. */
    WAITING,
    /** {@code containerStatuses[].state.terminated.reason} (also {@code lastState}). */
    TERMINATED,
    /** {@code Pod.status.reason}. */
    POD,
    /** A node condition {@code type} whose status signals trouble. */
    NODE_CONDITION
  }

  private record MessageRule(String needle, Classification classification) {}

  private record Entry(Classification fallback, List<MessageRule> rules) {}

  private static final ReasonTaxonomy DEFAULTS = buildDefaults();

  private final Map<Source, Map<String, Entry>> table;

  private ReasonTaxonomy(Map<Source, Map<String, Entry>> table) {
    this.table = table;
  }

  /**
   * The built-in taxonomy.
   *
   * @return the shared default instance
   */
  public static ReasonTaxonomy defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting empty.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder(null);
  }

  /**
   * A builder starting from a copy of {@code base}; later entries override.
   *
   * @param base the taxonomy to extend
   * @return the builder
   */
  public static Builder builder(ReasonTaxonomy base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /**
   * Classifies a reason with its message.
   *
   * @param source where the reason comes from
   * @param reason the reason, for example {@code Unhealthy}
   * @param message the message; used only for message-split reasons, may be empty
   * @param warning whether the reporter called it a warning (decides the severity of an unknown
   *     reason)
   * @return the classification, never null
   */
  public Classification classify(Source source, String reason, String message, boolean warning) {
    Entry e = table.get(source).get(reason);
    if (e == null) {
      return Classification.of(UNKNOWN, warning ? MEDIUM : NONE, "");
    }
    if (!e.rules.isEmpty() && message != null && !message.isEmpty()) {
      String m = message.toLowerCase(Locale.ROOT);
      for (MessageRule r : e.rules) {
        if (m.contains(r.needle)) {
          return r.classification;
        }
      }
    }
    return e.fallback;
  }

  /**
   * Classifies an event by reason and message.
   *
   * @param event the event
   * @return the classification
   */
  public Classification classify(KubeEvent event) {
    return classify(Source.EVENT, event.reason(), event.message(), event.isWarning());
  }

  /**
   * Classifies a container status: the worst (by severity, then by type order) of its current
   * waiting or terminated reason and its last termination reason. A running container with no
   * reasons is {@link AnomalyType#NORMAL}.
   *
   * @param status the container status
   * @return the classification
   */
  public Classification classify(ContainerStatus status) {
    Classification best = Classification.of(NORMAL, NONE, "");
    if (!status.reason().isEmpty()) {
      Source s =
          status.state() == ContainerStatus.State.WAITING ? Source.WAITING : Source.TERMINATED;
      best = worse(best, classify(s, status.reason(), "", true));
    }
    if (!status.lastTerminationReason().isEmpty()) {
      best = worse(best, classify(Source.TERMINATED, status.lastTerminationReason(), "", true));
    }
    return best;
  }

  /**
   * Classifies a node condition: a healthy condition is {@link AnomalyType#NORMAL}; an unhealthy
   * one is looked up by type.
   *
   * @param condition the condition
   * @return the classification
   */
  public Classification classify(NodeCondition condition) {
    if (!condition.isProblem()) {
      return Classification.of(NORMAL, NONE, "");
    }
    return classify(Source.NODE_CONDITION, condition.type(), condition.message(), true);
  }

  private static Classification worse(Classification a, Classification b) {
    int c = b.severity().compareTo(a.severity());
    if (c != 0) {
      return c > 0 ? b : a;
    }
    if (a.type() == NORMAL) {
      return b;
    }
    return a;
  }

  /**
   * Number of distinct (source, reason) entries.
   *
   * @return the size
   */
  public int size() {
    int n = 0;
    for (Map<String, Entry> m : table.values()) {
      n += m.size();
    }
    return n;
  }

  /**
   * The reasons known for a source.
   *
   * @param source the source
   * @return an unmodifiable sorted list
   */
  public List<String> reasons(Source source) {
    List<String> l = new ArrayList<>(table.get(source).keySet());
    Collections.sort(l);
    return Collections.unmodifiableList(l);
  }

  /** Collects entries; not thread-safe. Allocation: one map entry per call. */
  public static final class Builder {
    private final Map<Source, Map<String, Entry>> table = new EnumMap<>(Source.class);

    private Builder(ReasonTaxonomy base) {
      for (Source s : Source.values()) {
        table.put(s, new HashMap<>(base == null ? Map.of() : base.table.get(s)));
      }
    }

    /**
     * Maps a reason to a classification, replacing any entry (and its message rules).
     *
     * @param source the source
     * @param reason the reason, non-empty
     * @param classification what it means
     * @return this builder
     */
    public Builder put(Source source, String reason, Classification classification) {
      requireReason(reason);
      table.get(source).put(reason, new Entry(Objects.requireNonNull(classification), List.of()));
      return this;
    }

    /**
     * Maps a reason to a type and severity.
     *
     * @param source the source
     * @param reason the reason
     * @param type the type
     * @param severity the severity
     * @return this builder
     */
    public Builder put(Source source, String reason, AnomalyType type, Severity severity) {
      return put(source, reason, Classification.of(type, severity, ""));
    }

    /**
     * Adds a message rule to an existing reason: when the message contains {@code needle}
     * (case-insensitive), the reason means {@code classification}. Rules are tried in the order
     * added.
     *
     * @param source the source
     * @param reason the reason, already put
     * @param needle the substring
     * @param classification what it means then
     * @return this builder
     * @throws IllegalArgumentException if the reason has no entry yet
     */
    public Builder messageRule(
        Source source, String reason, String needle, Classification classification) {
      Entry e = table.get(source).get(reason);
      if (e == null) {
        throw new IllegalArgumentException("no entry for " + source + " reason '" + reason + "'");
      }
      List<MessageRule> rules = new ArrayList<>(e.rules);
      rules.add(
          new MessageRule(needle.toLowerCase(Locale.ROOT), Objects.requireNonNull(classification)));
      table.get(source).put(reason, new Entry(e.fallback, List.copyOf(rules)));
      return this;
    }

    /**
     * Builds the immutable taxonomy.
     *
     * @return the taxonomy
     */
    public ReasonTaxonomy build() {
      Map<Source, Map<String, Entry>> t = new EnumMap<>(Source.class);
      for (Map.Entry<Source, Map<String, Entry>> e : table.entrySet()) {
        t.put(e.getKey(), Map.copyOf(e.getValue()));
      }
      return new ReasonTaxonomy(Collections.unmodifiableMap(t));
    }

    private static void requireReason(String reason) {
      if (reason == null || reason.isEmpty()) {
        throw new IllegalArgumentException("reason must be non-empty");
      }
    }
  }

  private static ReasonTaxonomy buildDefaults() {
    Builder b = new Builder(null);
    Source ev = Source.EVENT;
    Classification started =
        Classification.recovery(MEMORY, CRASH_LOOP, IMAGE_PULL, EVICTION, CONFIG);

    // kubelet: container lifecycle
    b.put(ev, "OOMKilled", MEMORY, CRITICAL);
    b.put(ev, "OOMKilling", MEMORY, CRITICAL); // Node Problem Detector kernel monitor
    b.put(ev, "SystemOOM", MEMORY, CRITICAL);
    b.put(ev, "BackOff", CRASH_LOOP, MEDIUM);
    b.messageRule(
        ev,
        "BackOff",
        "pulling image",
        Classification.of(IMAGE_PULL, CRITICAL, "image-pull-backoff"));
    b.messageRule(
        ev,
        "BackOff",
        "restarting failed container",
        Classification.of(CRASH_LOOP, CRITICAL, "restart-backoff"));
    b.put(ev, "CrashLoopBackOff", CRASH_LOOP, CRITICAL);
    b.put(ev, "Failed", UNKNOWN, MEDIUM);
    b.messageRule(
        ev,
        "Failed",
        "failed to pull image",
        Classification.of(IMAGE_PULL, CRITICAL, "pull-failed"));
    b.messageRule(
        ev, "Failed", "errimagepull", Classification.of(IMAGE_PULL, CRITICAL, "pull-failed"));
    b.messageRule(
        ev,
        "Failed",
        "imagepullbackoff",
        Classification.of(IMAGE_PULL, CRITICAL, "image-pull-backoff"));
    b.messageRule(
        ev,
        "Failed",
        "createcontainerconfigerror",
        Classification.of(CONFIG, CRITICAL, "container-config"));
    b.messageRule(
        ev,
        "Failed",
        "createcontainererror",
        Classification.of(CONFIG, CRITICAL, "create-container"));
    b.messageRule(
        ev, "Failed", "runcontainererror", Classification.of(CONFIG, CRITICAL, "run-container"));
    b.messageRule(ev, "Failed", "error: ", Classification.of(CONFIG, MEDIUM, "container-error"));
    b.put(ev, "ErrImagePull", IMAGE_PULL, CRITICAL);
    b.put(ev, "ImagePullBackOff", IMAGE_PULL, CRITICAL);
    b.put(ev, "ErrImageNeverPull", IMAGE_PULL, CRITICAL);
    b.put(ev, "InspectFailed", IMAGE_PULL, CRITICAL);
    b.put(ev, "InvalidImageName", IMAGE_PULL, CRITICAL);
    b.put(ev, "CreateContainerConfigError", CONFIG, CRITICAL);
    b.put(ev, "CreateContainerError", CONFIG, CRITICAL);
    b.put(ev, "RunContainerError", CONFIG, CRITICAL);
    b.put(ev, "FailedPostStartHook", CONFIG, MEDIUM);
    b.put(ev, "FailedPreStopHook", CONFIG, MEDIUM);
    b.put(ev, "FailedCreatePodContainer", CONFIG, MEDIUM);
    b.put(ev, "FailedKillPod", NODE_FAILURE, MEDIUM);
    b.put(ev, "ExceededGracePeriod", CONFIG, MEDIUM);
    b.put(ev, "Unhealthy", PROBE_FAILURE, MEDIUM);
    b.messageRule(
        ev, "Unhealthy", "liveness", Classification.of(PROBE_FAILURE, CRITICAL, "liveness-probe"));
    b.messageRule(
        ev, "Unhealthy", "readiness", Classification.of(PROBE_FAILURE, MEDIUM, "readiness-probe"));
    b.messageRule(
        ev, "Unhealthy", "startup", Classification.of(PROBE_FAILURE, MEDIUM, "startup-probe"));
    b.put(ev, "ProbeWarning", PROBE_FAILURE, NONE);
    b.put(ev, "FailedCreatePodSandBox", NETWORK, MEDIUM);
    b.put(ev, "FailedPodSandBoxStatus", NETWORK, MEDIUM);
    b.put(ev, "NetworkNotReady", NETWORK, MEDIUM);
    b.put(ev, "DNSConfigForming", NETWORK, MEDIUM);
    b.put(ev, "FailedSync", UNKNOWN, MEDIUM);
    // eviction and preemption
    b.put(ev, "Evicted", EVICTION, CRITICAL);
    b.put(ev, "Preempted", EVICTION, MEDIUM);
    b.put(ev, "TaintManagerEviction", EVICTION, MEDIUM);
    b.put(ev, "EvictionThresholdMet", RESOURCE_CONTENTION, MEDIUM);
    b.messageRule(
        ev,
        "EvictionThresholdMet",
        "memory",
        Classification.of(MEMORY, MEDIUM, "memory-eviction-threshold"));
    b.messageRule(
        ev,
        "EvictionThresholdMet",
        "ephemeral-storage",
        Classification.of(STORAGE, MEDIUM, "disk-eviction-threshold"));
    b.messageRule(
        ev,
        "EvictionThresholdMet",
        "nodefs",
        Classification.of(STORAGE, MEDIUM, "disk-eviction-threshold"));
    b.messageRule(
        ev,
        "EvictionThresholdMet",
        "imagefs",
        Classification.of(STORAGE, MEDIUM, "disk-eviction-threshold"));
    b.messageRule(
        ev,
        "EvictionThresholdMet",
        "pid",
        Classification.of(RESOURCE_CONTENTION, MEDIUM, "pid-eviction-threshold"));
    // scheduling and autoscaling
    b.put(ev, "FailedScheduling", SCHEDULING, MEDIUM);
    b.put(ev, "NotTriggerScaleUp", SCHEDULING, MEDIUM);
    b.put(ev, "FailedCreate", SCHEDULING, MEDIUM);
    b.put(ev, "FailedDaemonPod", SCHEDULING, MEDIUM);
    b.put(ev, "FailedPlacement", SCHEDULING, MEDIUM);
    b.put(ev, "OutOfcpu", SCHEDULING, MEDIUM);
    b.put(ev, "OutOfmemory", SCHEDULING, MEDIUM);
    b.put(ev, "FailedGetResourceMetric", CONFIG, MEDIUM);
    b.put(ev, "FailedComputeMetricsReplicas", CONFIG, MEDIUM);
    b.put(ev, "FailedRescale", SCHEDULING, MEDIUM);
    // storage
    b.put(ev, "FailedMount", STORAGE, MEDIUM);
    b.put(ev, "FailedAttachVolume", STORAGE, MEDIUM);
    b.put(ev, "FailedDetachVolume", STORAGE, MEDIUM);
    b.put(ev, "FailedMapVolume", STORAGE, MEDIUM);
    b.put(ev, "FailedUnMount", STORAGE, MEDIUM);
    b.put(ev, "FailedUnmapDevice", STORAGE, MEDIUM);
    b.put(ev, "VolumeResizeFailed", STORAGE, MEDIUM);
    b.put(ev, "ProvisioningFailed", STORAGE, MEDIUM);
    b.put(ev, "FailedBinding", STORAGE, MEDIUM);
    b.put(ev, "FreeDiskSpaceFailed", STORAGE, MEDIUM);
    b.put(ev, "ImageGCFailed", STORAGE, MEDIUM);
    b.put(ev, "InvalidDiskCapacity", STORAGE, MEDIUM);
    b.put(ev, "NodeHasDiskPressure", STORAGE, MEDIUM);
    b.put(ev, "ReadonlyFilesystem", STORAGE, CRITICAL);
    b.put(ev, "FilesystemIsReadOnly", STORAGE, CRITICAL);
    b.put(ev, "CorruptDockerOverlay2", STORAGE, CRITICAL);
    // nodes
    b.put(ev, "NodeNotReady", NODE_FAILURE, CRITICAL);
    b.put(ev, "NodeNotSchedulable", NORMAL, NONE);
    b.put(ev, "NodeHasInsufficientMemory", MEMORY, MEDIUM);
    b.put(ev, "NodeHasInsufficientPID", RESOURCE_CONTENTION, MEDIUM);
    b.put(ev, "Rebooted", NODE_FAILURE, MEDIUM);
    b.put(ev, "NodeShutdown", NODE_FAILURE, MEDIUM);
    b.put(ev, "KernelDeadlock", NODE_FAILURE, CRITICAL);
    b.put(ev, "TaskHung", NODE_FAILURE, MEDIUM);
    b.put(ev, "KernelOops", NODE_FAILURE, MEDIUM);
    b.put(ev, "ContainerGCFailed", NODE_FAILURE, MEDIUM);
    b.put(ev, "KubeletSetupFailed", NODE_FAILURE, CRITICAL);
    b.put(ev, "FailedNodeAllocatableEnforcement", NODE_FAILURE, MEDIUM);
    b.put(ev, "FrequentKubeletRestart", NODE_FAILURE, MEDIUM);
    b.put(ev, "FrequentContainerdRestart", NODE_FAILURE, MEDIUM);
    b.put(ev, "FrequentDockerRestart", NODE_FAILURE, MEDIUM);
    b.put(ev, "ContainerRuntimeUnhealthy", NODE_FAILURE, CRITICAL);
    b.put(ev, "DeletingNode", NODE_FAILURE, MEDIUM);
    b.put(ev, "RemovingNode", NODE_FAILURE, MEDIUM);
    b.put(ev, "NodeControllerEviction", NODE_FAILURE, MEDIUM);
    // jobs
    b.put(ev, "DeadlineExceeded", JOB_FAILURE, MEDIUM);
    b.put(ev, "BackoffLimitExceeded", JOB_FAILURE, MEDIUM);
    b.put(ev, "PodFailurePolicy", JOB_FAILURE, MEDIUM);
    // normal operation and recoveries
    for (String r :
        new String[] {
          "Scheduled",
          "Pulling",
          "Pulled",
          "Created",
          "Killing",
          "SuccessfulCreate",
          "SuccessfulDelete",
          "ScalingReplicaSet",
          "RegisteredNode",
          "Starting",
          "NodeAllocatableEnforced",
          "NodeSchedulable",
          "SandboxChanged",
          "Completed",
          "SawCompletedJob",
          "SuccessfulRescale",
          "SuccessfulAttachVolume",
          "SuccessfulMountVolume",
          "ProvisioningSucceeded",
          "ExternalProvisioning",
          "Provisioning",
          "LeaderElection",
          "Sync",
          "Preempting",
          "Generated",
          "TriggeredScaleUp",
          "ScaleDown",
          "SuccessfulUpdate",
          "SuccessfulDeleteJob"
        }) {
      b.put(ev, r, NORMAL, NONE);
    }
    b.put(ev, "Started", started);
    b.put(ev, "NodeReady", Classification.recovery(NODE_FAILURE));
    b.put(ev, "NodeHasNoDiskPressure", Classification.recovery(STORAGE));
    b.put(ev, "NodeHasSufficientMemory", Classification.recovery(MEMORY));
    b.put(ev, "NodeHasSufficientPID", Classification.recovery(RESOURCE_CONTENTION));

    Source w = Source.WAITING;
    b.put(w, "CrashLoopBackOff", CRASH_LOOP, CRITICAL);
    b.put(w, "ImagePullBackOff", IMAGE_PULL, CRITICAL);
    b.put(w, "ErrImagePull", IMAGE_PULL, CRITICAL);
    b.put(w, "ErrImageNeverPull", IMAGE_PULL, CRITICAL);
    b.put(w, "InvalidImageName", IMAGE_PULL, CRITICAL);
    b.put(w, "CreateContainerConfigError", CONFIG, CRITICAL);
    b.put(w, "CreateContainerError", CONFIG, CRITICAL);
    b.put(w, "RunContainerError", CONFIG, CRITICAL);
    b.put(w, "PreStartHookError", CONFIG, CRITICAL);
    b.put(w, "PostStartHookError", CONFIG, CRITICAL);
    b.put(w, "ContainerCreating", NORMAL, NONE);
    b.put(w, "PodInitializing", NORMAL, NONE);

    Source t = Source.TERMINATED;
    b.put(t, "OOMKilled", MEMORY, CRITICAL);
    b.put(t, "Error", CRASH_LOOP, MEDIUM);
    b.put(t, "ContainerCannotRun", CONFIG, CRITICAL);
    b.put(t, "StartError", CONFIG, CRITICAL);
    b.put(t, "DeadlineExceeded", JOB_FAILURE, MEDIUM);
    b.put(t, "Evicted", EVICTION, CRITICAL);
    b.put(t, "Completed", NORMAL, NONE);

    Source p = Source.POD;
    b.put(p, "Evicted", EVICTION, CRITICAL);
    b.put(p, "Preempting", EVICTION, MEDIUM);
    b.put(p, "NodeLost", NODE_FAILURE, CRITICAL);
    b.put(p, "Shutdown", NODE_FAILURE, MEDIUM);
    b.put(p, "Terminated", NODE_FAILURE, MEDIUM);
    b.put(p, "NodeAffinity", SCHEDULING, MEDIUM);
    b.put(p, "UnexpectedAdmissionError", CONFIG, MEDIUM);
    b.put(p, "OutOfcpu", SCHEDULING, MEDIUM);
    b.put(p, "OutOfmemory", SCHEDULING, MEDIUM);
    b.put(p, "DeadlineExceeded", JOB_FAILURE, MEDIUM);

    Source n = Source.NODE_CONDITION;
    b.put(n, "Ready", NODE_FAILURE, CRITICAL);
    b.put(n, "MemoryPressure", MEMORY, MEDIUM);
    b.put(n, "DiskPressure", STORAGE, MEDIUM);
    b.put(n, "PIDPressure", RESOURCE_CONTENTION, MEDIUM);
    b.put(n, "NetworkUnavailable", NETWORK, CRITICAL);
    b.put(n, "KernelDeadlock", NODE_FAILURE, CRITICAL);
    b.put(n, "ReadonlyFilesystem", STORAGE, CRITICAL);
    b.put(n, "FrequentKubeletRestart", NODE_FAILURE, MEDIUM);
    b.put(n, "FrequentDockerRestart", NODE_FAILURE, MEDIUM);
    b.put(n, "FrequentContainerdRestart", NODE_FAILURE, MEDIUM);
    b.put(n, "CorruptDockerOverlay2", STORAGE, MEDIUM);
    return b.build();
  }
}
