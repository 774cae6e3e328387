package io.aura.ensemble.pipeline;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.forecast.TimeToThreshold;
import io.aura.forecast.TrendWatch;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A warning member of a {@link DetectionPipeline}: one {@link WarningSettings.Rule} — an input
 * ratio of the feature set (memory over limit, disk over capacity, CPU over limit, latency over
 * SLO, …) whose sliding least-squares trend is extrapolated to a threshold ({@link TrendWatch}) —
 * with the settings common to every warning (window, R², horizon, rearm, confirm).
 *
 * <p>Verdict: while the rule warns, the predicted anomaly type, the extrapolated time to it, a
 * severity by that lead ({@link TimeToThreshold#severityOfMillis}: CRITICAL under 3 days), and
 * whether this sample opened the episode; otherwise NORMAL and −1. Alarm score 1 while warning,
 * else 0.
 *
 * <p>Thread safety: immutable; the trend is per-session state. Allocation: the trend's ring buffer
 * once per session, nothing per {@link #score}. Complexity: O(1) amortized per sample.
 */
public final class TrendWarningMember implements PipelineMember {
  /** The member kind in pipeline files. */
  public static final String KIND = "aura.trend-warning";

  static final String FILE_KIND = "aura.pipeline-member.trend-warning";
  static final int VERSION = 1;

  private final WarningSettings settings;
  private final WarningSettings.Rule rule;
  private final int featureIndex;
  private final long stepMillis;
  private final double horizonSteps;

  TrendWarningMember(WarningSettings settings, WarningSettings.Rule rule, MemberContext context) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.featureIndex = context.featureIndex(rule.feature());
    if (featureIndex < 0) {
      throw new InvalidDataException(
          "warning rule " + rule + ": the feature set has no feature " + rule.feature());
    }
    this.stepMillis = context.step().toMillis();
    this.horizonSteps = settings.horizon().toMillis() / (double) stepMillis;
  }

  /**
   * The members of a warning configuration: one per rule, in the rules' order (the first wins a tie
   * of predicted times).
   *
   * @param settings the warning settings
   * @return a trainer per rule
   */
  public static List<MemberTrainer> trainers(WarningSettings settings) {
    return settings.rules().stream().map(r -> (MemberTrainer) new Trainer(settings, r)).toList();
  }

  private record Trainer(WarningSettings settings, WarningSettings.Rule rule)
      implements MemberTrainer {
    @Override
    public PipelineMember fit(MemberTraining t) {
      return new TrendWarningMember(settings, rule, t.context());
    }

    @Override
    public String toString() {
      return "TrendWarningMember.trainer{" + rule + ", " + settings.common() + "}";
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Role role() {
    return Role.WARNING;
  }

  @Override
  public Object newState() {
    return new TrendWatch(
        settings.window(),
        rule.threshold(),
        rule.floor(),
        settings.minR2(),
        horizonSteps,
        settings.rearmSamples(),
        settings.confirmSamples());
  }

  @Override
  public void score(FeatureRow row, Object state, MemberVerdict out) {
    TrendWatch w = (TrendWatch) state;
    boolean opened = w.update(row.features[featureIndex]);
    if (w.warning()) {
      long eta = Math.round(w.etaSteps() * stepMillis);
      out.warn(rule.predicts(), TimeToThreshold.severityOfMillis(eta), eta, opened);
    } else {
      out.warn(AnomalyType.NORMAL, Severity.NONE, -1, false);
    }
  }

  /**
   * @return the settings common to every warning
   */
  public WarningSettings settings() {
    return settings;
  }

  /**
   * @return the rule
   */
  public WarningSettings.Rule rule() {
    return rule;
  }

  @Override
  public byte[] toBytes() {
    return ModelFileWriter.create(FILE_KIND, VERSION)
        .putString("feature", rule.feature())
        .putString("predicts", rule.predicts().name())
        .putDoubles("rule", new double[] {rule.threshold(), rule.floor()})
        .putDoubles("settings", settings.commonArray())
        .toBytes();
  }

  static PipelineMember read(byte[] section, MemberContext context) throws ModelFileException {
    ModelFile f = ModelFile.fromBytes(section, "trend-warning member", FILE_KIND, VERSION);
    String feature = f.getString("feature");
    String predicts = f.getString("predicts");
    double[] r = f.getDoubles("rule");
    double[] common = f.getDoubles("settings");
    return PipelineFile.wrap(
        "trend-warning member",
        () -> {
          AnomalyType type;
          try {
            type = AnomalyType.valueOf(predicts);
          } catch (IllegalArgumentException e) {
            throw new InvalidDataException(
                "unknown anomaly type '" + predicts + "' predicted by a warning");
          }
          if (r.length != 2) {
            throw new InvalidDataException("a warning rule has 2 values, got " + r.length);
          }
          WarningSettings.Rule rule = new WarningSettings.Rule(feature, type, r[0], r[1]);
          return new TrendWarningMember(
              WarningSettings.fromCommonArray(common, List.of(rule)), rule, context);
        });
  }

  Duration horizon() {
    return settings.horizon();
  }

  @Override
  public String toString() {
    return "TrendWarningMember{" + rule + ", " + settings.common() + "}";
  }
}
