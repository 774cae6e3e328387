package io.aura.ensemble.pipeline;

/**
 * How {@link DetectionPipelineTrainer} turns its members' scores into alarm episodes ({@link
 * PipelineAlarm}): a false-alarm budget in episodes per entity-day (the knob; thresholds follow),
 * the hysteresis and the minimum gap between two episodes of a member.
 *
 * <p>Calibration ({@code io.aura.models.detect.AlarmPolicy}): the fitted pipeline replays its
 * normal training rows (rows labelled incident or pre-incident count as no verdict). Members with
 * a decision of their own ({@link PipelineMember#calibratesAlarm()} false: the classifier's class,
 * a warning) alarm at it; the episodes they open on those rows are charged to the budget first, and
 * what remains is shared equally by the members whose threshold is calibrated (the novelty forest,
 * and by default a user's detector), never below their {@link PipelineMember#alarmFloor()}. A
 * budget that the fixed members already spend leaves the calibrated ones silent on training-like
 * data, and the provenance says so.
 *
 * <p>Thread safety: immutable. Complexity: O(1).
 *
 * @param episodesPerEntityDay the false-alarm budget, finite and at least 0 (default 0.05)
 * @param minGapSteps samples below a member's release level that close its episode, at least 1
 *     (default 10)
 * @param releaseRatio the hysteresis as a ratio of exceedance fractions, at least 1 (default 2)
 */
public record AlarmSettings(double episodesPerEntityDay, int minGapSteps, double releaseRatio) {
  /** Checks the fields. */
  public AlarmSettings {
    if (!(episodesPerEntityDay >= 0) || Double.isInfinite(episodesPerEntityDay)) {
      throw new IllegalArgumentException("the alarm budget must be finite and at least 0, got " + episodesPerEntityDay);
    }
    if (minGapSteps < 1) {
      throw new IllegalArgumentException("minGapSteps must be at least 1, got " + minGapSteps);
    }
    if (!(releaseRatio >= 1) || Double.isInfinite(releaseRatio)) {
      throw new IllegalArgumentException("releaseRatio must be finite and at least 1, got " + releaseRatio);
    }
  }

  /** @return the defaults: 0.05 episodes per entity-day, gap 10 samples, release ratio 2 */
  public static AlarmSettings defaults() {
    return new AlarmSettings(0.05, 10, 2);
  }

  @Override
  public String toString() {
    return "AlarmSettings{budget=" + episodesPerEntityDay + "/entity-day, minGap=" + minGapSteps + ", releaseRatio="
        + releaseRatio + "}";
  }
}
