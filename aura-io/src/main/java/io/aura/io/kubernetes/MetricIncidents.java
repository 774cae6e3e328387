package io.aura.io.kubernetes;

import io.aura.features.FeatureSchema;
import io.aura.features.FeatureSpec;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns well-known alert conditions on a pod's metrics into {@link Incident}s — the labels for the
 * faults Kubernetes does not announce with an event (CPU throttling, a volume filling up, memory
 * near the limit), beside those {@link EventIncidents} derives from events. A pipeline trained on
 * both learns to <em>predict</em> these incidents from earlier rows, ahead of the rule itself.
 *
 * <p>Semantics, as Prometheus evaluates an alerting rule with {@code for:}: on the pod's features
 * ({@link FeatureSpec#transform} of its raw frame), a rule's condition is evaluated on every row;
 * a run of consecutive rows where it holds, whose last row is at least the rule's duration after
 * its first (when the alert would fire), is one incident from the run's first row (when the alert
 * would go pending) to its last row plus one step. Rows
 * where a clause's feature is missing (NaN) break a run, as an absent series does in PromQL. The
 * incident's reason is the rule's name; its entity the frame's labels.
 *
 * <p>{@link #defaults()} holds public rules (the threshold and duration of each are the source's):
 *
 * <table>
 *   <caption>Default rules</caption>
 *   <tr><th>rule</th><th>condition</th><th>for</th><th>type, severity</th><th>source</th></tr>
 *   <tr><td>CPUThrottlingHigh</td><td>{@code cpu_throttled_fraction.mean_5m > 0.25}</td><td>15m</td>
 *     <td>CPU_THROTTLING, LOW</td><td>kubernetes-mixin (severity info): throttled over all CFS
 *     periods in 5 minutes above 25 %</td></tr>
 *   <tr><td>ContainerHighCpuUtilization</td><td>{@code cpu_usage_over_limit.mean_5m > 0.8}</td><td>2m</td>
 *     <td>CPU_THROTTLING, LOW</td><td>awesome-prometheus-alerts (warning): CPU above 80 % of the limit</td></tr>
 *   <tr><td>ContainerHighMemoryUsage</td><td>{@code memory_usage_over_limit > 0.8}</td><td>2m</td>
 *     <td>MEMORY, MEDIUM</td><td>awesome-prometheus-alerts (warning): working set above 80 % of the
 *     limit</td></tr>
 *   <tr><td>KubePersistentVolumeFillingUp</td><td>{@code fs_usage_over_limit > 0.97}</td><td>1m</td>
 *     <td>STORAGE, HIGH</td><td>kubernetes-mixin (critical): less than 3 % of the volume available;
 *     applied to the container's file system</td></tr>
 *   <tr><td>KubePersistentVolumeFillingUpSoon</td><td>{@code fs_usage_over_limit > 0.85 and
 *     fs_usage_over_limit.mean_15m > fs_usage_over_limit.mean_1h}</td><td>1h</td>
 *     <td>STORAGE, MEDIUM</td><td>kubernetes-mixin (warning): less than 15 % available and still
 *     filling; the mixin's four-day {@code predict_linear} horizon is approximated by a rising
 *     15-minute mean</td></tr>
 * </table>
 *
 * <p>The mixin's CPU ratio is of 5-minute increases; the pod feature is the 5-minute mean of the
 * per-step ratio, equal when the CFS period count per step is constant. Network-error and request
 * (latency, error ratio) rules need inputs the default pod feature set does not read yet (packet
 * counters, RED metrics); add them with {@link Builder#rule} over a feature set that has them.
 *
 * <p>Thread safety: immutable. Allocation: the feature frame of each pod and the incidents.
 * Complexity: O(rows × (features + rules × clauses)) per pod.
 */
public final class MetricIncidents {
  private final List<MetricRule> rules;

  private MetricIncidents(List<MetricRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The public rules of the table above.
   *
   * @return the labeller
   */
  public static MetricIncidents defaults() {
    String mixin = "kubernetes-mixin (github.com/kubernetes-monitoring/kubernetes-mixin)";
    String awesome = "awesome-prometheus-alerts (samber.github.io/awesome-prometheus-alerts)";
    return builder()
        .rule(new MetricRule("CPUThrottlingHigh", AnomalyType.CPU_THROTTLING, Severity.LOW,
            "cpu_throttled_fraction.mean_5m > 0.25", Duration.ofMinutes(15), mixin))
        .rule(new MetricRule("ContainerHighCpuUtilization", AnomalyType.CPU_THROTTLING, Severity.LOW,
            "cpu_usage_over_limit.mean_5m > 0.8", Duration.ofMinutes(2), awesome))
        .rule(new MetricRule("ContainerHighMemoryUsage", AnomalyType.MEMORY, Severity.MEDIUM,
            "memory_usage_over_limit > 0.8", Duration.ofMinutes(2), awesome))
        .rule(new MetricRule("KubePersistentVolumeFillingUp", AnomalyType.STORAGE, Severity.HIGH,
            "fs_usage_over_limit > 0.97", Duration.ofMinutes(1), mixin))
        .rule(new MetricRule("KubePersistentVolumeFillingUpSoon", AnomalyType.STORAGE, Severity.MEDIUM,
            "fs_usage_over_limit > 0.85 and fs_usage_over_limit.mean_15m > fs_usage_over_limit.mean_1h",
            Duration.ofHours(1), mixin))
        .build();
  }

  /** @return a builder with no rule */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the rules, in order */
  public List<MetricRule> rules() {
    return rules;
  }

  /**
   * The incidents of every pod.
   *
   * @param raws each pod's raw metrics, on {@code spec}'s step
   * @param spec the feature set the rules' conditions are written over (e.g. {@code
   *     KubernetesFeatures.podFeatures(step)})
   * @return the incidents, pod by pod, in time order within a pod
   * @throws InvalidDataException if a rule names a feature the spec does not have (naming the rule
   *     and the feature) or a frame lacks an input
   */
  public List<Incident> derive(List<Frame> raws, FeatureSpec spec) {
    int[][][] compiled = compile(spec.schema());
    List<Incident> out = new ArrayList<>();
    for (Frame raw : raws) {
      derive(raw, spec, compiled, out);
    }
    return out;
  }

  /**
   * The incidents of one pod.
   *
   * @param raw the pod's raw metrics
   * @param spec the feature set the rules are written over
   * @return the incidents in time order
   */
  public List<Incident> derive(Frame raw, FeatureSpec spec) {
    return derive(List.of(raw), spec);
  }

  /** Per rule, per clause: {feature index, op code, other feature index or -1}. */
  private int[][][] compile(FeatureSchema schema) {
    int[][][] c = new int[rules.size()][][];
    for (int r = 0; r < rules.size(); r++) {
      MetricRule rule = rules.get(r);
      List<MetricRule.Clause> clauses = rule.clauses();
      c[r] = new int[clauses.size()][];
      for (int k = 0; k < clauses.size(); k++) {
        MetricRule.Clause cl = clauses.get(k);
        int other = cl.otherFeature() == null ? -1 : index(schema, rule, cl.otherFeature());
        c[r][k] = new int[] {index(schema, rule, cl.feature()), opCode(cl.op()), other};
      }
    }
    return c;
  }

  private static int index(FeatureSchema schema, MetricRule rule, String feature) {
    if (!schema.contains(feature)) {
      throw new InvalidDataException("rule " + rule.name() + ": the feature set has no feature '" + feature
          + "' (it has " + schema.size() + " features, e.g. cpu_throttled_fraction.mean_5m)");
    }
    return schema.indexOf(feature);
  }

  private static int opCode(String op) {
    return switch (op) {
      case ">" -> 0;
      case ">=" -> 1;
      case "<" -> 2;
      default -> 3;
    };
  }

  private void derive(Frame raw, FeatureSpec spec, int[][][] compiled, List<Incident> all) {
    List<Incident> out = new ArrayList<>();
    deriveByRule(raw, spec, compiled, out);
    out.sort(java.util.Comparator.comparingLong(Incident::startMillis));
    all.addAll(out);
  }

  private void deriveByRule(Frame raw, FeatureSpec spec, int[][][] compiled, List<Incident> out) {
    Frame f = spec.transform(raw);
    long step = spec.stepMillis();
    int n = f.rows();
    for (int r = 0; r < rules.size(); r++) {
      MetricRule rule = rules.get(r);
      List<MetricRule.Clause> clauses = rule.clauses();
      double[][] a = new double[clauses.size()][];
      double[][] b = new double[clauses.size()][];
      for (int k = 0; k < clauses.size(); k++) {
        a[k] = f.column(compiled[r][k][0]);
        b[k] = compiled[r][k][2] < 0 ? null : f.column(compiled[r][k][2]);
      }
      int runStart = -1;
      for (int i = 0; i < n; i++) {
        if (runStart >= 0 && f.timestamp(i) - f.timestamp(i - 1) > step) {
          close(rule, raw, f, runStart, i - 1, step, out); // a gap in the rows breaks the run
          runStart = -1;
        }
        boolean holds = true;
        for (int k = 0; k < clauses.size() && holds; k++) {
          double y = b[k] == null ? clauses.get(k).number() : b[k][i];
          holds = compare(a[k][i], compiled[r][k][1], y);
        }
        if (holds && runStart < 0) {
          runStart = i;
        } else if (!holds && runStart >= 0) {
          close(rule, raw, f, runStart, i - 1, step, out);
          runStart = -1;
        }
      }
      if (runStart >= 0) {
        close(rule, raw, f, runStart, n - 1, step, out);
      }
    }
  }

  /** A run of rows [first, last] where the condition held: an incident if it held for the duration. */
  private static void close(MetricRule rule, Frame raw, Frame f, int first, int last, long step, List<Incident> out) {
    long start = f.timestamp(first);
    if (f.timestamp(last) - start >= rule.duration().toMillis()) {
      out.add(new Incident(rule.type(), rule.severity(), raw.labels(), "", rule.name(), start, f.timestamp(last) + step));
    }
  }

  private static boolean compare(double x, int op, double y) {
    return switch (op) {
      case 0 -> x > y;
      case 1 -> x >= y;
      case 2 -> x < y;
      default -> x <= y;
    }; // false when either side is NaN
  }

  /** Builds a {@link MetricIncidents}. Not thread-safe. */
  public static final class Builder {
    private final List<MetricRule> rules = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a rule.
     *
     * @param rule the rule; names must be unique
     * @return this builder
     */
    public Builder rule(MetricRule rule) {
      for (MetricRule r : rules) {
        if (r.name().equals(rule.name())) {
          throw new InvalidDataException("two metric rules are named " + rule.name());
        }
      }
      rules.add(rule);
      return this;
    }

    /** @return the labeller */
    public MetricIncidents build() {
      return new MetricIncidents(rules);
    }
  }
}
