package io.aura.ensemble.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The member kinds and feature sets a {@link PipelineFile} reader knows: each member section of a
 * pipeline file names its kind, found here; a file with a kind (or feature set) the registry does
 * not know is refused with its name, never skipped. {@link #defaults()} knows Aura's members (the
 * classifier, the novelty forest, the trend warnings) and the pod feature set; a user's own member
 * is added with {@link #withMember}.
 *
 * <pre>{@code
 * PipelineRegistry registry = PipelineRegistry.defaults().withMember(MyDetector.KIND, MyDetector::read);
 * DetectionPipeline p = PipelineFile.read(path, registry);
 * }</pre>
 *
 * <p>Thread safety: immutable ({@code with...} return new registries). Allocation: a map copy per
 * {@code with...}. Complexity: O(1) look-ups.
 */
public final class PipelineRegistry {
  private static final PipelineRegistry DEFAULTS = new PipelineRegistry(Map.of(), Map.of())
      .withMember(ClassifierMember.KIND, ClassifierMember::read)
      .withMember(NoveltyMember.KIND, NoveltyMember::read)
      .withMember(TrendWarningMember.KIND, TrendWarningMember::read)
      .withFeatures(FeatureSet.POD);

  private final Map<String, PipelineMember.Reader> members;
  private final Map<String, FeatureSet> featureSets;

  private PipelineRegistry(Map<String, PipelineMember.Reader> members, Map<String, FeatureSet> featureSets) {
    this.members = members;
    this.featureSets = featureSets;
  }

  /** @return Aura's member kinds and the pod feature set */
  public static PipelineRegistry defaults() {
    return DEFAULTS;
  }

  /**
   * @param kind the member kind ({@link PipelineMember#kind()})
   * @param reader reads its section
   * @return a registry that also knows this kind (replacing a reader of the same kind)
   */
  public PipelineRegistry withMember(String kind, PipelineMember.Reader reader) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reader, "reader");
    Map<String, PipelineMember.Reader> m = new LinkedHashMap<>(members);
    m.put(kind, reader);
    return new PipelineRegistry(Map.copyOf(m), featureSets);
  }

  /**
   * @param set a feature set
   * @return a registry that also knows it by {@link FeatureSet#name()}
   */
  public PipelineRegistry withFeatures(FeatureSet set) {
    Objects.requireNonNull(set, "set");
    Map<String, FeatureSet> m = new LinkedHashMap<>(featureSets);
    m.put(set.name(), set);
    return new PipelineRegistry(members, Map.copyOf(m));
  }

  PipelineMember.Reader member(String kind) {
    return members.get(kind);
  }

  FeatureSet features(String name) {
    return featureSets.get(name);
  }

  /** @return the member kinds known, for messages */
  public Set<String> memberKinds() {
    return new java.util.TreeSet<>(members.keySet());
  }

  /** @return the feature set names known, for messages */
  public Set<String> featureSetNames() {
    return new java.util.TreeSet<>(featureSets.keySet());
  }

  @Override
  public String toString() {
    return "PipelineRegistry{members=" + memberKinds() + ", featureSets=" + featureSetNames() + "}";
  }
}
