package io.aura.simulator;

import static io.aura.simulator.SimulatedMetric.CPU_CFS_PERIODS;
import static io.aura.simulator.SimulatedMetric.CPU_CFS_THROTTLED_PERIODS;
import static io.aura.simulator.SimulatedMetric.CPU_USAGE;
import static io.aura.simulator.SimulatedMetric.FS_USAGE;
import static io.aura.simulator.SimulatedMetric.HTTP_ERRORS;
import static io.aura.simulator.SimulatedMetric.HTTP_LATENCY_P99;
import static io.aura.simulator.SimulatedMetric.HTTP_REQUESTS;
import static io.aura.simulator.SimulatedMetric.MEMORY_LIMIT;
import static io.aura.simulator.SimulatedMetric.MEMORY_WORKING_SET;
import static io.aura.simulator.SimulatedMetric.NETWORK_RECEIVE_ERRORS;
import static io.aura.simulator.SimulatedMetric.NETWORK_TRANSMIT_BYTES;
import static io.aura.simulator.SimulatedMetric.RESTARTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.Frame;
import io.aura.features.TimeSeries;
import io.aura.features.anomaly.AnomalyType;
import io.aura.io.kubernetes.Incident;
import io.aura.io.kubernetes.KubeEvent;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClusterSimulatorTest {
  private static final Duration STEP = Duration.ofSeconds(15);
  private static final long H = 3_600_000L;

  private static ClusterSimulator.Builder base() {
    return ClusterSimulator.builder()
        .seed(11)
        .nodes(2)
        .pods(4)
        .days(1)
        .step(STEP)
        .operations(false);
  }

  /** Row of a timestamp. */
  private static int row(Simulation s, long t) {
    return (int) ((t - s.timestamps()[0]) / STEP.toMillis());
  }

  /** Mean per-step increase of a counter over [from, to), ignoring NaN rows and resets. */
  private static double rate(double[] v, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = Math.max(1, from); i < to; i++) {
      if (!Double.isNaN(v[i]) && !Double.isNaN(v[i - 1]) && v[i] >= v[i - 1]) {
        sum += v[i] - v[i - 1];
        n++;
      }
    }
    return sum / n;
  }

  private static double mean(double[] v, int from, int to) {
    return Arrays.stream(v, from, to).filter(x -> !Double.isNaN(x)).average().orElseThrow();
  }

  private static List<KubeEvent> eventsOf(Simulation s, String reason) {
    return s.events().stream().filter(e -> e.reason().equals(reason)).collect(Collectors.toList());
  }

  @Test
  void sameSeedGivesBitIdenticalOutputAndAnotherSeedDoesNot() {
    ClusterSimulator.Builder b =
        ClusterSimulator.builder()
            .seed(99)
            .nodes(2)
            .pods(5)
            .days(2)
            .step(Duration.ofMinutes(1))
            .randomFaults(4);
    Simulation a = b.build().run();
    Simulation again = b.build().run();
    Simulation other =
        ClusterSimulator.builder()
            .seed(100)
            .nodes(2)
            .pods(5)
            .days(2)
            .step(Duration.ofMinutes(1))
            .randomFaults(4)
            .build()
            .run();
    for (int p = 0; p < a.pods().size(); p++) {
      for (SimulatedMetric m : SimulatedMetric.values()) {
        double[] x = a.values(a.pods().get(p), m);
        double[] y = again.values(again.pods().get(p), m);
        for (int i = 0; i < x.length; i++) {
          assertThat(Double.doubleToRawLongBits(y[i])).isEqualTo(Double.doubleToRawLongBits(x[i]));
        }
      }
    }
    assertThat(again.events()).isEqualTo(a.events());
    assertThat(again.groundTruth()).isEqualTo(a.groundTruth());
    StringWriter j1 = new StringWriter();
    StringWriter j2 = new StringWriter();
    a.writeEvents(j1);
    again.writeEvents(j2);
    assertThat(j2.toString()).isEqualTo(j1.toString());
    assertThat(other.pods().get(0).name()).isNotEqualTo(a.pods().get(0).name());
    assertThat(other.values(other.pods().get(0), CPU_USAGE))
        .isNotEqualTo(a.values(a.pods().get(0), CPU_USAGE));
  }

  @Test
  void metricNamesAreValidAndFramesAndSeriesAreShapedAsDocumented() {
    Pattern name = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    assertThat(SimulatedMetric.values()).hasSize(Simulation.METRICS);
    Set<String> columns = new HashSet<>();
    for (SimulatedMetric m : SimulatedMetric.values()) {
      assertThat(m.metricName()).matches(name);
      assertThat(m.column()).matches(name);
      assertThat(columns.add(m.column())).as(m.column()).isTrue();
      assertThat(m.isCounter()).isEqualTo(m.metricName().endsWith("_total"));
    }
    Simulation s = base().build().run();
    SimulatedPod pod = s.pods().get(1);
    Frame f = s.frame(pod.namespace(), pod.name());
    assertThat(f.rows()).isEqualTo(5760);
    assertThat(f.stepMillis()).isEqualTo(15_000);
    assertThat(f.columnNames())
        .containsExactlyElementsOf(
            Arrays.stream(SimulatedMetric.values())
                .map(SimulatedMetric::column)
                .collect(Collectors.toList()));
    assertThat(f.labels()).isEqualTo(pod.labels());
    assertThat(f.column("kube_pod_container_resource_limits_memory_bytes")[0]).isPositive();
    List<TimeSeries> series = s.series(pod);
    assertThat(series).hasSize(Simulation.METRICS);
    TimeSeries memLimit = series.get(MEMORY_LIMIT.ordinal());
    assertThat(memLimit.name()).isEqualTo("kube_pod_container_resource_limits");
    assertThat(memLimit.labels().get("resource")).isEqualTo("memory");
    assertThat(memLimit.labels().get("unit")).isEqualTo("byte");
    assertThat(memLimit.labels().get("container")).isEqualTo("app");
    TimeSeries tx = series.get(NETWORK_TRANSMIT_BYTES.ordinal());
    assertThat(tx.labels().get("interface")).isEqualTo("eth0");
    assertThat(tx.labels().get("container")).isNull();
    assertThat(series.get(HTTP_LATENCY_P99.ordinal()).labels().get("quantile")).isEqualTo("0.99");
    assertThat(s.series()).hasSize(4 * Simulation.METRICS);
  }

  @Test
  void trafficHasDailyAndWeeklySeasonality() {
    Simulation s =
        ClusterSimulator.builder()
            .seed(5)
            .nodes(1)
            .pods(3)
            .days(7)
            .step(Duration.ofMinutes(5))
            .operations(false)
            .build()
            .run();
    double[] req = s.values(s.pods().get(0), HTTP_REQUESTS);
    int perHour = 12;
    // Monday: 14:00-16:00 versus 02:00-04:00
    double afternoon = rate(req, 14 * perHour, 16 * perHour);
    double night = rate(req, 2 * perHour, 4 * perHour);
    assertThat(afternoon).isGreaterThan(1.5 * night);
    // Saturday afternoon versus Monday afternoon
    double saturday = rate(req, (5 * 24 + 14) * perHour, (5 * 24 + 16) * perHour);
    assertThat(saturday).isLessThan(0.8 * afternoon);
  }

  @Test
  void aMemoryLeakRampsToTheLimitThenTheContainerIsOomKilledAndRestarted() {
    Simulation s =
        base()
            .fault(FaultKind.MEMORY_LEAK, 1, Duration.ofHours(4), Duration.ofHours(6))
            .build()
            .run();
    SimulatedPod pod = s.pods().get(1);
    List<KubeEvent> oom = eventsOf(s, "OOMKilled");
    assertThat(oom).hasSize(1);
    assertThat(oom.get(0).involvedObject().name()).isEqualTo(pod.name());
    int k = row(s, oom.get(0).firstMillis());
    // OOM about 60 % into the fault
    assertThat(s.timestamps()[k] - s.timestamps()[0]).isBetween(4 * H + 3 * H, 4 * H + 4 * H);
    double[] ws = s.values(pod, MEMORY_WORKING_SET);
    double limit = s.values(pod, MEMORY_LIMIT)[0];
    double before = mean(ws, row(s, s.timestamps()[0] + 3 * H), row(s, s.timestamps()[0] + 4 * H));
    assertThat(ws[k - 1]).isGreaterThan(0.95 * limit).isLessThan(limit);
    assertThat(ws[k - 1]).isGreaterThan(1.3 * before);
    // steady ramp: memory at the middle of the ramp is between the start and the end
    int mid = (row(s, s.timestamps()[0] + 4 * H) + k) / 2;
    assertThat(ws[mid]).isGreaterThan(before).isLessThan(ws[k - 1]);
    assertThat(ws[k]).isNaN();
    double[] restarts = s.values(pod, RESTARTS);
    assertThat(restarts[k - 1]).isZero();
    assertThat(restarts[k + 1]).isEqualTo(1);
    double[] cpu = s.values(pod, CPU_USAGE);
    assertThat(cpu[k + 1]).isLessThan(cpu[k - 1]); // counter reset
    assertThat(ws[k + 1]).isLessThan(0.8 * limit);
    Incident truth = s.incidents().get(0);
    assertThat(truth.type()).isEqualTo(AnomalyType.MEMORY);
    assertThat(truth.startMillis()).isEqualTo(oom.get(0).firstMillis());
    assertThat(truth.endMillis()).isEqualTo(eventsOf(s, "Started").get(0).firstMillis());
    assertThat(s.groundTruth().get(0).fault().kind()).isEqualTo(FaultKind.MEMORY_LEAK);
  }

  @Test
  void cpuSaturationThrottlesAndSlowsRequests() {
    Simulation s =
        base()
            .fault(FaultKind.CPU_SATURATION, 0, Duration.ofHours(10), Duration.ofHours(2))
            .build()
            .run();
    SimulatedPod pod = s.pods().get(0);
    double[] periods = s.values(pod, CPU_CFS_PERIODS);
    double[] throttled = s.values(pod, CPU_CFS_THROTTLED_PERIODS);
    int a = 9 * 240;
    int b = 10 * 240 + 60;
    int e = 12 * 240;
    double before = rate(throttled, a, a + 240) / rate(periods, a, a + 240);
    double during = rate(throttled, b, e) / rate(periods, b, e);
    assertThat(before).isLessThan(0.05);
    assertThat(during).isGreaterThan(0.5);
    double[] lat = s.values(pod, HTTP_LATENCY_P99);
    assertThat(mean(lat, b, e)).isGreaterThan(2 * mean(lat, a, a + 240));
    assertThat(s.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.type()).isEqualTo(AnomalyType.CPU_THROTTLING);
              assertThat(i.startMillis()).isEqualTo(s.timestamps()[10 * 240]);
            });
    assertThat(s.groundTruth().get(0).visibleInEvents()).isFalse();
    assertThat(s.events()).isEmpty();
  }

  @Test
  void aCrashLoopRestartsWithBackOffAndRecoversAfterTheFault() {
    Simulation s =
        base()
            .fault(FaultKind.CRASH_LOOP, 2, Duration.ofHours(3), Duration.ofHours(1))
            .build()
            .run();
    SimulatedPod pod = s.pods().get(2);
    List<KubeEvent> backOffs = eventsOf(s, "BackOff");
    assertThat(backOffs.size()).isGreaterThanOrEqualTo(8);
    assertThat(backOffs)
        .allMatch(e -> e.message().startsWith("Back-off restarting failed container"));
    // back-off grows: the last gaps are longer than the first
    long firstGap = backOffs.get(1).firstMillis() - backOffs.get(0).firstMillis();
    long lastGap =
        backOffs.get(backOffs.size() - 1).firstMillis()
            - backOffs.get(backOffs.size() - 2).firstMillis();
    assertThat(lastGap).isGreaterThan(firstGap);
    double[] restarts = s.values(pod, RESTARTS);
    assertThat(restarts[restarts.length - 1]).isEqualTo(backOffs.size());
    double[] cpu = s.values(pod, CPU_USAGE);
    long nan = Arrays.stream(cpu, 3 * 240, 4 * 240).filter(Double::isNaN).count();
    assertThat(nan).isGreaterThan(20);
    Incident i = s.incidents().get(0);
    assertThat(i.type()).isEqualTo(AnomalyType.CRASH_LOOP);
    assertThat(i.startMillis()).isEqualTo(backOffs.get(0).firstMillis());
    assertThat(i.endMillis()).isGreaterThanOrEqualTo(s.timestamps()[4 * 240 - 1]);
    assertThat(Double.isNaN(cpu[5 * 240])).isFalse();
  }

  @Test
  void aFillingDiskPutsTheNodeUnderDiskPressureAndEvictsThePod() {
    Simulation s =
        base()
            .fault(FaultKind.DISK_FILL, 3, Duration.ofHours(6), Duration.ofHours(3))
            .build()
            .run();
    SimulatedPod pod = s.pods().get(3);
    List<KubeEvent> evicted = eventsOf(s, "Evicted");
    assertThat(evicted)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.involvedObject().name()).isEqualTo(pod.name());
              assertThat(e.message()).contains("ephemeral-storage");
            });
    assertThat(eventsOf(s, "NodeHasDiskPressure"))
        .singleElement()
        .satisfies(e -> assertThat(e.involvedObject().name()).isEqualTo(pod.node()));
    assertThat(eventsOf(s, "NodeHasNoDiskPressure")).hasSize(1);
    int k = row(s, evicted.get(0).firstMillis());
    double[] fs = s.values(pod, FS_USAGE);
    assertThat(fs[k]).isGreaterThan(20 * fs[6 * 240 - 10]);
    assertThat(fs[k + 1]).isNaN();
    assertThat(s.incidents())
        .extracting(Incident::type)
        .containsExactlyInAnyOrder(AnomalyType.EVICTION, AnomalyType.STORAGE);
  }

  @Test
  void networkSaturationRaisesTrafficAndPacketErrors() {
    Simulation s =
        base()
            .fault(FaultKind.NETWORK_SATURATION, 0, Duration.ofHours(12), Duration.ofHours(2))
            .build()
            .run();
    SimulatedPod pod = s.pods().get(0);
    double[] tx = s.values(pod, NETWORK_TRANSMIT_BYTES);
    double[] err = s.values(pod, NETWORK_RECEIVE_ERRORS);
    int a = 11 * 240;
    int b = 12 * 240 + 60;
    int e = 14 * 240;
    assertThat(rate(tx, b, e)).isGreaterThan(4 * rate(tx, a, a + 240));
    assertThat(err[e] - err[b]).isGreaterThan(10 * Math.max(1, err[a + 240] - err[a]));
    assertThat(s.incidents().get(0).type()).isEqualTo(AnomalyType.NETWORK);
  }

  @Test
  void aNodeFailureLeavesItsPodsWithoutMetricsAndEmitsNodeEvents() {
    Simulation s =
        base()
            .fault(FaultKind.NODE_FAILURE, 1, Duration.ofHours(5), Duration.ofMinutes(45))
            .build()
            .run();
    String node = s.nodes().get(1);
    for (SimulatedPod p : s.pods()) {
      double[] cpu = s.values(p, CPU_USAGE);
      boolean onNode = p.node().equals(node);
      assertThat(Double.isNaN(cpu[5 * 240 + 10])).isEqualTo(onNode);
      assertThat(Double.isNaN(cpu[5 * 240 - 1])).isFalse();
      assertThat(Double.isNaN(cpu[6 * 240])).isFalse();
    }
    assertThat(eventsOf(s, "NodeNotReady"))
        .singleElement()
        .satisfies(e -> assertThat(e.firstMillis()).isEqualTo(s.timestamps()[5 * 240]));
    assertThat(eventsOf(s, "NodeReady"))
        .singleElement()
        .satisfies(e -> assertThat(e.firstMillis()).isEqualTo(s.timestamps()[5 * 240 + 180]));
    assertThat(s.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.type()).isEqualTo(AnomalyType.NODE_FAILURE);
              assertThat(i.entity().get("node")).isEqualTo(node);
            });
  }

  @Test
  void anImagePullFailureWaitsInBackOffUntilTheImageIsFixed() {
    Simulation s =
        base()
            .fault(FaultKind.IMAGE_PULL_FAILURE, 1, Duration.ofHours(2), Duration.ofHours(1))
            .build()
            .run();
    assertThat(eventsOf(s, "Failed")).anyMatch(e -> e.message().startsWith("Failed to pull image"));
    assertThat(eventsOf(s, "BackOff"))
        .isNotEmpty()
        .allMatch(e -> e.message().startsWith("Back-off pulling image"));
    double[] cpu = s.values(s.pods().get(1), CPU_USAGE);
    assertThat(Arrays.stream(cpu, 2 * 240, 3 * 240).filter(Double::isNaN).count()).isEqualTo(240);
    assertThat(cpu[3 * 240 + 40]).isNotNaN();
    assertThat(eventsOf(s, "Started"))
        .singleElement()
        .satisfies(e -> assertThat(e.firstMillis()).isEqualTo(s.incidents().get(0).endMillis()));
  }

  @Test
  void aSlowDependencyRaisesLatencyAndErrorsAndANoisyNeighbourRaisesLatencyWithoutThrottling() {
    Simulation s =
        base()
            .fault(FaultKind.SLOW_DEPENDENCY, 0, Duration.ofHours(8), Duration.ofHours(2))
            .fault(FaultKind.NOISY_NEIGHBOUR, 1, Duration.ofHours(14), Duration.ofHours(2))
            .build()
            .run();
    SimulatedPod slow = s.pods().get(0);
    double[] lat = s.values(slow, HTTP_LATENCY_P99);
    double[] err = s.values(slow, HTTP_ERRORS);
    double[] req = s.values(slow, HTTP_REQUESTS);
    int a = 7 * 240;
    int b = 8 * 240 + 60;
    int e = 10 * 240;
    assertThat(mean(lat, b, e)).isGreaterThan(2.5 * mean(lat, a, a + 240));
    assertThat(rate(err, b, e) / rate(req, b, e))
        .isGreaterThan(5 * rate(err, a, a + 240) / rate(req, a, a + 240));

    SimulatedPod victim =
        s.pods().stream().filter(p -> p.node().equals(s.nodes().get(1))).findFirst().orElseThrow();
    double[] vlat = s.values(victim, HTTP_LATENCY_P99);
    double[] thr = s.values(victim, CPU_CFS_THROTTLED_PERIODS);
    double[] per = s.values(victim, CPU_CFS_PERIODS);
    int c = 14 * 240;
    int d = 16 * 240;
    assertThat(mean(vlat, c, d)).isGreaterThan(1.8 * mean(vlat, c - 240, c));
    assertThat(rate(thr, c, d) / rate(per, c, d)).isLessThan(0.05);
    assertThat(s.incidents())
        .extracting(Incident::type)
        .containsExactly(AnomalyType.DEPENDENCY, AnomalyType.RESOURCE_CONTENTION);
  }

  @Test
  void countersOnlyDecreaseWhenTheContainerRestarts() {
    Simulation s =
        ClusterSimulator.builder()
            .seed(3)
            .nodes(2)
            .pods(6)
            .days(3)
            .step(Duration.ofMinutes(1))
            .randomFaults(6)
            .build()
            .run();
    Set<String> restartTimes =
        s.events().stream()
            .filter(
                e ->
                    e.reason().equals("Started")
                        || e.reason().equals("OOMKilled")
                        || e.reason().equals("BackOff")
                        || e.reason().equals("Killing"))
            .map(e -> e.involvedObject().name() + "@" + e.firstMillis())
            .collect(Collectors.toSet());
    long[] ts = s.timestamps();
    int resets = 0;
    for (SimulatedPod p : s.pods()) {
      for (SimulatedMetric m : SimulatedMetric.values()) {
        if (!m.isCounter()) {
          continue;
        }
        double[] v = s.values(p, m);
        double last = Double.NaN;
        long lastChange = Long.MIN_VALUE;
        for (int i = 0; i < v.length; i++) {
          if (Double.isNaN(v[i])) {
            continue;
          }
          if (!Double.isNaN(last) && v[i] < last) {
            resets++;
            boolean explained = false;
            for (int j = i; j >= 0 && ts[j] >= lastChange; j--) {
              explained |= restartTimes.contains(p.name() + "@" + ts[j]);
            }
            assertThat(explained)
                .as("%s %s drops at %s", p.name(), m, Instant.ofEpochMilli(ts[i]))
                .isTrue();
          }
          last = v[i];
          lastChange = ts[i];
        }
      }
    }
    assertThat(resets).isPositive();
  }

  @Test
  void badConfigurationsAreRejectedWithTheReason() {
    assertThatThrownBy(
            () ->
                base()
                    .fault(FaultKind.MEMORY_LEAK, 9, Duration.ofHours(1), Duration.ofHours(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pod index 9");
    assertThatThrownBy(
            () ->
                base()
                    .fault(FaultKind.NODE_FAILURE, 5, Duration.ofHours(1), Duration.ofHours(1))
                    .build())
        .hasMessageContaining("node index 5");
    assertThatThrownBy(
            () ->
                base()
                    .fault(FaultKind.CRASH_LOOP, 0, Duration.ofHours(1), Duration.ofHours(2))
                    .fault(FaultKind.CPU_SATURATION, 0, Duration.ofHours(2), Duration.ofHours(1))
                    .build())
        .hasMessageContaining("faults overlap");
    assertThatThrownBy(
            () ->
                base()
                    .fault(FaultKind.CRASH_LOOP, 0, Duration.ofHours(23), Duration.ofHours(2))
                    .build())
        .hasMessageContaining("not inside the simulated range");
    assertThatThrownBy(() -> base().randomFaults(20).build())
        .hasMessageContaining("20 random faults need");
    assertThatThrownBy(() -> ClusterSimulator.builder().pods(0)).hasMessageContaining("pods");
    assertThatThrownBy(() -> ClusterSimulator.builder().step(Duration.ofMillis(10)))
        .hasMessageContaining("step");
    assertThatThrownBy(() -> base().build().run().frame("shop", "nope"))
        .hasMessageContaining("no pod shop/nope");
  }

  @Test
  void rolloutsAndScalingEmitNormalEventsOnly() {
    Simulation s =
        ClusterSimulator.builder()
            .seed(21)
            .nodes(2)
            .pods(6)
            .days(4)
            .step(Duration.ofMinutes(1))
            .build()
            .run();
    assertThat(eventsOf(s, "ScalingReplicaSet")).isNotEmpty();
    assertThat(eventsOf(s, "SuccessfulRescale")).isNotEmpty();
    assertThat(eventsOf(s, "Killing")).isNotEmpty();
    assertThat(s.events()).noneMatch(KubeEvent::isWarning);
    assertThat(s.groundTruth()).isEmpty();
  }
}
