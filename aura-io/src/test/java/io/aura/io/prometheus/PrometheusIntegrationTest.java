package io.aura.io.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.Frame;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import io.aura.io.exposition.ExpositionFormat;
import io.aura.io.exposition.ExpositionParser;
import io.aura.io.exposition.ExpositionSample;
import io.aura.io.exposition.MetricType;
import io.aura.io.exposition.OpenMetricsWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Against a real Prometheus 2.42 and node_exporter (see {@link RealPrometheusExtension}): data
 * written with {@link OpenMetricsWriter} and backfilled with promtool come back from the client
 * exactly, across chunk boundaries; metadata endpoints and errors behave; live scrapes of
 * node_exporter are visible and its /metrics page parses in both formats.
 */
class PrometheusIntegrationTest {
  static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
  static final long STEP = 15_000;
  static final int LONG_N = 30_000; // > 2 x 11,000 points: needs 3 chunks at one sample per step

  static final TimeSeries LONG = longSeries();
  static final TimeSeries SPECIAL = specialSeries();
  static final TimeSeries COUNTER = counterSeries();

  @RegisterExtension
  static final RealPrometheusExtension PROM = RealPrometheusExtension.backfilling(backfillText());

  private static TimeSeries longSeries() {
    long[] ts = new long[LONG_N];
    double[] vs = new double[LONG_N];
    for (int i = 0; i < LONG_N; i++) {
      ts[i] = T0 + i * STEP;
      vs[i] = Math.sin(i * 0.001) * 1000 + i / 7.0; // full double precision
    }
    return TimeSeries.of("aura_it_gauge", Labels.of("namespace", "shop", "pod", "web-1"), ts, vs);
  }

