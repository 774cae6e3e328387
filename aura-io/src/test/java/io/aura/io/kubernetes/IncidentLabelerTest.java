package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.Frame;
import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IncidentLabelerTest {
  private static final Labels POD =
      Labels.of("namespace", "shop", "pod", "web-1", "node", "node-1");

  /** Ten rows at t = 0, 10, ..., 90. */
  private static Frame frame(int rows) {
    long[] ts = new long[rows];
    for (int i = 0; i < rows; i++) {
      ts[i] = i * 10L;
    }
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    cols.put("x", new double[rows]);
    return Frame.of(POD, ts, cols);
  }

  private static Incident inc(AnomalyType t, Severity s, Labels entity, long start, long end) {
    return new Incident(t, s, entity, "", t.name(), start, end);
  }

  @Test
  void windowsArePreIncidentBeforeAndIncidentThroughRecoveryInclusive() {
    Incident oom =
        inc(
            AnomalyType.MEMORY,
            Severity.CRITICAL,
            Labels.of("namespace", "shop", "pod", "web-1"),
            50,
            70);
    RowLabels r = IncidentLabeler.withLead(Duration.ofMillis(20)).label(frame(10), List.of(oom));
    // [30, 50) pre-incident, [50, 70] incident
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < r.rows(); i++) {
      labels.add(r.label(i));
    }
    assertThat(labels)
        .containsExactly(
            "none/normal",
            "none/normal",
            "none/normal",
            "pre-incident/memory",
            "pre-incident/memory",
            "incident/memory",
            "incident/memory",
            "incident/memory",
            "none/normal",
            "none/normal");
    assertThat(r.incident(5)).isZero();
    assertThat(r.incident(0)).isEqualTo(-1);
    assertThat(r.severity(6)).isEqualTo(Severity.CRITICAL);
    assertThat(r.count(LabelPhase.PRE_INCIDENT)).isEqualTo(2);
    assertThat(r.typeColumn(LabelPhase.INCIDENT)[6]).isEqualTo(AnomalyType.MEMORY.ordinal());
  }

  @Test
  void overlapsFollowTheDocumentedRule() {
    Labels pod = Labels.of("namespace", "shop", "pod", "web-1");
    Incident node =
        inc(AnomalyType.NODE_FAILURE, Severity.CRITICAL, Labels.of("node", "node-1"), 60, 90);
    Incident probe = inc(AnomalyType.PROBE_FAILURE, Severity.MEDIUM, pod, 20, 40);
    Incident cpu = inc(AnomalyType.CPU_THROTTLING, Severity.MEDIUM, pod, 10, 70);
    Incident other =
        inc(
            AnomalyType.MEMORY,
            Severity.CRITICAL,
            Labels.of("namespace", "shop", "pod", "web-2"),
            0,
            90);
    Incident otherNode =
        inc(AnomalyType.NODE_FAILURE, Severity.CRITICAL, Labels.of("node", "node-2"), 0, 90);
    RowLabels r =
        IncidentLabeler.withLead(Duration.ofMillis(30))
            .label(frame(10), List.of(node, probe, cpu, other, otherNode));
    // row 0: pre-incident of cpu (start 10) and probe ([-10,20)): same phase & severity, earlier
    // start wins
    assertThat(r.label(0)).isEqualTo("pre-incident/cpu-throttling");
    // rows 1..: cpu is an incident from 10; incident beats probe's pre-incident
    assertThat(r.label(1)).isEqualTo("incident/cpu-throttling");
    // rows 2..4: cpu and probe both incidents, same severity: earlier start (cpu) wins
    assertThat(r.label(3)).isEqualTo("incident/cpu-throttling");
    // row 6: node failure (CRITICAL) beats cpu (WARNING); node incidents apply through the node
    // label
    assertThat(r.label(6)).isEqualTo("incident/node-failure");
    assertThat(r.label(9)).isEqualTo("incident/node-failure");
    // incidents of another pod or node never apply
    for (int i = 0; i < r.rows(); i++) {
      assertThat(r.incident(i)).isNotIn(3, 4);
    }
  }

  @Property(tries = 200)
  void labelsDoNotDependOnTheOrderOfIncidents(
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 99) Integer> starts,
      @ForAll @IntRange(min = 0, max = 40) int lead,
      @ForAll long shuffleSeed) {
    AnomalyType[] types = AnomalyType.values();
    Severity[] sev = Severity.values();
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int s = starts.get(i);
      incidents.add(
          inc(
              types[(s * 7 + i) % types.length],
              sev[(s + i) % sev.length],
              i % 3 == 0
                  ? Labels.of("node", "node-1")
                  : Labels.of("namespace", "shop", "pod", "web-1"),
              s,
              s + (s * 13 % 30)));
    }
    List<Incident> shuffled = new ArrayList<>(incidents);
    Collections.shuffle(shuffled, new java.util.Random(shuffleSeed));
    IncidentLabeler l = IncidentLabeler.withLead(Duration.ofMillis(lead));
    Frame f = frame(12);
    RowLabels a = l.label(f, incidents);
    RowLabels b = l.label(f, shuffled);
    for (int i = 0; i < a.rows(); i++) {
      assertThat(b.label(i)).isEqualTo(a.label(i));
      assertThat(b.severity(i)).isEqualTo(a.severity(i));
      // Every labelled row is covered by the incident it names.
      if (a.incident(i) >= 0) {
        Incident x = incidents.get(a.incident(i));
        long t = f.timestamp(i);
        assertThat(t).isBetween(x.startMillis() - lead, x.endMillis());
      }
    }
  }
}
