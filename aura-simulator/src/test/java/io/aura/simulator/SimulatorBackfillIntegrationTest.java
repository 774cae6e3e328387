package io.aura.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.TimeSeries;
import io.aura.io.prometheus.PrometheusClient;
import io.aura.io.prometheus.QueryResult;
import io.aura.io.prometheus.RealPrometheusExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulator's output, exported as OpenMetrics, backfilled into a real Prometheus with promtool
 * and read back through {@link PrometheusClient}, equals what the simulator produced, bit for bit,
 * for every pod and every kind of metric (counters with resets, gauges, per-pod network series,
 * resource requests and limits).
 */
class SimulatorBackfillIntegrationTest {
  private static final Simulation SIM =
      ClusterSimulator.builder()
          .seed(5)
          .nodes(2)
          .pods(3)
          .duration(Duration.ofHours(6))
          .step(Duration.ofSeconds(15))
          .randomFaults(2)
          .build()
          .run();

  @RegisterExtension
  static final RealPrometheusExtension PROMETHEUS =
      RealPrometheusExtension.backfilling(SIM.openMetrics());

  @Test
  void everySimulatedSeriesComesBackExactly() {
    PrometheusClient client = PrometheusClient.builder(PROMETHEUS.baseUrl()).build();
    long[] ts = SIM.timestamps();
    Instant start = Instant.ofEpochMilli(ts[0]);
    Instant end = Instant.ofEpochMilli(ts[ts.length - 1]);
    Duration step = Duration.ofMillis(ts[1] - ts[0]);
    int checkedSeries = 0;
    long checkedSamples = 0;
    // Requests and limits share a metric name (told apart by the resource label): query each name
    // once.
    for (String name : SIM.series().stream().map(TimeSeries::name).distinct().toList()) {
      Map<String, TimeSeries> expected =
          SIM.series().stream()
              .filter(s -> s.name().equals(name))
              .collect(
                  Collectors.toMap(
                      s -> s.labels().toString(),
                      Function.identity(),
                      (a, b) -> {
                        throw new AssertionError("duplicate " + a);
                      }));
      // last_over_time over one step returns each sample at its own timestamp, NaN included,
      // without the 5-minute lookback filling the rows the simulator left missing.
      QueryResult res =
          client.queryRange("last_over_time(" + name + "[14999ms])", start, end, step);
      for (TimeSeries got : res.series()) {
        String key = got.labels().toString();
        TimeSeries want = expected.remove(key);
        assertThat(want)
            .as("series %s%s came back from Prometheus but was not simulated", name, key)
            .isNotNull();
        assertThat(got.timestamps())
            .as("timestamps of %s%s", name, key)
            .containsExactly(want.timestamps());
        for (int i = 0; i < want.size(); i++) {
          assertThat(Double.doubleToLongBits(got.value(i)))
              .as("%s%s at %d", name, key, want.timestamp(i))
              .isEqualTo(Double.doubleToLongBits(want.value(i)));
        }
        checkedSeries++;
        checkedSamples += want.size();
      }
      assertThat(expected)
          .as("simulated series of %s that Prometheus did not return", name)
          .isEmpty();
    }
    assertThat(checkedSeries).isEqualTo(SIM.series().size()).isGreaterThanOrEqualTo(3 * 23);
    assertThat(checkedSamples).isEqualTo((long) checkedSeries * ts.length);
  }
}
