package io.aura.io.kubernetes;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A well-known alert condition, as data: when {@link #condition()} holds on a pod's features for
 * at least {@link #duration()}, the pod has an incident of {@link #type()} (see {@link
 * MetricIncidents}). It is how Aura labels the faults Kubernetes never announces with an event —
 * CPU throttling, a volume filling up — from the same conditions platform teams already alert on.
 *
 * <p>The condition is a PromQL-like comparison over the names of a {@link
 * io.aura.features.FeatureSchema}: one or more clauses joined by {@code and}, each {@code feature
 * op number} or {@code feature op feature} with {@code op} one of {@code > >= < <=}, for example
 * {@code cpu_throttled_fraction.mean_5m > 0.25}. A clause over a missing (NaN) feature is false, as
 * a PromQL comparison over an absent series returns nothing.
 *
 * <p>Thread safety: immutable. Allocation: the parsed clauses, once. Complexity: O(condition
 * length) to parse.
 *
 * @param name the rule's name, e.g. {@code CPUThrottlingHigh}; becomes the incident's reason
 * @param type the anomaly type of the incidents it opens
 * @param severity their severity
 * @param condition the condition over feature names
 * @param duration how long the condition must hold (Prometheus's {@code for:}), zero or more
 * @param source where the rule and its threshold come from, e.g. {@code kubernetes-mixin}
 */
public record MetricRule(
    String name, AnomalyType type, Severity severity, String condition, Duration duration, String source) {

  /** Validates the fields and the condition's syntax. */
  public MetricRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(source, "source");
    if (name.isBlank()) {
      throw new InvalidDataException("a metric rule needs a name");
    }
    if (duration.isNegative()) {
      throw new InvalidDataException("rule " + name + ": duration " + duration + " is negative");
    }
    if (type == AnomalyType.NORMAL || severity == Severity.NONE) {
      throw new InvalidDataException("rule " + name + ": an incident rule needs an anomalous type and a severity above NONE");
    }
    clauses(name, condition); // syntax check now, not at first use
  }

  /** One comparison: a feature against a number or another feature. */
  record Clause(String feature, String op, String otherFeature, double number) {}

  /** The condition's clauses, in order. */
  List<Clause> clauses() {
    return clauses(name, condition);
  }

  private static List<Clause> clauses(String name, String condition) {
    List<Clause> out = new ArrayList<>();
    String[] parts = condition.trim().split("\\s+and\\s+");
    for (String part : parts) {
      String[] tok = part.trim().split("\\s+");
      if (tok.length != 3) {
        throw new InvalidDataException("rule " + name + ": cannot read '" + part.trim() + "' in condition '" + condition
            + "'; write clauses as 'feature op value' joined by 'and', with spaces around op");
      }
      String op = tok[1];
      if (!op.equals(">") && !op.equals(">=") && !op.equals("<") && !op.equals("<=")) {
        throw new InvalidDataException("rule " + name + ": unknown comparison '" + op + "' in '" + part.trim()
            + "'; use >, >=, < or <=");
      }
      double number = Double.NaN;
      String other = null;
      try {
        number = Double.parseDouble(tok[2]);
        if (!Double.isFinite(number)) {
          throw new InvalidDataException("rule " + name + ": threshold " + tok[2] + " is not finite");
        }
      } catch (NumberFormatException e) {
        other = tok[2];
      }
      out.add(new Clause(tok[0], op, other, number));
    }
    return out;
  }
}
