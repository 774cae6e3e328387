package io.aura.ensemble.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aura.ensemble.pipeline.DetectionExporter;
import io.aura.ensemble.pipeline.PipelineDetection;
import io.aura.features.Labels;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operators' files in {@code ops/}, tested for real: the alerting rules by {@code promtool}
 * and by a real Prometheus (127.0.0.1) that scrapes Aura's exporter and evaluates them into a
 * firing alert; the Grafana dashboard by running every panel's query against that Prometheus.
 */
class OpsIntegrationTest {
  private static final Path OPS = Path.of("..", "ops");
  private static final Path RULES = OPS.resolve("prometheus").resolve("aura-alerts.yml");
  private static final Path RULE_TESTS = OPS.resolve("prometheus").resolve("aura-alerts.test.yml");
  private static final Path DASHBOARD = OPS.resolve("grafana").resolve("aura-dashboard.json");
  private static final DetectionExporter EXPORTER = DetectionExporter.create();
  private static final int PORT = serve();
  private static final Labels WEB = Labels.of("namespace", "shop", "pod", "web-1", "node", "node-2");
  private static final Labels DB = Labels.of("namespace", "shop", "pod", "db-0", "node", "node-1");

  @RegisterExtension
  static final RealPrometheusExtension PROM = RealPrometheusExtension.scraping(PORT).withRules(RULES);

  private static int serve() {
    try {
      return EXPORTER.serve("127.0.0.1", 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void publish() {
    // A crash-looping pod graded critical, and a pod whose memory trend hits its limit in 15 min.
    for (int i = 0; i < 3; i++) {
      EXPORTER.record(new PipelineDetection(WEB, i * 60_000L, AnomalyType.CRASH_LOOP, Severity.CRITICAL,
          AnomalyType.CRASH_LOOP, 0.97, 0.96, 0.61, AnomalyType.NORMAL, -1, false, List.of()));
    }
    EXPORTER.record(new PipelineDetection(DB, 0, AnomalyType.NORMAL, Severity.NONE, AnomalyType.NORMAL,
        0.01, 0.99, 0.47, AnomalyType.MEMORY, 900_000, true, List.of()));
  }

  @AfterAll
  static void stop() {
    EXPORTER.close();
  }

  @Test
  void promtoolChecksTheRulesAndTheirUnitTestsPass() throws Exception {
    assertThat(PROM.runCommand(Duration.ofSeconds(60), PROM.promtool(), "check", "rules", RULES.toString()))
        .contains("SUCCESS: 5 rules found");
    assertThat(PROM.runCommand(Duration.ofSeconds(60), PROM.promtool(), "test", "rules", RULE_TESTS.toString()))
        .contains("SUCCESS");
  }

  @Test
  void aCriticalPodFiresAuraAnomalyCriticalInARealPrometheus() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos(); // `for: 1m`, evaluated every second
    List<String> firing = new ArrayList<>();
    while (firing.isEmpty()) {
      assertThat(System.nanoTime()).as("AuraAnomalyCritical never fired").isLessThan(deadline);
      Thread.sleep(1000);
      JsonNode alerts = json.readTree(http.send(HttpRequest.newBuilder(URI.create(PROM.baseUrl() + "/api/v1/alerts"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body()).path("data").path("alerts");
      for (JsonNode a : alerts) {
        if (a.path("state").asText().equals("firing")
            && a.path("labels").path("alertname").asText().equals("AuraAnomalyCritical")) {
          assertThat(a.path("labels").path("pod").asText()).isEqualTo("web-1");
          assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
          assertThat(a.path("annotations").path("summary").asText()).isEqualTo("Aura: critical anomaly on shop/web-1");
          firing.add(a.path("labels").path("alertname").asText());
        }
      }
    }
    assertThat(firing).containsExactly("AuraAnomalyCritical");
  }

  @Test
  void everyDashboardPanelQueryReturnsDataFromPrometheus() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText());
      }
    }
    assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
    PrometheusClient client = PrometheusClient.builder(PROM.baseUrl()).build();
    for (String q : queries) {
      String promql = q.replace("$namespace", ".*").replace("$pod", ".*").replace("$__rate_interval", "1m");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // rates need two scrapes
      QueryResult r = client.query(promql);
      while (r.series().isEmpty()) {
        assertThat(System.nanoTime()).as("the dashboard query %s never returned data", promql).isLessThan(deadline);
        Thread.sleep(500);
        r = client.query(promql);
      }
    }
  }
}
