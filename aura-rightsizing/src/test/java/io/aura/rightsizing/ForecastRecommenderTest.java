package io.aura.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.forecast.NaiveForecaster;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecastRecommenderTest {
  static final int PER_HOUR = 12;

  /** A daily cycle between 1 and 3 cores with noise, 5-minute samples. */
  static double[] dailyCycle(int days, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[days * 24 * PER_HOUR];
    for (int i = 0; i < x.length; i++) {
      double hour = (i / (double) PER_HOUR) % 24;
      x[i] = 2 + Math.sin(2 * Math.PI * hour / 24) + 0.1 * rnd.nextGaussian();
    }
    return x;
  }

  static VpaRecommendation vpaOf(double[] cpu) {
    VpaRecommender v = new VpaRecommender(VpaSettings.defaults(), "c");
    for (int i = 0; i < cpu.length; i++) {
      v.addCpu(VpaRecommenderTest.T0 + i * 300_000L, cpu[i]);
      v.addMemory(VpaRecommenderTest.T0 + i * 300_000L, 1e9 + cpu[i] * 1e8);
    }
    return v.recommend();
  }

  @Test
  void hourlyScheduleFollowsTheCycleAndMeetsTheBudgetOnNewDays() {
    double[] all = dailyCycle(35, 1);
    int hist = 28 * 24 * PER_HOUR;
    double[] history = java.util.Arrays.copyOf(all, hist);
    ForecastRecommender fr = ForecastRecommender.builder()
        .forecaster(NaiveForecaster.seasonalNaive(24)).build();
    VpaRecommendation vpa = vpaOf(history);
    Recommendation r = fr.recommend("c", Resource.CPU, history, PER_HOUR, 168, Guards.of(vpa));
    assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
    double[] s = r.schedule();
    assertThat(s).hasSize(168);
    double mean = java.util.Arrays.stream(s).average().orElseThrow();
    // VPA's static answer covers the daily peak; the schedule is lower on average
    assertThat(mean).isLessThan(vpa.cpuTarget());
    int viol = 0;
    for (int i = 0; i < 7 * 24 * PER_HOUR; i++) {
      if (all[hist + i] > s[i / PER_HOUR]) {
        viol++;
      }
    }
    assertThat(viol / (7.0 * 24 * PER_HOUR)).isLessThan(0.03);
    for (double v : s) {
      assertThat(v).isGreaterThanOrEqualTo(vpa.cpuLower());
      assertThat(Math.abs(v / 0.01 - Math.rint(v / 0.01))).isLessThan(1e-6); // quantized
    }
    for (int h = 1; h < s.length; h++) {
      assertThat(s[h]).isGreaterThanOrEqualTo(s[h - 1] * 0.5 - 1e-9); // falls at most 50 % an hour
    }
  }

  @Test
  void shortHistoryFallsBackToVpaWithLowConfidence() {
    double[] h = dailyCycle(5, 2);
    VpaRecommendation vpa = vpaOf(h);
    Recommendation r = ForecastRecommender.builder().build()
        .recommend("c", Resource.CPU, h, PER_HOUR, 168, Guards.of(vpa));
    assertThat(r.confidence()).isEqualTo(Confidence.LOW);
    assertThat(r.request()).isEqualTo(vpa.cpuTarget());
    assertThat(r.reasons().get(0)).contains("fallback to VPA").contains("history 5 d");
  }

  @Test
  void memoryBudgetTooSmallForTheFoldsFallsBack() {
    double[] h = dailyCycle(30, 3);
    for (int i = 0; i < h.length; i++) {
      h[i] = 1e9 * h[i];
    }
    VpaRecommendation vpa = vpaOf(dailyCycle(30, 3));
    ForecastRecommender fr = ForecastRecommender.builder()
        .forecaster(NaiveForecaster.seasonalNaive(24)).budgets(0.01, 0.001).build();
    Recommendation r = fr.recommend("c", Resource.MEMORY, h, PER_HOUR, 168, Guards.of(vpa));
    assertThat(r.confidence()).isEqualTo(Confidence.LOW);
    assertThat(r.reasons().get(0)).contains("cannot certify");
    ForecastRecommender ok = ForecastRecommender.builder()
        .forecaster(NaiveForecaster.seasonalNaive(24)).build();
    Recommendation m = ok.recommend("c", Resource.MEMORY, h, PER_HOUR, 168,
        new Guards(vpa, 3.5e9, Double.NaN, Double.NaN));
    assertThat(m.limitPolicy()).isEqualTo(LimitPolicy.FORECAST_PEAK);
    assertThat(m.limit()).isEqualTo(m.request());
    assertThat(m.request()).isGreaterThanOrEqualTo(3.5e9 * 1.1); // working-set guard
  }

  @Test
  void oomGuardBumpsMemory() {
    ForecastRecommender fr = ForecastRecommender.builder().build();
    VpaRecommendation vpa = new VpaRecommendation(1, 0.5, 2, 1e9, 5e8, 2e9, 7);
    assertThat(fr.floor(Resource.MEMORY, new Guards(vpa, Double.NaN, 2e9, Double.NaN)))
        .isEqualTo(2.4e9);
    assertThat(fr.floor(Resource.CPU, new Guards(vpa, Double.NaN, 2e9, Double.NaN)))
        .isEqualTo(0.5);
  }

  @Test
  void badInputIsNamed() {
    double[] h = dailyCycle(10, 4);
    h[17] = -1;
    VpaRecommendation vpa = new VpaRecommendation(1, 0.5, 2, 1e9, 5e8, 2e9, 7);
    ForecastRecommender fr = ForecastRecommender.builder().build();
    assertThatThrownBy(() -> fr.recommend("web", Resource.CPU, h, PER_HOUR, 24, Guards.of(vpa)))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("web")
        .hasMessageContaining("sample 17");
    h[17] = 0;
    assertThatThrownBy(() -> fr.recommend("web", Resource.MEMORY, h, PER_HOUR, 24,
        Guards.of(vpa))).isInstanceOf(InvalidDataException.class).hasMessageContaining("is 0");
  }

  @Test
  void hourlyPeaksFillGapsFromTheDayBefore() {
    double[] x = new double[48 * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    for (int i = 60; i < 62; i++) {
      x[i] = Double.NaN; // hour 30 missing
    }
    HourlyPeaks p = HourlyPeaks.of(x, 2, 1.0);
    assertThat(p.filled()).isEqualTo(1);
    assertThat(p.values()[30]).isEqualTo(p.values()[6]);
    assertThat(p.values()[0]).isEqualTo(1.0);
  }

  @Test
  void reportAndAdvice() {
    Recommendation r = new Recommendation("shop/web-1", Resource.MEMORY, 1024.0 * 1024 * 512,
        1024.0 * 1024 * 512, LimitPolicy.FORECAST_PEAK, 1e8, Double.POSITIVE_INFINITY, 0.02,
        Confidence.MEDIUM, java.util.List.of("only 3 of 14 \"backtest\" days"), new double[0],
        "forecast(...)");
    String t = RecommendationReport.table(java.util.List.of(r), new PriceModel(0.03, 0.004));
    assertThat(t).contains("shop/web-1").contains("512Mi").contains("forecast_peak")
        .contains("1.46"); // 0.5 GiB * 0.004 $/GiB-h * 730 h
    String j = RecommendationReport.json(java.util.List.of(r));
    assertThat(j).contains("\"upper\":null").contains("\\\"backtest\\\"")
        .contains("\"confidence\":\"MEDIUM\"");
    HpaAdvice a = HpaAdvice.of(2.0, 0.6, 1.5);
    assertThat(a.hpaTargetUtilization()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(a.feasible()).isTrue();
    assertThat(HpaAdvice.of(2.0, 0.8, 1.0).feasible()).isFalse();
  }
}
