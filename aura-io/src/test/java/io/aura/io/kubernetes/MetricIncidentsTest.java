package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.FeatureSpec;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.KubernetesFeatures;
import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricIncidentsTest {
  private static final long MIN = 60_000;
  private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % MIN;
  private static final FeatureSpec POD = KubernetesFeatures.podFeatures(Duration.ofMinutes(1));
  private static final Labels WEB = Labels.of("namespace", "shop", "pod", "web-1");

  /** A quiet pod of {@code rows} minutes; throttled at {@code fraction} of its CFS periods in [from, to). */
  private static Map<String, double[]> pod(int rows, int from, int to, double fraction) {
    Map<String, double[]> c = new LinkedHashMap<>();
    for (String in : KubernetesFeatures.POD_INPUTS) {
      c.put(in, new double[rows]);
    }
    double periods = 0;
    double throttled = 0;
    for (int i = 0; i < rows; i++) {
      periods += 600; // 100 ms CFS periods, one minute
      throttled += i >= from && i < to ? 600 * fraction : 0;
      c.get(KubernetesFeatures.CPU_USAGE)[i] = 0.2 * 60 * i;
      c.get(KubernetesFeatures.CPU_PERIODS)[i] = periods;
      c.get(KubernetesFeatures.CPU_THROTTLED_PERIODS)[i] = throttled;
      c.get(KubernetesFeatures.MEMORY_WORKING_SET)[i] = 100e6;
      c.get(KubernetesFeatures.CPU_REQUEST)[i] = 0.5;
      c.get(KubernetesFeatures.CPU_LIMIT)[i] = 1;
      c.get(KubernetesFeatures.MEMORY_REQUEST)[i] = 256e6;
      c.get(KubernetesFeatures.MEMORY_LIMIT)[i] = 1e9;
      c.get(KubernetesFeatures.FS_USAGE)[i] = 1e9;
      c.get(KubernetesFeatures.FS_LIMIT)[i] = 10e9;
    }
    return c;
  }

  private static Frame frame(Map<String, double[]> c) {
    long[] t = new long[c.values().iterator().next().length];
    for (int i = 0; i < t.length; i++) {
      t[i] = T0 + i * MIN;
    }
    return Frame.of(WEB, t, c);
  }

  @Test
  void throttlingForFortyMinutesIsOneCpuThrottlingHighIncident() {
    List<Incident> found = MetricIncidents.defaults().derive(frame(pod(120, 30, 70, 0.5)), POD);
    assertThat(found).hasSize(1);
    Incident i = found.get(0);
    assertThat(i.reason()).isEqualTo("CPUThrottlingHigh");
    assertThat(i.type()).isEqualTo(AnomalyType.CPU_THROTTLING);
    assertThat(i.severity()).isEqualTo(Severity.LOW);
    assertThat(i.entity()).isEqualTo(WEB);
    // Pending once the 5-minute mean passes 25 %, a few minutes after onset; over once it falls back.
    assertThat(i.startMillis()).isBetween(T0 + 30 * MIN, T0 + 36 * MIN);
    assertThat(i.endMillis()).isBetween(T0 + 70 * MIN, T0 + 77 * MIN);
  }

  @Test
  void shorterThanTheRulesDurationIsNoIncident() {
    assertThat(MetricIncidents.defaults().derive(frame(pod(120, 30, 42, 0.5)), POD)).isEmpty();
    assertThat(MetricIncidents.defaults().derive(frame(pod(120, 30, 70, 0.2)), POD)).as("below 25 %").isEmpty();
  }

  @Test
  void memoryNearTheLimitForTwoMinutesOpensAMemoryIncident() {
    Map<String, double[]> c = pod(60, 0, 0, 0);
    for (int i = 20; i < 26; i++) {
      c.get(KubernetesFeatures.MEMORY_WORKING_SET)[i] = 0.9e9;
    }
    c.get(KubernetesFeatures.MEMORY_WORKING_SET)[40] = 0.9e9; // one minute: too short
    List<Incident> found = MetricIncidents.defaults().derive(frame(c), POD);
    assertThat(found).extracting(Incident::reason).containsExactly("ContainerHighMemoryUsage");
    assertThat(found.get(0).startMillis()).isEqualTo(T0 + 20 * MIN);
    assertThat(found.get(0).endMillis()).isEqualTo(T0 + 26 * MIN);
  }

  @Test
  void aMissingFeatureBreaksARun() {
    Map<String, double[]> c = pod(60, 0, 0, 0);
    for (int i = 20; i < 25; i++) {
      c.get(KubernetesFeatures.MEMORY_WORKING_SET)[i] = 0.9e9;
    }
    c.get(KubernetesFeatures.MEMORY_WORKING_SET)[22] = Double.NaN; // 20-21 and 23-24: each 1 minute, under 2
    assertThat(MetricIncidents.defaults().derive(frame(c), POD)).isEmpty();
  }

  @Test
  void badRulesAreRefusedWithTheRuleAndTheProblem() {
    assertThatThrownBy(() -> new MetricRule("R", AnomalyType.NETWORK, Severity.LOW, "a >> 1", Duration.ZERO, "test"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("rule R").hasMessageContaining("'>>'");
    assertThatThrownBy(() -> new MetricRule("R", AnomalyType.NETWORK, Severity.LOW, "a > 1 and b", Duration.ZERO, "test"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("cannot read 'b'");
    MetricIncidents unknown = MetricIncidents.builder()
        .rule(new MetricRule("LatencyHigh", AnomalyType.DEPENDENCY, Severity.MEDIUM, "http_latency_p99 > 0.5",
            Duration.ofMinutes(5), "test"))
        .build();
    assertThatThrownBy(() -> unknown.derive(frame(pod(10, 0, 0, 0)), POD)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("rule LatencyHigh").hasMessageContaining("'http_latency_p99'");
    assertThatThrownBy(() -> MetricIncidents.builder()
        .rule(new MetricRule("R", AnomalyType.NETWORK, Severity.LOW, "a > 1", Duration.ZERO, "t"))
        .rule(new MetricRule("R", AnomalyType.NETWORK, Severity.LOW, "a > 2", Duration.ZERO, "t")))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("two metric rules are named R");
  }

  @Test
  void everyDefaultRuleReadsFeaturesOfThePodSet() {
    MetricIncidents d = MetricIncidents.defaults();
    assertThat(d.rules()).extracting(MetricRule::name).contains("CPUThrottlingHigh", "KubePersistentVolumeFillingUp");
    assertThat(d.derive(frame(pod(30, 0, 0, 0)), POD)).isEmpty(); // compiles against the schema, quiet pod
  }
}
