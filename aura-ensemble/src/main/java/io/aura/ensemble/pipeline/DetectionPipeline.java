package io.aura.ensemble.pipeline;

import io.aura.ensemble.drift.DataDrift;
import io.aura.ensemble.drift.DriftReference;
import io.aura.features.FeatureSchema;
import io.aura.features.FeatureSpec;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.KubernetesFeatures;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.selection.FeatureSelection;
import io.aura.models.detect.AlarmPolicy;
import io.aura.models.detect.SeverityScale;
import io.aura.models.forest.IsolationForest;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.TreeShap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Aura end to end: raw Kubernetes metrics of one pod in, explained detections and early warnings
 * out. A fitted pipeline is an immutable chain
 *
 * <pre>
 * raw samples → streaming features (a {@link FeatureSet}, default {@link KubernetesFeatures#podFeatures})
 *   → selection → robust scaling → members ({@link PipelineMember}s, in declared order; by default
 *   a GBDT {@link Classifier} for the anomaly type, an {@link IsolationForest} for novelty, and trend
 *   warnings: time to OOM kill / full disk) → {@link PipelineDetection}
 * </pre>
 *
 * <p>It is made by {@link DetectionPipelineTrainer} from history and the automatic labels of
 * Kubernetes events, saved and loaded with {@link PipelineFile} (versioned, checksummed, atomic),
 * and run per entity through a {@link PipelineSession} ({@link #newSession}) — one per pod, since
 * features and warnings keep state — or over a whole frame with {@link #detect(Frame)}, which gives
 * exactly the detections of a session fed the same rows.
 *
 * <pre>{@code
 * DetectionPipeline pipeline = PipelineFile.read(Path.of("cluster.aura"));
 * PipelineSession web1 = pipeline.newSession(Labels.of("namespace", "shop", "pod", "web-1"));
 * double[] raw = new double[pipeline.inputNames().size()];
 * // fill raw in inputNames() order from a scrape, then:
 * PipelineDetection d = web1.update(scrapeMillis, raw);
 * if (d.isAnomaly() || d.newWarning()) alert(d);
 * }</pre>
 *
 * <p><b>Drift.</b> The pipeline carries a reference sample of its training rows (up to 1,000, the
 * selected features unscaled); {@link #assessDrift} compares an entity's recent metrics with it, and
 * a {@code ModelDriftMonitor} fed with classified types and event labels watches the rolling F1
 * (see docs/pipeline.md).
 *
 * <p><b>Missing values.</b> NaN is missing everywhere. The feature engine propagates it by its
 * documented rules; the classifier routes a missing feature along each split's learned default
 * direction; the Isolation Forest, which has no notion of missing, sees a missing feature at its
 * training median (0 after robust scaling); a trend warning restarts after a missing sample.
 * Infinite scaled values (an overflow of the scaling; features themselves are never infinite) reach
 * the classifier as ±{@code Float.MAX_VALUE} — in training
 * and detection alike, because the GBDT libraries reject infinity — and the forest as ±{@code
 * Double.MAX_VALUE}; both keep their order against every split.
 *
 * <p>Thread safety: immutable; any number of sessions on any threads may share one pipeline, and
 * 8 threads give results identical to one (tested). Allocation: the pipeline allocates nothing after
 * construction; see {@link PipelineSession} for the per-sample cost. Complexity per sample: the
 * feature engine's O(features), one classifier evaluation O(trees · depth), one forest evaluation
 * O(trees · log ψ), and O(1) for the warnings — in general the sum of the members' costs.
 */
public final class DetectionPipeline {
  /** The feature set of {@link KubernetesFeatures#podFeatures(Duration, ZoneId)}, version 1. */
  public static final String KUBERNETES_POD_FEATURES = FeatureSet.POD_NAME;

  private final FeatureSet featureSet;
  private final FeatureSpec spec;
  private final Duration step;
  private final ZoneId zone;
  private final FeatureSelection selection;
  private final double[] centers;
  private final double[] scales;
  private final List<AnomalyType> classes;
  private final List<PipelineMember> members;
  private final List<AlarmPolicy> alarmPolicies;
  private final Map<String, String> provenance;
  private final double[][] driftRows;
  private final DriftReference drift;
  private final ScoreCache cache;
  private final MemberContext context;

  DetectionPipeline(FeatureSet featureSet, Duration step, ZoneId zone, FeatureSelection selection, double[] centers,
      double[] scales, List<AnomalyType> classes, List<PipelineMember> members, List<AlarmPolicy> alarmPolicies,
      Map<String, String> provenance, double[][] driftRows) {
    this.featureSet = Objects.requireNonNull(featureSet, "featureSet");
    this.step = Objects.requireNonNull(step, "step");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.spec = featureSet.spec(step, zone);
    this.selection = Objects.requireNonNull(selection, "selection");
    FeatureSchema schema = spec.schema();
    if (!selection.inputSchema().names().equals(schema.names())) {
      throw new InvalidDataException("the feature selection was made over " + selection.inputSchema().size()
          + " features that are not the " + schema.size() + " features of " + featureSet.name());
    }
    int d = selection.size();
    if (centers.length != d || scales.length != d) {
      throw new InvalidDataException("scaling has " + centers.length + " centers and " + scales.length
          + " scales for " + d + " selected features");
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(centers[j]) || !(scales[j] > 0) || !Double.isFinite(scales[j])) {
        throw new InvalidDataException("scaling of feature " + selection.selectedNames().get(j)
            + " is not finite and positive: center " + centers[j] + ", scale " + scales[j]);
      }
    }
    this.centers = centers.clone();
    this.scales = scales.clone();
    this.classes = List.copyOf(classes);
    if (this.classes.isEmpty() || this.classes.get(0) != AnomalyType.NORMAL
        || this.classes.stream().distinct().count() != this.classes.size()) {
      throw new InvalidDataException("classes must start with NORMAL and be distinct, got " + this.classes);
    }
    this.members = List.copyOf(members);
    if (this.members.isEmpty()) {
      throw new InvalidDataException("a pipeline needs at least one member");
    }
    for (PipelineMember m : this.members) {
      if (m instanceof ClassifierMember c && !c.classes().equals(this.classes)) {
        throw new InvalidDataException("the classifier member's classes " + c.classes() + " are not the pipeline's "
            + this.classes);
      }
    }
    this.alarmPolicies = List.copyOf(alarmPolicies == null ? fixedPolicies(this.members,
        AlarmSettings.defaults().minGapSteps()) : alarmPolicies);
    if (this.alarmPolicies.size() != this.members.size()) {
      throw new InvalidDataException(this.alarmPolicies.size() + " alarm policies for " + this.members.size()
          + " members");
    }
    this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    this.driftRows = new double[driftRows.length][];
    for (int i = 0; i < driftRows.length; i++) {
      if (driftRows[i].length != d) {
        throw new InvalidDataException("drift reference row " + i + " has " + driftRows[i].length + " values for " + d
            + " selected features");
      }
      this.driftRows[i] = driftRows[i].clone();
    }
    this.drift = DriftReference.of(selection.selectedSchema(), this.driftRows);
    this.cache = null;
    this.context = new MemberContext(schema, selection, this.classes, step);
  }

  private DetectionPipeline(DetectionPipeline p, ScoreCache cache, List<PipelineMember> members,
      List<AlarmPolicy> alarmPolicies) {
    this.featureSet = p.featureSet;
    this.spec = p.spec;
    this.step = p.step;
    this.zone = p.zone;
    this.selection = p.selection;
    this.centers = p.centers;
    this.scales = p.scales;
    this.classes = p.classes;
    this.members = List.copyOf(members);
    this.alarmPolicies = List.copyOf(alarmPolicies);
    this.provenance = p.provenance;
    this.driftRows = p.driftRows;
    this.drift = p.drift;
    this.cache = cache;
    this.context = p.context;
  }

  /**
   * The same pipeline with a bounded cache of member outputs for repeated inputs (pods that are
   * down or idle produce identical rows scrape after scrape; replays score rows again). Results are
   * identical with and without it: a hit needs the scaled row equal bit for bit, and only members
   * whose verdict depends on the scaled row alone ({@link PipelineMember#scoresRowOnly()}) are
   * cached. Direct-mapped, lock free, shared by every session of the returned pipeline; nothing is
   * allocated on a hit, one entry on a miss.
   *
   * @param capacity slots, rounded up to a power of two, in [1, 2^24]
   * @return a pipeline sharing every member with this one, plus the cache
   */
  public DetectionPipeline withCache(int capacity) {
    return new DetectionPipeline(this, new ScoreCache(capacity), members, alarmPolicies);
  }

  /**
   * The same pipeline with other warning settings: the warnings are rules on the features, not
   * learned, so they can be tuned (on history the pipeline was trained on) without retraining. The
   * trend-warning members are replaced, in place of the first of them (or appended).
   *
   * @param settings the new settings
   * @return a pipeline sharing every other member (and the cache, if any) with this one
   */
  public DetectionPipeline withWarnings(WarningSettings settings) {
    List<PipelineMember> warnings = new ArrayList<>();
    for (WarningSettings.Rule rule : settings.rules()) {
      warnings.add(new TrendWarningMember(settings, rule, context));
    }
    int gap = AlarmSettings.defaults().minGapSteps();
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i) instanceof TrendWarningMember) {
        gap = alarmPolicies.get(i).minGapSteps();
        break;
      }
    }
    List<AlarmPolicy> warningPolicies = fixedPolicies(warnings, gap);
    List<PipelineMember> out = new ArrayList<>();
    List<AlarmPolicy> policies = new ArrayList<>();
    boolean placed = false;
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i) instanceof TrendWarningMember) {
        if (!placed) {
          out.addAll(warnings);
          policies.addAll(warningPolicies);
          placed = true;
        }
      } else {
        out.add(members.get(i));
        policies.add(alarmPolicies.get(i));
      }
    }
    if (!placed) {
      out.addAll(warnings);
      policies.addAll(warningPolicies);
    }
    return new DetectionPipeline(this, cache, out, policies);
  }

  /** @return cache hits so far, 0 without a cache */
  public long cacheHits() {
    return cache == null ? 0 : cache.hits();
  }

  /** @return cache misses so far, 0 without a cache */
  public long cacheMisses() {
    return cache == null ? 0 : cache.misses();
  }

  ScoreCache cache() {
    return cache;
  }

  /**
   * Data drift of an entity's recent metrics against the training reference: the window's features
   * are computed (batch, as the stream would), the selected ones compared feature by feature
   * (Kolmogorov–Smirnov, PSI, Wasserstein; see {@link DriftReference}). Infinite feature values
   * count as missing here, as in the reference. Give the window enough history for the longest
   * feature window (one hour) to fill.
   *
   * @param raw the entity's raw metrics, holding {@link #inputNames()}
   * @return one report per selected feature
   * @throws InvalidDataException if an input column is missing
   */
  public DataDrift assessDrift(Frame raw) {
    Frame features = spec.transform(selectInputs(raw));
    int[] sel = selection.selectedIndices();
    double[][] window = new double[features.rows()][sel.length];
    double[] full = new double[features.columnCount()];
    for (int r = 0; r < features.rows(); r++) {
      features.row(r, full);
      for (int j = 0; j < sel.length; j++) {
        window[r][j] = finiteOrMissing(full[sel[j]]);
      }
    }
    return drift.assess(window);
  }

  static double finiteOrMissing(double x) {
    return Double.isInfinite(x) ? Double.NaN : x;
  }

  /** @return the training reference for data drift, over the selected features */
  public DriftReference driftReference() {
    return drift;
  }

  double[][] driftRows() {
    return driftRows;
  }

  /**
   * Starts the stateful detection of one entity.
   *
   * @param entity the pod's (or node's) labels, copied into every detection
   * @return a new session; not thread-safe, use one per entity and thread
   */
  public PipelineSession newSession(io.aura.features.Labels entity) {
    return new PipelineSession(this, Objects.requireNonNull(entity, "entity"));
  }

  /**
   * Runs a fresh session over every row of a frame: the same detections as {@link
   * PipelineSession#update} row by row.
   *
   * @param raw the entity's raw metrics; must hold every column of {@link #inputNames()} (others are
   *     ignored); its labels are the entity
   * @return one detection per row
   * @throws InvalidDataException if an input column is missing or timestamps are not increasing
   */
  public List<PipelineDetection> detect(Frame raw) {
    Frame inputs = selectInputs(raw);
    PipelineSession s = newSession(raw.labels());
    double[] row = new double[inputs.columnCount()];
    List<PipelineDetection> out = new ArrayList<>(inputs.rows());
    for (int r = 0; r < inputs.rows(); r++) {
      inputs.row(r, row);
      out.add(s.update(inputs.timestamp(r), row));
    }
    return out;
  }

  Frame selectInputs(Frame raw) {
    List<String> missing = new ArrayList<>();
    for (String name : spec.inputNames()) {
      if (!raw.columnNames().contains(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidDataException("frame " + raw.labels() + " lacks the pipeline's input columns " + missing);
    }
    return raw.select(spec.inputNames());
  }

  /**
   * Saves to a file atomically; see {@link PipelineFile#write}.
   *
   * @param path the target
   * @throws IOException on a write failure (the previous file, if any, is intact)
   */
  public void save(Path path) throws IOException {
    PipelineFile.write(this, path);
  }

  /** @return the raw input columns, in the order {@link PipelineSession#update} reads them */
  public List<String> inputNames() {
    return spec.inputNames();
  }

  /** @return the scrape step the features assume */
  public Duration step() {
    return step;
  }

  /** @return the time zone of the calendar features */
  public ZoneId zone() {
    return zone;
  }

  /** @return the feature engine */
  public FeatureSpec featureSpec() {
    return spec;
  }

  /** @return the selected features the members read */
  public FeatureSelection selection() {
    return selection;
  }

  /** @return the classes of the training labels; index 0 is {@link AnomalyType#NORMAL} */
  public List<AnomalyType> classes() {
    return classes;
  }

  /** @return the feature set */
  public FeatureSet featureSet() {
    return featureSet;
  }

  /**
   * The alarm policy of each member, at its member's index: threshold, release level and minimum
   * gap, calibrated by the trainer to the false-alarm budget (see {@link AlarmSettings}).
   *
   * @return the policies, one per member
   */
  public List<AlarmPolicy> alarmPolicies() {
    return alarmPolicies;
  }

  /**
   * The same pipeline with other alarm policies (for example a budget recalibrated on the user's
   * own history); members, cache and everything else are shared.
   *
   * @param policies one policy per member, at its index
   * @return the pipeline
   */
  public DetectionPipeline withAlarmPolicies(List<AlarmPolicy> policies) {
    if (policies.size() != members.size()) {
      throw new IllegalArgumentException(policies.size() + " alarm policies for " + members.size() + " members");
    }
    return new DetectionPipeline(this, cache, members, policies);
  }

  /**
   * Each member alarming exactly at its {@link PipelineMember#alarmFloor()} (never, when the floor
   * is not finite): the policies of a pipeline before its budget is calibrated.
   */
  static List<AlarmPolicy> fixedPolicies(List<PipelineMember> members, int minGap) {
    List<AlarmPolicy> out = new ArrayList<>();
    for (PipelineMember m : members) {
      double floor = m.alarmFloor();
      double t = Double.isFinite(floor) ? floor : Double.POSITIVE_INFINITY;
      out.add(AlarmPolicy.of(t, t, minGap));
    }
    return out;
  }

  /**
   * Runs a fresh session over every row of a frame, keeping its alarm episodes too.
   *
   * @param raw the entity's raw metrics, as for {@link #detect(Frame)}
   * @return the detections, one per row, and every alarm episode (the last may still be open)
   * @throws InvalidDataException as {@link #detect(Frame)}
   */
  public PipelineRun run(Frame raw) {
    Frame inputs = selectInputs(raw);
    PipelineSession s = newSession(raw.labels());
    double[] row = new double[inputs.columnCount()];
    List<PipelineDetection> out = new ArrayList<>(inputs.rows());
    List<PipelineAlarm> alarms = new ArrayList<>();
    for (int r = 0; r < inputs.rows(); r++) {
      inputs.row(r, row);
      out.add(s.update(inputs.timestamp(r), row));
      if (s.alarmTransition() == io.aura.models.detect.AlarmTransition.CLOSED) {
        alarms.add(s.lastAlarm());
      }
    }
    if (s.alarmOpen()) {
      alarms.add(s.lastAlarm());
    }
    return new PipelineRun(out, alarms);
  }

  /**
   * What {@link #run} gives: the detections of every row and the alarm episodes.
   *
   * @param detections one per row
   * @param alarms the episodes, in time order; the last may be open (end −1)
   */
  public record PipelineRun(List<PipelineDetection> detections, List<PipelineAlarm> alarms) {
    /** Copies the lists. */
    public PipelineRun {
      detections = List.copyOf(detections);
      alarms = List.copyOf(alarms);
    }
  }

  /** @return the members, in the order the session runs them */
  public List<PipelineMember> members() {
    return members;
  }

  /** @return what members know of this pipeline */
  public MemberContext context() {
    return context;
  }

  private <T extends PipelineMember> T first(Class<T> kind) {
    for (PipelineMember m : members) {
      if (kind.isInstance(m)) {
        return kind.cast(m);
      }
    }
    throw new IllegalStateException("this pipeline has no " + kind.getSimpleName() + "; its members are " + members);
  }

  /**
   * @return the anomaly-type classifier (of the first {@link ClassifierMember})
   * @throws IllegalStateException if the pipeline has none
   */
  public Classifier classifier() {
    return first(ClassifierMember.class).classifier();
  }

  /**
   * The classifier's severity cuts over its confidence in the predicted anomalous class, calibrated
   * on the training incident rows (see {@link ClassifierMember}); its low cut is 0, so an anomalous
   * class is always at least {@code LOW}.
   *
   * @return the scale
   * @throws IllegalStateException if the pipeline has no classifier
   */
  public SeverityScale classifierSeverity() {
    return first(ClassifierMember.class).severityScale();
  }

  /**
   * @return the novelty detector (of the first {@link NoveltyMember})
   * @throws IllegalStateException if the pipeline has none
   */
  public IsolationForest forest() {
    return first(NoveltyMember.class).forest();
  }

  /** @return the longest horizon of the warning members, or zero without any */
  public Duration warningHorizon() {
    Duration h = Duration.ZERO;
    for (PipelineMember m : members) {
      if (m instanceof TrendWarningMember w && w.horizon().compareTo(h) > 0) {
        h = w.horizon();
      }
    }
    return h;
  }

  /** @return how the pipeline was made (trainer settings, data, library versions), read-only */
  public Map<String, String> provenance() {
    return provenance;
  }

  double[] centers() {
    return centers;
  }

  double[] scales() {
    return scales;
  }

  @Override
  public String toString() {
    return "DetectionPipeline{features=" + featureSet.name() + " step=" + step + ", selected="
        + selection.size() + "/" + spec.schema().size() + ", classes=" + classes + ", members=" + members + "}";
  }
}
