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
 * raw samples → streaming features ({@link KubernetesFeatures#podFeatures}) → selection → robust
 *   scaling → members: a GBDT {@link Classifier} (anomaly type), an {@link IsolationForest}
 *   (novelty), trend warnings (time to OOM kill / full disk) → {@link PipelineDetection}
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
 * O(trees · log ψ), and O(1) for the warnings.
 */
public final class DetectionPipeline {
  /** The feature set of {@link KubernetesFeatures#podFeatures(Duration, ZoneId)}, version 1. */
  public static final String KUBERNETES_POD_FEATURES = "kubernetes-pod/1";

  static final String MEMORY_SIGNAL = "memory_usage_over_limit";
  static final String DISK_SIGNAL = "fs_usage_over_limit";

  private final FeatureSpec spec;
  private final Duration step;
  private final ZoneId zone;
  private final FeatureSelection selection;
  private final double[] centers;
  private final double[] scales;
  private final List<AnomalyType> classes;
  private final Classifier classifier;
  private final SeverityScale classifierSeverity;
  private final IsolationForest forest;
  private final WarningSettings warnings;
  private final Map<String, String> provenance;
  private final TreeShap shap;
  private final int memoryIndex;
  private final int diskIndex;
  private final int normalClass;
  private final double[][] driftRows;
  private final DriftReference drift;
  private final ScoreCache cache;

  DetectionPipeline(Duration step, ZoneId zone, FeatureSelection selection, double[] centers,
      double[] scales, List<AnomalyType> classes, Classifier classifier, SeverityScale classifierSeverity,
      IsolationForest forest, WarningSettings warnings, Map<String, String> provenance, double[][] driftRows) {
    this.step = Objects.requireNonNull(step, "step");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.spec = KubernetesFeatures.podFeatures(step, zone);
    this.selection = Objects.requireNonNull(selection, "selection");
    FeatureSchema schema = spec.schema();
    if (!selection.inputSchema().names().equals(schema.names())) {
      throw new InvalidDataException("the feature selection was made over " + selection.inputSchema().size()
          + " features that are not the " + schema.size() + " features of " + KUBERNETES_POD_FEATURES);
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
    if (this.classes.size() < 2 || this.classes.get(0) != AnomalyType.NORMAL
        || this.classes.stream().distinct().count() != this.classes.size()) {
      throw new InvalidDataException("classes must be at least two, start with NORMAL and be distinct, got " + this.classes);
    }
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    if (classifier.numFeatures() != d) {
      throw new InvalidDataException("the classifier reads " + classifier.numFeatures() + " features, the selection has "
          + d);
    }
    if (classifier.numClasses() != this.classes.size()) {
      throw new InvalidDataException("the classifier has " + classifier.numClasses() + " classes, the pipeline names "
          + this.classes.size() + ": " + this.classes);
    }
    this.classifierSeverity = Objects.requireNonNull(classifierSeverity, "classifierSeverity");
    if (!(classifierSeverity.low() <= 0)) {
      throw new InvalidDataException("the classifier's severity scale must start at 0 (every anomalous class is at"
          + " least LOW), got " + classifierSeverity);
    }
    this.forest = Objects.requireNonNull(forest, "forest");
    if (forest.featureCount() != d) {
      throw new InvalidDataException("the Isolation Forest reads " + forest.featureCount()
          + " features, the selection has " + d);
    }
    this.warnings = Objects.requireNonNull(warnings, "warnings");
    this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    if (!classifier.ensemble().hasCover()) {
      throw new InvalidDataException("the classifier carries no node covers, which TreeSHAP explanations need"
          + " (models trained by XGBoost4J or LightGBM4J carry them)");
    }
    this.shap = TreeShap.of(classifier.ensemble());
    this.memoryIndex = schema.indexOf(MEMORY_SIGNAL);
    this.diskIndex = schema.indexOf(DISK_SIGNAL);
    this.normalClass = 0;
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
  }

  private DetectionPipeline(DetectionPipeline p, ScoreCache cache) {
    this(p, cache, p.warnings);
  }

  private DetectionPipeline(DetectionPipeline p, ScoreCache cache, WarningSettings warnings) {
    this.spec = p.spec;
    this.step = p.step;
    this.zone = p.zone;
    this.selection = p.selection;
    this.centers = p.centers;
    this.scales = p.scales;
    this.classes = p.classes;
    this.classifier = p.classifier;
    this.classifierSeverity = p.classifierSeverity;
    this.forest = p.forest;
    this.warnings = Objects.requireNonNull(warnings, "warnings");
    this.provenance = p.provenance;
    this.shap = p.shap;
    this.memoryIndex = p.memoryIndex;
    this.diskIndex = p.diskIndex;
    this.normalClass = p.normalClass;
    this.driftRows = p.driftRows;
    this.drift = p.drift;
    this.cache = cache;
  }

  /**
   * The same pipeline with a bounded cache of member outputs for repeated inputs (pods that are
   * down or idle produce identical rows scrape after scrape; replays score rows again). Results are
   * identical with and without it: a hit needs the scaled row equal bit for bit. Direct-mapped, lock
   * free, shared by every session of the returned pipeline; nothing is allocated on a hit, one entry
   * on a miss.
   *
   * @param capacity slots, rounded up to a power of two, in [1, 2^24]
   * @return a pipeline sharing every member with this one, plus the cache
   */
  public DetectionPipeline withCache(int capacity) {
    return new DetectionPipeline(this, new ScoreCache(capacity));
  }

  /**
   * The same pipeline with other warning settings: the warnings are rules on the features, not
   * learned, so they can be tuned (on history the pipeline was trained on) without retraining.
   *
   * @param settings the new settings
   * @return a pipeline sharing every member (and the cache, if any) with this one
   */
  public DetectionPipeline withWarnings(WarningSettings settings) {
    return new DetectionPipeline(this, cache, settings);
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

  /** @return the classifier's classes; index 0 is {@link AnomalyType#NORMAL} */
  public List<AnomalyType> classes() {
    return classes;
  }

  /** @return the anomaly-type classifier */
  public Classifier classifier() {
    return classifier;
  }

  /**
   * The classifier's severity cuts over its confidence in the predicted anomalous class, calibrated
   * on the training incident rows (see {@link DetectionPipelineTrainer}); its low cut is 0, so an
   * anomalous class is always at least {@code LOW}.
   *
   * @return the scale
   */
  public SeverityScale classifierSeverity() {
    return classifierSeverity;
  }

  /** @return the novelty detector */
  public IsolationForest forest() {
    return forest;
  }

  /** @return the warning settings */
  public WarningSettings warnings() {
    return warnings;
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

  TreeShap shap() {
    return shap;
  }

  int memoryIndex() {
    return memoryIndex;
  }

  int diskIndex() {
    return diskIndex;
  }

  int normalClass() {
    return normalClass;
  }

  @Override
  public String toString() {
    return "DetectionPipeline{features=" + KUBERNETES_POD_FEATURES + " step=" + step + ", selected="
        + selection.size() + "/" + spec.schema().size() + ", classes=" + classes + ", classifier=" + classifier
        + ", forest=" + forest.treeCount() + " trees, " + warnings + "}";
  }
}
