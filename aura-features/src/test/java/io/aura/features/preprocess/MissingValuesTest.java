package io.aura.features.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MissingValuesTest {
  private static final double NAN = Double.NaN;

  private static Frame frame(long[] ts, Object... namesAndColumns) {
    LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndColumns.length; i += 2) {
      m.put((String) namesAndColumns[i], (double[]) namesAndColumns[i + 1]);
    }
    return Frame.of(Labels.of("pod", "api-0"), ts, m);
  }

  private static long[] steps(int n) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 15_000L * i;
    }
    return ts;
  }

  @Test
  void forwardFillLeavesLeadingNaNsAndReportsCounts() {
    Frame f = frame(steps(6), "cpu", new double[] {NAN, 1, NAN, NAN, 2, NAN});
    MissingValues.Result r = MissingValues.forwardFill().apply(f);
    assertThat(r.frame().column("cpu")).containsExactly(NAN, 1, 1, 1, 2, 2);
    assertThat(r.missingBefore()).isEqualTo(Map.of("cpu", 4));
    assertThat(r.filled()).isEqualTo(Map.of("cpu", 3));
    assertThat(r.missingAfter()).isEqualTo(Map.of("cpu", 1));
    assertThat(r.totalFilled()).isEqualTo(3);
    assertThat(r.rowsDropped()).isZero();
    assertThat(r.keptRows()).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(r.policy()).isEqualTo(MissingValues.Policy.FORWARD_FILL);
    assertThat(r.frame().labels()).isEqualTo(f.labels());
    assertThat(r.frame().timestamps()).containsExactly(f.timestamps());
    // the input is untouched
    assertThat(f.get(2, 0)).isNaN();
  }

  @Test
  void forwardFillLimitFillsOnlyTheFirstRowsOfALongGap() {
    Frame f = frame(steps(8), "mem", new double[] {1, NAN, NAN, NAN, 2, NAN, 3, NAN});
    MissingValues.Result r = MissingValues.forwardFill(2).apply(f);
    assertThat(r.frame().column("mem")).containsExactly(1, 1, 1, NAN, 2, 2, 3, 3);
    assertThat(r.filled()).isEqualTo(Map.of("mem", 4));
    assertThat(r.missingAfter()).isEqualTo(Map.of("mem", 1));
    assertThatThrownBy(() -> MissingValues.forwardFill(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forwardFillCopiesInfinityAsAValue() {
    Frame f = frame(steps(3), "x", new double[] {Double.POSITIVE_INFINITY, NAN, 1});
    assertThat(MissingValues.forwardFill().apply(f).frame().column("x"))
        .containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1);
  }

  @Test
  void interpolationIsLinearInTimeWithUnevenSpacing() {
    long[] ts = {0, 10, 40, 100};
    Frame f = frame(ts, "lat", new double[] {0, NAN, NAN, 10});
    MissingValues.Result r = MissingValues.linearInterpolation().apply(f);
    double[] v = r.frame().column("lat");
    assertThat(v[1]).isCloseTo(1.0, within(1e-12));
    assertThat(v[2]).isCloseTo(4.0, within(1e-12));
    assertThat(r.filled()).isEqualTo(Map.of("lat", 2));
  }

  @Test
  void interpolationDoesNotExtrapolateEdges() {
    Frame f = frame(steps(7), "lat", new double[] {NAN, 1, NAN, 3, NAN, NAN, NAN});
    MissingValues.Result r = MissingValues.linearInterpolation().apply(f);
    assertThat(r.frame().column("lat")).containsExactly(NAN, 1, 2, 3, NAN, NAN, NAN);
    assertThat(r.missingBefore()).isEqualTo(Map.of("lat", 5));
    assertThat(r.filled()).isEqualTo(Map.of("lat", 1));
    assertThat(r.missingAfter()).isEqualTo(Map.of("lat", 4));
  }

  @Test
  void interpolationRefusesAnInfiniteNeighbour() {
    Frame f = frame(steps(3), "lat", new double[] {1, NAN, Double.POSITIVE_INFINITY});
    assertThatThrownBy(() -> MissingValues.linearInterpolation().apply(f))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'lat'")
        .hasMessageContaining("row 2")
        .hasMessageContaining("timestamp 30000");
  }

  @Test
  void dropRowsOnChosenColumnsReportsKeptRows() {
    Frame f =
        frame(
            steps(5),
            "a",
            new double[] {1, NAN, 3, 4, NAN},
            "b",
            new double[] {NAN, 2, 3, NAN, 5},
            "c",
            new double[] {1, 1, NAN, 1, 1});
    MissingValues.Result r = MissingValues.dropRows().onColumns("a", "b").apply(f);
    assertThat(r.keptRows()).containsExactly(2);
    assertThat(r.rowsDropped()).isEqualTo(4);
    assertThat(r.frame().rows()).isEqualTo(1);
    assertThat(r.frame().timestamps()).containsExactly(30_000L);
    // the unchosen column keeps its NaN, and loses the dropped rows like every column
    assertThat(r.frame().column("c")).containsExactly(NAN);
    assertThat(r.missingBefore()).containsExactly(Map.entry("a", 2), Map.entry("b", 2));
    assertThat(r.missingAfter()).containsExactly(Map.entry("a", 0), Map.entry("b", 0));
    assertThat(r.filled()).containsOnlyKeys("a", "b");

    MissingValues.Result all = MissingValues.dropRows().apply(f);
    assertThat(all.rowsDropped()).isEqualTo(5);
    assertThat(all.frame().rows()).isZero();
    assertThat(all.frame().columnNames()).containsExactly("a", "b", "c");
  }

  @Test
  void onColumnsLeavesOtherColumnsAlone() {
    Frame f = frame(steps(3), "a", new double[] {1, NAN, 3}, "b", new double[] {1, NAN, 3});
    MissingValues.Result r = MissingValues.linearInterpolation().onColumns("b").apply(f);
    assertThat(r.frame().column("a")).containsExactly(1, NAN, 3);
    assertThat(r.frame().column("b")).containsExactly(1, 2, 3);
    assertThat(r.filled()).containsOnlyKeys("b");
  }

  @Test
  void unknownOrRepeatedColumnsAreRejected() {
    Frame f = frame(steps(2), "a", new double[] {1, NAN});
    assertThatThrownBy(() -> MissingValues.forwardFill().onColumns("nope").apply(f))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> MissingValues.forwardFill().onColumns("a", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void descriptionSaysWhatItDoes() {
    assertThat(MissingValues.forwardFill(3).onColumns("x").toString())
        .contains("FORWARD_FILL", "limit 3", "[x]");
    assertThat(MissingValues.forwardFill(3).maxGapRows()).isEqualTo(3);
    assertThat(MissingValues.dropRows().columns()).isEmpty();
  }
}
