package io.aura.ensemble.pipeline;

import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;

/**
 * What one member of a {@link DetectionPipeline} said about the last sample of a session: a slot
 * that the member fills in {@link PipelineMember#score} and the session reads to assemble the
 * {@link PipelineDetection}. One slot per member per session, reused for every sample.
 *
 * <ul>
 *   <li>{@link #type()}: the anomaly the member names, {@link AnomalyType#NORMAL} for none. A
 *       {@link PipelineMember.Role#CLASSIFIER} always names its class; a {@link
 *       PipelineMember.Role#DETECTOR} names {@link AnomalyType#UNKNOWN} (or its own type) only when
 *       it flags the row; a {@link PipelineMember.Role#WARNING} names the anomaly it predicts.
 *   <li>{@link #severity()}: how bad, {@link Severity#NONE} for none.
 *   <li>{@link #score()}: the member's own score (classifier: 1 − P(normal); forest: the Isolation
 *       Forest score; warning: NaN); {@link #confidence()}: the classifier's probability of its
 *       class, NaN for others.
 *   <li>{@link #alarmScore()}: the score the member's alarm policy reads (higher is worse; NaN = no
 *       verdict), see {@link PipelineMember#alarmScore}.
 *   <li>{@link #etaMillis()}: a warning's predicted time to the anomaly, −1 otherwise; {@link
 *       #newEpisode()}: whether this sample opened the member's warning episode.
 * </ul>
 *
 * <p>Thread safety: mutable, confined to its session. Allocation: none. Complexity: O(1).
 */
public final class MemberVerdict {
  AnomalyType type = AnomalyType.NORMAL;
  Severity severity = Severity.NONE;
  double score = Double.NaN;
  double confidence = Double.NaN;
  double alarmScore = Double.NaN;
  long etaMillis = -1;
  boolean newEpisode;

  MemberVerdict() {}

  /**
   * Sets the verdict of a classifier or detector.
   *
   * @param t the anomaly named, NORMAL for none
   * @param s the severity
   * @param memberScore the member's own score
   * @param conf the probability of {@code t} for a classifier, else NaN
   * @param alarm the score its alarm policy reads
   */
  public void set(AnomalyType t, Severity s, double memberScore, double conf, double alarm) {
    this.type = t;
    this.severity = s;
    this.score = memberScore;
    this.confidence = conf;
    this.alarmScore = alarm;
    this.etaMillis = -1;
    this.newEpisode = false;
  }

  /**
   * Sets the verdict of a warning.
   *
   * @param t the predicted anomaly, NORMAL when not warning
   * @param s the severity
   * @param eta predicted time to the anomaly, −1 when not warning
   * @param opened whether this sample opened a warning episode
   */
  public void warn(AnomalyType t, Severity s, long eta, boolean opened) {
    this.type = t;
    this.severity = s;
    this.score = Double.NaN;
    this.confidence = Double.NaN;
    this.alarmScore = t == AnomalyType.NORMAL ? 0 : 1;
    this.etaMillis = eta;
    this.newEpisode = opened;
  }

  /** @return the anomaly named, NORMAL for none */
  public AnomalyType type() {
    return type;
  }

  /** @return the severity */
  public Severity severity() {
    return severity;
  }

  /** @return the member's own score */
  public double score() {
    return score;
  }

  /** @return a classifier's probability of its class, else NaN */
  public double confidence() {
    return confidence;
  }

  /** @return the score the member's alarm policy reads */
  public double alarmScore() {
    return alarmScore;
  }

  /** @return a warning's predicted time to the anomaly, −1 otherwise */
  public long etaMillis() {
    return etaMillis;
  }

  /** @return whether this sample opened a warning episode */
  public boolean newEpisode() {
    return newEpisode;
  }

  /** Packs the fields a cache keeps: type, severity, score, confidence, alarm score. */
  void pack(double[] out, int offset) {
    out[offset] = type.ordinal();
    out[offset + 1] = severity.ordinal();
    out[offset + 2] = score;
    out[offset + 3] = confidence;
    out[offset + 4] = alarmScore;
  }

  static final int PACKED = 5;
  private static final AnomalyType[] TYPES = AnomalyType.values();
  private static final Severity[] SEVERITIES = Severity.values();

  void unpack(double[] in, int offset) {
    set(TYPES[(int) in[offset]], SEVERITIES[(int) in[offset + 1]], in[offset + 2], in[offset + 3],
        in[offset + 4]);
  }
}
