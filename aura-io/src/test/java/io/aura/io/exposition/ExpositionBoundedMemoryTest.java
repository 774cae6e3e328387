package io.aura.io.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ExpositionParser} reads a {@code /metrics} page far larger than its heap in bounded
 * memory: a child JVM with {@code -Xmx48m} streams a generated page of several hundred MB (never
 * materialised: {@link GeneratedExposition} makes it as it is read) and must count every sample,
 * with the right type, timestamp and unescaped labels. A control run collects the samples of a
 * smaller page in a list with {@link ExpositionParser#readAll} in the same heap and must run out of
 * memory, showing that the heap limit is real and the first run could fail.
 *
 * <p>Scale with {@code -Daura.reliability.expositionBytes=N} (default 512 MB for the Prometheus
 * text format; OpenMetrics runs half of it). Child JVMs are limited to 120 s each (a hang guard,
 * not a speed claim).
 */
class ExpositionBoundedMemoryTest {
  static final String HEAP = "-Xmx48m";
  static final long BYTES = Long.getLong("aura.reliability.expositionBytes", 512L << 20);

  private static Map<String, String> runChild(String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                ExpositionStreamMain.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out;
    try (var in = p.getInputStream()) {
      out = in.readAllBytes(); // ends when the child exits (or is killed below)
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the child JVM did not finish within 120 s");
    }
    String text = new String(out, StandardCharsets.UTF_8).strip();
    Map<String, String> kv = new HashMap<>();
    kv.put("exit", Integer.toString(p.exitValue()));
    kv.put("output", text);
    String last = text.substring(text.lastIndexOf('\n') + 1);
    for (String part : last.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        kv.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return kv;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PROMETHEUS_TEXT, 1", "OPENMETRICS, 2"})
  void aPageManyTimesTheHeapIsParsedCompletelyInBoundedMemory(String format, int divisor)
      throws Exception {
    long bytes = BYTES / divisor;
    Map<String, String> r = runChild(Long.toString(bytes), format);
    assertThat(r.get("exit")).as(r.get("output")).isEqualTo("0");
    long pods = Long.parseLong(r.get("pods"));
    long expected = GeneratedExposition.SAMPLES_PER_POD * pods;
    assertThat(Long.parseLong(r.get("generatedSamples"))).isEqualTo(expected);
    assertThat(Long.parseLong(r.get("parsedSamples"))).isEqualTo(expected);
    assertThat(Long.parseLong(r.get("gauge"))).isEqualTo(pods);
    assertThat(Long.parseLong(r.get("counter"))).isEqualTo(2 * pods);
    assertThat(Long.parseLong(r.get("histogram"))).isEqualTo(5 * pods);
    assertThat(Long.parseLong(r.get("unknown"))).isEqualTo(pods);
    assertThat(Long.parseLong(r.get("nans"))).isEqualTo(pods);
    assertThat(Long.parseLong(r.get("escapedLabelsOk"))).isEqualTo(pods);
    assertThat(Long.parseLong(r.get("badTimestamps"))).isZero();
    assertThat(r.get("ended")).isEqualTo("true");
    long streamed = Long.parseLong(r.get("bytes"));
    long maxHeap = Long.parseLong(r.get("maxHeap"));
    assertThat(streamed)
        .as("the page is several times the child's heap")
        .isGreaterThan(4 * maxHeap);
    assertThat(maxHeap).as("the child's heap limit").isLessThanOrEqualTo(48L << 20);
  }

  @Test
  void theControlRunCollectingEverySampleDoesNotFitInTheSameHeap() throws Exception {
    Map<String, String> r = runChild(Long.toString(64L << 20), "PROMETHEUS_TEXT", "readAll");
    assertThat(r.get("exit")).as(r.get("output")).isNotEqualTo("0");
    assertThat(r.get("output")).contains("OutOfMemoryError");
  }
}
