package io.aura.io.kubernetes;

import java.util.Objects;

/**
 * The status of one container of a pod ({@code status.containerStatuses[]} or {@code
 * status.initContainerStatuses[]}), reduced to what anomaly labelling needs.
 *
 * <p>Thread safety: immutable. Allocation: one object. Complexity: O(1).
 *
 * @param name the container name
 * @param init whether it is an init container
 * @param ready the {@code ready} flag
 * @param restartCount the kubelet's restart count, at least 0
 * @param state the current state
 * @param reason the reason of the current state: the waiting reason ({@code CrashLoopBackOff},
 *     {@code ImagePullBackOff}, ...) or the terminated reason ({@code OOMKilled}, {@code Error},
 *     ...); empty when running or unset
 * @param startedMillis {@code state.running.startedAt} in epoch milliseconds when running, else
 *     {@link Long#MIN_VALUE}
 * @param exitCode the exit code when {@code state} is {@link State#TERMINATED}, else {@code -1}
 *     (runtimes may report negative codes too, so check {@code state})
 * @param lastTerminationReason {@code lastState.terminated.reason}, for example {@code OOMKilled};
 *     empty if none
 * @param lastTerminationExitCode {@code lastState.terminated.exitCode}, or {@code -1}
 * @param lastTerminationMillis {@code lastState.terminated.finishedAt} in epoch milliseconds, or
 *     {@link Long#MIN_VALUE} if none
 */
public record ContainerStatus(
    String name,
    boolean init,
    boolean ready,
    int restartCount,
    State state,
    String reason,
    long startedMillis,
    int exitCode,
    String lastTerminationReason,
    int lastTerminationExitCode,
    long lastTerminationMillis) {

  /** The container state, as in {@code state.waiting|running|terminated}. */
  public enum State {
    /** Not started yet or waiting to restart. */
    WAITING,
    /** Running. */
    RUNNING,
    /** Exited. */
    TERMINATED,
    /** No state given. */
    UNKNOWN
  }

  /**
   * Validates the status.
   *
   * @param name see the record description
   * @param init see the record description
   * @param ready see the record description
   * @param restartCount see the record description
   * @param state see the record description
   * @param reason see the record description
   * @param startedMillis see the record description
   * @param exitCode see the record description
   * @param lastTerminationReason see the record description
   * @param lastTerminationExitCode see the record description
   * @param lastTerminationMillis see the record description
   */
  public ContainerStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(lastTerminationReason, "lastTerminationReason");
    if (restartCount < 0) {
      throw new IllegalArgumentException(
          "container " + name + ": restartCount " + restartCount + " < 0");
    }
  }
}
