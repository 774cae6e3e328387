package io.aura.ensemble.pipeline;

import io.aura.features.FeatureSchema;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.selection.FeatureSelection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a member may know of the pipeline it belongs to, when it is fitted or read back: the
 * feature schema of the {@link FeatureSet}, the selection the members read, the classes the
 * pipeline's labels hold (index 0 is {@link AnomalyType#NORMAL}) and the scrape step.
 *
 * <p>Thread safety: immutable. Allocation: none after construction. Complexity: O(1) accessors,
 * O(features) for {@link #featureIndex}.
 */
public final class MemberContext {
  private final FeatureSchema schema;
  private final FeatureSelection selection;
  private final List<AnomalyType> classes;
  private final Duration step;

  MemberContext(FeatureSchema schema, FeatureSelection selection, List<AnomalyType> classes, Duration step) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.selection = Objects.requireNonNull(selection, "selection");
    this.classes = List.copyOf(classes);
    this.step = Objects.requireNonNull(step, "step");
  }

  /** @return every feature of the feature set */
  public FeatureSchema schema() {
    return schema;
  }

  /** @return the selected features, as {@link FeatureRow#scaled()} holds them */
  public FeatureSelection selection() {
    return selection;
  }

  /** @return the classes of the training labels, NORMAL first */
  public List<AnomalyType> classes() {
    return classes;
  }

  /** @return the scrape step */
  public Duration step() {
    return step;
  }

  /**
   * @param name a feature name
   * @return its index in {@link FeatureRow#features()}, or −1 if the feature set has no such
   *     feature
   */
  public int featureIndex(String name) {
    return schema.indexOf(name);
  }

  /** @return the number of selected features */
  public int selectedCount() {
    return selection.size();
  }
}
