package io.aura.ensemble.pipeline;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.AnomalyType;
import io.aura.models.detect.SeverityScale;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.ClassifierTrainer;
import io.aura.models.trees.LabeledRows;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreeEnsembleFile;
import io.aura.models.trees.TreeShap;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The anomaly-type member of a {@link DetectionPipeline}: a GBDT {@link Classifier} (trained by
 * XGBoost4J or LightGBM4J, run by Aura's float32 tree engine) over the selected features, its
 * severity on a {@link SeverityScale} of its confidence calibrated on the training incidents, and
 * TreeSHAP explanations (Lundberg et al. 2020, "From local explanations to global understanding
 * with explainable AI for trees").
 *
 * <p>Verdict: the most probable class with its probability as confidence, score {@code 1 −
 * P(normal)}, severity {@code scale.severity(confidence)} for an anomalous class (at least LOW, the
 * scale's low cut is 0) and NONE for normal; alarm score 1 for an anomalous class, else 0.
 *
 * <p>Thread safety: immutable. Allocation: nothing per {@link #score}; the explanation allocates
 * its workspace once per session and O(features) per explained row. Complexity: O(trees · depth)
 * per row; TreeSHAP O(trees · leaves · depth²) per explained row.
 */
public final class ClassifierMember implements PipelineMember {
  /** The member kind in pipeline files. */
  public static final String KIND = "aura.classifier";

  static final String FILE_KIND = "aura.pipeline-member.classifier";
  static final int VERSION = 1;

  /** Quantile of the training incidents' confidence where medium severity starts. */
  static final double SEVERITY_MEDIUM_QUANTILE = 0.1;

  /** Quantile where high severity starts. */
  static final double SEVERITY_HIGH_QUANTILE = 0.25;

  /** Quantile where critical severity starts. */
  static final double SEVERITY_CRITICAL_QUANTILE = 0.5;

  private final Classifier classifier;
  private final List<AnomalyType> classes;
  private final SeverityScale severity;
  private final TreeShap shap;

  ClassifierMember(
      Classifier classifier, List<AnomalyType> classes, SeverityScale severity, int selected) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.classes = List.copyOf(classes);
    this.severity = Objects.requireNonNull(severity, "severity");
    if (classifier.featureCount() != selected) {
      throw new InvalidDataException(
          "the classifier reads "
              + classifier.featureCount()
              + " features, the selection has "
              + selected);
    }
    if (classifier.numClasses() != this.classes.size()) {
      throw new InvalidDataException(
          "the classifier has "
              + classifier.numClasses()
              + " classes, the pipeline names "
              + this.classes.size()
              + ": "
              + this.classes);
    }
    if (!(severity.low() <= 0)) {
      throw new InvalidDataException(
          "the classifier's severity scale must start at 0 (every anomalous class is at"
              + " least LOW), got "
              + severity);
    }
    if (!classifier.ensemble().hasCover()) {
      throw new InvalidDataException(
          "the classifier carries no node covers, which TreeSHAP explanations need"
              + " (models trained by XGBoost4J or LightGBM4J carry them)");
    }
    this.shap = TreeShap.of(classifier.ensemble());
  }

  /**
   * The trainer of this member.
   *
   * @param trainer the GBDT trainer, e.g. {@code XGBoostClassifierTrainer.of(settings)}
   * @return a member trainer: early stopping on the validation rows, severity calibrated on the
   *     training incidents
   */
  public static MemberTrainer trainer(ClassifierTrainer trainer) {
    return new Trainer(trainer);
  }

  private record Trainer(ClassifierTrainer trainer) implements MemberTrainer {
    Trainer {
      Objects.requireNonNull(trainer, "trainer");
    }

    @Override
    public PipelineMember fit(MemberTraining t) {
      Classifier c = trainer.fit(t.train(), t.validation());
      SeverityScale severity =
          t.validation() == null ? null : calibrate(c, t.validation(), MIN_CALIBRATION_ROWS);
      if (severity == null) {
        severity = calibrate(c, t.train(), 1);
      }
      return new ClassifierMember(c, t.context().classes(), severity, t.context().selectedCount());
    }

    @Override
    public String toString() {
      return "ClassifierMember.trainer{"
          + trainer
          + ", severity quantiles "
          + SEVERITY_MEDIUM_QUANTILE
          + "/"
          + SEVERITY_HIGH_QUANTILE
          + "/"
          + SEVERITY_CRITICAL_QUANTILE
          + "}";
    }
  }

  /** Fewest correctly classified validation incident rows to calibrate the severity on. */
  static final int MIN_CALIBRATION_ROWS = 20;

  /**
   * The severity cuts: quantiles {@value #SEVERITY_MEDIUM_QUANTILE}, {@value
   * #SEVERITY_HIGH_QUANTILE} and {@value #SEVERITY_CRITICAL_QUANTILE} of the confidence in the true
   * class over the incident rows classified correctly (a detection at least as confident as half of
   * those is critical), the low cut at 0 so that every anomalous class is at least low. The rows
   * are the validation rows (out of sample: on its own training rows a GBDT is near certain) when
   * they hold at least {@value #MIN_CALIBRATION_ROWS} such rows, else the training rows (every
   * incident row when none is classified correctly).
   *
   * @return the scale, or null when fewer than {@code least} rows qualify
   */
  static SeverityScale calibrate(Classifier classifier, LabeledRows train, int least) {
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
      all[m++] = probabilities[label];
      if (argmax(probabilities) == label) {
        correct[n++] = probabilities[label];
      }
    }
    if (n < least && least > 1) {
      return null;
    }
    double[] scores = Arrays.copyOf(n > 0 ? correct : all, n > 0 ? n : m);
    if (scores.length == 0) {
      throw new InvalidDataException(
          "no incident rows in training to calibrate the classifier's severity");
    }
    SeverityScale q =
        SeverityScale.fromQuantiles(
            scores,
            0,
            SEVERITY_MEDIUM_QUANTILE,
            SEVERITY_HIGH_QUANTILE,
            SEVERITY_CRITICAL_QUANTILE);
    return new SeverityScale(0, q.medium(), q.high(), q.critical());
  }

  private static int argmax(float[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  /** The per-session scratch: class probabilities and the lazily made TreeSHAP workspace. */
  private static final class State {
    final float[] probabilities;
    TreeShap.Workspace shap;
    double[] explanation;

    State(int classes) {
      this.probabilities = new float[classes];
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Role role() {
    return Role.CLASSIFIER;
  }

  @Override
  public Object newState() {
    return new State(classes.size());
  }

  @Override
  public boolean scoresRowOnly() {
    return true;
  }

  @Override
  public void score(FeatureRow row, Object state, MemberVerdict out) {
    float[] p = ((State) state).probabilities;
    classifier.probabilities(row.model, p);
    int best = argmax(p);
    double confidence = p[best];
    boolean anomalous = best != 0;
    out.set(
        classes.get(best),
        anomalous ? severity.severity(confidence) : io.aura.features.anomaly.Severity.NONE,
        1.0 - p[0],
        confidence,
        anomalous ? 1 : 0);
  }

  @Override
  public void explain(FeatureRow row, Object state, MemberVerdict verdict, double[] out) {
    State s = (State) state;
    if (s.shap == null) {
      s.shap = shap.newWorkspace();
      s.explanation = new double[shap.outputLength()];
    }
    shap.explain(row.model, s.explanation, s.shap);
    int cls = classes.indexOf(verdict.type());
    int width = out.length + 1;
    // Binary models have one margin group whose positive side is class 1.
    boolean binary = classifier.ensemble().numGroups() == 1;
    int offset = binary ? 0 : cls * width;
    double sign = binary && cls == 0 ? -1 : 1;
    for (int j = 0; j < out.length; j++) {
      out[j] = sign * s.explanation[offset + j];
    }
  }

  /**
   * @return the classifier
   */
  public Classifier classifier() {
    return classifier;
  }

  /**
   * @return the classes, NORMAL first
   */
  public List<AnomalyType> classes() {
    return classes;
  }

  /**
   * @return the severity cuts over the confidence
   */
  public SeverityScale severityScale() {
    return severity;
  }

  @Override
  public byte[] toBytes() {
    return ModelFileWriter.create(FILE_KIND, VERSION)
        .putBytes("ensemble", TreeEnsembleFile.toBytes(classifier.ensemble()))
        .putInt("rounds", classifier.rounds())
        .putDoubles(
            "severity",
            new double[] {severity.low(), severity.medium(), severity.high(), severity.critical()})
        .toBytes();
  }

  static PipelineMember read(byte[] section, MemberContext context) throws ModelFileException {
    ModelFile f = ModelFile.fromBytes(section, "classifier member", FILE_KIND, VERSION);
    TreeEnsemble ensemble =
        TreeEnsembleFile.fromBytes(f.getBytes("ensemble"), "classifier member ensemble");
    double[] cuts = f.getDoubles("severity");
    if (cuts.length != 4) {
      throw new ModelFileException(
          "classifier member: severity has " + cuts.length + " cuts, not 4");
    }
    int rounds = f.getInt("rounds");
    return PipelineFile.wrap(
        "classifier member",
        () -> of(ensemble, context, rounds, new SeverityScale(cuts[0], cuts[1], cuts[2], cuts[3])));
  }

  static ClassifierMember of(
      TreeEnsemble ensemble, MemberContext context, int rounds, SeverityScale severity) {
    Classifier c = Classifier.of(ensemble, context.classes().size(), "pipeline file", rounds);
    return new ClassifierMember(c, context.classes(), severity, context.selectedCount());
  }

  @Override
  public String toString() {
    return "ClassifierMember{" + classifier + ", severity " + severity + "}";
  }
}
