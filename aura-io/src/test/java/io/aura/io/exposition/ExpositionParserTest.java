package io.aura.io.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.Labels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

  static List<ExpositionSample> parse(String text, ExpositionFormat f) {
    try {
      return ExpositionParser.readAll(
          new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), f);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static InputStream resource(String name) {
    InputStream in = ExpositionParserTest.class.getResourceAsStream("/exposition/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  @Test
  void prometheusTextWithEveryTypeEscapesAndTimestamps() throws IOException {
    List<String> events = new ArrayList<>();
    List<ExpositionSample> samples = new ArrayList<>();
    new ExpositionParser(ExpositionFormat.PROMETHEUS_TEXT)
        .parse(
            resource("node_sample.prom"),
            new ExpositionVisitor() {
              @Override
              public void help(String family, String help) {
                events.add("help " + family + " " + help);
              }

              @Override
              public void type(String family, MetricType type) {
                events.add("type " + family + " " + type);
              }

              @Override
              public void sample(
                  MetricType type, String name, SampleLabels labels, double value, long ts) {
                samples.add(new ExpositionSample(type, name, labels.toLabels(), value, ts));
              }

              @Override
              public void end() {
                events.add("end");
              }
            });
    assertThat(events)
        .contains(
            "type node_cpu_seconds_total COUNTER",
            "help node_cpu_seconds_total Seconds the CPUs spent in each mode.",
            "help weird_help line one\nline two \\ backslash",
            "end");
    assertThat(samples).hasSize(22);
    assertThat(samples.get(0))
        .isEqualTo(
            new ExpositionSample(
                MetricType.COUNTER,
                "node_cpu_seconds_total",
                Labels.of("cpu", "0", "mode", "idle"),
                12345.67,
                ExpositionVisitor.NO_TIMESTAMP));
    ExpositionSample esc = find(samples, "escaped_gauge");
    assertThat(esc.labels().get("path")).isEqualTo("C:\\dir \"x\"\nnext");
    assertThat(esc.labels().get("empty")).isEmpty();
    assertThat(esc.value()).isEqualTo(-1.5e-3);
    assertThat(esc.timestampMillis()).isEqualTo(1700000000123L);
    assertThat(find(samples, "nan_gauge").value()).isNaN();
    assertThat(find(samples, "inf_gauge").value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(find(samples, "neg_inf_gauge").value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(samples)
        .filteredOn(s -> s.name().startsWith("http_request_duration_seconds"))
        .hasSize(7)
        .allSatisfy(s -> assertThat(s.type()).isEqualTo(MetricType.HISTOGRAM));
    assertThat(samples)
        .filteredOn(s -> s.name().startsWith("rpc_duration_seconds"))
        .hasSize(5)
        .allSatisfy(s -> assertThat(s.type()).isEqualTo(MetricType.SUMMARY));
    assertThat(find(samples, "untyped_thing").type()).isEqualTo(MetricType.UNKNOWN);
    assertThat(find(samples, "with_spaces").labels()).isEqualTo(Labels.of("a", "1", "b", "2"));
    assertThat(find(samples, "unicode_gauge").labels().get("name")).isEqualTo("Zürich ✓");
  }

  private static ExpositionSample find(List<ExpositionSample> samples, String name) {
    return samples.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name));
  }

  @Test
  void openMetricsWithUnitsExemplarsSecondsAndEof() throws IOException {
    List<String> units = new ArrayList<>();
    List<ExpositionSample> samples = new ArrayList<>();
    new ExpositionParser(ExpositionFormat.OPENMETRICS)
        .parse(
            resource("sample.om"),
            new ExpositionVisitor() {
              @Override
              public void unit(String family, String unit) {
                units.add(family + "=" + unit);
              }

              @Override
              public void sample(
                  MetricType type, String name, SampleLabels labels, double value, long ts) {
                samples.add(new ExpositionSample(type, name, labels.toLabels(), value, ts));
              }
            });
    assertThat(units).containsExactly("http_request_duration_seconds=seconds");
    assertThat(find(samples, "requests_total").type()).isEqualTo(MetricType.COUNTER);
    assertThat(find(samples, "requests_total").timestampMillis()).isEqualTo(1700000000500L);
    assertThat(find(samples, "requests_created").type()).isEqualTo(MetricType.COUNTER);
    assertThat(find(samples, "build_info").type()).isEqualTo(MetricType.INFO);
    assertThat(find(samples, "queue_bucket").type()).isEqualTo(MetricType.GAUGE_HISTOGRAM);
    assertThat(find(samples, "feature").type()).isEqualTo(MetricType.STATESET);
    assertThat(samples)
        .filteredOn(s -> s.name().equals("http_request_duration_seconds_bucket"))
        .hasSize(3)
        .extracting(ExpositionSample::value)
        .containsExactly(1.0, 4.0, 5.0);
    assertThat(find(samples, "ts_exact").timestampMillis()).isEqualTo(1L);
    assertThat(find(samples, "ts_negative").timestampMillis()).isEqualTo(-1500L);
  }

  @Test
  void malformedLinesNameTheirLineNumber() {
    String[][] cases = {
      // text, expected fragment; the bad line is always line 3
      {"a 1\nb 2\nc{x=\"1\" 3\n", "expected ',' or '}'"},
      {"a 1\nb 2\nc{x=1} 3\n", "expected '\"'"},
      {"a 1\nb 2\nc{x\"1\"} 3\n", "expected '='"},
      {"a 1\nb 2\nc{x=\"1\\q\"} 3\n", "invalid escape"},
      {"a 1\nb 2\nc{x=\"1\",x=\"2\"} 3\n", "appears twice"},
      {"a 1\nb 2\nc{x=\"1\n", "not closed"},
      {"a 1\nb 2\nc 1.2.3\n", "invalid value '1.2.3'"},
      {"a 1\nb 2\nc 1.0f\n", "invalid value"},
      {"a 1\nb 2\nc 0x10\n", "invalid value"},
      {"a 1\nb 2\nc\n", "expected a value"},
      {"a 1\nb 2\nc 1 17000000.5\n", "invalid timestamp"},
      {"a 1\nb 2\nc 1 2 3\n", "unexpected text after the timestamp"},
      {"a 1\nb 2\n9c 1\n", "expected a metric name"},
      {"a 1\nb 2\n# TYPE c blob\n", "unknown metric type 'blob'"},
      {"a 1\nb 2\n# TYPE\n", "expected a metric name"},
      {"# TYPE h histogram\nh_sum 1\nh_bucket 3\n", "has no 'le' label"},
      {"# TYPE s summary\ns_sum 1\ns 3\n", "has no 'quantile' label"},
      {"a 1\nb 2\nc-d 1\n", "invalid character in metric name"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> parse(c[0], ExpositionFormat.PROMETHEUS_TEXT))
          .as(c[0])
          .isInstanceOfSatisfying(
              ExpositionFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(3))
          .hasMessageStartingWith("line 3, column")
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void openMetricsRules() {
    assertThatThrownBy(() -> parse("a 1\n", ExpositionFormat.OPENMETRICS))
        .isInstanceOf(ExpositionFormatException.class)
        .hasMessageContaining("without the final '# EOF'");
    assertThatThrownBy(() -> parse("a 1\n# EOF\nb 2\n", ExpositionFormat.OPENMETRICS))
        .isInstanceOfSatisfying(
            ExpositionFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(3))
        .hasMessageContaining("after '# EOF'");
    assertThatThrownBy(() -> parse("a 1\n\n# EOF\n", ExpositionFormat.OPENMETRICS))
        .isInstanceOfSatisfying(
            ExpositionFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(2))
        .hasMessageContaining("empty line");
    assertThatThrownBy(() -> parse("# hello\n# EOF\n", ExpositionFormat.OPENMETRICS))
        .isInstanceOf(ExpositionFormatException.class)
        .hasMessageContaining("unknown comment");
    assertThatThrownBy(() -> parse("a 1 # bad\n# EOF\n", ExpositionFormat.OPENMETRICS))
        .isInstanceOf(ExpositionFormatException.class)
        .hasMessageContaining("exemplar");
    // The Prometheus text format tolerates free comments, blank lines and a trailing '# EOF'-less
    // end.
    assertThat(parse("# hello\n\na 1\n", ExpositionFormat.PROMETHEUS_TEXT)).hasSize(1);
    assertThat(parse("a 1\n# EOF\n", ExpositionFormat.PROMETHEUS_TEXT)).hasSize(1);
    assertThatThrownBy(() -> parse("a 1\n# EOF\nb 2\n", ExpositionFormat.PROMETHEUS_TEXT))
        .isInstanceOfSatisfying(
            ExpositionFormatException.class, e -> assertThat(e.lineNumber()).isEqualTo(3));
    // OpenMetrics input read as Prometheus text: the seconds timestamp is refused with a hint.
    assertThatThrownBy(() -> parse("a 1 1700000000.5\n", ExpositionFormat.PROMETHEUS_TEXT))
        .hasMessageContaining("OPENMETRICS");
  }

  @Test
  void linesLongerThanTheBufferAndSplitAcrossReadsParse() throws IOException {
    StringBuilder sb = new StringBuilder();
    String big = "v".repeat(200_000);
    sb.append("big{x=\"").append(big).append("\"} 7\n");
    for (int i = 0; i < 10_000; i++) {
      sb.append("m{i=\"").append(i).append("\"} ").append(i).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    // A stream that returns at most 7 bytes per read, to cut lines everywhere.
    InputStream trickle =
        new ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 7));
          }
        };
    List<ExpositionSample> s = ExpositionParser.readAll(trickle, ExpositionFormat.PROMETHEUS_TEXT);
    assertThat(s).hasSize(10_001);
    assertThat(s.get(0).labels().get("x")).isEqualTo(big);
    for (int i = 0; i < 10_000; i++) {
      assertThat(s.get(i + 1).value()).isEqualTo(i);
      assertThat(s.get(i + 1).labels().get("i")).isEqualTo(Integer.toString(i));
    }
  }

  @Test
  void crlfLineEndsAndNoFinalNewline() {
    assertThat(parse("a{b=\"c\"} 1\r\nd 2", ExpositionFormat.PROMETHEUS_TEXT))
        .extracting(ExpositionSample::value)
        .containsExactly(1.0, 2.0);
  }

  @Test
  void visitorExceptionsStopTheParse() {
    ExpositionParser p = new ExpositionParser(ExpositionFormat.PROMETHEUS_TEXT);
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(
            () ->
                p.parse(
                    "a 1\nb 2\nc 3\n",
                    (t, n, l, v, ts) -> {
                      seen.add(n);
                      if (n.equals("b")) {
                        throw new IllegalStateException("stop");
                      }
                    }))
        .hasMessage("stop");
    assertThat(seen).containsExactly("a", "b");
    // The parser is reusable afterwards.
    seen.clear();
    p.parse("x 1\n", (t, n, l, v, ts) -> seen.add(n));
    assertThat(seen).containsExactly("x");
  }
}
