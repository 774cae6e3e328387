package io.aura.features.anomaly;

import java.util.List;

/**
 * The verdict on one row: its score, its severity and the features that contributed most.
 *
 * <p>Thread safety: immutable (the list is unmodifiable). Allocation: one record and its list;
 * produce it on the explanation path, not the hot scoring path (use a model's allocation-free
 * {@code score} there, e.g. {@code io.aura.models.detect.AnomalyModel#score}). Complexity: O(topK)
 * to construct.
 *
 * @param score the anomaly score, higher is more anomalous (range documented by the model)
 * @param severity the severity, from the model's calibrated severity scale
 * @param topFeatures the contributing features, largest weight first (may be empty)
 */
public record Detection(double score, Severity severity, List<Contribution> topFeatures) {

  /** Copies the list into an unmodifiable one. */
  public Detection {
    java.util.Objects.requireNonNull(severity, "severity");
    topFeatures = List.copyOf(topFeatures);
  }

  /**
   * Whether the row is an anomaly.
   *
   * @return {@code severity().isAnomalous()}
   */
  public boolean isAnomaly() {
    return severity.isAnomalous();
  }
}
