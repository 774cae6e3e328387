package io.aura.io.prometheus;

import static io.aura.io.prometheus.FakePrometheus.json;
import static io.aura.io.prometheus.FakePrometheus.ok;
import static io.aura.io.prometheus.FakePrometheus.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.Frame;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a scripted loopback server: parsing, errors, retries, chunking, auth. */
class PrometheusClientTest {
  private final FakePrometheus server = newServer();
  private final List<Long> sleeps = new ArrayList<>();

  private static FakePrometheus newServer() {
    try {
      return FakePrometheus.http();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private PrometheusClient.Builder builder() {
    return PrometheusClient.builder(server.url())
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(10))
        .sleeper(sleeps::add);
  }

  private static final String VECTOR =
      "{\"resultType\":\"vector\",\"result\":["
          + "{\"metric\":{\"__name__\":\"m\",\"pod\":\"a\"},\"value\":[1700000000.5,\"NaN\"]},"
          + "{\"metric\":{\"__name__\":\"m\",\"pod\":\"b\"},\"value\":[1700000000.5,\"+Inf\"]},"
          + "{\"metric\":{\"__name__\":\"m\",\"pod\":\"c\"},\"value\":[1700000000.5,\"-Inf\"]},"
          + "{\"metric\":{\"pod\":\"d\"},\"value\":[1700000000.5,\"1e3\"]}]}";

  @Test
  void parsesVectorWithNanAndInfinitiesAndNamesUnnamedSeriesByTheQuery() {
    server.then(ok(VECTOR));
    QueryResult r = builder().build().query("m or x", Instant.ofEpochSecond(1700000000));
    assertThat(r.resultType()).isEqualTo(ResultType.VECTOR);
    assertThat(r.series())
        .extracting(s -> s.value(0))
        .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1000.0);
    assertThat(r.series()).extracting(TimeSeries::name).containsExactly("m", "m", "m", "m or x");
    assertThat(r.series().get(0).labels()).isEqualTo(Labels.of("pod", "a"));
    assertThat(r.series().get(0).timestamp(0)).isEqualTo(1700000000500L);
    assertThat(server.requests.get(0).param("query")).isEqualTo("m or x");
    assertThat(server.requests.get(0).param("time")).isEqualTo("1700000000");
    assertThat(server.requests.get(0).method).isEqualTo("POST");
  }