  private static TimeSeries specialSeries() {
    double[] vs = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      0.0,
      -0.0,
      1e-300,
      Double.MAX_VALUE,
      -Double.MIN_VALUE,
      0.1,
      123456789.123456789,
      42
    };
    long[] ts = new long[vs.length];
    for (int i = 0; i < vs.length; i++) {
      ts[i] = T0 + i * STEP + 123; // millisecond timestamps survive
    }
    return TimeSeries.of(
        "aura_it_special",
        Labels.of("path", "C:\\dir \"quoted\"", "note", "two\nlines", "pod", "web-2"),
        ts,
        vs);
  }

  private static TimeSeries counterSeries() {
    long[] ts = new long[200];
    double[] vs = new double[200];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = T0 + i * STEP;
      vs[i] = i * 3;
    }
    return TimeSeries.of("aura_it_requests_total", Labels.of("pod", "web-1"), ts, vs);
  }

  static String backfillText() {
    StringWriter w = new StringWriter();
    try {
      OpenMetricsWriter.create()
          .withType("aura_it_requests_total", MetricType.COUNTER)
          .withType("aura_it_gauge", MetricType.GAUGE)
          .write(List.of(LONG, SPECIAL, COUNTER), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private PrometheusClient client() {
    return PrometheusClient.builder(PROM.baseUrl()).build();
  }

  @Test
  void longRangeComesBackExactlyAcrossChunks() {
    Instant start = Instant.ofEpochMilli(T0);
    Instant end = Instant.ofEpochMilli(T0 + (LONG_N - 1) * STEP);
    QueryResult r = client().queryRange("aura_it_gauge", start, end, Duration.ofMillis(STEP));
    assertThat(r.resultType()).isEqualTo(ResultType.MATRIX);
    assertThat(r.series()).hasSize(1);
    TimeSeries got = r.series().get(0);
    assertThat(got.name()).isEqualTo("aura_it_gauge");
    assertThat(got.labels()).isEqualTo(Labels.of("namespace", "shop", "pod", "web-1"));
    assertThat(got).isEqualTo(LONG);

    // Smaller chunks, not aligned to anything, give the same samples.
    PrometheusClient small =
        PrometheusClient.builder(PROM.baseUrl()).maxPointsPerRequest(6_999).build();
    assertThat(small.queryRange("aura_it_gauge", start, end, Duration.ofMillis(STEP)).series())
        .containsExactly(LONG);

    Frame f = r.toFrame();
    assertThat(f.rows()).isEqualTo(LONG_N);
    assertThat(f.column(0)).isEqualTo(LONG.values());
  }

  @Test
  void prometheusReallyRefusesMoreThan11000PointsWithoutChunking() throws Exception {
    String url =
        PROM.baseUrl()
            + "/api/v1/query_range?query=aura_it_gauge&start="
            + T0 / 1000
            + "&end="
            + (T0 + (LONG_N - 1) * STEP) / 1000
            + "&step=15";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("11,000");
  }

  @Test
  void nanInfinitiesNegativeZeroMillisecondsAndEscapedLabelsRoundTrip() {
    Instant start = Instant.ofEpochMilli(SPECIAL.timestamp(0));
    Instant end = Instant.ofEpochMilli(SPECIAL.timestamp(SPECIAL.size() - 1));
    QueryResult r = client().queryRange("aura_it_special", start, end, Duration.ofMillis(STEP));
    assertThat(r.series()).containsExactly(SPECIAL);
  }

  @Test
  void instantQueryScalarSeriesLabelsAndLabelValues() {
    PrometheusClient c = client();
    QueryResult v = c.query("aura_it_requests_total", Instant.ofEpochMilli(T0 + 50 * STEP));
    assertThat(v.resultType()).isEqualTo(ResultType.VECTOR);
    assertThat(v.series()).hasSize(1);
    assertThat(v.series().get(0).name()).isEqualTo("aura_it_requests_total");
    assertThat(v.series().get(0).labels()).isEqualTo(Labels.of("pod", "web-1"));
    assertThat(v.series().get(0).value(0)).isEqualTo(150.0);
    assertThat(v.series().get(0).timestamp(0)).isEqualTo(T0 + 50 * STEP);

    QueryResult rate =
        c.query("rate(aura_it_requests_total[1m])", Instant.ofEpochMilli(T0 + 100 * STEP));
    assertThat(rate.series().get(0).name()).isEqualTo("rate(aura_it_requests_total[1m])");
    assertThat(rate.series().get(0).value(0))
        .isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));

    QueryResult s = c.query("1 + 1", Instant.ofEpochMilli(T0));
    assertThat(s.resultType()).isEqualTo(ResultType.SCALAR);
    assertThat(s.series().get(0).value(0)).isEqualTo(2.0);

    Instant from = Instant.ofEpochMilli(T0);
    Instant to = Instant.ofEpochMilli(T0 + LONG_N * STEP);
    List<Labels> sets = c.series(List.of("{__name__=~\"aura_it_.*\"}"), from, to).data();
    assertThat(sets)
        .containsExactlyInAnyOrder(
            LONG.labels().with("__name__", "aura_it_gauge"),
            SPECIAL.labels().with("__name__", "aura_it_special"),
            COUNTER.labels().with("__name__", "aura_it_requests_total"));
    assertThat(c.labelNames(List.of(), from, to).data())
        .contains("__name__", "namespace", "pod", "path", "note");
    assertThat(c.labelValues("pod", List.of("{__name__=~\"aura_it_.*\"}")).data())
        .containsExactly("web-1", "web-2");
  }

  @Test
  void badPromqlIsA400NamingTheQuery() {
    assertThatThrownBy(() -> client().query("sum(rate(aura_it_gauge[5m]"))
        .isInstanceOfSatisfying(
            PrometheusException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorType()).isEqualTo("bad_data");
              assertThat(e.query()).isEqualTo("sum(rate(aura_it_gauge[5m]");
            })
        .hasMessageContaining("sum(rate(aura_it_gauge[5m]")
        .hasMessageContaining("/api/v1/query");
  }

  @Test
  void liveScrapeOfNodeExporterIsQueryable() throws Exception {
    PrometheusClient c = client();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    QueryResult up;
    do {
      up = c.query("up{job=\"node\"}");
      if (!up.series().isEmpty() && up.series().get(0).value(0) == 1.0) {
        break;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    assertThat(up.series()).hasSize(1);
    assertThat(up.series().get(0).value(0)).isEqualTo(1.0);
    assertThat(up.series().get(0).labels().get("instance")).startsWith("127.0.0.1:");

    QueryResult cpu = c.query("node_cpu_seconds_total");
    assertThat(cpu.series()).isNotEmpty();
    assertThat(cpu.series().get(0).labels().names()).contains("cpu", "mode", "job", "instance");

    Instant now = Instant.now();
    QueryResult r =
        c.queryRange("up{job=\"node\"}", now.minusSeconds(20), now, Duration.ofSeconds(1));
    assertThat(r.series()).hasSize(1);
    assertThat(r.series().get(0).values()).isNotEmpty().containsOnly(1.0);
  }

  @Test
  void nodeExporterPageParsesToTheSameSeriesPrometheusScraped() throws Exception {
    // node_exporter 1.5 and Prometheus 2.42 serve only the text format (they ignore an OpenMetrics
    // Accept header), so the text parser is checked against Prometheus's own parse of the page.
    List<ExpositionSample> text = fetch(PROM.nodeExporterMetricsUrl(), "text/plain; version=0.0.4");
    assertThat(text.size()).isGreaterThan(100);
    Set<String> ours = cpuSeries(text);
    assertThat(ours).isNotEmpty();
    assertThat(text.stream().filter(s -> s.name().equals("node_cpu_seconds_total")))
        .allSatisfy(s -> assertThat(s.type()).isEqualTo(MetricType.COUNTER));

    PrometheusClient c = client();
    Set<String> scraped = new TreeSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (scraped.isEmpty() && System.nanoTime() < deadline) {
      for (TimeSeries s : c.query("node_cpu_seconds_total").series()) {
        Labels l = s.labels();
        scraped.add(Labels.of("cpu", l.get("cpu"), "mode", l.get("mode")).toString());
      }
      Thread.sleep(200);
    }
    assertThat(ours).isEqualTo(scraped);

    // Prometheus's own page has histograms and summaries (Go client).
    List<ExpositionSample> self = fetch(PROM.baseUrl() + "/metrics", "text/plain; version=0.0.4");
    assertThat(self)
        .anySatisfy(
            s -> {
              assertThat(s.type()).isEqualTo(MetricType.HISTOGRAM);
              assertThat(s.name()).endsWith("_bucket");
              assertThat(s.labels().get("le")).isNotNull();
            });
    assertThat(self)
        .anySatisfy(
            s -> {
              assertThat(s.type()).isEqualTo(MetricType.SUMMARY);
              assertThat(s.labels().get("quantile")).isNotNull();
            });
  }

  @Test
  void theBackfillFilePromtoolAcceptedParsesBackToTheSameSeries() throws Exception {
    List<ExpositionSample> samples =
        ExpositionParser.readAll(
            new java.io.ByteArrayInputStream(
                backfillText().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            ExpositionFormat.OPENMETRICS);
    assertThat(samples).hasSize(LONG.size() + SPECIAL.size() + COUNTER.size());
    for (TimeSeries want : List.of(LONG, SPECIAL, COUNTER)) {
      List<ExpositionSample> mine =
          samples.stream()
              .filter(s -> s.name().equals(want.name()) && s.labels().equals(want.labels()))
              .collect(Collectors.toList());
      long[] ts = mine.stream().mapToLong(ExpositionSample::timestampMillis).toArray();
      double[] vs = mine.stream().mapToDouble(ExpositionSample::value).toArray();
      assertThat(TimeSeries.of(want.name(), want.labels(), ts, vs)).isEqualTo(want);
    }
    assertThat(samples.get(0).type()).isEqualTo(MetricType.GAUGE);
  }

  private static Set<String> cpuSeries(List<ExpositionSample> samples) {
    return samples.stream()
        .filter(s -> s.name().equals("node_cpu_seconds_total"))
        .map(
            s -> Labels.of("cpu", s.labels().get("cpu"), "mode", s.labels().get("mode")).toString())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<ExpositionSample> fetch(String url, String accept) throws Exception {
    HttpResponse<InputStream> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    ExpositionFormat format =
        ExpositionFormat.fromContentType(r.headers().firstValue("Content-Type").orElse(null));
    assertThat(format).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
    try (InputStream in = r.body()) {
      return ExpositionParser.readAll(in, format);
    }
  }
}
