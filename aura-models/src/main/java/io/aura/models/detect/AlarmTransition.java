package io.aura.models.detect;

/**
 * What one score did to a stream's alarm episode, as reported by {@link AlarmTracker#update}.
 *
 * <p>Thread safety: an enum, immutable. Allocation: none (the constants are shared).
 */
public enum AlarmTransition {
  /** No episode is open, and this step did not open one. */
  QUIET,
  /** This step opened an episode (its score reached the policy's threshold). */
  OPENED,
  /** An episode was open before this step and is still open after it. */
  CONTINUED,
  /**
   * This step closed the open episode: the score has stayed below the release level for the
   * policy's minimum gap. The step itself is not part of the episode.
   */
  CLOSED;

  /**
   * Whether the stream is in alarm after this step ({@link #OPENED} or {@link #CONTINUED}).
   *
   * @return true when an episode is open
   */
  public boolean inAlarm() {
    return this == OPENED || this == CONTINUED;
  }
}
