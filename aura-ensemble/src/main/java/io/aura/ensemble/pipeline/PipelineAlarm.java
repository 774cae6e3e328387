package io.aura.ensemble.pipeline;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One alarm episode of one entity: what a user wires to a pager. It opens when the first member's
 * alarm policy opens, stays open while any member's does (each with its own hysteresis and minimum
 * gap, see {@code io.aura.models.detect.AlarmTracker}), and closes when the last closes: one alarm
 * per episode, however many rows and members it spans.
 *
 * <p>Its type and severity are those of the worst sample of the episode (the first at that
 * severity): the detection's type and severity, or, on a sample that only warns, the predicted
 * type and the warning's severity. The evidence names every member that was in alarm during the
 * episode.
 *
 * <p>Thread safety: immutable. Allocation: one record per opened and per closed episode (rare).
 * Complexity: O(members) to build.
 *
 * @param entity the pod or node
 * @param type the anomaly type at the peak (never NORMAL)
 * @param severity the peak severity
 * @param startMillis the first sample of the episode
 * @param peakMillis the first sample at the peak severity
 * @param endMillis the sample that closed the episode (not part of it), or −1 while it is open
 * @param evidence the members that were in alarm, in member order
 */
public record PipelineAlarm(Labels entity, AnomalyType type, Severity severity, long startMillis, long peakMillis,
    long endMillis, List<Evidence> evidence) {

  /**
   * One member's part in an episode.
   *
   * @param member the member's index in {@link DetectionPipeline#members()}
   * @param kind its kind
   * @param samples samples of the episode during which its own alarm was open
   * @param peakScore its highest alarm score during the episode
   */
  public record Evidence(int member, String kind, int samples, double peakScore) {}

  /** Checks the fields and copies the evidence. */
  public PipelineAlarm {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    evidence = List.copyOf(evidence);
  }

  /** @return whether the episode is still open ({@link #endMillis()} is −1) */
  public boolean isOpen() {
    return endMillis < 0;
  }
}
