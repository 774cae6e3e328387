package io.aura.ensemble.pipeline;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Contribution;
import io.aura.features.anomaly.Severity;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link DetectionPipeline} says about one sample of one entity.
 *
 * <p>The three members speak through separate fields so that a caller can act on each:
 *
 * <ul>
 *   <li>{@link #classifiedType()}, {@link #confidence()}, {@link #score()}: the classifier's
 *       anomaly type, its probability, and 1 − P(normal).
 *   <li>{@link #type()}: the classified type, except that when the classifier says normal but the
 *       novelty detector's severity is at least {@code HIGH} it is {@link AnomalyType#UNKNOWN}: a
 *       trouble the classifier was never shown (a novelty, not a claim about its kind).
 *   <li>{@link #novelty()}: the Isolation Forest score in (0, 1] (0.5 ≈ ordinary, near 1 = isolated
 *       quickly).
 *   <li>{@link #warningType()} and {@link #timeToAnomalyMillis()}: an early warning — the anomaly
 *       that a growing resource is heading for ({@link AnomalyType#MEMORY} for an OOM kill, {@link
 *       AnomalyType#EVICTION} for a full disk) and the extrapolated time until it, or {@link
 *       AnomalyType#NORMAL} and −1. {@link #newWarning()} is true on the first sample of a warning
 *       episode, so alerting on it fires once per episode.
 * </ul>
 *
 * <p>Severity (Aura's one scale, {@link Severity}) is the largest of: the classifier's (its
 * confidence on the pipeline's {@link DetectionPipeline#classifierSeverity() severity scale},
 * calibrated on the training incidents; at least low for an anomalous class, none for a normal row)
 * and the novelty detector's calibrated severity when the type is {@code UNKNOWN}. Warnings do not
 * raise it: they are predictions, reported with their own lead time.
 *
 * <p>Thread safety: immutable. Allocation: one record per sample; {@link #topFeatures()} is
 * computed only for anomalous rows (empty list otherwise). Complexity: O(1) accessors.
 *
 * @param entity the pod or node the sample belongs to
 * @param timestampMillis the sample time
 * @param type the anomaly type, {@link AnomalyType#UNKNOWN} for a novelty, {@link
 *     AnomalyType#NORMAL} for a normal row
 * @param severity the severity, {@link Severity#NONE} for a normal row
 * @param classifiedType the classifier's type (never {@code UNKNOWN})
 * @param score 1 − the classifier's probability of normal, in [0, 1]
 * @param confidence the classifier's probability of {@code type} (of normal for a normal row)
 * @param novelty the Isolation Forest score, in (0, 1]
 * @param warningType the anomaly a warning predicts, or {@link AnomalyType#NORMAL}
 * @param timeToAnomalyMillis the predicted time until it, or −1 without a warning
 * @param newWarning whether this sample opens a warning episode
 * @param topFeatures the features that contributed most (TreeSHAP of the predicted class, or the
 *     forest's depth attribution for {@code UNKNOWN}), largest first
 */
public record PipelineDetection(
    Labels entity,
    long timestampMillis,
    AnomalyType type,
    Severity severity,
    AnomalyType classifiedType,
    double score,
    double confidence,
    double novelty,
    AnomalyType warningType,
    long timeToAnomalyMillis,
    boolean newWarning,
    List<Contribution> topFeatures) {

  /** Checks the fields and copies the feature list. */
  public PipelineDetection {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(classifiedType, "classifiedType");
    Objects.requireNonNull(warningType, "warningType");
    topFeatures = List.copyOf(topFeatures);
  }

  /**
   * @return whether the row is anomalous: a classified anomaly or a novelty
   */
  public boolean isAnomaly() {
    return type != AnomalyType.NORMAL;
  }

  /**
   * @return whether the row is a novelty: classified normal, isolated by the forest
   */
  public boolean isNovelty() {
    return type == AnomalyType.UNKNOWN;
  }

  /**
   * @return whether a warning is active at this sample
   */
  public boolean isWarning() {
    return warningType != AnomalyType.NORMAL;
  }
}
