package io.aura.ensemble.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.io.prometheus.PrometheusClient;
import io.aura.io.prometheus.QueryResult;
import io.aura.io.prometheus.RealPrometheusExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Detections exported with {@link DetectionExporter} are scraped by a real Prometheus (started on
 * 127.0.0.1 by aura-io's test extension) and read back through PromQL.
 */
class DetectionExporterIntegrationTest {
  private static final DetectionExporter EXPORTER = DetectionExporter.create();
  private static final int PORT = serve();

  @RegisterExtension
  static final RealPrometheusExtension PROM = RealPrometheusExtension.scraping(PORT);

  private static int serve() {
    try {
      return EXPORTER.serve("127.0.0.1", 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    EXPORTER.close();
  }

  @Test
  void prometheusScrapesDetectionsAndWarnings() throws Exception {
    Labels web = Labels.of("namespace", "shop", "pod", "web-1", "node", "node-2");
    Labels api = Labels.of("namespace", "shop", "pod", "api-1");
    EXPORTER.record(
        new PipelineDetection(
            web,
            0,
            AnomalyType.CRASH_LOOP,
            Severity.CRITICAL,
            AnomalyType.CRASH_LOOP,
            0.97,
            0.96,
            0.61,
            AnomalyType.NORMAL,
            -1,
            false,
            List.of()));
    EXPORTER.record(
        new PipelineDetection(
            web,
            60_000,
            AnomalyType.CRASH_LOOP,
            Severity.HIGH,
            AnomalyType.CRASH_LOOP,
            0.9,
            0.88,
            0.58,
            AnomalyType.NORMAL,
            -1,
            false,
            List.of()));
    EXPORTER.record(
        new PipelineDetection(
            api,
            60_000,
            AnomalyType.NORMAL,
            Severity.NONE,
            AnomalyType.NORMAL,
            0.01,
            0.99,
            0.47,
            AnomalyType.MEMORY,
            540_000,
            true,
            List.of()));

    String text =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(text)
        .contains(
            "aura_warning_eta_seconds{namespace=\"shop\",node=\"\",pod=\"api-1\",type=\"memory\"} 540.0");

    PrometheusClient client = PrometheusClient.builder(PROM.baseUrl()).build();
    QueryResult eta = poll(client, "aura_warning_eta_seconds{type=\"memory\",pod=\"api-1\"}");
    assertThat(eta.series().get(0).value(0)).isEqualTo(540.0);
    QueryResult crashes = poll(client, "aura_detections_total{pod=\"web-1\",type=\"crash-loop\"}");
    double total = 0;
    for (TimeSeries s : crashes.series()) {
      total += s.value(s.size() - 1);
    }
    assertThat(total).isEqualTo(2.0);
    QueryResult severity = poll(client, "aura_anomaly_severity{pod=\"web-1\",job=\"aura\"}");
    assertThat(severity.series().get(0).value(0)).isEqualTo(Severity.HIGH.ordinal());
    assertThat(severity.series().get(0).labels().get("node")).isEqualTo("node-2");

    // The warning ends: its gauge disappears from the endpoint.
    EXPORTER.record(
        new PipelineDetection(
            api,
            120_000,
            AnomalyType.NORMAL,
            Severity.NONE,
            AnomalyType.NORMAL,
            0.01,
            0.99,
            0.47,
            AnomalyType.NORMAL,
            -1,
            false,
            List.of()));
    String after =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(after)
        .doesNotContain("aura_warning_eta_seconds{namespace=\"shop\",node=\"\",pod=\"api-1\"");
    assertThat(after)
        .contains(
            "aura_warnings_total{namespace=\"shop\",node=\"\",pod=\"api-1\",type=\"memory\"} 1.0");
  }

  /** Waits (at most 30 s: scrape interval 1 s) until Prometheus has scraped the series. */
  private static QueryResult poll(PrometheusClient client, String promql)
      throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      QueryResult r = client.query(promql);
      if (!r.series().isEmpty()) {
        return r;
      }
      assertThat(System.nanoTime()).as("Prometheus never returned %s", promql).isLessThan(deadline);
      Thread.sleep(250);
    }
  }
}
