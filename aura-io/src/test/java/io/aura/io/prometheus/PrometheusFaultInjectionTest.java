package io.aura.io.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import io.aura.io.exposition.MetricType;
import io.aura.io.exposition.OpenMetricsWriter;
import io.aura.io.prometheus.FaultProxy.Fault;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PrometheusClient} against a real Prometheus (see {@link RealPrometheusExtension}) behind a
 * {@link FaultProxy} that injects one fault per attempt: refused and dropped connections, answers
 * later than the request timeout, 429 with {@code Retry-After}, 500 and 503, truncated and garbled
 * JSON, connections closed or stalled in the middle of the body.
 *
 * <p>For every fault: the number of attempts the proxy sees is bounded ({@code maxRetries + 1} for
 * retryable faults, 1 for the others), the waits between them follow the documented backoff (read
 * through the client's sleeper, so no test waits for real), the call ends (every call runs under
 * {@code assertTimeoutPreemptively} with a generous 30 s: a hang guard, not a speed claim), the
 * exception names the query, and a damaged answer is never returned as a complete one. When the
 * fault clears, the retried call returns exactly what Prometheus returns directly.
 */
class PrometheusFaultInjectionTest {
  static final long T0 = Instant.parse("2024-05-01T00:00:00Z").toEpochMilli();
  static final long STEP = 15_000;
  static final int N = 3_000;
  static final String QUERY = "aura_fault_gauge{namespace=\"shop\"}";
  static final Duration HANG_GUARD = Duration.ofSeconds(30);
  static final int MAX_RETRIES = 3;
  static final long INITIAL_BACKOFF = 100;
  static final long MAX_BACKOFF = 400;

  @RegisterExtension
  static final RealPrometheusExtension PROM = RealPrometheusExtension.backfilling(backfill());

  private static QueryResult direct;
  private FaultProxy proxy;
  private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

