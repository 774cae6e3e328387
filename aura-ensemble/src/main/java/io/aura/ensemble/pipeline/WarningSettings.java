package io.aura.ensemble.pipeline;

import io.aura.features.anomaly.AnomalyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DetectionPipeline} warns ahead of trouble: a list of {@link Rule}s, each an input
 * ratio of the feature set whose sliding least-squares trend is extrapolated to a threshold ({@link
 * io.aura.forecast.TrendWatch}), with the settings common to every rule. Each rule becomes one
 * {@link TrendWarningMember}; a warning on any ratio (memory over limit, disk over capacity, CPU
 * over limit, latency over SLO) is a rule, not code.
 *
 * <p>Defaults: a 30-sample window, R² ≥ 0.9, a 60-minute horizon, an episode closes after 10 quiet
 * samples, and two rules: {@code memory_usage_over_limit} reaching 1.0 (the limit: an OOM kill,
 * {@link AnomalyType#MEMORY}) from a floor of 0.6, and {@code fs_usage_over_limit} reaching 0.9
 * (kubelet's default eviction at 10 % free, {@link AnomalyType#EVICTION}) from a floor of 0.5.
 *
 * <p>Thread safety: immutable. Allocation: none after construction. Complexity: O(1).
 */
public final class WarningSettings {
  private final int window;
  private final double minR2;
  private final Duration horizon;
  private final List<Rule> rules;
  private final int rearmSamples;
  private final int confirmSamples;

  private WarningSettings(Builder b) {
    this.window = b.window;
    this.minR2 = b.minR2;
    this.horizon = b.horizon;
    this.rules = List.copyOf(b.rules);
    this.rearmSamples = b.rearmSamples;
    this.confirmSamples = b.confirmSamples;
  }

  /**
   * @return the defaults
   */
  public static WarningSettings defaults() {
    return builder().build();
  }

  /**
   * @return a builder holding the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return samples in the trend window
   */
  public int window() {
    return window;
  }

  /**
   * @return the least R² of the trend line
   */
  public double minR2() {
    return minR2;
  }

  /**
   * @return how far ahead a crossing may be to warn
   */
  public Duration horizon() {
    return horizon;
  }

  /**
   * @return the rules, one warning member each, in order
   */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * @return quiet samples that close a warning episode
   */
  public int rearmSamples() {
    return rearmSamples;
  }

  /**
   * @return consecutive samples the warning conditions must hold before an episode opens
   */
  public int confirmSamples() {
    return confirmSamples;
  }

  /** The memory rule's feature: the container's working set over its memory limit. */
  public static final String MEMORY_RATIO = "memory_usage_over_limit";

  /** The disk rule's feature: the container's file-system usage over its limit. */
  public static final String DISK_RATIO = "fs_usage_over_limit";

  /**
   * One warning: a feature (an input ratio) of the pipeline's feature set, the anomaly it predicts,
   * the threshold whose extrapolated crossing warns, and the least current value to warn at.
   *
   * <p>Thread safety: immutable. Complexity: O(1).
   *
   * @param feature the feature name, e.g. {@code memory_usage_over_limit}
   * @param predicts the anomaly a crossing means, not NORMAL
   * @param threshold the value that counts as the anomaly, positive and finite
   * @param floor the least current value to warn at, in [0, threshold]
   */
  public record Rule(String feature, AnomalyType predicts, double threshold, double floor) {
    /** Checks the fields. */
    public Rule {
      Objects.requireNonNull(feature, "feature");
      Objects.requireNonNull(predicts, "predicts");
      if (predicts == AnomalyType.NORMAL) {
        throw new IllegalArgumentException(
            "a warning rule on " + feature + " must predict an anomaly, not NORMAL");
      }
      if (!(threshold > 0 && Double.isFinite(threshold) && floor >= 0 && floor <= threshold)) {
        throw new IllegalArgumentException(
            "warning rule on "
                + feature
                + ": threshold must be positive and finite"
                + " and its floor in [0, threshold], got "
                + threshold
                + " and "
                + floor);
      }
    }

    @Override
    public String toString() {
      return feature + "->" + predicts + " at " + threshold + " from " + floor;
    }
  }

  /** The common settings as saved in a trend-warning member's section. */
  double[] commonArray() {
    return new double[] {window, minR2, horizon.toMillis(), rearmSamples, confirmSamples};
  }

  static WarningSettings fromCommonArray(double[] a, List<Rule> rules) {
    if (a.length != 5) {
      throw new IllegalArgumentException("common warning settings need 5 values, got " + a.length);
    }
    Builder b =
        builder()
            .window((int) a[0])
            .minR2(a[1])
            .horizon(Duration.ofMillis((long) a[2]))
            .rearmSamples((int) a[3])
            .confirmSamples((int) a[4])
            .clearRules();
    rules.forEach(b::rule);
    return b.build();
  }

  /**
   * Reads the settings of a pipeline file of the first format: window, R², horizon, memory
   * threshold and floor, disk threshold and floor, rearm, and (since a later build) confirm.
   */
  static WarningSettings fromLegacyArray(double[] a) {
    if (a.length != 8 && a.length != 9) {
      throw new IllegalArgumentException("warning settings need 8 or 9 values, got " + a.length);
    }
    // Files written before confirmSamples existed hold 8 values: those warned at once.
    return builder()
        .window((int) a[0])
        .minR2(a[1])
        .horizon(Duration.ofMillis((long) a[2]))
        .memory(a[3], a[4])
        .disk(a[5], a[6])
        .rearmSamples((int) a[7])
        .confirmSamples(a.length == 9 ? (int) a[8] : 1)
        .build();
  }

  /**
   * @return the common settings as text, for the members' descriptions
   */
  String common() {
    return "window="
        + window
        + ", minR2="
        + minR2
        + ", horizon="
        + horizon
        + ", rearm="
        + rearmSamples
        + ", confirm="
        + confirmSamples;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WarningSettings w
        && java.util.Arrays.equals(commonArray(), w.commonArray())
        && rules.equals(w.rules);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(commonArray()) + rules.hashCode();
  }

  @Override
  public String toString() {
    return "WarningSettings{" + common() + ", rules=" + rules + "}";
  }

  /** Builder of {@link WarningSettings}; not thread-safe. */
  public static final class Builder {
    private int window = 30;
    private double minR2 = 0.9;
    private Duration horizon = Duration.ofMinutes(60);
    private final List<Rule> rules =
        new ArrayList<>(
            List.of(
                new Rule(MEMORY_RATIO, AnomalyType.MEMORY, 1.0, 0.6),
                new Rule(DISK_RATIO, AnomalyType.EVICTION, 0.9, 0.5)));
    private int rearmSamples = 10;
    private int confirmSamples = 1;

    private Builder() {}

    /**
     * @param samples samples in the trend window, at least 3
     * @return this
     */
    public Builder window(int samples) {
      if (samples < 3 || samples > 100_000) {
        throw new IllegalArgumentException("trend window must be in [3, 100000], got " + samples);
      }
      this.window = samples;
      return this;
    }

    /**
     * @param r2 least R² of the trend line, in [0, 1]
     * @return this
     */
    public Builder minR2(double r2) {
      if (!(r2 >= 0 && r2 <= 1)) {
        throw new IllegalArgumentException("minR2 must be in [0, 1], got " + r2);
      }
      this.minR2 = r2;
      return this;
    }

    /**
     * @param h how far ahead a crossing may be to warn, positive
     * @return this
     */
    public Builder horizon(Duration h) {
      Objects.requireNonNull(h, "horizon");
      if (h.isNegative() || h.isZero()) {
        throw new IllegalArgumentException("horizon must be positive, got " + h);
      }
      this.horizon = h;
      return this;
    }

    /**
     * @param threshold working set over limit that counts as an OOM kill, positive
     * @param floor least working set over limit to warn at, in [0, threshold]
     * @return this
     */
    public Builder memory(double threshold, double floor) {
      return replace(new Rule(MEMORY_RATIO, AnomalyType.MEMORY, threshold, floor));
    }

    /**
     * @param threshold file-system usage over limit that counts as full, positive
     * @param floor least usage over limit to warn at, in [0, threshold]
     * @return this
     */
    public Builder disk(double threshold, double floor) {
      return replace(new Rule(DISK_RATIO, AnomalyType.EVICTION, threshold, floor));
    }

    /**
     * Adds a rule after the others, or replaces the rule on the same feature in place.
     *
     * @param rule a warning on one ratio of the feature set, e.g. {@code new
     *     Rule("cpu_usage_over_limit", AnomalyType.CPU_THROTTLING, 1.0, 0.7)}
     * @return this
     */
    public Builder rule(Rule rule) {
      return replace(rule);
    }

    /**
     * Removes every rule, the defaults included.
     *
     * @return this
     */
    public Builder clearRules() {
      rules.clear();
      return this;
    }

    private Builder replace(Rule rule) {
      Objects.requireNonNull(rule, "rule");
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i).feature().equals(rule.feature())) {
          rules.set(i, rule);
          return this;
        }
      }
      rules.add(rule);
      return this;
    }

    /**
     * @param samples quiet samples that close a warning episode, at least 1
     * @return this
     */
    public Builder rearmSamples(int samples) {
      if (samples < 1) {
        throw new IllegalArgumentException("rearm samples must be at least 1, got " + samples);
      }
      this.rearmSamples = samples;
      return this;
    }

    /**
     * @param samples consecutive samples the conditions must hold before an episode opens (default
     *     1: at once), in [1, window]
     * @return this
     */
    public Builder confirmSamples(int samples) {
      if (samples < 1 || samples > 100_000) {
        throw new IllegalArgumentException(
            "confirm samples must be in [1, 100000], got " + samples);
      }
      this.confirmSamples = samples;
      return this;
    }

    /**
     * @return the settings
     */
    public WarningSettings build() {
      return new WarningSettings(this);
    }
  }
}
