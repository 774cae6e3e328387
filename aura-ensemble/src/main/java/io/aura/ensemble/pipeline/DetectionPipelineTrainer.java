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
import io.aura.models.detect.AlarmPolicy;
import io.aura.models.forest.IsolationForestTrainer;
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
 *   <li><b>Features</b> by the streaming-equivalent batch transform of the {@link FeatureSet}
 *       (default {@link KubernetesFeatures#podFeatures}); <b>selection</b> on a sample of training
 *       rows (every anomalous and pre-incident row and a stride of normal rows): the features that
 *       vary on it, and, when {@code selectedFeatures} is smaller, the top ones by one-way ANOVA F
 *       against the class (on the simulator ANOVA's top 64 lost OOM kills: memory F1 0.65 against
 *       1.0 with every varying feature, so the default keeps them all); <b>robust scaling</b>
 *       (median, interquartile range) fitted on that sample.
 *   <li><b>Members</b>, each by its {@link MemberTrainer} on the same {@link MemberTraining} rows,
 *       in the order of {@link #memberTrainers()}: the classifier ({@link ClassifierMember}: the
 *       given {@link ClassifierTrainer}, XGBoost4J or LightGBM4J, on every anomalous and
 *       pre-incident training row and every {@code normalStride}-th normal row, early stopping and
 *       severity calibration on the validation rows); the Isolation Forest ({@link NoveltyMember}:
 *       up to {@code forestRows} normal training rows, evenly spaced, missing features at their
 *       median); one {@link TrendWarningMember} per warning rule; then the members added with
 *       {@link Builder#addMember}.
 *   <li><b>Alarm policies</b> calibrated to the false-alarm budget on the normal training rows
 *       ({@link AlarmSettings}).
 *   <li><b>Validation:</b> the fitted pipeline runs over every series and is scored on the rows at
 *       or after the cut ({@link PipelineEvaluation}), alarm episodes included.
 * </ol>
 *
 * <p>Thread safety: immutable; {@link #fit} may run concurrently. Allocation: the features of one
 * series at a time (twice: once for selection, once for training) plus the selected training rows
 * as {@code float} (O(rows · selected)). Complexity: O(rows · features) for features, selection and
 * scaling, plus the members' training and two replays of the series by the pipeline (alarm
 * calibration, validation).
 */
public final class DetectionPipelineTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(DetectionPipelineTrainer.class);

  /** Rows of the drift reference kept in the pipeline (evenly spaced over the selection sample). */
  static final int DRIFT_ROWS = 1000;

  private final ClassifierTrainer classifierTrainer;
  private final int selectedFeatures;
  private final int normalStride;
  private final double validationFraction;
  private final IsolationForestTrainer forestTrainer;
  private final int forestRows;
  private final WarningSettings warnings;
  private final ZoneId zone;
  private final TrainingListener listener;
  private final FeatureSet featureSet;
  private final List<MemberTrainer> extraMembers;
  private final AlarmSettings alarms;

  private DetectionPipelineTrainer(Builder b) {
    this.classifierTrainer =
        Objects.requireNonNull(b.classifierTrainer, "classifierTrainer must be set");
    this.selectedFeatures = b.selectedFeatures;
    this.normalStride = b.normalStride;
    this.validationFraction = b.validationFraction;
    this.forestTrainer = b.forestTrainer;
    this.forestRows = b.forestRows;
    this.warnings = b.warnings;
    this.zone = b.zone;
    this.listener = b.listener;
    this.featureSet = b.featureSet;
    this.extraMembers = List.copyOf(b.extraMembers);
    this.alarms = b.alarms;
  }

  /**
   * The members this trainer fits, in order: the classifier, the novelty forest, one trend warning
   * per warning rule, then the members added with {@link Builder#addMember}.
   *
   * @return the member trainers
   */
  public List<MemberTrainer> memberTrainers() {
    List<MemberTrainer> out = new ArrayList<>();
    out.add(ClassifierMember.trainer(classifierTrainer));
    out.add(NoveltyMember.trainer(forestTrainer, forestRows));
    out.addAll(TrendWarningMember.trainers(warnings));
    out.addAll(extraMembers);
    return out;
  }

  /**
   * @return a builder with the defaults described on each setter
   */
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
        throw new InvalidDataException(
            "series "
                + f.labels()
                + " is "
                + (f.stepMillis() <= 0 ? "not evenly spaced" : "at step " + f.stepMillis() + " ms")
                + "; every series must be evenly spaced at the first one's step "
                + step
                + " ms");
      }
      first = Math.min(first, f.timestamp(0));
      last = Math.max(last, f.timestamp(f.rows() - 1));
    }
    long cut = first + (long) ((last - first) * (1 - validationFraction));
    FeatureSpec spec = featureSet.spec(Duration.ofMillis(step), zone);
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
        if (features.timestamp(r) < cut
            && (type != AnomalyType.NORMAL || keepNormal(labels, r, 4 * normalStride))) {
          double[] row = new double[schema.size()];
          features.row(r, row);
          sample.add(row);
          sampleTypes.add(type);
        }
      }
    }
    List<AnomalyType> classes = new ArrayList<>(seen);
    if (classes.size() < 2) {
      throw new InvalidDataException(
          "the " + series.size() + " series hold no incident rows: nothing to classify");
    }
    int[] sampleLabels = sampleTypes.stream().mapToInt(classes::indexOf).toArray();
    double[][] sampleRows = sample.toArray(new double[0][]);
    FeatureSelection selection = select(schema, sampleRows, sampleLabels);
    int[] sel = selection.selectedIndices();
    double[][] selectedSample = selection.apply(sampleRows);
    RobustScaler scaler = RobustScaler.fit(selectedSample);
    double[] centers = scaler.centers();
    double[] scales = scaler.scales();
    report(
        "selection",
        String.format(
            Locale.ROOT,
            "%d of %d features (%s); classes %s; cut at %s",
            sel.length,
            schema.size(),
            selection.method(),
            classes,
            Instant.ofEpochMilli(cut)));

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
    LabeledRows train =
        LabeledRows.of(
            trainRows.toArray(new float[0][]),
            trainLabels.stream().mapToInt(Integer::intValue).toArray(),
            classes.size());
    LabeledRows valid =
        validRows.isEmpty()
            ? null
            : LabeledRows.of(
                validRows.toArray(new float[0][]),
                validLabels.stream().mapToInt(Integer::intValue).toArray(),
                classes.size());
    if (normalRows.isEmpty()) {
      throw new InvalidDataException(
          "no normal training rows before the cut "
              + Instant.ofEpochMilli(cut)
              + " to fit the members on");
    }
    MemberContext context = new MemberContext(schema, selection, classes, Duration.ofMillis(step));
    MemberTraining training = new MemberTraining(context, train, valid, normalRows);
    List<PipelineMember> members = new ArrayList<>();
    List<MemberTrainer> trainers = memberTrainers();
    for (MemberTrainer trainer : trainers) {
      long t1 = System.nanoTime();
      PipelineMember m =
          Objects.requireNonNull(trainer.fit(training), () -> trainer + " fitted no member");
      members.add(m);
      report(
          "member",
          String.format(
              Locale.ROOT,
              "%s on %,d training rows (class counts %s), %,d validation rows, "
                  + "%,d normal rows, %.1f s",
              m,
              train.size(),
              java.util.Arrays.toString(train.classCounts()),
              valid == null ? 0 : valid.size(),
              normalRows.size(),
              (System.nanoTime() - t1) / 1e9));
    }

    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("trainer", toString());
    provenance.put("series", Integer.toString(series.size()));
    provenance.put("data.first", Instant.ofEpochMilli(first).toString());
    provenance.put("data.last", Instant.ofEpochMilli(last).toString());
    provenance.put("data.cut", Instant.ofEpochMilli(cut).toString());
    provenance.put("rows.train", Integer.toString(train.size()));
    provenance.put("rows.validation", Integer.toString(valid == null ? 0 : valid.size()));
    for (int i = 0; i < members.size(); i++) {
      provenance.put("member." + i + ".trainer", trainers.get(i).toString());
      provenance.put("member." + i, members.get(i).toString());
    }
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
    provenance.put("alarms", alarms.toString());
    DetectionPipeline uncalibrated =
        new DetectionPipeline(
            featureSet,
            Duration.ofMillis(step),
            zone,
            selection,
            centers,
            scales,
            classes,
            members,
            null,
            provenance,
            driftRows.toArray(new double[0][]));
    List<AlarmPolicy> policies = calibrateAlarms(uncalibrated, series, labeler, cut, step);
    Map<String, String> withPolicies = new LinkedHashMap<>(provenance);
    for (int i = 0; i < policies.size(); i++) {
      withPolicies.put("member." + i + ".alarm", policies.get(i).toString());
    }
    DetectionPipeline pipeline =
        new DetectionPipeline(
            featureSet,
            Duration.ofMillis(step),
            zone,
            selection,
            centers,
            scales,
            classes,
            members,
            policies,
            withPolicies,
            driftRows.toArray(new double[0][]));

    PipelineEvaluation.Accumulator acc =
        PipelineEvaluation.accumulator(pipeline.warningHorizon(), cut);
    for (LabeledSeries s : series) {
      acc.add(s, pipeline.run(s.raw()));
    }
    PipelineEvaluation validation = acc.result();
    report(
        "validation",
        validation.toString()
            + String.format(Locale.ROOT, "; trained in %.1f s", (System.nanoTime() - t0) / 1e9));
    return new Result(pipeline, validation, cut);
  }

  /**
   * The members' alarm policies for the false-alarm budget (see {@link AlarmSettings}): the
   * pipeline replays every series' training rows (before the cut); rows labelled incident or
   * pre-incident are no verdict (NaN), so only normal behaviour spends the budget.
   */
  private List<AlarmPolicy> calibrateAlarms(
      DetectionPipeline p,
      List<LabeledSeries> series,
      IncidentLabeler labeler,
      long cut,
      long step) {
    int m = p.members().size();
    double[][][] scores = new double[m][series.size()][];
    for (int e = 0; e < series.size(); e++) {
      LabeledSeries s = series.get(e);
      Frame inputs = p.selectInputs(s.raw());
      RowLabels labels = labeler.label(s.raw(), s.podIncidents());
      int n = 0;
      while (n < inputs.rows() && inputs.timestamp(n) < cut) {
        n++;
      }
      for (int i = 0; i < m; i++) {
        scores[i][e] = new double[n];
      }
      PipelineSession session = p.newSession(s.raw().labels());
      double[] row = new double[inputs.columnCount()];
      for (int r = 0; r < n; r++) {
        inputs.row(r, row);
        session.update(inputs.timestamp(r), row);
        boolean normal = labels.phase(r) == LabelPhase.NONE;
        for (int i = 0; i < m; i++) {
          scores[i][e][r] = normal ? session.verdict(i).alarmScore() : Double.NaN;
        }
      }
    }
    List<AlarmPolicy> fixed = DetectionPipeline.fixedPolicies(p.members(), alarms.minGapSteps());
    double spent = 0;
    int calibrated = 0;
    for (int i = 0; i < m; i++) {
      if (p.members().get(i).calibratesAlarm()) {
        calibrated++;
      } else if (hasVerdicts(scores[i])) {
        spent += fixed.get(i).episodesPerEntityDay(scores[i], step);
      }
    }
    double share =
        calibrated == 0 ? 0 : Math.max(0, alarms.episodesPerEntityDay() - spent) / calibrated;
    List<AlarmPolicy> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      PipelineMember member = p.members().get(i);
      if (!member.calibratesAlarm() || !hasVerdicts(scores[i])) {
        out.add(fixed.get(i));
        continue;
      }
      AlarmPolicy c =
          AlarmPolicy.calibration()
              .minGapSteps(alarms.minGapSteps())
              .releaseRatio(alarms.releaseRatio())
              .calibrate(scores[i], step, share);
      double floor = member.alarmFloor();
      out.add(c.threshold() >= floor ? c : AlarmPolicy.of(floor, floor, alarms.minGapSteps()));
    }
    report(
        "alarms",
        String.format(
            Locale.ROOT,
            "budget %.3f episodes per entity-day: fixed members spend %.3f on the"
                + " normal training rows, %d calibrated member(s) get %.3f each; policies %s",
            alarms.episodesPerEntityDay(),
            spent,
            calibrated,
            share,
            out));
    return out;
  }

  private static boolean hasVerdicts(double[][] scores) {
    for (double[] s : scores) {
      for (double v : s) {
        if (!Double.isNaN(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Drops the features constant (or always missing) on the sample; then, if more remain than {@code
   * selectedFeatures}, keeps the top ones by ANOVA F.
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
        throw new InvalidDataException(
            "series " + raw.labels() + " lacks the input column " + name);
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
    return "DetectionPipelineTrainer{features="
        + featureSet
        + ", selectedFeatures="
        + (selectedFeatures == Integer.MAX_VALUE
            ? "all varying"
            : Integer.toString(selectedFeatures))
        + ", normalStride="
        + normalStride
        + ", validationFraction="
        + validationFraction
        + ", zone="
        + zone
        + ", "
        + alarms
        + ", members="
        + memberTrainers()
        + "}";
  }

  /** Builder of {@link DetectionPipelineTrainer}; not thread-safe. */
  public static final class Builder {
    private ClassifierTrainer classifierTrainer;
    private int selectedFeatures = Integer.MAX_VALUE;
    private int normalStride = 3;
    private double validationFraction = 0.2;
    private IsolationForestTrainer forestTrainer =
        IsolationForestTrainer.builder()
            .treeCount(100)
            .sampleSize(256)
            .contamination(0.005)
            .build();
    private int forestRows = 20_000;
    private WarningSettings warnings = WarningSettings.defaults();
    private ZoneId zone = ZoneOffset.UTC;
    private TrainingListener listener = TrainingListener.NONE;
    private FeatureSet featureSet = FeatureSet.POD;
    private AlarmSettings alarms = AlarmSettings.defaults();
    private final List<MemberTrainer> extraMembers = new ArrayList<>();

    private Builder() {}

    /**
     * @param set the feature set computed from the raw metrics (default {@link FeatureSet#POD})
     * @return this
     */
    public Builder features(FeatureSet set) {
      this.featureSet = Objects.requireNonNull(set, "set");
      return this;
    }

    /**
     * @param settings the false-alarm budget, hysteresis and gap of the alarm episodes (default
     *     {@link AlarmSettings#defaults()})
     * @return this
     */
    public Builder alarms(AlarmSettings settings) {
      this.alarms = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Adds a member after the built-in ones (classifier, novelty forest, warnings), fitted in the
     * order added; for example a user's own detector.
     *
     * @param trainer the member's trainer
     * @return this
     */
    public Builder addMember(MemberTrainer trainer) {
      this.extraMembers.add(Objects.requireNonNull(trainer, "trainer"));
      return this;
    }

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
        throw new IllegalArgumentException(
            "validation fraction must be in [0, 0.9], got " + fraction);
      }
      this.validationFraction = fraction;
      return this;
    }

    /**
     * @param trainer the novelty detector's trainer (default 100 trees, ψ = 256, contamination
     *     0.005)
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

    /**
     * @return the trainer
     */
    public DetectionPipelineTrainer build() {
      return new DetectionPipelineTrainer(this);
    }
  }
}