  @Test
  void answersAboveTheSeriesOrSizeLimitFailClearlyAndAreNotRetried() {
    server.then(ok(VECTOR));
    assertThatThrownBy(() -> builder().maxSeries(3).build().query("m or x"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("m or x")
        .hasMessageContaining("4 series")
        .hasMessageContaining("maxSeries 3");
    assertThat(server.requests).hasSize(1);
    assertThat(sleeps).isEmpty();

    server.then(ok(VECTOR));
    assertThatThrownBy(() -> builder().maxResponseBytes(100).build().query("m or x"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("m or x")
        .hasMessageContaining("maxResponseBytes 100");
    assertThat(server.requests).hasSize(2);
    assertThat(sleeps).isEmpty();

    server.then(ok(VECTOR));
    assertThat(builder().maxSeries(4).maxResponseBytes(10_000).build().query("m or x").series())
        .hasSize(4);
    assertThatThrownBy(() -> builder().maxSeries(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder().maxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void warningsAreSurfaced() {
    server.then(
        json(
            200,
            "{\"status\":\"success\",\"warnings\":[\"partial response: store x down\"],\"data\":"
                + VECTOR
                + "}"));
    QueryResult r = builder().build().query("m");
    assertThat(r.warnings()).containsExactly("partial response: store x down");
    assertThat(r.series()).hasSize(4);
  }

  @Test
  void rangeQueryIsChunkedUnderTheLimitAndStitchedWithoutLossOrDuplicates() {
    // The server computes v(t) = t/1000 at every grid time it is asked for, and refuses > 11,000
    // points.
    server.then(
        (ex, req) -> {
          long start = Math.round(Double.parseDouble(req.param("start")) * 1000);
          long end = Math.round(Double.parseDouble(req.param("end")) * 1000);
          long step = Math.round(Double.parseDouble(req.param("step")) * 1000);
          if ((end - start) / step > 11_000) {
            send(
                ex,
                400,
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"exceeded maximum resolution of 11,000 points per timeseries\"}");
            return;
          }
          StringBuilder sb =
              new StringBuilder(
                  "{\"status\":\"success\",\"warnings\":[\"same warning\"],"
                      + "\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"g\",\"pod\":\"a\"},\"values\":[");
          for (long t = start; t <= end; t += step) {
            sb.append(t == start ? "" : ",")
                .append('[')
                .append(t / 1000.0)
                .append(",\"")
                .append(t / 1000)
                .append("\"]");
          }
          sb.append("]}]}}");
          send(ex, 200, sb.toString());
        });
    Instant start = Instant.ofEpochSecond(1_600_000_000);
    Instant end = start.plusSeconds(25_000 * 10L + 7); // 25,001 grid points, end off-grid
    QueryResult r = builder().build().queryRange("g", start, end, Duration.ofSeconds(10));
    assertThat(server.requests).hasSize(3);
    assertThat(r.warnings()).containsExactly("same warning");
    TimeSeries s = r.series().get(0);
    assertThat(s.size()).isEqualTo(25_001);
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.timestamp(i)).isEqualTo(start.toEpochMilli() + i * 10_000L);
    }
    Frame f = r.toFrame();
    assertThat(f.rows()).isEqualTo(25_001);
    assertThat(f.columnNames()).containsExactly("g{pod=\"a\"}");

    // Odd chunk sizes give the same answer.
    QueryResult r2 =
        builder()
            .maxPointsPerRequest(997)
            .build()
            .queryRange("g", start, end, Duration.ofSeconds(10));
    assertThat(r2.series()).isEqualTo(r.series());
  }

  @Test
  void overlappingOrOutOfRangeSamplesFromTheServerAreErrorsNamingTheQuery() {
    server.only(
        ok(
            "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"g\"},"
                + "\"values\":[[100,\"1\"],[90,\"2\"]]}]}"));
    assertThatThrownBy(
            () ->
                builder()
                    .build()
                    .queryRange(
                        "g",
                        Instant.ofEpochSecond(0),
                        Instant.ofEpochSecond(200),
                        Duration.ofSeconds(10)))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("'g'")
        .hasMessageContaining("not after the previous one");

    server.only(
        ok(
            "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"g\"},"
                + "\"values\":[[500,\"1\"]]}]}"));
    server.requests.clear();
    assertThatThrownBy(
            () ->
                builder()
                    .build()
                    .queryRange(
                        "g",
                        Instant.ofEpochSecond(0),
                        Instant.ofEpochSecond(200),
                        Duration.ofSeconds(10)))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("outside the requested range");
  }

  @Test
  void outOfOrderSamplesInAnInstantMatrixAreAnError() {
    server.then(
        ok(
            "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"__name__\":\"g\"},"
                + "\"values\":[[100,\"1\"],[100,\"2\"]]}]}"));
    assertThatThrownBy(() -> builder().build().query("g[5m]"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("g[5m]")
        .hasMessageContaining("100000");
  }

  @Test
  void retries5xxWithGrowingJitteredBackoffThenSucceeds() {
    server
        .then(json(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"busy\"}"))
        .then(json(502, "<html>bad gateway</html>"))
        .then(json(500, ""))
        .then(ok(VECTOR));
    QueryResult r = builder().build().query("m");
    assertThat(r.series()).hasSize(4);
    assertThat(server.requests).hasSize(4);
    assertThat(sleeps).hasSize(3);
    for (int n = 0; n < 3; n++) {
      long cap = 100L << n;
      assertThat(sleeps.get(n)).isBetween(cap / 2, cap);
    }
  }

  @Test
  void gives429RetryAfterPriorityOverTheBackoff() {
    server
        .then(
            (ex, r) -> {
              ex.getResponseHeaders().set("Retry-After", "7");
              send(ex, 429, "slow down");
            })
        .then(ok(VECTOR));
    builder().build().query("m");
    assertThat(sleeps).containsExactly(7000L);
  }

  @Test
  void retryAfterAsAnHttpDateIsHonouredToo() {
    String when =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(20));
    server
        .then(
            (ex, r) -> {
              ex.getResponseHeaders().set("Retry-After", when);
              send(ex, 503, "maintenance");
            })
        .then(ok(VECTOR));
    builder().build().query("m");
    assertThat(sleeps).hasSize(1);
    assertThat(sleeps.get(0)).isBetween(15_000L, 20_000L);
  }

  @Test
  void scalarAndStringResults() {
    server.then(ok("{\"resultType\":\"scalar\",\"result\":[1700000000,\"-Inf\"]}"));
    QueryResult r = builder().build().query("-1/0");
    assertThat(r.resultType()).isEqualTo(ResultType.SCALAR);
    assertThat(r.series().get(0).value(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(r.series().get(0).name()).isEqualTo("-1/0");
    assertThatThrownBy(r::toFrame).isInstanceOf(IllegalStateException.class);

    server.only(ok("{\"resultType\":\"string\",\"result\":[1700000000,\"hello\"]}"));
    assertThatThrownBy(() -> builder().build().query("\"hello\""))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("string");
  }

  @Test
  void retryAfterLongerThanAllowedFailsAtOnce() {
    server.then(
        (ex, r) -> {
          ex.getResponseHeaders().set("Retry-After", "3600");
          send(ex, 429, "slow down");
        });
    assertThatThrownBy(() -> builder().build().query("m"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("3600000 ms");
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void givesUpAfterMaxRetriesNamingTheQueryAndStatus() {
    server.then(json(500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}"));
    assertThatThrownBy(() -> builder().maxRetries(2).build().query("up{job=\"x\"}"))
        .isInstanceOfSatisfying(
            PrometheusException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.errorType()).isEqualTo("internal");
              assertThat(e.query()).isEqualTo("up{job=\"x\"}");
            })
        .hasMessageContaining("up{job=\"x\"}")
        .hasMessageContaining("3 attempts")
        .hasMessageContaining("boom");
    assertThat(server.requests).hasSize(3);
  }

  @Test
  void other4xxAreNotRetried() {
    server.only(
        json(
            400,
            "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}"));
    assertThatThrownBy(() -> builder().build().query("sum(("))
        .isInstanceOfSatisfying(
            PrometheusException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
        .hasMessageContaining("sum((")
        .hasMessageContaining("bad_data")
        .hasMessageContaining("parse error at char 5");
    assertThat(server.requests).hasSize(1);

    server.only(json(404, "<html><body>Not Found</body></html>"));
    server.requests.clear();
    assertThatThrownBy(() -> builder().build().query("x"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("Not Found");
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void truncatedTransferIsRetriedAsAConnectionError() {
    server
        .then(
            (ex, r) -> {
              ex.sendResponseHeaders(200, 1000); // promise 1000 bytes
              OutputStream out = ex.getResponseBody();
              out.write(
                  "{\"status\":\"success\",\"data\":{\"resultT".getBytes(StandardCharsets.UTF_8));
              out.flush();
              ex.getHttpContext().getServer(); // then the exchange is closed early
            })
        .then(ok(VECTOR));
    QueryResult r = builder().build().query("m");
    assertThat(r.series()).hasSize(4);
    assertThat(server.requests).hasSize(2);
  }

  @Test
  void truncatedOrMalformedJsonIsAClearErrorAndNotRetried() {
    String[] bad = {
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{}",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,\"abc\"]}]}}",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[\"x\",\"1\"]}]}}",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"value\":[1,\"1\"]}]}}",
      "{\"data\":{\"resultType\":\"vector\",\"result\":[]}}",
      "[1,2,3]",
      "",
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}} trailing",
    };
    for (String body : bad) {
      server.requests.clear();
      try (FakePrometheus s = FakePrometheus.http()) {
        s.then(json(200, body));
        PrometheusClient c = PrometheusClient.builder(s.url()).sleeper(sleeps::add).build();
        assertThatThrownBy(() -> c.query("q_" + body.length()))
            .as(body)
            .isInstanceOf(PrometheusException.class)
            .hasMessageContaining("q_" + body.length())
            .hasMessageContaining("malformed");
        assertThat(s.requests).as(body).hasSize(1);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void connectionRefusedIsRetriedThenReported() throws Exception {
    int port = RealPrometheusExtension.freePort(); // nothing listens there
    PrometheusClient c =
        PrometheusClient.builder("http://127.0.0.1:" + port)
            .maxRetries(2)
            .sleeper(sleeps::add)
            .build();
    assertThatThrownBy(() -> c.query("up"))
        .isInstanceOfSatisfying(PrometheusException.class, e -> assertThat(e.statusCode()).isZero())
        .hasMessageContaining("'up'")
        .hasMessageContaining("3 attempts")
        .hasMessageContaining("connection error");
    assertThat(sleeps).hasSize(2);
  }

  @Test
  void requestTimeoutIsReportedAndNotRetried() {
    server.then(
        (ex, r) -> {
          try {
            Thread.sleep(1500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          send(ex, 200, "{}");
        });
    assertThatThrownBy(() -> builder().requestTimeout(Duration.ofMillis(200)).build().query("slow"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("'slow'")
        .hasMessageContaining("timeout");
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void gzipAnswersAreDecoded() {
    server.then(
        (ex, r) -> {
          ByteArrayOutputStream bos = new ByteArrayOutputStream();
          try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(
                ("{\"status\":\"success\",\"data\":" + VECTOR + "}")
                    .getBytes(StandardCharsets.UTF_8));
          }
          ex.getResponseHeaders().set("Content-Encoding", "gzip");
          ex.sendResponseHeaders(200, bos.size());
          ex.getResponseBody().write(bos.toByteArray());
        });
    assertThat(builder().build().query("m").series()).hasSize(4);
  }

  @Test
  void seriesLabelsAndLabelValues() {
    server.only(
        ok("[{\"__name__\":\"up\",\"job\":\"node\"},{\"__name__\":\"up\",\"job\":\"kube\"}]"));
    PrometheusResult<List<Labels>> s =
        builder().build().series(List.of("up", "{job=\"node\"}"), null, null);
    assertThat(s.data())
        .containsExactly(
            Labels.of("__name__", "up", "job", "node"), Labels.of("__name__", "up", "job", "kube"));
    assertThat(server.requests.get(0).form.get("match[]")).containsExactly("up", "{job=\"node\"}");
    assertThat(server.requests.get(0).path).isEqualTo("/api/v1/series");

    server.only(ok("[\"__name__\",\"job\"]"));
    assertThat(builder().build().labelNames(List.of(), Instant.ofEpochSecond(10), null).data())
        .containsExactly("__name__", "job");
    assertThat(server.requests.get(1).param("start")).isEqualTo("10");

    server.only(ok("[\"kube\",\"node\"]"));
    assertThat(builder().build().labelValues("job", List.of()).data())
        .containsExactly("kube", "node");
    assertThat(server.requests.get(2).path).isEqualTo("/api/v1/label/job/values");
    assertThat(server.requests.get(2).method).isEqualTo("GET");
  }

  @Test
  void bearerTokenBasicAuthAndTokenFileAreSentButNeverShown(@TempDir Path dir) throws Exception {
    String token = "s3cr3t-token-value";
    // The server echoes the Authorization header in its error, as a careless proxy might.
    server.only((ex, r) -> send(ex, 401, "denied for " + r.authorization));
    PrometheusClient c = builder().bearerToken(token).build();
    assertThatThrownBy(() -> c.query("up"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining(token);
    assertThat(server.requests.get(0).authorization).isEqualTo("Bearer " + token);
    assertThat(c.toString()).doesNotContain(token).contains("bearer token");

    Path file = dir.resolve("token");
    Files.writeString(file, "first-token\n");
    server.only(ok(VECTOR));
    PrometheusClient f = builder().bearerTokenFile(file).build();
    f.query("m");
    Files.writeString(file, "rotated-token\n");
    f.query("m");
    assertThat(server.requests.get(1).authorization).isEqualTo("Bearer first-token");
    assertThat(server.requests.get(2).authorization).isEqualTo("Bearer rotated-token");
    assertThat(f.toString()).doesNotContain("rotated-token").contains(file.toString());

    PrometheusClient b = builder().basicAuth("alice", "pa55word-x").build();
    b.query("m");
    assertThat(server.requests.get(3).authorization).isEqualTo("Basic YWxpY2U6cGE1NXdvcmQteA==");
    assertThat(b.toString())
        .doesNotContain("pa55word-x")
        .doesNotContain("YWxpY2U6cGE1NXdvcmQteA==");

    server.only(
        (ex, r) ->
            send(
                ex,
                403,
                "{\"status\":\"error\",\"errorType\":\"forbidden\",\"error\":\"bad "
                    + r.authorization
                    + "\"}"));
    assertThatThrownBy(() -> b.query("m")).hasMessageNotContaining("YWxpY2U6cGE1NXdvcmQteA==");

    Files.delete(file);
    assertThatThrownBy(() -> f.query("m"))
        .isInstanceOf(PrometheusException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("credentials");
  }

  @Test
  void builderRejectsUserInfoWithoutEchoingItAndTwoAuthMethods() {
    assertThatThrownBy(() -> PrometheusClient.builder("http://bob:hunter22@127.0.0.1:9090"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("hunter22");
    assertThatThrownBy(() -> PrometheusClient.builder("ftp://127.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PrometheusClient.builder("http://127.0.0.1")
                    .bearerToken("abcdef")
                    .basicAuth("a", "b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("abcdef");
    assertThatThrownBy(
            () -> PrometheusClient.builder("http://127.0.0.1").maxPointsPerRequest(11_001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                builder()
                    .build()
                    .queryRange(
                        "x",
                        Instant.ofEpochSecond(10),
                        Instant.ofEpochSecond(5),
                        Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'");
  }

  @Test
  void oneClientServesManyThreads() throws Exception {
    server.then(
        (ex, r) ->
            send(
                ex,
                200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                    + "[{\"metric\":{\"q\":\""
                    + r.param("query")
                    + "\"},\"value\":[1,\"1\"]}]}}"));
    PrometheusClient c = builder().build();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String q = "q" + i;
        answers.add(pool.submit(() -> c.query(q).series().get(0).labels().get("q")));
      }
      for (int i = 0; i < 80; i++) {
        assertThat(answers.get(i).get()).isEqualTo("q" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void basePathPrefixIsKept() {
    server.then(ok(VECTOR));
    PrometheusClient.builder(server.url() + "/prom/").build().query("m");
    assertThat(server.requests.get(0).path).isEqualTo("/prom/api/v1/query");
  }
}
