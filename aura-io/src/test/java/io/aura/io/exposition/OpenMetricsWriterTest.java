package io.aura.io.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OpenMetricsWriterTest {

  static String write(OpenMetricsWriter w, List<TimeSeries> series) {
    StringWriter out = new StringWriter();
    try {
      w.write(series, out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString();
  }

  @Test
  void exactOutput() {
    TimeSeries a =
        TimeSeries.of(
            "cpu",
            Labels.of("pod", "a \"q\" \\ \n"),
            new long[] {1000, 2500},
            new double[] {0.5, Double.NaN});
    TimeSeries b =
        TimeSeries.of(
            "req_total", Labels.EMPTY, new long[] {-1500}, new double[] {Double.NEGATIVE_INFINITY});
    TimeSeries c = TimeSeries.of("cpu", Labels.of("pod", "b"), new long[] {1000}, new double[] {3});
    String text =
        write(
            OpenMetricsWriter.create().withType("req_total", MetricType.COUNTER), List.of(a, b, c));
    assertThat(text)
        .isEqualTo(
            "# TYPE cpu unknown\n"
                + "cpu{pod=\"a \\\"q\\\" \\\\ \\n\"} 0.5 1\n"
                + "cpu{pod=\"a \\\"q\\\" \\\\ \\n\"} NaN 2.5\n"
                + "cpu{pod=\"b\"} 3 1\n"
                + "# TYPE req counter\n"
                + "req_total -Inf -1.5\n"
                + "# EOF\n");
  }

  @Test
  void rejectsBadNamesDuplicatesAndUnsupportedTypes() {
    TimeSeries bad = TimeSeries.of("cpu-usage", Labels.EMPTY, new long[] {1}, new double[] {1});
    assertThatThrownBy(() -> write(OpenMetricsWriter.create(), List.of(bad)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("cpu-usage");
    TimeSeries a = TimeSeries.of("cpu", Labels.of("pod", "a"), new long[] {1}, new double[] {1});
    assertThatThrownBy(() -> write(OpenMetricsWriter.create(), List.of(a, a)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> OpenMetricsWriter.create().withType("x", MetricType.HISTOGRAM))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenMetricsWriter.create().withType("x", MetricType.COUNTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_total");
  }

  @Provide
  Arbitrary<String> labelValues() {
    return Arbitraries.strings().withChars("ab\"\\\n ,={}#äé✓").ofMaxLength(12);
  }

  @Property(tries = 300)
  void writtenTextParsesBackToTheSameSeries(
      @ForAll("labelValues") String v1,
      @ForAll("labelValues") String v2,
      @ForAll List<Double> values)
      throws IOException {
    long[] ts = new long[values.size()];
    double[] vs = new double[values.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = 1_700_000_000_000L + i * 1_234L;
      vs[i] = values.get(i);
    }
    TimeSeries s1 = TimeSeries.of("m1", Labels.of("a", v1, "b", v2), ts, vs);
    TimeSeries s2 = TimeSeries.of("m2", Labels.of("a", v2), ts, vs);
    String text = write(OpenMetricsWriter.create(), List.of(s1, s2));
    Map<String, List<ExpositionSample>> by = new LinkedHashMap<>();
    for (ExpositionSample s :
        ExpositionParser.readAll(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            ExpositionFormat.OPENMETRICS)) {
      by.computeIfAbsent(s.name() + s.labels(), k -> new ArrayList<>()).add(s);
    }
    for (TimeSeries want : List.of(s1, s2)) {
      List<ExpositionSample> got = by.getOrDefault(want.name() + want.labels(), List.of());
      assertThat(got).hasSize(want.size());
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).timestampMillis()).isEqualTo(want.timestamp(i));
        assertThat(Double.doubleToLongBits(got.get(i).value()))
            .isEqualTo(Double.doubleToLongBits(want.value(i)));
      }
    }
  }
}
