package io.aura.ensemble.pipeline;

import io.aura.features.FeatureSchema;
import io.aura.features.FeatureSpec;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.KubernetesFeatures;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.preprocess.RobustScaler;
import io.aura.features.selection.AnovaFSelector;
import io.aura.features.selection.FeatureSelection;
import io.aura.features.selection.VarianceThreshold;
import io.aura.io.kubernetes.IncidentLabeler;
import io.aura.io.kubernetes.LabelPhase;
import io.aura.io.kubernetes.RowLabels;
import io.aura.models.detect.SeverityScale;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.ClassifierTrainer;
import io.aura.models.trees.LabeledRows;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a {@link DetectionPipeline} from history: raw metrics of many entities plus the incidents
 * derived from their Kubernetes events.
 *
 * <p>Steps, in order:
 *
 * <ol>
 *   <li><b>Labels.</b> Each row gets the type of the incident it lies in, else normal ({@link
 *       IncidentLabeler} without lead, over {@link LabeledSeries#podIncidents()}). The classes are
 *       normal plus every type that occurs.
 *   <li><b>Time-ordered split.</b> Rows before the cut (the {@code 1 − validationFraction} point of
 *       the covered time span) train; later rows validate (early stopping, and the reported
 *       evaluation). No row of the validation tail reaches training.
 *   <li><b>Features</b> by the streaming-equivalent batch transform of {@link
 *       KubernetesFeatures#podFeatures}; <b>selection</b> on a sample of training rows (every
 *       anomalous and pre-incident row and a stride of normal rows): the features that vary on it,
 *       and, when {@code selectedFeatures} is smaller, the top ones by one-way ANOVA F against the
 *       class (on the simulator ANOVA's top 64 lost OOM kills: memory F1 0.65 against 1.0 with every
 *       varying feature, so the default keeps them all); <b>robust scaling</b> (median,
 *       interquartile range) fitted on that sample.
 *   <li><b>Classifier</b> by the given {@link ClassifierTrainer} (XGBoost4J or LightGBM4J) on every
 *       anomalous and pre-incident training row and every {@code normalStride}-th normal row, with
 *       early stopping on the validation rows.
 *   <li><b>Isolation Forest</b> on up to {@code forestRows} normal training rows, evenly spaced,
 *       missing features at their median; its severity scale from its contamination.
 *   <li><b>Validation:</b> the fitted pipeline runs over every series and is scored on the rows at or
 *       after the cut ({@link PipelineEvaluation}).
 * </ol>
 *
 * <p>Thread safety: immutable; {@link #fit} may run concurrently. Allocation: the features of one
 * series at a time (twice: once for selection, once for training) plus the selected training rows
 * as {@code float} (O(rows · selected)). Complexity: O(rows · features) for features, selection and
 * scaling, plus the classifier's and the forest's training.
 */
public final class DetectionPipelineTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(DetectionPipelineTrainer.class);
  /** Rows of the drift reference kept in the pipeline (evenly spaced over the selection sample). */
  static final int DRIFT_ROWS = 1000;
  /** Quantile of the training incidents' confidence where the classifier's medium severity starts. */
  static final double SEVERITY_MEDIUM_QUANTILE = 0.1;
  /** Quantile where its high severity starts. */
  static final double SEVERITY_HIGH_QUANTILE = 0.25;
  /** Quantile where its critical severity starts. */
  static final double SEVERITY_CRITICAL_QUANTILE = 0.5;

  private final ClassifierTrainer classifierTrainer;
  private final int selectedFeatures;
  private final int normalStride;
  private final double validationFraction;
  private final IsolationForestTrainer forestTrainer;
  private final int forestRows;
  private final WarningSettings warnings;
  private final ZoneId zone;
  private final TrainingListener listener;

  private DetectionPipelineTrainer(Builder b) {
    this.classifierTrainer = Objects.requireNonNull(b.classifierTrainer, "classifierTrainer must be set");
    this.selectedFeatures = b.selectedFeatures;
    this.normalStride = b.normalStride;
    this.validationFraction = b.validationFraction;
    this.forestTrainer = b.forestTrainer;
    this.forestRows = b.forestRows;
    this.warnings = b.warnings;
    this.zone = b.zone;
    this.listener = b.listener;
  }

  /** @return a builder with the defaults described on each setter */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The fitted pipeline and its evaluation on the validation tail.
   *
   * @param pipeline the pipeline
   * @param validation its evaluation on rows at or after the cut
   * @param cutMillis the first validation time
   */
  public record Result(DetectionPipeline pipeline, PipelineEvaluation validation, long cutMillis) {}

  /**
   * Fits a pipeline.
   *
   * @param series the history: at least one series, all at one even step that divides 5 minutes
   * @return the pipeline and its validation
   * @throws InvalidDataException if a series lacks inputs, the steps differ, or the data hold fewer
   *     than two classes
   */
  public Result fit(List<LabeledSeries> series) {
    if (series.isEmpty()) {
      throw new InvalidDataException("cannot train a pipeline on no series");
    }
    long t0 = System.nanoTime();
    long step = series.get(0).raw().stepMillis();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (LabeledSeries s : series) {
      Frame f = s.raw();
      if (f.stepMillis() <= 0 || f.stepMillis() != step) {
        throw new InvalidDataException("series " + f.labels() + " is " + (f.stepMillis() <= 0 ? "not evenly spaced"
            : "at step " + f.stepMillis() + " ms") + "; every series must be evenly spaced at the first one's step "
            + step + " ms");
      }
      first = Math.min(first, f.timestamp(0));
      last = Math.max(last, f.timestamp(f.rows() - 1));
    }
    long cut = first + (long) ((last - first) * (1 - validationFraction));
    FeatureSpec spec = KubernetesFeatures.podFeatures(Duration.ofMillis(step), zone);
    FeatureSchema schema = spec.schema();
    IncidentLabeler labeler = IncidentLabeler.withLead(Duration.ZERO);

    // Pass 1: labels, classes, and a sample of training rows for selection and scaling.
    List<double[]> sample = new ArrayList<>();
    List<AnomalyType> sampleTypes = new ArrayList<>();
    Set<AnomalyType> seen = EnumSet.of(AnomalyType.NORMAL);
    for (LabeledSeries s : series) {
      Frame features = spec.transform(inputs(spec, s.raw()));
      RowLabels labels = labeler.label(s.raw(), s.podIncidents());
      for (int r = 0; r < features.rows(); r++) {
        AnomalyType type = type(labels, r);
        seen.add(type);
        if (features.timestamp(r) < cut && (type != AnomalyType.NORMAL || keepNormal(labels, r, 4 * normalStride))) {
          double[] row = new double[schema.size()];
          features.row(r, row);
          sample.add(row);
          sampleTypes.add(type);
        }
      }
    }
    List<AnomalyType> classes = new ArrayList<>(seen);
    if (classes.size() < 2) {
      throw new InvalidDataException("the " + series.size() + " series hold no incident rows: nothing to classify");
    }
    int[] sampleLabels = sampleTypes.stream().mapToInt(classes::indexOf).toArray();
    double[][] sampleRows = sample.toArray(new double[0][]);
    FeatureSelection selection = select(schema, sampleRows, sampleLabels);
    int[] sel = selection.selectedIndices();
    double[][] selectedSample = selection.apply(sampleRows);
    RobustScaler scaler = RobustScaler.fit(selectedSample);
    double[] centers = scaler.centers();
    double[] scales = scaler.scales();
    report("selection", String.format(Locale.ROOT, "%d of %d features (%s); classes %s; cut at %s", sel.length,
        schema.size(), selection.method(), classes, Instant.ofEpochMilli(cut)));

    // Pass 2: the selected, scaled rows.
    List<float[]> trainRows = new ArrayList<>();
    List<Integer> trainLabels = new ArrayList<>();
    List<float[]> validRows = new ArrayList<>();
    List<Integer> validLabels = new ArrayList<>();
    List<double[]> normalRows = new ArrayList<>();
    double[] full = new double[schema.size()];
    for (LabeledSeries s : series) {
      Frame features = spec.transform(inputs(spec, s.raw()));
      RowLabels labels = labeler.label(s.raw(), s.podIncidents());
      for (int r = 0; r < features.rows(); r++) {
        AnomalyType type = type(labels, r);
        boolean train = features.timestamp(r) < cut;
        if (type == AnomalyType.NORMAL && !keepNormal(labels, r, normalStride)) {
          continue;
        }
        features.row(r, full);
        float[] x = new float[sel.length];
        double[] imputed = type == AnomalyType.NORMAL && train ? new double[sel.length] : null;
        for (int j = 0; j < sel.length; j++) {
          double v = (full[sel[j]] - centers[j]) / scales[j];
          x[j] = PipelineSession.modelValue(v);
          if (imputed != null) {
            imputed[j] = PipelineSession.forestValue(v);
          }
        }
        (train ? trainRows : validRows).add(x);
        (train ? trainLabels : validLabels).add(classes.indexOf(type));
        if (imputed != null) {
          normalRows.add(imputed);
        }
      }
    }
    LabeledRows train = LabeledRows.of(trainRows.toArray(new float[0][]),
        trainLabels.stream().mapToInt(Integer::intValue).toArray(), classes.size());
    LabeledRows valid = validRows.isEmpty() ? null : LabeledRows.of(validRows.toArray(new float[0][]),
        validLabels.stream().mapToInt(Integer::intValue).toArray(), classes.size());
    long t1 = System.nanoTime();
    Classifier classifier = classifierTrainer.fit(train, valid);
    report("classifier", String.format(Locale.ROOT, "%s on %,d training rows (class counts %s), %,d validation rows, "
        + "%.1f s", classifier, train.size(), java.util.Arrays.toString(train.classCounts()),
        valid == null ? 0 : valid.size(), (System.nanoTime() - t1) / 1e9));

    SeverityScale classifierSeverity = classifierSeverity(classifier, train);
    report("severity", "classifier confidence cuts " + classifierSeverity);

    int stride = Math.max(1, (normalRows.size() + forestRows - 1) / forestRows);
    List<double[]> forestSample = new ArrayList<>();
    for (int i = 0; i < normalRows.size(); i += stride) {
      forestSample.add(normalRows.get(i));
    }
    if (forestSample.isEmpty()) {
      throw new InvalidDataException("no normal training rows before the cut " + Instant.ofEpochMilli(cut)
          + " to fit the Isolation Forest");
    }
    IsolationForest forest = forestTrainer.fit(forestSample.toArray(new double[0][]), selection.selectedNames());
    report("forest", String.format(Locale.ROOT, "%d trees on %,d normal training rows", forest.treeCount(),
        forestSample.size()));

    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("trainer", toString());
    provenance.put("series", Integer.toString(series.size()));
    provenance.put("data.first", Instant.ofEpochMilli(first).toString());
    provenance.put("data.last", Instant.ofEpochMilli(last).toString());
    provenance.put("data.cut", Instant.ofEpochMilli(cut).toString());
    provenance.put("rows.train", Integer.toString(train.size()));
    provenance.put("rows.validation", Integer.toString(valid == null ? 0 : valid.size()));
    provenance.put("classifier", classifier.toString());
    provenance.put("selection", selection.method());
    provenance.put("trained.at", Instant.now().toString());
    String version = DetectionPipeline.class.getPackage().getImplementationVersion();
    provenance.put("aura.version", version == null ? "development" : version);
    int driftStride = Math.max(1, (selectedSample.length + DRIFT_ROWS - 1) / DRIFT_ROWS);
    List<double[]> driftRows = new ArrayList<>();
    for (int i = 0; i < selectedSample.length; i += driftStride) {
      double[] row = selectedSample[i].clone();
      for (int j = 0; j < row.length; j++) {
        row[j] = DetectionPipeline.finiteOrMissing(row[j]);
      }
      driftRows.add(row);
    }
    DetectionPipeline pipeline = new DetectionPipeline(Duration.ofMillis(step), zone, selection, centers, scales,
        classes, classifier, classifierSeverity, forest, warnings, provenance,
        driftRows.toArray(new double[0][]));

    PipelineEvaluation.Accumulator acc = PipelineEvaluation.accumulator(warnings.horizon(), cut);
    for (LabeledSeries s : series) {
      acc.add(s, pipeline.detect(s.raw()));
    }
    PipelineEvaluation validation = acc.result();
    report("validation", validation.toString() + String.format(Locale.ROOT, "; trained in %.1f s",
        (System.nanoTime() - t0) / 1e9));
    return new Result(pipeline, validation, cut);
  }

  /**
   * The classifier's severity cuts: quantiles {@value #SEVERITY_MEDIUM_QUANTILE}, {@value
   * #SEVERITY_HIGH_QUANTILE} and {@value #SEVERITY_CRITICAL_QUANTILE} of its confidence in the true
   * class over the training incident rows it classifies correctly (a detection at least as confident
   * as half of those is critical), with the low cut at 0 so that every anomalous class is at least
   * low. Falls back to every incident row when none is classified correctly.
   */
  static SeverityScale classifierSeverity(Classifier classifier, LabeledRows train) {
    float[] probabilities = new float[classifier.numClasses()];
    double[] all = new double[train.size()];
    double[] correct = new double[train.size()];
    int n = 0;
    int m = 0;
    for (int i = 0; i < train.size(); i++) {
      int label = train.label(i);
      if (label == 0) {
        continue;
      }
      classifier.probabilities(train.row(i), probabilities);
      int best = 0;
      for (int k = 1; k < probabilities.length; k++) {
        if (probabilities[k] > probabilities[best]) {
          best = k;
        }
      }
      all[m++] = probabilities[label];
      if (best == label) {
        correct[n++] = probabilities[label];
      }
    }
    double[] scores = java.util.Arrays.copyOf(n > 0 ? correct : all, n > 0 ? n : m);
    if (scores.length == 0) {
      throw new InvalidDataException("no incident rows in training to calibrate the classifier's severity");
    }
    SeverityScale q = SeverityScale.fromQuantiles(scores, 0, SEVERITY_MEDIUM_QUANTILE, SEVERITY_HIGH_QUANTILE,
        SEVERITY_CRITICAL_QUANTILE);
    return new SeverityScale(0, q.medium(), q.high(), q.critical());
  }

  /**
   * Drops the features constant (or always missing) on the sample; then, if more remain than
   * {@code selectedFeatures}, keeps the top ones by ANOVA F.
   */
  private FeatureSelection select(FeatureSchema schema, double[][] rows, int[] labels) {
    double[][] filled = dropConstantAndEmpty(rows, schema);
    int[] varying = VarianceThreshold.nonConstant().select(filled).selectedIndices();
    String method = "non-constant on " + rows.length + " sampled training rows";
    int[] keep = varying;
    double[] scores = new double[schema.size()];
    if (varying.length > selectedFeatures) {
      double[][] sub = new double[filled.length][varying.length];
      for (int i = 0; i < filled.length; i++) {
        for (int j = 0; j < varying.length; j++) {
          sub[i][j] = filled[i][varying[j]];
        }
      }
      FeatureSelection anova = AnovaFSelector.topK(selectedFeatures).select(sub, labels);
      keep = new int[anova.size()];
      int[] picked = anova.selectedIndices();
      for (int j = 0; j < picked.length; j++) {
        keep[j] = varying[picked[j]];
      }
      java.util.Arrays.sort(keep);
      for (int j = 0; j < varying.length; j++) {
        scores[varying[j]] = anova.scores()[j];
      }
      method += ", top " + selectedFeatures + " by ANOVA F";
    } else {
      for (int j : varying) {
        scores[j] = 1;
      }
    }
    return FeatureSelection.of(schema, keep, scores, method);
  }

  private static Frame inputs(FeatureSpec spec, Frame raw) {
    for (String name : spec.inputNames()) {
      if (!raw.columnNames().contains(name)) {
        throw new InvalidDataException("series " + raw.labels() + " lacks the input column " + name);
      }
    }
    return raw.select(spec.inputNames());
  }

  private static AnomalyType type(RowLabels labels, int r) {
    return labels.phase(r) == LabelPhase.INCIDENT ? labels.type(r) : AnomalyType.NORMAL;
  }

  /** Pre-incident rows (the hard negatives) always; other normal rows at the stride. */
  private static boolean keepNormal(RowLabels labels, int r, int stride) {
    return labels.phase(r) == LabelPhase.PRE_INCIDENT || r % stride == 0;
  }

  /**
   * A feature missing on every sampled row would make the selectors throw; it becomes a column of
   * zeros, which is constant and so never selected.
   */
  private static double[][] dropConstantAndEmpty(double[][] rows, FeatureSchema schema) {
    int d = schema.size();
    boolean[] empty = new boolean[d];
    java.util.Arrays.fill(empty, true);
    for (double[] row : rows) {
      for (int j = 0; j < d; j++) {
        if (!Double.isNaN(row[j])) {
          empty[j] = false;
        }
      }
    }
    boolean any = false;
    for (boolean e : empty) {
      any |= e;
    }
    if (!any) {
      return rows;
    }
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
      for (int j = 0; j < d; j++) {
        if (empty[j]) {
          out[i][j] = 0;
        }
      }
    }
    return out;
  }

  private void report(String stage, String detail) {
    LOG.info("{}: {}", stage, detail);
    listener.stage(stage, detail);
  }

  @Override
  public String toString() {
    return "DetectionPipelineTrainer{classifier=" + classifierTrainer + ", selectedFeatures=" + selectedFeatures
        + ", normalStride=" + normalStride + ", validationFraction=" + validationFraction + ", forest="
        + forestTrainer.trees() + "x" + forestTrainer.sampleSize() + ", forestRows=" + forestRows + ", " + warnings
        + ", zone=" + zone + "}";
  }

  /** Builder of {@link DetectionPipelineTrainer}; not thread-safe. */
  public static final class Builder {
    private ClassifierTrainer classifierTrainer;
    private int selectedFeatures = Integer.MAX_VALUE;
    private int normalStride = 3;
    private double validationFraction = 0.2;
    private IsolationForestTrainer forestTrainer =
        IsolationForestTrainer.builder().trees(100).sampleSize(256).contamination(0.005).build();
    private int forestRows = 20_000;
    private WarningSettings warnings = WarningSettings.defaults();
    private ZoneId zone = ZoneOffset.UTC;
    private TrainingListener listener = TrainingListener.NONE;

    private Builder() {}

    /**
     * @param trainer the anomaly-type classifier's trainer (required), e.g. {@code
     *     XGBoostClassifierTrainer.of(settings)}
     * @return this
     */
    public Builder classifier(ClassifierTrainer trainer) {
      this.classifierTrainer = Objects.requireNonNull(trainer, "trainer");
      return this;
    }

    /**
     * @param k most features the members read (default: every feature that varies in training; a
     *     smaller k keeps the top k by ANOVA F among those), at least 1
     * @return this
     */
    public Builder selectedFeatures(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("selected features must be at least 1, got " + k);
      }
      this.selectedFeatures = k;
      return this;
    }

    /**
     * @param stride keep every stride-th normal row for the classifier (default 3), at least 1
     * @return this
     */
    public Builder normalStride(int stride) {
      if (stride < 1) {
        throw new IllegalArgumentException("normal stride must be at least 1, got " + stride);
      }
      this.normalStride = stride;
      return this;
    }

    /**
     * @param fraction share of the time span held out at the end (default 0.2), in [0, 0.9]
     * @return this
     */
    public Builder validationFraction(double fraction) {
      if (!(fraction >= 0 && fraction <= 0.9)) {
        throw new IllegalArgumentException("validation fraction must be in [0, 0.9], got " + fraction);
      }
      this.validationFraction = fraction;
      return this;
    }

    /**
     * @param trainer the novelty detector's trainer (default 100 trees, ψ = 256, contamination 0.005)
     * @return this
     */
    public Builder forest(IsolationForestTrainer trainer) {
      this.forestTrainer = Objects.requireNonNull(trainer, "trainer");
      return this;
    }

    /**
     * @param rows most normal rows the forest is fitted on (default 20,000), at least 1
     * @return this
     */
    public Builder forestRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("forest rows must be at least 1, got " + rows);
      }
      this.forestRows = rows;
      return this;
    }

    /**
     * @param settings the warning settings (default {@link WarningSettings#defaults()})
     * @return this
     */
    public Builder warnings(WarningSettings settings) {
      this.warnings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * @param z time zone of the calendar features (default UTC)
     * @return this
     */
    public Builder zone(ZoneId z) {
      this.zone = Objects.requireNonNull(z, "zone");
      return this;
    }

    /**
     * @param l progress listener (default none; SLF4J logs regardless)
     * @return this
     */
    public Builder listener(TrainingListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** @return the trainer */
    public DetectionPipelineTrainer build() {
      return new DetectionPipelineTrainer(this);
    }
  }
}
