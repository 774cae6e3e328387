package io.aura.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.SamplePolicy;
import io.aura.features.TimeSeries;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NabCsvTest {

  static TimeSeries read(String text, SamplePolicy policy) throws IOException {
    return NabCsv.read(new StringReader(text), "nab.csv", "s", Labels.EMPTY, policy);
  }

  @Test
  void aPathWithoutAFileNameIsRefusedByName() {
    Path root = Path.of("/").toAbsolutePath().getRoot();
    assertThatThrownBy(() -> NabCsv.read(root))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not a file name");
  }

  @Test
  void readsNabTimestampsAsUtcAndEmptyValuesAsMissing() throws Exception {
    Path file = Path.of(NabCsvTest.class.getResource("/csv/nab_like.csv").toURI());
    TimeSeries s = NabCsv.read(file);
    assertThat(s.name()).isEqualTo("nab_like");
    assertThat(s.size()).isEqualTo(4);
    assertThat(s.timestamp(0)).isEqualTo(Instant.parse("2014-04-01T00:00:00Z").toEpochMilli());
    assertThat(s.timestamp(3) - s.timestamp(0)).isEqualTo(15 * 60_000L);
    assertThat(s.values()).containsExactly(20.5, 21.0, Double.NaN, 19.25);
  }

  @Test
  void writesTheSameLayoutItReads(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException, URISyntaxException {
    Path src = Path.of(NabCsvTest.class.getResource("/csv/nab_like.csv").toURI());
    TimeSeries s = NabCsv.read(src);
    StringWriter w = new StringWriter();
    NabCsv.write(s, w);
    assertThat(w.toString()).isEqualTo(Files.readString(src).replace(",\n", ",NaN\n"));
    Path out = dir.resolve("copy.csv");
    NabCsv.write(TimeSeries.of("x", Labels.EMPTY, new long[] {1, 1001}, new double[] {1, 2}), out);
    assertThat(Files.readString(out)).isEqualTo("timestamp,value\n1970-01-01 00:00:00.001,1\n1970-01-01 00:00:01.001,2\n");
    assertThat(NabCsv.read(out).timestamps()).containsExactly(1L, 1001L);
  }

  @Test
  void outOfOrderAndDuplicatesAreErrorsNamingTheLineUnlessAPolicySaysOtherwise() throws IOException {
    String text = "timestamp,value\n2014-04-01 00:05:00,2\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,3\n";
    assertThatThrownBy(() -> read(text, SamplePolicy.STRICT))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("nab.csv line 3").hasMessageContaining("line 2");
    TimeSeries s = read(text, SamplePolicy.STRICT.withOrder(SamplePolicy.OrderPolicy.SORT)
        .withDuplicates(SamplePolicy.DuplicatePolicy.KEEP_LAST));
    assertThat(s.values()).containsExactly(1.0, 3.0);
    assertThatThrownBy(() -> read("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:00:00,1\n", SamplePolicy.STRICT))
        .hasMessageContaining("line 3").hasMessageContaining("duplicate");
  }

  @Test
  void badInputNamesTheLine() {
    assertThatThrownBy(() -> read("ts,value\n", SamplePolicy.STRICT)).hasMessageContaining("nab.csv line 1");
    assertThatThrownBy(() -> read("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05,2\n", SamplePolicy.STRICT))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("line 3");
    assertThatThrownBy(() -> read("timestamp,value\n2014-04-01 00:00:00,abc\n", SamplePolicy.STRICT))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("line 2").hasMessageContaining("'abc'");
    assertThatThrownBy(() -> read("timestamp,value\n2014-04-01 00:00:00\n", SamplePolicy.STRICT))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("line 2").hasMessageContaining("1 fields");
    assertThatThrownBy(() -> read("", SamplePolicy.STRICT)).hasMessageContaining("empty");
  }
}