  static String backfill() {
    List<TimeSeries> series = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      long[] ts = new long[N];
      double[] vs = new double[N];
      for (int i = 0; i < N; i++) {
        ts[i] = T0 + i * STEP;
        vs[i] = p * 1000 + Math.sin(i * 0.01) * 100 + i / 3.0;
      }
      series.add(
          TimeSeries.of(
              "aura_fault_gauge", Labels.of("namespace", "shop", "pod", "web-" + p), ts, vs));
    }
    StringWriter w = new StringWriter();
    try {
      OpenMetricsWriter.create().withType("aura_fault_gauge", MetricType.GAUGE).write(series, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @BeforeAll
  static void queryDirectly() {
    direct = call(PrometheusClient.builder(PROM.baseUrl()).build());
    assertThat(direct.series()).hasSize(3);
    assertThat(direct.series()).allSatisfy(s -> assertThat(s.size()).isEqualTo(N));
  }

  @BeforeEach
  void startProxy() throws IOException {
    proxy =
        new FaultProxy(
            Integer.parseInt(PROM.baseUrl().substring(PROM.baseUrl().lastIndexOf(':') + 1)), 0);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private static QueryResult call(PrometheusClient c) {
    return c.queryRange(
        QUERY,
        Instant.ofEpochMilli(T0),
        Instant.ofEpochMilli(T0 + (N - 1) * STEP),
        Duration.ofMillis(STEP));
  }

  private PrometheusClient.Builder builder(String url) {
    return PrometheusClient.builder(url)
        .maxRetries(MAX_RETRIES)
        .backoff(Duration.ofMillis(INITIAL_BACKOFF), Duration.ofMillis(MAX_BACKOFF))
        .requestTimeout(Duration.ofSeconds(10))
        .sleeper(sleeps::add);
  }

  private PrometheusClient client() {
    return builder(proxy.url()).build();
  }

  private QueryResult guarded(PrometheusClient c) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> call(c));
  }

  /** Runs the call under the hang guard and returns the PrometheusException it must throw. */
  private PrometheusException fails(PrometheusClient c) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          try {
            QueryResult r = call(c);
            thrown.set(
                new AssertionError(
                    "expected a failure, got "
                        + r.series().size()
                        + " series with "
                        + r.series().stream().mapToInt(TimeSeries::size).sum()
                        + " samples"));
          } catch (PrometheusException e) {
            thrown.set(e);
          }
        });
    if (thrown.get() instanceof AssertionError) {
      throw (AssertionError) thrown.get();
    }
    PrometheusException e = (PrometheusException) thrown.get();
    assertThat(e.getMessage()).contains(QUERY);
    assertThat(e.query()).isEqualTo(QUERY);
    assertThat(e.endpoint()).isEqualTo("/api/v1/query_range");
    return e;
  }

  /** Retry n waits c/2..c with c = min(max, initial·2^n) (equal jitter). */
  private void assertBackoff(int retries) {
    assertThat(sleeps).hasSize(retries);
    for (int n = 0; n < retries; n++) {
      long c = Math.min(MAX_BACKOFF, INITIAL_BACKOFF << n);
      assertThat(sleeps.get(n)).as("wait before retry %d", n + 1).isBetween(c / 2, c);
    }
  }

  private static void assertSameAsDirect(QueryResult r) {
    assertThat(r.series()).isEqualTo(direct.series());
  }

  @ParameterizedTest(name = "identity encoding: {0}")
  @ValueSource(booleans = {false, true})
  void theProxyRelaysPrometheusFaithfully(boolean identity) {
    proxy.identityEncoding(identity).script(Fault.PASS);
    assertSameAsDirect(guarded(client()));
    assertThat(proxy.requests()).isEqualTo(1);
    assertThat(proxy.requestLines().get(0)).startsWith("POST /api/v1/query_range");
    assertThat(proxy.upstreamEncoding()).isEqualTo(identity ? "" : "gzip");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void refusedConnectionsAreRetriedWithBackoffThenReported() throws IOException {
    int port = RealPrometheusExtension.freePort(); // nobody listens there
    PrometheusException e = fails(builder("http://127.0.0.1:" + port).build());
    assertThat(e.getMessage())
        .contains("failed after " + (MAX_RETRIES + 1) + " attempts")
        .contains("connection error");
    assertThat(e.statusCode()).isZero();
    assertBackoff(MAX_RETRIES);
  }

  @Test
  void aServerThatComesUpWhileTheClientRetriesIsReached() throws IOException {
    int upstream = Integer.parseInt(PROM.baseUrl().substring(PROM.baseUrl().lastIndexOf(':') + 1));
    int port = RealPrometheusExtension.freePort();
    List<FaultProxy> started = new ArrayList<>();
    PrometheusClient c =
        PrometheusClient.builder("http://127.0.0.1:" + port)
            .maxRetries(MAX_RETRIES)
            .backoff(Duration.ofMillis(INITIAL_BACKOFF), Duration.ofMillis(MAX_BACKOFF))
            .sleeper(
                ms -> {
                  sleeps.add(ms);
                  if (sleeps.size() == 2) {
                    try {
                      started.add(new FaultProxy(upstream, port));
                    } catch (IOException ex) {
                      throw new UncheckedIOException(ex);
                    }
                  }
                })
            .build();
    try {
      assertSameAsDirect(guarded(c));
      assertThat(sleeps).hasSize(2); // refused, refused, answered
      assertThat(started).hasSize(1);
      assertThat(started.get(0).requests()).isEqualTo(1);
    } finally {
      started.forEach(FaultProxy::close);
    }
  }

  @Test
  void droppedConnectionsAreRetriedABoundedNumberOfTimes() {
    proxy.script(Fault.DROP);
    PrometheusException e = fails(client());
    assertThat(proxy.requests()).isEqualTo(MAX_RETRIES + 1);
    assertThat(e.getMessage()).contains("connection error");
    assertBackoff(MAX_RETRIES);

    sleeps.clear();
    proxy.script(Fault.DROP, Fault.DROP, Fault.PASS);
    assertSameAsDirect(guarded(client()));
    assertThat(proxy.requests()).isEqualTo(3);
    assertBackoff(2);
  }

  @Test
  void anAnswerLaterThanTheRequestTimeoutFailsOnceWithoutRetry() {
    proxy.script(Fault.DELAY);
    PrometheusException e =
        fails(builder(proxy.url()).requestTimeout(Duration.ofMillis(500)).build());
    assertThat(e.getMessage()).contains("request timeout of PT0.5S").contains("not retried");
    assertThat(proxy.requests()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void tooManyRequestsWaitsAtLeastRetryAfter() {
    proxy.script(Fault.TOO_MANY_REQUESTS, Fault.TOO_MANY_REQUESTS, Fault.PASS);
    assertSameAsDirect(guarded(client()));
    assertThat(proxy.requests()).isEqualTo(3);
    assertThat(sleeps).hasSize(2).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(1000L));

    sleeps.clear();
    proxy.script(Fault.TOO_MANY_REQUESTS);
    PrometheusException e = fails(client());
    assertThat(proxy.requests()).isEqualTo(MAX_RETRIES + 1);
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.errorType()).isEqualTo("too_many_requests");
    assertThat(e.getMessage()).contains("slow down");
    assertThat(sleeps).hasSize(MAX_RETRIES);

    sleeps.clear();
    proxy.script(Fault.TOO_MANY_REQUESTS);
    e = fails(builder(proxy.url()).maxRetryAfter(Duration.ofMillis(500)).build());
    assertThat(proxy.requests()).isEqualTo(1);
    assertThat(e.getMessage()).contains("retry after 1000 ms");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    proxy.script(Fault.INTERNAL_ERROR);
    PrometheusException e = fails(client());
    assertThat(proxy.requests()).isEqualTo(MAX_RETRIES + 1);
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.getMessage()).contains("injected failure");
    assertBackoff(MAX_RETRIES);

    sleeps.clear();
    proxy.script(Fault.UNAVAILABLE);
    e = fails(client());
    assertThat(proxy.requests()).isEqualTo(MAX_RETRIES + 1);
    assertThat(e.statusCode()).isEqualTo(503);
    assertThat(e.getMessage()).contains("upstream connect error");
    assertBackoff(MAX_RETRIES);

    sleeps.clear();
    proxy.script(Fault.UNAVAILABLE, Fault.INTERNAL_ERROR, Fault.UNAVAILABLE, Fault.PASS);
    assertSameAsDirect(guarded(client()));
    assertThat(proxy.requests()).isEqualTo(4);
    assertBackoff(3);
  }

  /**
   * The body cut at many places, each sent as a well-framed HTTP message: the client must notice
   * the JSON is incomplete every time (a cut between two series would otherwise return fewer
   * series, and a cut inside a values array fewer samples).
   */
  @ParameterizedTest(name = "identity encoding: {0}")
  @ValueSource(booleans = {false, true})
  void aTruncatedAnswerIsNeverReturnedAsComplete(boolean identity) {
    proxy.identityEncoding(identity).script(Fault.PASS);
    guarded(client());
    PrometheusClient c = client();
    List<java.util.function.IntUnaryOperator> cuts = new ArrayList<>();
    for (int k = 0; k < 40; k++) { // 40 cuts spread over the body
      final int kk = k;
      cuts.add(n -> (int) ((long) n * kk / 40));
    }
    for (int back = 1; back <= 12; back++) { // the last 12 bytes one by one
      final int b = back;
      cuts.add(n -> n - b);
    }
    for (java.util.function.IntUnaryOperator cut : cuts) {
      proxy.cutAt(cut).script(Fault.TRUNCATED);
      sleeps.clear();
      PrometheusException e = fails(c);
      assertThat(e.getMessage()).contains("malformed JSON answer");
      assertThat(e.statusCode()).isEqualTo(200);
      assertThat(proxy.requests()).as("a malformed answer is not retried").isEqualTo(1);
      assertThat(sleeps).isEmpty();
    }
  }

  @ParameterizedTest(name = "identity encoding: {0}")
  @ValueSource(booleans = {false, true})
  void aGarbledAnswerIsAMalformedJsonErrorNotRetried(boolean identity) {
    proxy.identityEncoding(identity).script(Fault.GARBLED);
    PrometheusException e = fails(client());
    assertThat(e.getMessage()).contains("malformed JSON answer");
    assertThat(proxy.requests()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @ParameterizedTest(name = "identity encoding: {0}")
  @ValueSource(booleans = {false, true})
  void aConnectionClosedMidStreamIsRetriedAndNeverReturnsPartialData(boolean identity) {
    proxy.identityEncoding(identity).script(Fault.CLOSED_MID_STREAM);
    PrometheusException e = fails(client());
    assertThat(proxy.requests()).isEqualTo(MAX_RETRIES + 1);
    assertThat(e.getMessage()).contains("connection error");
    assertBackoff(MAX_RETRIES);

    sleeps.clear();
    proxy.script(Fault.CLOSED_MID_STREAM, Fault.PASS);
    assertSameAsDirect(guarded(client()));
    assertThat(proxy.requests()).isEqualTo(2);
  }

  @ParameterizedTest(name = "identity encoding: {0}")
  @ValueSource(booleans = {false, true})
  void anAnswerThatStallsMidStreamTimesOutAndIsRetried(boolean identity) {
    proxy.identityEncoding(identity).script(Fault.STALLED_MID_STREAM);
    PrometheusClient c =
        builder(proxy.url()).maxRetries(2).readTimeout(Duration.ofMillis(300)).build();
    PrometheusException e = fails(c);
    assertThat(proxy.requests()).isEqualTo(3);
    assertThat(e.getMessage())
        .contains("failed after 3 attempts")
        .contains("stalled")
        .contains("read timeout of PT0.3S");
    assertThat(e.statusCode()).isEqualTo(200);
    assertBackoff(2);

    sleeps.clear();
    proxy.script(Fault.STALLED_MID_STREAM, Fault.PASS);
    assertSameAsDirect(guarded(c));
    assertThat(proxy.requests()).isEqualTo(2);
  }
}
