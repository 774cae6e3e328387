package io.aura.bench;

import com.sun.net.httpserver.HttpServer;
import io.aura.features.Frame;
import io.aura.io.prometheus.PrometheusClient;
import io.aura.io.prometheus.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A {@code query_range} of one day at a 15 s step over 500 series (2.88 million points, one request
 * per series chunk), answered by a loopback HTTP server from a prepared body, parsed into Aura
 * series and aligned into a frame. Reports time per query ({@code -prof gc} adds bytes allocated
 * per query); {@link #main} measures the smallest heap one query needs.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar QueryRangeBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class QueryRangeBenchmark {
  static final int SERIES = 500;
  static final long STEP = 15_000;
  static final long START = 1_714_521_600_000L; // 2024-05-01T00:00:00Z
  static final int POINTS = 5_760; // one day

  private HttpServer server;
  private PrometheusClient client;
  private byte[] body;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    body = body();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/query_range",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    client = PrometheusClient.builder("http://127.0.0.1:" + server.getAddress().getPort()).build();
  }

  static byte[] body() {
    SplittableRandom r = new SplittableRandom(5);
    ByteArrayOutputStream out = new ByteArrayOutputStream(100 << 20);
    StringBuilder sb = new StringBuilder(1 << 20);
    sb.append("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[");
    for (int s = 0; s < SERIES; s++) {
      sb.append(s == 0 ? "" : ",")
          .append("{\"metric\":{\"__name__\":\"container_memory_working_set_bytes\",")
          .append("\"namespace\":\"shop\",\"pod\":\"web-")
          .append(s)
          .append("\",\"container\":\"app\"},\"values\":[");
      double v = 1e8 + r.nextDouble() * 1e8;
      for (int i = 0; i < POINTS; i++) {
        v += r.nextGaussian() * 1e5;
        sb.append(i == 0 ? "" : ",")
            .append('[')
            .append((START + i * STEP) / 1000)
            .append(",\"")
            .append(String.format(Locale.ROOT, "%.1f", v))
            .append("\"]");
      }
      sb.append("]}");
      out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
      sb.setLength(0);
    }
    sb.append("]}}");
    out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.stop(0);
  }

  /**
   * One query in this JVM, for measuring the smallest heap it needs: {@code for m in 256 384 512
   * 768; do java -Xmx${m}m -cp aura-bench/target/benchmarks.jar io.aura.bench.QueryRangeBenchmark
   * && break; done}. The body is served from memory in the same JVM and counted in the heap.
   *
   * @param args unused
   * @throws IOException if the loopback server cannot start
   */
  public static void main(String[] args) throws IOException {
    QueryRangeBenchmark b = new QueryRangeBenchmark();
    b.setUp();
    try {
      Frame f = b.queryRangeToFrame();
      System.out.printf(
          Locale.ROOT,
          "ok: %d series x %d rows in %d MB max heap (response body %.0f MB)%n",
          f.columnCount(),
          f.rows(),
          Runtime.getRuntime().maxMemory() >> 20,
          b.body.length / 1e6);
    } finally {
      b.tearDown();
    }
  }

  /** One day × 500 series from the HTTP answer to an aligned frame. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Frame queryRangeToFrame() {
    QueryResult res =
        client.queryRange(
            "container_memory_working_set_bytes",
            Instant.ofEpochMilli(START),
            Instant.ofEpochMilli(START + (POINTS - 1) * STEP),
            Duration.ofMillis(STEP));
    return res.toFrame();
  }
}
