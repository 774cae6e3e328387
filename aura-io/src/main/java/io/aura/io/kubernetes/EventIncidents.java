package io.aura.io.kubernetes;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Derives {@link Incident}s from Kubernetes events with a {@link ReasonTaxonomy}.
 *
 * <p>Rule, per involved object (kind, namespace, name) and anomaly type:
 *
 * <ol>
 *   <li>Each event classified as an anomaly (type not {@code NORMAL}, severity at least {@link
 *       #minSeverity()}) is a <em>problem</em> spanning {@code [firstMillis, lastMillis]} (a folded
 *       event covers all its occurrences).
 *   <li>Each event whose classification {@link Classification#ends() ends} that type is a
 *       <em>recovery</em> at its first and at its last time (the only occurrences a folded event
 *       records).
 *   <li>Problems are taken in time order. A problem that starts within {@link #mergeGap()} of the
 *       current incident's last problem time, or before its recovery, joins it; otherwise a new
 *       incident starts.
 *   <li>An incident ends at its first recovery at or after its last problem time, if that recovery
 *       is within {@link #recoveryTimeout()}; otherwise at the last problem time plus {@link
 *       #hold()}.
 *   <li>The severity is the highest among its problems; the reason is that of its first problem.
 * </ol>
 *
 * <p>Pod events give incidents with {@code namespace} and {@code pod} labels; node events give
 * incidents with a {@code node} label; other kinds get {@code namespace} plus a lower-case label
 * named after the kind (for example {@code deployment}).
 *
 * <p>Thread safety: immutable, safe to share. Allocation: O(events). Complexity: O(n log n) in the
 * number of events.
 */
public final class EventIncidents {
  private final ReasonTaxonomy taxonomy;
  private final Severity minSeverity;
  private final long mergeGap;
  private final long hold;
  private final long recoveryTimeout;

  private EventIncidents(Builder b) {
    this.taxonomy = b.taxonomy;
    this.minSeverity = b.minSeverity;
    this.mergeGap = b.mergeGap.toMillis();
    this.hold = b.hold.toMillis();
    this.recoveryTimeout = b.recoveryTimeout.toMillis();
  }

  /**
   * A builder with the defaults: {@link ReasonTaxonomy#defaults()}, minimum severity {@code
   * MEDIUM}, merge gap 10 minutes, hold 0, recovery timeout 24 hours.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The derivation with all defaults.
   *
   * @return the instance
   */
  public static EventIncidents defaults() {
    return builder().build();
  }

  /**
   * The minimum severity of a problem event.
   *
   * @return the severity
   */
  public Severity minSeverity() {
    return minSeverity;
  }

  /**
   * Largest gap between problems that still merges them into one incident.
   *
   * @return the gap
   */
  public Duration mergeGap() {
    return Duration.ofMillis(mergeGap);
  }

  /**
   * How long an incident without a recovery event lasts after its last problem.
   *
   * @return the hold
   */
  public Duration hold() {
    return Duration.ofMillis(hold);
  }

  /**
   * Longest wait for a recovery event after the last problem.
   *
   * @return the timeout
   */
  public Duration recoveryTimeout() {
    return Duration.ofMillis(recoveryTimeout);
  }

  private record Key(String kind, String namespace, String name, AnomalyType type) {}

  private record Problem(
      long start, long end, Severity severity, String reason, String container) {}

  /**
   * Derives incidents from events, in any order.
   *
   * @param events the events
   * @return incidents sorted by start time, then entity, then type
   */
  public List<Incident> derive(Collection<KubeEvent> events) {
    Map<Key, List<Problem>> problems = new HashMap<>();
    Map<Key, List<Long>> recoveries = new HashMap<>();
    for (KubeEvent e : events) {
      Classification c = taxonomy.classify(e);
      ObjectRef o = e.involvedObject();
      if (c.type() != AnomalyType.NORMAL && c.severity().compareTo(minSeverity) >= 0) {
        problems
            .computeIfAbsent(
                new Key(o.kind(), o.namespace(), o.name(), c.type()), k -> new ArrayList<>())
            .add(
                new Problem(
                    e.firstMillis(), e.lastMillis(), c.severity(), e.reason(), o.container()));
      }
      for (AnomalyType t : c.ends()) {
        List<Long> r =
            recoveries.computeIfAbsent(
                new Key(o.kind(), o.namespace(), o.name(), t), k -> new ArrayList<>());
        r.add(e.firstMillis());
        if (e.lastMillis() != e.firstMillis()) {
          r.add(e.lastMillis());
        }
      }
    }
    List<Incident> out = new ArrayList<>();
    for (Map.Entry<Key, List<Problem>> entry : problems.entrySet()) {
      Key k = entry.getKey();
      List<Problem> ps = entry.getValue();
      ps.sort(Comparator.comparingLong(Problem::start).thenComparingLong(Problem::end));
      long[] rec =
          recoveries.getOrDefault(k, List.of()).stream()
              .mapToLong(Long::longValue)
              .sorted()
              .toArray();
      Labels entity = entity(k);
      int i = 0;
      while (i < ps.size()) {
        Problem first = ps.get(i);
        long last = first.end;
        Severity sev = first.severity;
        i++;
        while (i < ps.size()) {
          Problem p = ps.get(i);
          long recovery = firstAtOrAfter(rec, last);
          boolean recovered = recovery != Long.MIN_VALUE && recovery - last <= recoveryTimeout;
          if (p.start - last > mergeGap && !(recovered && p.start < recovery)) {
            break;
          }
          last = Math.max(last, p.end);
          if (p.severity.compareTo(sev) > 0) {
            sev = p.severity;
          }
          i++;
        }
        long recovery = firstAtOrAfter(rec, last);
        long end =
            recovery != Long.MIN_VALUE && recovery - last <= recoveryTimeout
                ? recovery
                : last + hold;
        out.add(new Incident(k.type, sev, entity, first.container, first.reason, first.start, end));
      }
    }
    out.sort(
        Comparator.comparingLong(Incident::startMillis)
            .thenComparing(x -> x.entity().toString())
            .thenComparing(Incident::type));
    return List.copyOf(out);
  }

  private static long firstAtOrAfter(long[] sorted, long t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < sorted.length ? sorted[lo] : Long.MIN_VALUE;
  }

  private static Labels entity(Key k) {
    switch (k.kind) {
      case "Pod":
        return Labels.of(Labels.NAMESPACE, k.namespace, Labels.POD, k.name);
      case "Node":
        return Labels.of(Labels.NODE, k.name);
      default:
        String kindLabel =
            k.kind.isEmpty()
                ? "object"
                : k.kind.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return k.namespace.isEmpty()
            ? Labels.of(kindLabel, k.name)
            : Labels.of(Labels.NAMESPACE, k.namespace, kindLabel, k.name);
    }
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private ReasonTaxonomy taxonomy = ReasonTaxonomy.defaults();
    private Severity minSeverity = Severity.MEDIUM;
    private Duration mergeGap = Duration.ofMinutes(10);
    private Duration hold = Duration.ZERO;
    private Duration recoveryTimeout = Duration.ofHours(24);

    private Builder() {}

    /**
     * The taxonomy.
     *
     * @param taxonomy the taxonomy
     * @return this builder
     */
    public Builder taxonomy(ReasonTaxonomy taxonomy) {
      this.taxonomy = Objects.requireNonNull(taxonomy);
      return this;
    }

    /**
     * The minimum severity of a problem.
     *
     * @param minSeverity the severity
     * @return this builder
     */
    public Builder minSeverity(Severity minSeverity) {
      this.minSeverity = Objects.requireNonNull(minSeverity);
      return this;
    }

    /**
     * The merge gap, not negative.
     *
     * @param mergeGap the gap
     * @return this builder
     */
    public Builder mergeGap(Duration mergeGap) {
      this.mergeGap = nonNegative(mergeGap, "mergeGap");
      return this;
    }

    /**
     * The hold after the last problem when no recovery is seen, not negative.
     *
     * @param hold the hold
     * @return this builder
     */
    public Builder hold(Duration hold) {
      this.hold = nonNegative(hold, "hold");
      return this;
    }

    /**
     * The longest wait for a recovery event, not negative.
     *
     * @param recoveryTimeout the timeout
     * @return this builder
     */
    public Builder recoveryTimeout(Duration recoveryTimeout) {
      this.recoveryTimeout = nonNegative(recoveryTimeout, "recoveryTimeout");
      return this;
    }

    /**
     * Builds the immutable derivation.
     *
     * @return the instance
     */
    public EventIncidents build() {
      return new EventIncidents(this);
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative: " + d);
      }
      return d;
    }
  }
}
