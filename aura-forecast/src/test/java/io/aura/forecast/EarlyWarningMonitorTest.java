package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.features.Quantiles;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The monitor on synthetic leaks, flat noise, gaps and bad input. */
class EarlyWarningMonitorTest {
  private static final long MIN = 60_000;

  private static EarlyWarningMonitor monitor() {
    return EarlyWarningMonitor.builder()
        .step(Duration.ofMinutes(1))
        .horizon(Duration.ofHours(6))
        .build();
  }

  /**
   * 2 h flat at 0.5 of the limit, then a leak of 0.5 per 3 h: the limit is reached at minute 300.
   */
  private static double leak(int minute, Random r) {
    double base = 0.5 + 0.005 * r.nextGaussian();
    return minute < 120 ? base : base + 0.5 * (minute - 120) / 180.0;
  }

  @Test
  void leakIsWarnedAheadWithACrossingNearTheTruth() {
    EarlyWarningMonitor m = monitor();
    m.register("shop/web-1", EarlyWarningMonitor.MetricKind.MEMORY_OVER_LIMIT);
    Random r = new Random(1);
    List<EarlyWarningMonitor.Warning> all = new ArrayList<>();
    for (int t = 0; t < 300; t++) {
      all.addAll(m.observe("shop/web-1", t * MIN, leak(t, r)));
    }
    assertThat(all).isNotEmpty();
    assertThat(all).allMatch(w -> w.timeMillis() >= 120 * MIN, "nothing before the leak starts");
    EarlyWarningMonitor.Warning growth = first(all, EarlyWarningMonitor.Source.STEADY_GROWTH);
    EarlyWarningMonitor.Warning forecast = first(all, EarlyWarningMonitor.Source.FORECAST);
    // Both fire at least an hour before the limit (minute 300) ...
    assertThat(growth.timeMillis()).isLessThan(240 * MIN);
    assertThat(forecast.timeMillis()).isLessThan(240 * MIN);
    // ... the first ones, 20 minutes into the leak, predict the crossing within 70 minutes of the
    // truth; those in the last hour within 10 minutes.
    assertThat(Math.abs(growth.predictedCrossingMillis() - 300 * MIN)).isLessThan(70 * MIN);
    assertThat(Math.abs(forecast.predictedCrossingMillis() - 300 * MIN)).isLessThan(70 * MIN);
    List<EarlyWarningMonitor.Warning> late =
        all.stream().filter(w -> w.timeMillis() >= 240 * MIN).toList();
    assertThat(late).hasSize(2);
    assertThat(late)
        .allSatisfy(
            w ->
                assertThat(Math.abs(w.predictedCrossingMillis() - 300 * MIN)).isLessThan(10 * MIN));
    assertThat(forecast.confidence()).isBetween(0.8, 1.0);
    assertThat(growth.confidence()).isGreaterThanOrEqualTo(0.9);
    assertThat(forecast.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(forecast.lead()).isPositive();
    assertThat(forecast.message()).contains("shop/web-1").contains("OOM");
    // The cooldown (1 h) keeps each source to at most one warning per hour.
    long forecasts =
        all.stream().filter(w -> w.source() == EarlyWarningMonitor.Source.FORECAST).count();
    assertThat(forecasts).isBetween(1L, 3L);
  }

  @Test
  void flatNoisySeriesGivesNoWarningInTwoDays() {
    EarlyWarningMonitor m = monitor();
    m.register("a", EarlyWarningMonitor.MetricKind.MEMORY_OVER_LIMIT);
    m.register("d", EarlyWarningMonitor.MetricKind.DISK_USAGE_FRACTION);
    Random r = new Random(2);
    int warnings = 0;
    for (int t = 0; t < 2 * 1440; t++) {
      double daily = 0.05 * Math.sin(2 * Math.PI * t / 1440.0);
      warnings += m.observe("a", t * MIN, 0.5 + daily + 0.01 * r.nextGaussian()).size();
      warnings += m.observe("d", t * MIN, 0.4 + 0.002 * r.nextGaussian()).size();
    }
    assertThat(warnings).isZero();
  }

  @Test
  void missingSampleDropsTheModelUntilEnoughNewHistory() {
    EarlyWarningMonitor m =
        EarlyWarningMonitor.builder()
            .step(Duration.ofMinutes(1))
            .steadyGrowth(Duration.ofMinutes(30), 2.0) // rule disabled: only the forecast can fire
            .build();
    m.register("d", EarlyWarningMonitor.MetricKind.DISK_USAGE_FRACTION);
    int t = 0;
    for (; t < 60; t++) {
      m.observe("d", t * MIN, 0.5 + 0.004 * t); // reaches 0.9 at t = 100
    }
    assertThat(m.observe("d", t * MIN, Double.NaN)).isEmpty();
    t++;
    // The first 19 samples after the gap cannot warn: the first fit needs 20 minutes of history.
    for (int i = 0; i < 19; i++, t++) {
      assertThat(m.observe("d", t * MIN, 0.5 + 0.004 * t)).as("sample %d", i).isEmpty();
    }
    assertThat(m.observe("d", t * MIN, 0.5 + 0.004 * t))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.source()).isEqualTo(EarlyWarningMonitor.Source.FORECAST);
              assertThat(w.predictedCrossingMillis())
                  .isBetween(100 * MIN, 101 * MIN); // whole steps, rounding
            });
  }

  @Test
  void timeGapLongerThanOneAndAHalfStepsAlsoResets() {
    EarlyWarningMonitor m =
        EarlyWarningMonitor.builder().steadyGrowth(Duration.ofMinutes(30), 2.0).build();
    m.register("d", EarlyWarningMonitor.MetricKind.DISK_USAGE_FRACTION);
    List<EarlyWarningMonitor.Warning> w = new ArrayList<>();
    for (int t = 0; t < 19; t++) {
      w.addAll(m.observe("d", t * MIN, 0.5 + 0.004 * t));
    }
    for (int t = 21; t < 39; t++) { // two-minute gap: a new stretch of 18 samples, too short
      w.addAll(m.observe("d", t * MIN, 0.5 + 0.004 * t));
    }
    assertThat(w).isEmpty();
  }

  @Test
  void cpuRiseFiresOnAFastRiseOnly() {
    EarlyWarningMonitor m = monitor();
    m.register("fast", EarlyWarningMonitor.MetricKind.CPU_OVER_LIMIT);
    m.register("slow", EarlyWarningMonitor.MetricKind.CPU_OVER_LIMIT);
    List<EarlyWarningMonitor.Warning> fast = new ArrayList<>();
    List<EarlyWarningMonitor.Warning> slow = new ArrayList<>();
    for (int t = 0; t < 40; t++) {
      fast.addAll(
          m.observe("fast", t * MIN, Math.min(1, 0.3 + 0.025 * t))); // 1.5 of the limit per hour
      slow.addAll(m.observe("slow", t * MIN, 0.6 + 0.001 * t)); // 0.06 per hour
    }
    assertThat(slow).isEmpty();
    EarlyWarningMonitor.Warning w = first(fast, EarlyWarningMonitor.Source.CPU_RISE);
    assertThat(w.value()).isGreaterThanOrEqualTo(0.5);
    assertThat(w.timeMillis()).isLessThan(28 * MIN); // before the limit is reached at minute 28
  }

  @Test
  void seriesObservedFromSeveralThreadsGiveTheSequentialWarnings() throws Exception {
    int series = 8;
    List<List<EarlyWarningMonitor.Warning>> sequential = runSeries(series, false);
    List<List<EarlyWarningMonitor.Warning>> parallel = runSeries(series, true);
    assertThat(parallel).isEqualTo(sequential);
    assertThat(sequential).allSatisfy(l -> assertThat(l).isNotEmpty());
  }

  private static List<List<EarlyWarningMonitor.Warning>> runSeries(int n, boolean threads)
      throws Exception {
    EarlyWarningMonitor m = monitor();
    List<List<EarlyWarningMonitor.Warning>> out = new ArrayList<>();
    List<Thread> ts = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      m.register("s" + s, EarlyWarningMonitor.MetricKind.MEMORY_OVER_LIMIT);
      out.add(java.util.Collections.synchronizedList(new ArrayList<>()));
    }
    for (int s = 0; s < n; s++) {
      int id = s;
      Runnable feed =
          () -> {
            Random r = new Random(100 + id);
            for (int t = 0; t < 300; t++) {
              out.get(id).addAll(m.observe("s" + id, t * MIN, leak(t, r)));
            }
          };
      if (threads) {
        Thread th = new Thread(feed);
        ts.add(th);
        th.start();
      } else {
        feed.run();
      }
    }
    for (Thread th : ts) {
      th.join();
    }
    List<List<EarlyWarningMonitor.Warning>> copy = new ArrayList<>();
    out.forEach(l -> copy.add(List.copyOf(l)));
    return copy;
  }

  @Test
  void badInputIsNamed() {
    EarlyWarningMonitor m = monitor();
    m.register("x", EarlyWarningMonitor.MetricKind.MEMORY_OVER_LIMIT);
    assertThatThrownBy(() -> m.register("x", EarlyWarningMonitor.MetricKind.MEMORY_OVER_LIMIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already registered");
    assertThatThrownBy(() -> m.observe("y", 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("y is not registered");
    m.observe("x", 10 * MIN, 0.5);
    assertThatThrownBy(() -> m.observe("x", 10 * MIN, 0.5))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("series x")
        .hasMessageContaining("not after");
    assertThatThrownBy(() -> m.observe("x", 11 * MIN, Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("series x: infinite value");
    assertThatThrownBy(() -> EarlyWarningMonitor.builder().horizon(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("horizon");
  }

  @Test
  void quickselectMedianEqualsTheSortedMedian() {
    Random r = new Random(5);
    for (int n = 1; n < 60; n++) {
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextInt(7) + r.nextGaussian(); // ties and spread
      }
      double[] s = a.clone();
      Arrays.sort(s);
      double expected = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
      assertThat(Quantiles.median(a, n)).as("n=%d", n).isEqualTo(expected);
    }
  }

  private static EarlyWarningMonitor.Warning first(
      List<EarlyWarningMonitor.Warning> all, EarlyWarningMonitor.Source src) {
    return all.stream()
        .filter(w -> w.source() == src)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + src + " warning in " + all));
  }
}
