package io.aura.ensemble.pipeline;

import io.aura.features.FeatureSpec;
import io.aura.features.KubernetesFeatures;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The feature set a {@link DetectionPipeline} computes from raw metrics: a stable name saved in
 * pipeline files (with a version suffix, e.g. {@value #POD_NAME}) and the factory of its feature
 * engine for a scrape step and time zone. Pod features are the default; a node, a VM or a service
 * gets the same pipeline with its own set, registered with {@link PipelineRegistry} for reading.
 *
 * <p>Thread safety: immutable if the factory is (it is called once per pipeline). Allocation and
 * complexity: those of the factory.
 *
 * @param name the stable name with version, saved in files
 * @param factory makes the feature engine for a step and zone
 */
public record FeatureSet(String name, BiFunction<Duration, ZoneId, FeatureSpec> factory) {
  /** The name of {@link KubernetesFeatures#podFeatures(Duration, ZoneId)}, version 1. */
  public static final String POD_NAME = "kubernetes-pod/1";

  /** The default: Kubernetes pod features ({@link KubernetesFeatures#podFeatures}). */
  public static final FeatureSet POD = new FeatureSet(POD_NAME, KubernetesFeatures::podFeatures);

  /** Checks the fields. */
  public FeatureSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a feature set needs a name");
    }
  }

  /**
   * @param step the scrape step
   * @param zone the time zone of calendar features
   * @return the feature engine
   */
  public FeatureSpec spec(Duration step, ZoneId zone) {
    return Objects.requireNonNull(factory.apply(step, zone), "feature set " + name + " made no spec");
  }

  @Override
  public String toString() {
    return name;
  }
}
