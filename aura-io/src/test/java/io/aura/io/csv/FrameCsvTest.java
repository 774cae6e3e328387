package io.aura.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameCsvTest {

  static Frame sample() {
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    cols.put("cpu", new double[] {0.25, Double.NaN, Double.POSITIVE_INFINITY});
    cols.put("memory{container=\"a,b\"}", new double[] {1.5e8, -0.0, 1e-300});
    return Frame.of(
        Labels.of("namespace", "shop", "pod", "web \"1\"\\x"),
        new long[] {1_704_067_200_000L, 1_704_067_230_000L, 1_704_067_230_250L},
        cols);
  }

  static String write(Frame f) throws IOException {
    StringWriter w = new StringWriter();
    FrameCsv.write(f, w);
    return w.toString();
  }

  static Frame read(String text) throws IOException {
    return FrameCsv.read(new StringReader(text), "test.csv");
  }

  @Test
  void writesTheDocumentedLayoutAndReadsItBack(@TempDir Path dir) throws IOException {
    Frame f = sample();
    assertThat(write(f))
        .isEqualTo(
            "# labels: {namespace=\"shop\",pod=\"web \\\"1\\\"\\\\x\"}\n"
                + "timestamp,cpu,\"memory{container=\"\"a,b\"\"}\"\n"
                + "2024-01-01T00:00:00Z,0.25,150000000\n"
                + "2024-01-01T00:00:30Z,NaN,-0\n"
                + "2024-01-01T00:00:30.250Z,+Inf,1.0E-300\n");
    Path file = dir.resolve("frame.csv");
    FrameCsv.write(f, file);
    assertThat(FrameCsv.read(file)).isEqualTo(f);
  }

  @Test
  void readsOtherTimestampSpellingsEmptyCellsAndNoLabels() throws IOException {
    Frame f =
        read(
            "# exported by hand\ntimestamp,a\n1000,1\n2014-04-01 00:00:00,\n2014-04-01T03:00:00+02:00,2\n");
    assertThat(f.labels()).isEqualTo(Labels.EMPTY);
    assertThat(f.timestamps()).containsExactly(1000L, 1396310400000L, 1396314000000L);
    assertThat(f.column("a")).containsExactly(1.0, Double.NaN, 2.0);
  }

  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("a\r\n\",\\{}=# ä✓").ofMaxLength(10),
        Arbitraries.strings().ofMaxLength(10));
  }

  @Property(tries = 300)
  void anyFrameRoundTrips(@ForAll @Size(max = 30) List<Double> a, @ForAll("nasty") String label)
      throws IOException {
    long[] ts = new long[a.size()];
    double[] x = new double[a.size()];
    double[] y = new double[a.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = -5_000 + i * 777L;
      x[i] = a.get(i);
      y[i] = -a.get(i) / 3;
    }
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    cols.put("x " + label, x);
    cols.put("y", y);
    if (cols.size() < 2) {
      return;
    }
    Frame f = Frame.of(Labels.of("l", label), ts, cols);
    assertThat(read(write(f))).isEqualTo(f);
  }

  @Test
  void badInputNamesFileLineAndColumn() {
    assertThatThrownBy(() -> read("time,a\n1,2\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("test.csv line 1")
        .hasMessageContaining("timestamp");
    assertThatThrownBy(() -> read("timestamp,a\n1,2\n2,3,4\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("test.csv line 3")
        .hasMessageContaining("3 fields");
    assertThatThrownBy(() -> read("timestamp,a,b\n1,2,3\n2,3,x7\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("test.csv line 3, column 3 ('b')")
        .hasMessageContaining("'x7'");
    assertThatThrownBy(() -> read("timestamp,a\n5,2\n5,3\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> read("timestamp,a\n5,2\n4,3\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 3");
    assertThatThrownBy(() -> read("timestamp,a\nyesterday,2\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("yesterday");
    assertThatThrownBy(() -> read("timestamp,a,a\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("repeats");
    assertThatThrownBy(() -> read("timestamp,\"a\n1,2\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not closed");
    assertThatThrownBy(() -> read("# labels: {pod=web}\ntimestamp,a\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("test.csv line 1");
    assertThatThrownBy(() -> read("# only a comment\n"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no header");
  }
}
