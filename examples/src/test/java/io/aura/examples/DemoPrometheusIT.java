package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.io.prometheus.RealPrometheusExtension;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.FaultKind;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code demo --prometheus}: a simulated cluster with a crash loop is backfilled into a real
 * Prometheus (127.0.0.1, started by aura-io's test extension), and the demo reads every pod back
 * through PromQL and runs the pipeline it trained on other simulated clusters.
 */
class DemoPrometheusIT {
  private static final Simulation SIM =
      ClusterSimulator.builder()
          .seed(21)
          .nodes(2)
          .pods(4)
          .duration(Duration.ofHours(12))
          .step(Duration.ofMinutes(1))
          .fault(FaultKind.CRASH_LOOP, 2, Duration.ofHours(6), Duration.ofHours(2))
          .build()
          .run();

  @RegisterExtension
  static final RealPrometheusExtension PROM =
      RealPrometheusExtension.backfilling(SIM.openMetrics());

  @Test
  void readsEveryPodFromPrometheusAndFindsTheCrashLoop() {
    long[] ts = SIM.timestamps();
    String out =
        CliRun.ok(
            "demo",
            "--prometheus",
            PROM.baseUrl(),
            "--start",
            Instant.ofEpochMilli(ts[0]).toString(),
            "--end",
            Instant.ofEpochMilli(ts[ts.length - 1]).toString(),
            "--clusters",
            "2",
            "--days",
            "2",
            "--pods",
            "8",
            "--faults",
            "8",
            "--rounds",
            "40",
            "--seed",
            "3");
    assertThat(out).contains("DEMO prometheus pods=4 samples=" + 4 * ts.length + " ");
    for (SimulatedPod p : SIM.pods()) {
      assertThat(out).contains(p.key());
    }
    SimulatedPod crashing = SIM.pods().get(2);
    String line = out.lines().filter(l -> l.contains(crashing.key())).findFirst().orElseThrow();
    assertThat(line).contains("crash-loop");
  }
}
