package io.aura.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesAndFrameTest {
  private static final Labels POD = Labels.of("namespace", "shop", "pod", "web-1");

  @Test
  void labelsAreSortedValidatedAndPrintedAsPrometheusDoes() {
    Labels l = Labels.of("pod", "web-1", "namespace", "sh\"op");
    assertThat(l.toString()).isEqualTo("{namespace=\"sh\\\"op\",pod=\"web-1\"}");
    assertThat(l).isEqualTo(Labels.of("namespace", "sh\"op", "pod", "web-1"));
    assertThat(l.with("node", "n1").get("node")).isEqualTo("n1");
    assertThatThrownBy(() -> Labels.of("1bad", "x"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'1bad'");
    assertThatThrownBy(() -> Labels.of("a", "x", "a", "y")).hasMessageContaining("given twice");
    assertThatThrownBy(() -> Labels.of("a")).hasMessageContaining("odd number");
  }

  @Test
  void strictPolicyRejectsOutOfOrderAndDuplicatesNamingTheSeries() {
    assertThatThrownBy(
            () -> TimeSeries.of("mem", POD, new long[] {1000, 3000, 2000}, new double[] {1, 2, 3}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("mem{namespace=\"shop\",pod=\"web-1\"}")
        .hasMessageContaining("timestamp 2000 at index 2 is before the previous one, 3000");
    assertThatThrownBy(
            () -> TimeSeries.of("mem", POD, new long[] {1000, 1000}, new double[] {1, 2}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("timestamp 1000 appears 2 times");
    assertThatThrownBy(() -> TimeSeries.of("mem", POD, new long[] {1000}, new double[] {1, 2}))
        .hasMessageContaining("1 timestamps but 2 values");
  }

  @Test
  void namedPoliciesSortAndMergeExactlyAsDocumented() {
    long[] ts = {3000, 1000, 2000, 1000};
    double[] vs = {30, 10, 20, 11};
    SamplePolicy sort = SamplePolicy.STRICT.withOrder(SamplePolicy.OrderPolicy.SORT);
    TimeSeries last =
        TimeSeries.fromSamples(
            "x", POD, ts, vs, sort.withDuplicates(SamplePolicy.DuplicatePolicy.KEEP_LAST));
    assertThat(last.timestamps()).containsExactly(1000, 2000, 3000);
    assertThat(last.values()).containsExactly(11, 20, 30);
    TimeSeries first =
        TimeSeries.fromSamples(
            "x", POD, ts, vs, sort.withDuplicates(SamplePolicy.DuplicatePolicy.KEEP_FIRST));
    assertThat(first.values()).containsExactly(10, 20, 30);
    TimeSeries avg =
        TimeSeries.fromSamples(
            "x", POD, ts, vs, sort.withDuplicates(SamplePolicy.DuplicatePolicy.AVERAGE));
    assertThat(avg.values()).containsExactly(10.5, 20, 30);
    assertThat(vs).containsExactly(30, 10, 20, 11); // input untouched
    assertThatThrownBy(
            () ->
                TimeSeries.fromSamples(
                    "x",
                    POD,
                    new long[] {1},
                    new double[] {Double.NaN},
                    SamplePolicy.STRICT.withNan(SamplePolicy.NanPolicy.REJECT)))
        .hasMessageContaining("NaN at index 0 (timestamp 1)");
    assertThat(TimeSeries.of("x", POD, new long[] {1}, new double[] {Double.NaN}).value(0)).isNaN();
  }

  @Test
  void alignmentUsesLastSampleWithinLookbackAndMarksGapsMissing() {
    TimeSeries a =
        TimeSeries.of("a", POD, new long[] {0, 14_000, 31_000, 75_000}, new double[] {1, 2, 3, 4});
    TimeSeries b =
        TimeSeries.of(
            "b", POD.with("container", "app"), new long[] {15_000, 30_000}, new double[] {5, 6});
    Frame f = Frame.align(List.of(a, b), Alignment.onStep(Duration.ofSeconds(15)).range(0, 75_000));
    assertThat(f.timestamps()).containsExactly(0, 15_000, 30_000, 45_000, 60_000, 75_000);
    assertThat(f.column("a")).containsExactly(1, 2, Double.NaN, 3, Double.NaN, 4);
    assertThat(f.column("b")).containsExactly(Double.NaN, 5, 6, Double.NaN, Double.NaN, Double.NaN);
    assertThat(f.labels()).isEqualTo(POD); // labels common to both
    assertThat(f.stepMillis()).isEqualTo(15_000);

    Frame mean =
        Frame.align(
            List.of(a),
            Alignment.onStep(Duration.ofSeconds(30))
                .range(0, 60_000)
                .resampling(Alignment.Resampling.MEAN));
    assertThat(mean.column("a")).containsExactly(1, 2, 3); // (−30,0], (0,30], (30,60]
    Frame lookback =
        Frame.align(
            List.of(a),
            Alignment.onStep(Duration.ofSeconds(15))
                .range(0, 75_000)
                .lookback(Duration.ofMinutes(5)));
    assertThat(lookback.column("a")).containsExactly(1, 2, 2, 3, 3, 4);

    assertThatThrownBy(
            () ->
                Frame.align(
                    List.of(a),
                    Alignment.onStep(Duration.ofSeconds(15))
                        .range(0, 75_000)
                        .gaps(Alignment.GapPolicy.REJECT)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no sample for grid time 30000");
    TimeSeries a2 = TimeSeries.of("a", Labels.of("pod", "other"), new long[] {0}, new double[] {1});
    assertThatThrownBy(() -> Frame.align(List.of(a, a2), Alignment.onStep(Duration.ofSeconds(15))))
        .hasMessageContaining("two series map to column 'a'");
    Frame both =
        Frame.align(
            List.of(a, a2),
            Alignment.onStep(Duration.ofSeconds(15))
                .naming(Alignment.ColumnNaming.METRIC_NAME_AND_LABELS));
    assertThat(both.columnNames())
        .containsExactly("a{namespace=\"shop\",pod=\"web-1\"}", "a{pod=\"other\"}");
  }

  @Test
  void frameValidatesAndNamesColumns() {
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    cols.put("x", new double[] {1, 2});
    assertThatThrownBy(() -> Frame.of(POD, new long[] {2, 1}, cols))
        .hasMessageContaining("row 1 is not after");
    cols.put("y", new double[] {1});
    assertThatThrownBy(() -> Frame.of(POD, new long[] {1, 2}, cols))
        .hasMessageContaining("column 'y' has 1 values");
    cols.put("y", new double[] {3, 4});
    Frame f = Frame.of(POD, new long[] {1, 2}, cols);
    assertThatThrownBy(() -> f.columnIndex("z"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("[x, y]");
    assertThat(f.toRowMajor()[1]).containsExactly(2, 4);
    assertThat(f.select(List.of("y", "x")).columnNames()).containsExactly("y", "x");
    assertThat(f.slice(1, 2).column("y")).containsExactly(4);
    assertThat(f.series("y").values()).containsExactly(3, 4);
    assertThat(f.withColumn("z", new double[] {0, 0}).columnCount()).isEqualTo(3);
  }

  @Test
  void schemaMismatchNamesTheFirstDifference() {
    FeatureSchema a = FeatureSchema.of("cpu", "mem", "disk");
    FeatureSchema b = FeatureSchema.of("cpu", "disk", "net");
    assertThatThrownBy(() -> a.requireSameAs(b))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("first difference at index 1 (expected 'mem', got 'disk')")
        .hasMessageContaining("missing [mem]")
        .hasMessageContaining("unexpected [net]");
    assertThat(a.fingerprint())
        .hasSize(64)
        .isEqualTo(FeatureSchema.of("cpu", "mem", "disk").fingerprint())
        .isNotEqualTo(b.fingerprint());
    assertThatThrownBy(() -> FeatureSchema.of("a", "a")).hasMessageContaining("appears twice");
  }
}
