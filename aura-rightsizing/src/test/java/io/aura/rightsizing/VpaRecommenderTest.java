package io.aura.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Golden values computed by hand from VPA's documented algorithm. */
class VpaRecommenderTest {
  static final long T0 = 1372636800000L; // 2013-07-01T00:00Z, a multiple of 24 h
  static final long MIN = 60_000L;
  static final long HOUR = 60 * MIN;
  static final long DAY = 24 * HOUR;
  static final double GIB = 1024.0 * 1024 * 1024;
  static final double MIB = 1024.0 * 1024;

  @Test
  void bucketsAreVpas() {
    ExponentialBuckets b = new ExponentialBuckets(1000, 0.01, 0.05, 1e-4);
    assertThat(b.count()).isEqualTo(176);
    assertThat(b.find(0.005)).isZero();
    assertThat(b.find(0.5)).isEqualTo(25);
    // start(n) = 0.01 * (1.05^n - 1) / 0.05: by hand 0.511134 for n = 26
    assertThat(b.start(26)).isCloseTo(0.5111345, within(1e-6));
    assertThat(b.find(1e9)).isEqualTo(175);
  }

  @Test
  void twoSamples24HoursApartWeighOneToTwo() {
    VpaRecommender r = new VpaRecommender(VpaSettings.defaults(), "c");
    r.addCpu(T0, 0.5);
    r.addCpu(T0 + DAY, 2.0);
    assertThat(r.cpu.weight[25]).isEqualTo(1.0);
    assertThat(r.cpu.weight[49]).isEqualTo(2.0);
    // p50: cumulative 1 < 1.5 at 0.5, so the median is 2.0's bucket (upper edge 2.09348);
    // without decay it would be 0.5's bucket (weights 1:1 reach 1 at the first).
    assertThat(r.cpu.percentile(0.5)).isCloseTo(2.0934800, within(1e-6));
    assertThat(r.cpu.percentile(0.3)).isCloseTo(0.5111345, within(1e-6));
  }

  private static VpaRecommender constantCpu(long span, long step, VpaSettings s) {
    VpaRecommender r = new VpaRecommender(s, "c");
    for (long t = T0; t <= T0 + span; t += step) {
      r.addCpu(t, 1.0);
      r.addMemory(t, GIB);
    }
    return r;
  }

  @Test
  void confidenceMultipliersAt12HoursOneDayAndSevenDays() {
    double[][] cases = {{12 * HOUR, 3.0}, {DAY, 2.0}, {7 * DAY, 1 + 1.0 / 7}};
    for (double[] c : cases) {
      VpaRecommendation rec =
          constantCpu((long) c[0], MIN, VpaSettings.defaults()).recommend();
      // constant usage: p90 and p95 share a bucket, so upper / target is the multiplier
      assertThat(rec.cpuUpper() / rec.cpuTarget()).isCloseTo(c[1], within(1e-12));
      double conf = rec.confidenceDays();
      assertThat(rec.cpuLower() / rec.cpuTarget())
          .isCloseTo(Math.pow(1 + 0.001 / conf, -2), within(1e-12));
    }
  }

  @Test
  void fiveMinuteSamplesGrowConfidenceFiveTimesMoreSlowly() {
    VpaRecommendation vpa = constantCpu(7 * DAY, 5 * MIN, VpaSettings.defaults()).recommend();
    // 2017 samples / 1440 = 1.4007 days of confidence after 7 calendar days
    assertThat(vpa.confidenceDays()).isCloseTo(2017 / 1440.0, within(1e-12));
    VpaRecommendation byCalendar =
        constantCpu(7 * DAY, 5 * MIN, VpaSettings.builder().samplesPerConfidenceDay(288).build())
            .recommend();
    assertThat(byCalendar.confidenceDays()).isEqualTo(7.0);
    assertThat(byCalendar.cpuUpper() / byCalendar.cpuTarget())
        .isCloseTo(1 + 1.0 / 7, within(1e-12));
  }

  @Test
  void targetIsP90TimesOnePointOneFiveAtTheBucketsUpperEdge() {
    VpaRecommendation rec = constantCpu(DAY, MIN, VpaSettings.defaults()).recommend();
    double edge = new ExponentialBuckets(1000, 0.01, 0.05, 1e-4).start(
        new ExponentialBuckets(1000, 0.01, 0.05, 1e-4).find(1.0) + 1);
    assertThat(rec.cpuTarget()).isEqualTo(edge * 1.15);
  }

  @Test
  void oomAtOneGibRequestWithHalfGibPeakAddsOnePointTwoGib() {
    VpaRecommender r = new VpaRecommender(VpaSettings.defaults(), "c");
    r.addMemory(T0, 0.5 * GIB);
    assertThat(r.recordOom(T0 + HOUR, GIB)).isEqualTo(1.2 * GIB);
    assertThat(r.currentMemoryPeak()).isEqualTo(1.2 * GIB);
    // the 0.5 GiB peak was replaced: one peak of weight 1 at the interval's end
    assertThat(r.memory.total).isEqualTo(1.0);
    assertThat(r.memory.weight[41]).isEqualTo(1.0);
    // small containers: the 100 MiB minimum bump dominates (200 MiB -> 300 MiB)
    VpaRecommender small = new VpaRecommender(VpaSettings.defaults(), "s");
    small.addMemory(T0, 100 * MIB);
    assertThat(small.recordOom(T0 + HOUR, 200 * MIB)).isEqualTo(300 * MIB);
  }

