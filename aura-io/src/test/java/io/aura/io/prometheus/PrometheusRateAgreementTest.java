package io.aura.io.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.FeatureSpec;
import io.aura.features.FeatureStream;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import io.aura.io.exposition.MetricType;
import io.aura.io.exposition.OpenMetricsWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Aura's {@code FeatureSpec.rate} claims Prometheus's {@code rate()} semantics (range selection,
 * counter resets, extrapolation). This checks it against the real thing: a counter with resets and
 * missed scrapes is backfilled, Prometheus evaluates {@code rate(c[1m])} at every step, and the
 * feature stream must give the same number at every step (NaN exactly where Prometheus has no
 * value).
 */
class PrometheusRateAgreementTest {
  private static final long T0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
  private static final long STEP = 15_000;
  private static final int N = 2_000;
  private static final TimeSeries COUNTER = counter();

  @RegisterExtension
  static final RealPrometheusExtension PROMETHEUS =
      RealPrometheusExtension.backfilling(openMetrics());

  private static TimeSeries counter() {
    SplittableRandom r = new SplittableRandom(11);
    long[] t = new long[N];
    double[] v = new double[N];
    int n = 0;
    double c = 100;
    for (int i = 0; i < N; i++) {
      c += r.nextInt(50);
      if (r.nextInt(300) == 0) {
        c = r.nextInt(20); // counter reset (process restart)
      }
      if (r.nextInt(25) == 0 || (i > 1200 && i < 1212)) {
        continue; // missed scrape, and one outage longer than the range
      }
      t[n] = T0 + i * STEP;
      v[n] = c;
      n++;
    }
    return TimeSeries.of(
        "aura_rate_check_total",
        Labels.of("job", "rate"),
        java.util.Arrays.copyOf(t, n),
        java.util.Arrays.copyOf(v, n));
  }

  private static String openMetrics() {
    StringWriter w = new StringWriter();
    try {
      OpenMetricsWriter.create()
          .withType("aura_rate_check_total", MetricType.COUNTER)
          .write(List.of(COUNTER), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Test
  void featureRateEqualsPrometheusRateAtEveryStep() {
    PrometheusClient client = PrometheusClient.builder(PROMETHEUS.baseUrl()).build();
    long end = T0 + (N - 1) * STEP;
    QueryResult res =
        client.queryRange(
            "rate(aura_rate_check_total[1m])",
            Instant.ofEpochMilli(T0),
            Instant.ofEpochMilli(end),
            Duration.ofMillis(STEP));
    assertThat(res.series()).hasSize(1);
    TimeSeries prom = res.series().get(0);

    FeatureSpec spec =
        FeatureSpec.builder(Duration.ofMillis(STEP))
            .counter("c")
            .rate("r", "c", Duration.ofMinutes(1))
            .build();
    FeatureStream stream = spec.newStream();
    int compared = 0;
    int nanBoth = 0;
    int k = 0; // index into the counter's samples
    int p = 0; // index into Prometheus's answer
    double worst = 0;
    for (long t = T0; t <= end; t += STEP) {
      double x = Double.NaN;
      if (k < COUNTER.size() && COUNTER.timestamp(k) == t) {
        x = COUNTER.value(k++);
      }
      double ours = stream.update(t, new double[] {x})[0];
      boolean promHas = p < prom.size() && prom.timestamp(p) == t;
      if (!promHas) {
        assertThat(ours).as("Prometheus has no rate at %d, so Aura's must be missing", t).isNaN();
        nanBoth++;
        continue;
      }
      double theirs = prom.value(p++);
      assertThat(ours)
          .as("rate at %d", t)
          .isCloseTo(
              theirs, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(theirs))));
      worst = Math.max(worst, Math.abs(ours - theirs) / Math.max(1e-300, Math.abs(theirs)));
      compared++;
    }
    assertThat(p).as("every Prometheus point was matched").isEqualTo(prom.size());
    assertThat(compared).isGreaterThan(1_800);
    assertThat(nanBoth).isGreaterThan(0);
    System.out.printf(
        "rate agreement: %d steps compared, %d missing in both, worst relative difference %.3g%n",
        compared, nanBoth, worst);
  }
}
