package io.aura.ensemble.pipeline;

import io.aura.features.FeatureStream;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Contribution;
import io.aura.features.anomaly.Severity;
import io.aura.models.trees.TreeShap;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateful detection of one entity by a {@link DetectionPipeline}: its streaming features, its
 * trend warnings and its scratch buffers.
 *
 * <p>Per sample ({@link #update}): the feature stream computes every feature causally (rows ≤ t);
 * the selected features are robust-scaled; the classifier gives class probabilities; the Isolation
 * Forest scores the row (missing features at their median); the memory and disk trends are updated
 * (see {@link WarningSettings}); and the result is assembled as described in {@link
 * PipelineDetection}.
 *
 * <p>Thread safety: not thread-safe; use one session per entity and thread (the pipeline behind it
 * is shared safely). Allocation: buffers at construction; per sample, only the returned record —
 * plus the explanation (TreeSHAP or forest attribution, O(features) doubles and the top-feature
 * list) on the rare anomalous sample. Complexity: as {@link DetectionPipeline}.
 */
public final class PipelineSession {
  /** How many contributing features an anomalous detection names. */
  public static final int TOP_FEATURES = 5;

  private final DetectionPipeline p;
  private final Labels entity;
  private final FeatureStream stream;
  private final int[] selected;
  private final double[] features;
  private final double[] scaled;
  private final double[] imputed;
  private final float[] row;
  private final float[] probabilities;
  private final TrendWatch memory;
  private final TrendWatch disk;
  private final long stepMillis;
  private TreeShap.Workspace shapWorkspace;
  private double[] explanation;

  PipelineSession(DetectionPipeline p, Labels entity) {
    this.p = p;
    this.entity = entity;
    this.stream = p.featureSpec().newStream();
    this.selected = p.selection().selectedIndices();
    this.features = new double[p.featureSpec().schema().size()];
    this.scaled = new double[selected.length];
    this.imputed = new double[selected.length];
    this.row = new float[selected.length];
    this.probabilities = new float[p.classes().size()];
    WarningSettings w = p.warnings();
    this.stepMillis = p.step().toMillis();
    double horizonSteps = w.horizon().toMillis() / (double) stepMillis;
    this.memory = new TrendWatch(w.window(), w.memoryThreshold(), w.memoryFloor(), w.minR2(), horizonSteps,
        w.rearmSamples(), w.confirmSamples());
    this.disk = new TrendWatch(w.window(), w.diskThreshold(), w.diskFloor(), w.minR2(), horizonSteps,
        w.rearmSamples(), w.confirmSamples());
  }

  /** @return the entity this session detects for */
  public Labels entity() {
    return entity;
  }

  /**
   * Takes one scrape of the entity's raw metrics.
   *
   * @param timestampMillis the scrape time, later than the previous one
   * @param raw the raw values in {@link DetectionPipeline#inputNames()} order; NaN = missing
   * @return the detection for this sample
   * @throws InvalidDataException if the row has the wrong length or the time does not advance
   */
  public PipelineDetection update(long timestampMillis, double[] raw) {
    if (raw.length != p.inputNames().size()) {
      throw new InvalidDataException("entity " + entity + ": got " + raw.length + " raw values, the pipeline reads "
          + p.inputNames().size() + " " + p.inputNames());
    }
    stream.update(timestampMillis, raw, features);
    double[] c = p.centers();
    double[] s = p.scales();
    for (int j = 0; j < selected.length; j++) {
      double x = (features[selected[j]] - c[j]) / s[j];
      scaled[j] = x;
      imputed[j] = forestValue(x);
      row[j] = modelValue(x);
    }
    ScoreCache cache = p.cache();
    double novelty = cache == null ? Double.NaN : cache.lookup(scaled, probabilities);
    if (Double.isNaN(novelty)) {
      p.classifier().probabilities(row, probabilities);
      novelty = p.forest().score(imputed);
      if (cache != null) {
        cache.store(scaled, probabilities, novelty);
      }
    }
    int best = 0;
    for (int k = 1; k < probabilities.length; k++) {
      if (probabilities[k] > probabilities[best]) {
        best = k;
      }
    }
    double confidence = probabilities[best];
    double score = 1.0 - probabilities[p.normalClass()];
    Severity noveltySeverity = p.forest().severityScale().severity(novelty);

    AnomalyType type = p.classes().get(best);
    Severity severity = Severity.NONE;
    List<Contribution> top = List.of();
    if (best != p.normalClass()) {
      severity = p.classifierSeverity().severity(confidence);
      top = explainClass(best);
    } else if (noveltySeverity.compareTo(Severity.HIGH) >= 0) {
      type = AnomalyType.UNKNOWN;
      severity = noveltySeverity;
      top = explainNovelty();
    }

    double m = p.memoryIndex() >= 0 ? features[p.memoryIndex()] : Double.NaN;
    double dsk = p.diskIndex() >= 0 ? features[p.diskIndex()] : Double.NaN;
    boolean newMemory = memory.update(m);
    boolean newDisk = disk.update(dsk);
    AnomalyType warningType = AnomalyType.NORMAL;
    long eta = -1;
    boolean newWarning = false;
    // The nearer crossing wins when both resources are heading for their limits.
    if (memory.warning() && (!disk.warning() || memory.etaSteps() <= disk.etaSteps())) {
      warningType = AnomalyType.MEMORY;
      eta = Math.round(memory.etaSteps() * stepMillis);
      newWarning = newMemory;
    } else if (disk.warning()) {
      warningType = AnomalyType.EVICTION;
      eta = Math.round(disk.etaSteps() * stepMillis);
      newWarning = newDisk;
    }
    return new PipelineDetection(entity, timestampMillis, type, severity, p.classes().get(best), score, confidence,
        novelty, warningType, eta, newWarning, top);
  }

  /**
   * A scaled feature as the Isolation Forest reads it: missing at the training median (0 after
   * scaling), and values beyond the double range (an overflow of the scaling) at
   * ±{@link Double#MAX_VALUE}, which keeps their order against every split; the forest accepts
   * finite values only.
   */
  static double forestValue(double x) {
    if (Double.isNaN(x)) {
      return 0.0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return Double.MAX_VALUE;
    }
    return x == Double.NEGATIVE_INFINITY ? -Double.MAX_VALUE : x;
  }

  /**
   * A scaled feature as the classifier reads it: float32, NaN kept (missing), and values beyond the
   * float range (an overflow) at ±{@link Float#MAX_VALUE}, the same in training and
   * detection, since the GBDT libraries reject infinity; order is kept for every split threshold.
   */
  static float modelValue(double x) {
    float f = (float) x;
    if (f == Float.POSITIVE_INFINITY) {
      return Float.MAX_VALUE;
    }
    if (f == Float.NEGATIVE_INFINITY) {
      return -Float.MAX_VALUE;
    }
    return f;
  }

  private List<Contribution> explainClass(int cls) {
    TreeShap shap = p.shap();
    if (shapWorkspace == null) {
      shapWorkspace = shap.newWorkspace();
      explanation = new double[shap.outputLength()];
    }
    shap.explain(row, explanation, shapWorkspace);
    int width = selected.length + 1;
    // Binary models have one margin group whose positive side is class 1.
    int offset = p.classifier().ensemble().numGroups() == 1 ? 0 : cls * width;
    double sign = p.classifier().ensemble().numGroups() == 1 && cls == 0 ? -1 : 1;
    return top(explanation, offset, sign);
  }

  private List<Contribution> explainNovelty() {
    double[] out = new double[selected.length];
    p.forest().contributions(imputed, out);
    return top(out, 0, 1);
  }

  private List<Contribution> top(double[] w, int offset, double sign) {
    int n = selected.length;
    int k = Math.min(TOP_FEATURES, n);
    int[] idx = new int[k];
    double[] val = new double[k];
    int filled = 0;
    for (int j = 0; j < n; j++) {
      double v = sign * w[offset + j];
      if (!(v > 0)) {
        continue;
      }
      int pos = filled < k ? filled++ : k;
      if (pos == k && v <= val[k - 1]) {
        continue;
      }
      pos = Math.min(pos, k - 1);
      while (pos > 0 && val[pos - 1] < v) {
        val[pos] = val[pos - 1];
        idx[pos] = idx[pos - 1];
        pos--;
      }
      val[pos] = v;
      idx[pos] = j;
    }
    List<Contribution> out = new ArrayList<>(filled);
    List<String> names = p.selection().selectedNames();
    for (int i = 0; i < filled; i++) {
      out.add(new Contribution(names.get(idx[i]), idx[i], val[i]));
    }
    return out;
  }
}
