package io.aura.models.detect;

/**
 * The alarm state of one stream under an {@link AlarmPolicy}: fed one score per step, it reports
 * whether an episode opened, continued or closed (hysteresis and minimum gap as the policy defines
 * them). Made by {@link AlarmPolicy#newTracker()}.
 *
 * <p>Rules per step, with threshold {@code T}, release level {@code R ≤ T} and minimum gap {@code g
 * ≥ 1}: when no episode is open, a score {@code ≥ T} opens one ({@link AlarmTransition#OPENED}),
 * anything else is {@link AlarmTransition#QUIET}; when one is open, the episode closes ({@link
 * AlarmTransition#CLOSED}) at the {@code g}-th consecutive step whose score is {@code < R}, and
 * otherwise continues ({@link AlarmTransition#CONTINUED}); a score {@code ≥ R} during that lull
 * restarts the count. So two episodes are always separated by at least {@code g} steps below the
 * release level, and a shorter lull does not split an incident into two alarms.
 *
 * <p>NaN policy: a NaN score (a detector's "no verdict", e.g. during warm-up or for a row with a
 * missing value) changes nothing: an open episode stays open and the lull count neither advances
 * nor restarts; the result is {@link AlarmTransition#CONTINUED} when an episode is open and {@link
 * AlarmTransition#QUIET} otherwise. Infinite scores are ordinary scores ({@code +∞} opens, {@code
 * −∞} counts towards closing).
 *
 * <p>Thread safety: mutable, not thread-safe; one tracker per stream, confined to one thread.
 * Allocation: none per {@link #update}. Complexity: O(1) per step.
 */
public final class AlarmTracker {
  private final AlarmPolicy policy;
  private final double threshold;
  private final double release;
  private final int minGap;
  private boolean open;
  private int below;

  AlarmTracker(AlarmPolicy policy) {
    this.policy = policy;
    this.threshold = policy.threshold();
    this.release = policy.releaseLevel();
    this.minGap = policy.minGapSteps();
  }

  /**
   * Consumes the next step's score.
   *
   * @param score the detector's score; NaN means no verdict
   * @return the transition this step caused
   */
  public AlarmTransition update(double score) {
    if (Double.isNaN(score)) {
      return open ? AlarmTransition.CONTINUED : AlarmTransition.QUIET;
    }
    if (!open) {
      if (score >= threshold) {
        open = true;
        below = 0;
        return AlarmTransition.OPENED;
      }
      return AlarmTransition.QUIET;
    }
    if (score < release) {
      if (++below >= minGap) {
        open = false;
        below = 0;
        return AlarmTransition.CLOSED;
      }
    } else {
      below = 0;
    }
    return AlarmTransition.CONTINUED;
  }

  /**
   * Whether an episode is open after the last step.
   *
   * @return true when in alarm
   */
  public boolean isOpen() {
    return open;
  }

  /**
   * The policy this tracker applies.
   *
   * @return the policy
   */
  public AlarmPolicy policy() {
    return policy;
  }

  /** Closes any open episode silently and forgets the lull count, as for a new stream. */
  public void reset() {
    open = false;
    below = 0;
  }
}
