package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.aura.features.anomaly.Severity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Known answers for threshold crossing on perfect ramps. */
class TimeToThresholdTest {
  @Test
  void perfectRampCrossesAtTheExactStep() {
    // y = 50 + 0.5 t, t = 0..39 -> 90 at t = 80, i.e. 41 steps after the last sample
    ForecastModel m =
        ArimaForecaster.of(ArimaOrder.of(0, 1, 0, true)).fit(Series.ramp(40, 50, 0.5), 1);
    TimeToThreshold.Result r =
        TimeToThreshold.estimate(
            m, 90, TimeToThreshold.Direction.RISING, Duration.ofHours(1), 100, 0.8);
    assertThat(r.expected()).contains(Duration.ofHours(41));
    assertThat(r.earliest()).contains(Duration.ofHours(41)); // zero-width interval
    assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(r.probability()).isEqualTo(1.0);
  }

  @Test
  void severityBoundaries() {
    assertThat(TimeToThreshold.severityOf(Duration.ofHours(71))).isEqualTo(Severity.CRITICAL);
    assertThat(TimeToThreshold.severityOf(Duration.ofDays(3))).isEqualTo(Severity.MEDIUM);
    assertThat(TimeToThreshold.severityOf(Duration.ofDays(7))).isEqualTo(Severity.LOW);
    assertThat(TimeToThreshold.severityOf(Duration.ofDays(29))).isEqualTo(Severity.LOW);
    assertThat(TimeToThreshold.severityOf(Duration.ofDays(30))).isEqualTo(Severity.NONE);
    assertThat(TimeToThreshold.severityOf(null)).isEqualTo(Severity.NONE);
  }

  @Test
  void diskFillingByOnePercentPerDayFromEightyIsWarningInTenDays() {
    // daily samples: 60.5%..80.5% over 21 days, 1 point/day -> 90% after 9.5 days: step 10
    double[] used = Series.ramp(21, 0.605, 0.01);
    ForecastModel m =
        EtsForecaster.of(new Ets(Ets.Error.ADDITIVE, Ets.Trend.ADDITIVE, Ets.Season.NONE))
            .fit(used, 1);
    EarlyWarning.Warning w = EarlyWarning.diskFull(m, Duration.ofDays(1), 60);
    assertThat(w.crossing().expected()).contains(Duration.ofDays(10));
    assertThat(w.severity()).isEqualTo(Severity.LOW);
    assertThat(w.message()).startsWith("disk at 90% in ~10 days");
  }

  @Test
  void noisyMemoryRampGivesEarliestBeforeExpectedBeforeLatest() {
    double[] noise = Series.whiteNoise(120, 0, 5e6, 61);
    double[] mem = new double[120];
    for (int i = 0; i < mem.length; i++) {
      mem[i] = 200e6 + 1e6 * i + noise[i]; // 1 MB/min, 319 MB now, limit 400 MB -> ~80 min
    }
    ForecastModel m = ArimaForecaster.of(ArimaOrder.of(0, 1, 0, true)).fit(mem, 1);
    EarlyWarning.Warning w = EarlyWarning.memoryLimit(m, 400e6, Duration.ofMinutes(1), 600);
    TimeToThreshold.Result r = w.crossing();
    assertThat(r.earliest().orElseThrow()).isLessThan(r.expected().orElseThrow());
    assertThat(r.expected().orElseThrow()).isLessThan(r.latest().orElseThrow());
    assertThat(r.expected().orElseThrow().toMinutes()).isBetween(60L, 120L);
    assertThat(w.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(w.message()).startsWith("OOM in ~").contains("probability");
    assertThat(r.probability()).isCloseTo(1.0, offset(0.01));
  }

  @Test
  void fallingThresholdAndNoCrossing() {
    ForecastModel flat = NaiveForecaster.naive().fit(new double[] {5, 5, 5, 5}, 1);
    TimeToThreshold.Result r =
        TimeToThreshold.estimate(
            flat, 1, TimeToThreshold.Direction.FALLING, Duration.ofMinutes(5), 10, 0.9);
    assertThat(r.expected()).isEmpty();
    assertThat(r.severity()).isEqualTo(Severity.NONE);
    assertThat(r.probability()).isZero();
  }
}
