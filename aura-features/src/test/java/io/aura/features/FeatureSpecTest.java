package io.aura.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % MINUTE;

  /** Batch over the frame, streaming over the same rows: bit-identical features on every row. */
  @Property(tries = 40)
  void batchAndStreamingGiveIdenticalNumbers(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int rows,
      @ForAll @IntRange(min = 0, max = 30) int nanPercent,
      @ForAll @IntRange(min = 0, max = 30) int gapPercent) {
    FeatureSpec spec = KubernetesFeatures.podFeatures(Duration.ofMinutes(1));
    Frame frame = PodMetricsFixture.frame(seed, rows, T0, MINUTE, nanPercent, gapPercent);
    Frame batch = spec.transform(frame);
    assertStreamMatches(spec, frame, batch, false);
    assertStreamMatches(spec, frame, batch, true);
  }

  /**
   * A long outage (longer than every window) in the middle: the stream shortens the run of missing
   * rows, the batch walks all of it; results must still be identical.
   */
  @Test
  void longGapIsShortenedWithoutChangingResults() {
    FeatureSpec spec = KubernetesFeatures.podFeatures(Duration.ofMinutes(1));
    Frame f = PodMetricsFixture.frame(7, 900, T0, MINUTE, 5, 0);
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    for (String c : f.columnNames()) {
      double[] v = f.column(c);
      Arrays.fill(v, 200, 700, Double.NaN); // 500 missing minutes > 60-row windows
      cols.put(c, v);
    }
    Frame frame = Frame.of(f.labels(), f.timestamps(), cols);
    Frame batch = spec.transform(frame);
    assertStreamMatches(spec, frame, batch, true);
  }

  private static void assertStreamMatches(
      FeatureSpec spec, Frame frame, Frame batch, boolean skipMissingRows) {
    FeatureStream stream = spec.newStream();
    double[] in = new double[frame.columnCount()];
    double[] out = new double[spec.schema().size()];
    double[] expected = new double[out.length];
    for (int r = 0; r < frame.rows(); r++) {
      frame.row(r, in);
      boolean allMissing = Arrays.stream(in).allMatch(Double::isNaN);
      if (skipMissingRows && allMissing) {
        continue; // a failed scrape: the stream never hears of this row
      }
      stream.update(frame.timestamp(r), in, out);
      batch.row(r, expected);
      if (!Arrays.equals(out, expected)) {
        for (int f = 0; f < out.length; f++) {
          assertThat(Double.doubleToLongBits(out[f]))
              .as(
                  "feature %s at row %d (skipping missing rows: %s)",
                  spec.schema().name(f), r, skipMissingRows)
              .isEqualTo(Double.doubleToLongBits(expected[f]));
        }
      }
    }
  }

  @Test
  void defaultPodSetHasOverTwoHundredUniqueNamedFeatures() {
    FeatureSpec spec = KubernetesFeatures.podFeatures(Duration.ofSeconds(15));
    List<String> names = spec.schema().names();
    assertThat(names.size()).isGreaterThanOrEqualTo(200);
    assertThat(new HashSet<>(names)).hasSize(names.size());
    assertThat(names)
        .contains(
            "cpu_cores",
            "cpu_usage_over_limit",
            "cpu_throttled_fraction",
            "memory_usage_over_limit",
            "memory_limit_headroom",
            "restarts",
            "cpu_cores.mean_5m",
            "cpu_cores.p90_15m",
            "cpu_cores.zscore_1h",
            "container_memory_working_set_bytes.lag_1",
            "fs_usage_over_limit.ewma_0.1",
            "calendar.hour_sin",
            "calendar.weekend");
    assertThat(spec.inputNames()).isEqualTo(KubernetesFeatures.POD_INPUTS);
    assertThat(spec.toString()).contains("cpu_cores = rate(container_cpu_usage_seconds_total[1m])");
  }

  private static FeatureSpec small() {
    return FeatureSpec.builder(Duration.ofMinutes(1))
        .gauge("x")
        .counter("c")
        .input("limit")
        .rate("c_rate", "c", Duration.ofMinutes(4))
        .ratio("x_over_limit", "x", "limit")
        .rolling("x", Duration.ofMinutes(3), RollingStat.MEAN, RollingStat.MAX, RollingStat.ZSCORE)
        .lags("x", 1, 3)
        .changes("x", true, true)
        .ewma("x", 0.5)
        .counterDelta("c_delta", "c")
        .build();
  }

  private static double[] feed(FeatureStream s, long t, double x, double c, double limit) {
    return s.update(t, new double[] {x, c, limit});
  }

  @Test
  void knownAnswersForEachKindOfFeature() {
    FeatureSpec spec = small();
    FeatureSchema sc = spec.schema();
    FeatureStream s = spec.newStream();
    feed(s, T0, 1, 0, 2);
    feed(s, T0 + MINUTE, 2, 60, 2);
    double[] f = feed(s, T0 + 2 * MINUTE, 4, 120, 0);
    assertThat(f[sc.indexOf("x")]).isEqualTo(4);
    assertThat(f[sc.indexOf("x_over_limit")]).as("zero limit gives NaN").isNaN();
    assertThat(f[sc.indexOf("x.mean_3m")]).isCloseTo(7 / 3.0, within(1e-12));
    assertThat(f[sc.indexOf("x.max_3m")]).isEqualTo(4);
    // z-score of 4 against the previous window {1, 2}: mean 1.5, sd 0.7071
    assertThat(f[sc.indexOf("x.zscore_3m")]).isCloseTo(2.5 / Math.sqrt(0.5), within(1e-12));
    assertThat(f[sc.indexOf("x.lag_1")]).isEqualTo(2);
    assertThat(f[sc.indexOf("x.lag_3")]).isNaN();
    assertThat(f[sc.indexOf("x.diff")]).isEqualTo(2);
    assertThat(f[sc.indexOf("x.pct_change")]).isEqualTo(1.0);
    assertThat(f[sc.indexOf("x.ewma_0.5")]).isEqualTo(0.5 * 4 + 0.5 * (0.5 * 2 + 0.5 * 1));
    assertThat(f[sc.indexOf("c_delta")]).isEqualTo(60);
    // Counter at 1 per second, samples at 0, 60, 120 s in a 4-minute range ending at 120 s:
    // increase 120 over 120 s; the start is extrapolated to zero (counter value 0 at the first
    // sample), the end is on the sample, so the rate is 120 / 240 s = 0.5 per second.
    assertThat(f[sc.indexOf("c_rate")]).isCloseTo(0.5, within(1e-12));

    // A counter reset: 120 -> 30 counts as +30, as Prometheus does.
    f = feed(s, T0 + 3 * MINUTE, 4, 30, 2);
    assertThat(f[sc.indexOf("c_delta")]).isEqualTo(30);
    assertThat(f[sc.indexOf("x.lag_3")]).isEqualTo(1);
    // Samples 0, 60, 120, 30 at 0..180 s in [−60 s, 180 s]: increase = 30 − 0 + 120 = 150 over 180
    // s
    // sampled; extrapolated to zero at the start (duration to zero 0 s), so 150 / 240 s.
    assertThat(f[sc.indexOf("c_rate")]).isCloseTo(150 / 240.0, within(1e-12));
  }

  @Test
  void rateExtrapolatesLikePrometheusWhenTheCounterStartsAboveZero() {
    // Counter 1000, 1060, 1120 at t = 60, 120, 180 s; rate over [0, 180]: sampled interval 120 s,
    // average step 60 s, 60 s to the start (< 66 s threshold: extrapolate fully), 0 s to the end.
    // Duration to zero = 120 × 1000/120 = 1000 s > 60 s, so the start is not capped.
    FeatureSpec spec =
        FeatureSpec.builder(Duration.ofMinutes(1))
            .counter("c")
            .rate("r", "c", Duration.ofMinutes(3))
            .build();
    FeatureStream s = spec.newStream();
    s.update(T0 + MINUTE, new double[] {1000});
    s.update(T0 + 2 * MINUTE, new double[] {1060});
    double[] f = s.update(T0 + 3 * MINUTE, new double[] {1120});
    assertThat(f[0]).isCloseTo(120.0 * (180.0 / 120.0) / 180.0, within(1e-12));
  }

  @Test
  void calendarFeaturesFollowTheZone() {
    FeatureSpec utc =
        FeatureSpec.builder(Duration.ofMinutes(1)).gauge("x").calendar(ZoneOffset.UTC).build();
    // 2024-01-06 was a Saturday; 06:00 UTC.
    long sat6 = java.time.Instant.parse("2024-01-06T06:00:00Z").toEpochMilli();
    double[] f = utc.newStream().update(sat6, new double[] {1});
    FeatureSchema sc = utc.schema();
    assertThat(f[sc.indexOf("calendar.hour_sin")]).isCloseTo(1.0, within(1e-12));
    assertThat(f[sc.indexOf("calendar.hour_cos")]).isCloseTo(0.0, within(1e-12));
    assertThat(f[sc.indexOf("calendar.weekend")]).isEqualTo(1.0);
    double dowAngle = 2 * Math.PI * (5 + 0.25) / 7;
    assertThat(f[sc.indexOf("calendar.dow_sin")]).isCloseTo(Math.sin(dowAngle), within(1e-12));

    // New York: 2024-03-10 is the spring-forward day. 06:59 UTC = 01:59 EST; 07:01 UTC = 03:01 EDT.
    FeatureSpec ny =
        FeatureSpec.builder(Duration.ofMinutes(1))
            .gauge("x")
            .calendar(ZoneId.of("America/New_York"))
            .build();
    FeatureStream s = ny.newStream();
    long before = java.time.Instant.parse("2024-03-10T06:59:00Z").toEpochMilli();
    double h1 = hourOf(s.update(before, new double[] {1}), ny.schema());
    double h2 = hourOf(s.update(before + 2 * MINUTE, new double[] {1}), ny.schema());
    assertThat(h1).isCloseTo(1 + 59 / 60.0, within(1e-9));
    assertThat(h2).isCloseTo(3 + 1 / 60.0, within(1e-9));
  }

  private static double hourOf(double[] f, FeatureSchema sc) {
    double a = Math.atan2(f[sc.indexOf("calendar.hour_sin")], f[sc.indexOf("calendar.hour_cos")]);
    if (a < 0) {
      a += 2 * Math.PI;
    }
    return a / (2 * Math.PI) * 24;
  }

  @Test
  void streamRejectsBadTimestampsAndInputsWithClearMessagesAndKeepsItsState() {
    FeatureSpec spec = small();
    FeatureStream s = spec.newStream();
    double[] ok = feed(s, T0, 1, 0, 2);
    assertThat(ok).isNotNull();
    assertThatThrownBy(() -> feed(s, T0, 1, 0, 2))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("repeats the previous one");
    assertThatThrownBy(() -> feed(s, T0 - MINUTE, 1, 0, 2))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("before the previous one");
    assertThatThrownBy(() -> feed(s, T0 + 90_000, 1, 0, 2))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not a multiple of the step");
    assertThatThrownBy(() -> feed(s, T0 + MINUTE, Double.POSITIVE_INFINITY, 0, 2))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("input 'x' is Infinity");
    assertThatThrownBy(() -> s.update(T0 + MINUTE, new double[] {1, 2}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("has 2 values but the spec has 3 inputs");
    assertThat(s.lastTimestamp()).isEqualTo(T0);
    // After the rejections, the stream carries on as if they never happened.
    double[] f = feed(s, T0 + MINUTE, 3, 60, 2);
    assertThat(f[spec.schema().indexOf("x.lag_1")]).isEqualTo(1);
  }

  @Test
  void batchRejectsMissingColumnsWrongStepsAndInfinity() {
    FeatureSpec spec = small();
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    cols.put("x", new double[] {1, 2, 3});
    cols.put("c", new double[] {1, 2, 3});
    long[] ts = {T0, T0 + MINUTE, T0 + 2 * MINUTE};
    assertThatThrownBy(() -> spec.transform(Frame.of(Labels.EMPTY, ts, cols)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no input column 'limit'");
    cols.put("limit", new double[] {1, Double.NEGATIVE_INFINITY, 1});
    assertThatThrownBy(() -> spec.transform(Frame.of(Labels.EMPTY, ts, cols)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("input 'limit'")
        .hasMessageContaining("row 1")
        .hasMessageContaining("-Infinity");
    cols.put("limit", new double[] {1, 1, 1});
    long[] uneven = {T0, T0 + MINUTE, T0 + 3 * MINUTE};
    assertThatThrownBy(() -> spec.transform(Frame.of(Labels.EMPTY, uneven, cols)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not on the spec's step");
    Frame good = spec.transform(Frame.of(Labels.of("pod", "a"), ts, cols));
    assertThat(good.columnNames()).isEqualTo(spec.schema().names());
    assertThat(good.labels()).isEqualTo(Labels.of("pod", "a"));
  }

  @Test
  void builderNamesWhatIsWrong() {
    FeatureSpec.Builder b = FeatureSpec.builder(Duration.ofSeconds(15)).gauge("x");
    assertThatThrownBy(() -> b.rolling("y", Duration.ofMinutes(1), RollingStat.MEAN))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("unknown signal 'y'");
    assertThatThrownBy(() -> b.rolling("x", Duration.ofSeconds(20), RollingStat.MEAN))
        .hasMessageContaining("multiple of the step");
    assertThatThrownBy(() -> b.ratio("x", "x", "x")).hasMessageContaining("declared twice");
    assertThatThrownBy(() -> b.ewma("x", 1.5)).hasMessageContaining("(0, 1]");
    b.rolling("x", Duration.ofMinutes(1), RollingStat.MEAN);
    assertThatThrownBy(() -> b.gauge("late")).hasMessageContaining("before derived signals");
    assertThatThrownBy(() -> spec().schema().indexOf("x.mean_2m"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("unknown feature 'x.mean_2m'")
        .hasMessageContaining("x.mean_1m");
  }

  private static FeatureSpec spec() {
    return FeatureSpec.builder(Duration.ofSeconds(15))
        .gauge("x")
        .rolling("x", Duration.ofMinutes(1), RollingStat.MEAN)
        .build();
  }
}