  @Test
  void memoryIsOnePeakPerDay() {
    VpaRecommender r = new VpaRecommender(VpaSettings.defaults(), "c");
    r.addMemory(T0, GIB);
    r.addMemory(T0 + HOUR, 3 * GIB);
    r.addMemory(T0 + 2 * HOUR, 2 * GIB);
    assertThat(r.memory.total).isEqualTo(1.0);
    assertThat(r.memory.weight[58]).isEqualTo(1.0);
    assertThat(r.currentMemoryPeak()).isEqualTo(3 * GIB);
    r.addMemory(T0 + DAY + HOUR, GIB); // next interval: a second peak, weighted 2 (24 h later)
    assertThat(r.memory.total).isEqualTo(3.0);
    assertThat(r.currentMemoryPeak()).isEqualTo(GIB);
  }

  @Test
  void podMinimumsAndCaps() {
    VpaRecommender r = new VpaRecommender(VpaSettings.defaults(), "c");
    r.addCpu(T0, 0.001);
    r.addMemory(T0, 1e6);
    VpaRecommendation rec = r.recommend();
    assertThat(rec.cpuTarget()).isEqualTo(0.025);
    assertThat(rec.memoryTarget()).isEqualTo(250 * MIB);
    VpaRecommendation capped =
        constantCpu(DAY, MIN, VpaSettings.builder().caps(0, 0.5, 0, 0.5 * GIB).build())
            .recommend();
    assertThat(capped.cpuTarget()).isEqualTo(0.5);
    assertThat(capped.cpuUpper()).isEqualTo(0.5);
    assertThat(capped.memoryTarget()).isEqualTo(0.5 * GIB);
  }

  @Test
  void requestWeightedSamplesDiscountOldHistoryWhenTheRequestGrows() {
    VpaRecommender r = new VpaRecommender(VpaSettings.defaults(), "c");
    r.addCpu(T0, 0.5, 0.05); // weight max(0.05, 0.1) = 0.1
    r.addCpu(T0 + MIN, 2.0, 1.0); // weight 1 (times 2^(1/1440))
    assertThat(r.cpu.weight[25]).isEqualTo(0.1);
    assertThat(r.cpu.weight[49]).isCloseTo(Math.pow(2, 1.0 / 1440), within(1e-15));
  }

  @Test
  void renormalisesAfterOneHundredHalfLivesWithoutChangingPercentiles() {
    VpaRecommender r = new VpaRecommender(VpaSettings.defaults(), "c");
    for (int d = 0; d <= 120; d++) {
      r.addCpu(T0 + d * DAY, d % 2 == 0 ? 0.5 : 2.0);
    }
    // the last two days weigh 1 and 2 relative to each other; older days fall below epsilon
    assertThat(r.cpu.reference).isGreaterThan(T0);
    assertThat(r.cpu.percentile(0.5)).isCloseTo(0.5111345, within(1e-6)); // day 120: 0.5, weight 2/3
  }

  @Test
  void badInputIsNamed() {
    VpaRecommender r = new VpaRecommender(VpaSettings.defaults(), "shop/web-1");
    assertThatThrownBy(() -> r.addCpu(T0, -0.1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("shop/web-1")
        .hasMessageContaining("cpu");
    assertThatThrownBy(() -> r.addMemory(T0, 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("missing data");
    r.addCpu(T0 + MIN, 1);
    assertThatThrownBy(() -> r.addCpu(T0, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> r.recordOom(T0, 0)).isInstanceOf(InvalidDataException.class);
    r.addCpu(T0 + 2 * MIN, Double.NaN);
    assertThat(r.missingSamples()).isEqualTo(1);
    assertThat(r.cpuSamples()).isEqualTo(1);
  }

  @Property(tries = 50)
  void batchEqualsStreamingBitForBit(
      @ForAll @Size(min = 1, max = 600) java.util.List<@DoubleRange(min = 0, max = 64) Double> u,
      @ForAll @IntRange(min = 1, max = 120) int stepMinutes) {
    int n = u.size();
    double[] cpu = new double[n];
    double[] mem = new double[n];
    for (int i = 0; i < n; i++) {
      cpu[i] = i % 17 == 3 ? Double.NaN : u.get(i);
      mem[i] = i % 13 == 5 ? Double.NaN : 1e8 + u.get(i) * 1e9;
    }
    long step = stepMinutes * MIN;
    VpaRecommendation batch = VpaRecommender.replay(VpaSettings.defaults(), "p", T0, step, cpu, mem);
    VpaRecommender s = new VpaRecommender(VpaSettings.defaults(), "p");
    VpaRecommendation last = null;
    for (int i = 0; i < n; i++) {
      s.addCpu(T0 + i * step, cpu[i]);
      s.addMemory(T0 + i * step, mem[i]);
      last = s.recommend(); // reading in between changes nothing
    }
    assertThat(last).isEqualTo(batch);
  }
}
