package io.aura.ensemble.pipeline;

import io.aura.models.persist.ModelFileException;

/**
 * One member of a {@link DetectionPipeline}: a fitted, immutable scorer of a session's {@link
 * FeatureRow}, made by a {@link MemberTrainer} (the trainer holds the settings, the member only
 * the fitted state, as in Tribuo). The classifier, the novelty forest and the trend warnings are
 * members; so is a user's own detector (see docs/architecture.md for a worked example).
 *
 * <p>Per sample, the session calls {@link #score} on every member in the declared order, each
 * filling its own {@link MemberVerdict}; it then assembles the {@link PipelineDetection} by the
 * members' {@link Role}s: the first classifier names the classified type; when it says normal, the
 * first detector that flags the row names the type (a novelty); the warning with the nearest
 * predicted anomaly is the detection's warning. Every member's {@link #alarmScore} feeds its own
 * alarm policy, and the session merges the members' alarms into episodes ({@link PipelineAlarm}).
 *
 * <p>A member that keeps state per entity (a trend window, a running baseline) returns it from
 * {@link #newState()}; the session keeps one per member and passes it back on every call. A member
 * is persisted as its own versioned, checksummed section ({@link #toBytes()}, written with {@code
 * ModelFileWriter}) under its {@link #kind()}, read back through {@link PipelineRegistry}; a file
 * holding a kind the reader does not know is refused, naming it. Never Java serialization.
 *
 * <p>Contract for implementations: immutable and thread-safe (any number of sessions share one
 * member); {@link #score} allocates nothing and is O(cost of one evaluation); {@link #explain} runs
 * only on the rare anomalous sample and may allocate; {@link #toString()} names every setting.
 */
public interface PipelineMember {

  /** How the session reads a member's verdict. */
  enum Role {
    /** Names the anomaly type of every row (its class, normal included). */
    CLASSIFIER,
    /** Flags rows as anomalous (a novelty, or its own type) or not. */
    DETECTOR,
    /** Predicts an anomaly ahead of time, with a time to it. */
    WARNING
  }

  /**
   * @return the stable kind under which {@link PipelineRegistry} finds this member's reader, e.g.
   *     {@code "aura.classifier"}
   */
  String kind();

  /** @return how the session reads this member's verdict */
  Role role();

  /**
   * A new per-entity state, or null for a member that keeps none.
   *
   * @return the state, passed back to {@link #score} and {@link #explain} of this session
   */
  default Object newState() {
    return null;
  }

  /**
   * Whether the verdict depends on {@link FeatureRow#scaled()} alone (no state, no time), so that a
   * pipeline cache may reuse it for a repeated row.
   *
   * @return true when the verdict is a pure function of the scaled row
   */
  default boolean scoresRowOnly() {
    return false;
  }

  /**
   * Whether {@link DetectionPipelineTrainer} calibrates this member's alarm threshold to the
   * false-alarm budget ({@link AlarmSettings}); false for a member whose alarm is its own decision
   * (the classifier's class, a warning), which alarms at {@link #alarmFloor()}.
   *
   * @return by default true for a {@link Role#DETECTOR}, false for a classifier or a warning (whose
   *     alarm score is 1 on its own decision, else 0)
   */
  default boolean calibratesAlarm() {
    return role() == Role.DETECTOR;
  }

  /**
   * The least alarm score at which this member may alarm: a calibrated threshold is never below
   * it, and a member that does not calibrate alarms exactly at it.
   *
   * @return the floor; by default −∞ (no floor) for a {@link Role#DETECTOR} and 1 (its decision)
   *     for a classifier or a warning
   */
  default double alarmFloor() {
    return role() == Role.DETECTOR ? Double.NEGATIVE_INFINITY : 1;
  }

  /**
   * Scores one sample. Must not allocate.
   *
   * @param row the sample's features
   * @param state this member's state in the session ({@link #newState()}), or null
   * @param out receives the verdict
   */
  void score(FeatureRow row, Object state, MemberVerdict out);

  /**
   * Each selected feature's contribution to the verdict just given, for an anomalous sample this
   * member decided; larger is more. The default attributes nothing.
   *
   * @param row the sample's features, as passed to {@link #score}
   * @param state this member's state, or null
   * @param verdict the verdict {@link #score} gave
   * @param out receives one weight per selected feature (zeroed by the caller)
   */
  default void explain(FeatureRow row, Object state, MemberVerdict verdict, double[] out) {}

  /**
   * This member's section of the pipeline file: a complete model file of its own kind, version and
   * checksum.
   *
   * @return the bytes
   */
  byte[] toBytes();

  /** Reads a member's section back; registered per kind in {@link PipelineRegistry}. */
  @FunctionalInterface
  interface Reader {
    /**
     * @param section the bytes {@link PipelineMember#toBytes()} wrote
     * @param context the pipeline the member belongs to (features, selection, classes)
     * @return the member, validated against the context
     * @throws ModelFileException if the section is corrupt or does not fit the pipeline
     */
    PipelineMember read(byte[] section, MemberContext context) throws ModelFileException;
  }
}
