package io.aura.ensemble.pipeline;

import io.aura.features.Frame;
import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.io.kubernetes.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entity's raw metrics and the incidents known for the cluster (typically derived from its
 * Kubernetes events by {@code EventIncidents}); the incidents that apply to the frame's labels
 * label its rows.
 *
 * <p>Thread safety: immutable. Allocation: a copy of the incident list (the factories share one
 * list across a simulation's pods). Complexity: O(incidents).
 *
 * @param raw the entity's raw metrics, holding every column of {@link
 *     DetectionPipeline#inputNames()} and evenly spaced at the pipeline's step
 * @param incidents the incidents, any order; those for other entities are ignored
 */
public record LabeledSeries(Frame raw, List<Incident> incidents) {
  /** Checks and copies. */
  public LabeledSeries {
    Objects.requireNonNull(raw, "raw");
    incidents = List.copyOf(incidents);
  }

  /**
   * One labelled series per entity, all sharing one incident list (each series keeps the incidents
   * that apply to its own labels, see {@link #podIncidents()}).
   *
   * @param frames each entity's raw metrics
   * @param incidents the incidents of the whole cluster, for example {@code
   *     EventIncidents.defaults().derive(events)}
   * @return one series per frame, in order
   */
  public static List<LabeledSeries> of(List<Frame> frames, List<Incident> incidents) {
    List<Incident> shared =
        List.copyOf(incidents); // copyOf of it again returns it: one list for all
    List<LabeledSeries> out = new ArrayList<>(frames.size());
    for (Frame f : frames) {
      out.add(new LabeledSeries(f, shared));
    }
    return out;
  }

  /**
   * The incidents that label this pod's rows: those of the pod itself (its namespace and pod labels
   * match) and {@link AnomalyType#NODE_FAILURE} of its node, which the pod's metrics show (they
   * vanish). Other node conditions (disk or memory pressure) are not in a pod's own metrics — they
   * belong to a node's pipeline — and the evictions they cause are labelled on the evicted pod.
   *
   * @return the incidents that apply, in the original order
   */
  public List<Incident> podIncidents() {
    List<Incident> out = new ArrayList<>();
    for (Incident inc : incidents) {
      boolean podScoped = inc.entity().get(Labels.POD) != null;
      if (inc.appliesTo(raw.labels()) && (podScoped || inc.type() == AnomalyType.NODE_FAILURE)) {
        out.add(inc);
      }
    }
    return out;
  }
}
