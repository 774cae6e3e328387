package io.aura.eval.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.forecast.NaiveForecaster;
import io.aura.rightsizing.ForecastRecommender;
import io.aura.rightsizing.KrrSimple;
import io.aura.rightsizing.Resource;
import io.aura.rightsizing.VpaSettings;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RightsizingReplayTest {
  static final long DAY = 86_400_000L;
  static final long T0 = 1372550400000L; // 2013-06-30T00:00Z

  static BitbrainsTrace cycle(String name, int days, long seed) {
    Random rnd = new Random(seed);
    int n = days * 288;
    double[] cpu = new double[n];
    double[] mem = new double[n];
    for (int i = 0; i < n; i++) {
      double hour = (i / 12.0) % 24;
      cpu[i] = 1 + 0.8 * Math.sin(2 * Math.PI * hour / 24) + 0.05 * rnd.nextGaussian();
      mem[i] = i % 97 == 0 ? Double.NaN : 2e9 + 1e8 * Math.sin(2 * Math.PI * hour / 24);
    }
    return BitbrainsTrace.of(name, T0, cpu, mem);
  }

  static RightsizingReplay.Config config(int from, int to) {
    return new RightsizingReplay.Config(new double[] {0.5, 0.8, 1.0, 1.3, 2.0},
        VpaSettings.defaults(), KrrSimple.defaults(),
        ForecastRecommender.builder().forecaster(NaiveForecaster.seasonalNaive(24)).build(),
        T0 + from * DAY, T0 + to * DAY);
  }

  @Test
  void replayIsCausalAndTheScheduleBeatsVpaOnADailyCycle() {
    BitbrainsTrace t = cycle("a", 40, 1);
    RightsizingReplay.Config c = config(30, 40);
    Map<String, RightsizingReplay.Allocation> a =
        RightsizingReplay.run(t, c, List.of("vpa", "krr", "forecast"));
    // causality: changing the future leaves the allocations of earlier hours unchanged
    double[] cpu = t.cpuSeries();
    for (int i = 35 * 288; i < cpu.length; i++) {
      cpu[i] *= 3;
    }
    BitbrainsTrace changed = BitbrainsTrace.of("a", T0, cpu, t.memorySeries());
    Map<String, RightsizingReplay.Allocation> b =
        RightsizingReplay.run(changed, c, List.of("vpa", "krr", "forecast"));
    for (String m : List.of("vpa", "krr", "forecast")) {
      for (int h = 0; h < 5 * 24; h++) {
        assertThat(b.get(m).cpu()[2][h]).isEqualTo(a.get(m).cpu()[2][h]);
      }
    }
    // scoring: the hourly schedule allocates less than VPA's static request at a 1 % budget
    RightsizingScore.Tally[][] fv = new RightsizingScore.Tally[1][];
    RightsizingScore.Tally[][] vv = new RightsizingScore.Tally[1][];
    fv[0] = new RightsizingScore.Tally[5];
    vv[0] = new RightsizingScore.Tally[5];
    for (int k = 0; k < 5; k++) {
      fv[0][k] = RightsizingScore.tally(a.get("forecast").cpu()[k], t.cpuSeries(), 30 * 288);
      vv[0][k] = RightsizingScore.tally(a.get("vpa").cpu()[k], t.cpuSeries(), 30 * 288);
    }
    RightsizingScore.Point pf = RightsizingScore.atBudget(fv, new int[] {0}, Resource.CPU, 0.01);
    RightsizingScore.Point pv = RightsizingScore.atBudget(vv, new int[] {0}, Resource.CPU, 0.01);
    assertThat(pf.factor()).isNotNegative();
    assertThat(pv.factor()).isNotNegative();
    assertThat(pf.allocation()).isLessThan(pv.allocation());
    assertThat(a.get("forecast").fallbackHours()[0]).isZero();
  }

  @Test
  void tallyCountsWindowsDaysSlackAndChurn() {
    double[] usage = new double[48 * 12];
    java.util.Arrays.fill(usage, 1.0);
    usage[5] = 3.0; // one violation on day 0
    usage[7] = Double.NaN; // missing: not counted
    double[] alloc = new double[48];
    java.util.Arrays.fill(alloc, 2.0);
    alloc[30] = 2.5; // two changes > 10 % (up and down)
    RightsizingScore.Tally t = RightsizingScore.tally(alloc, usage, 0);
    assertThat(t.windows()).isEqualTo(48 * 12 - 1);
    assertThat(t.violations()).isEqualTo(1);
    assertThat(t.days()).isEqualTo(2);
    assertThat(t.violatedDays()).isEqualTo(1);
    assertThat(t.changes()).isEqualTo(2);
    assertThat(t.rate(Resource.MEMORY)).isEqualTo(0.5);
    // slack: 1 per window at 2.0, 1.5 in hour 30, 0 at the violation
    assertThat(t.slack()).isEqualTo((48 * 12 - 2 - 12) * 1.0 + 12 * 1.5);
    assertThat(RightsizingScore.hours(Resource.CPU, 12 * 2.0)).isEqualTo(2.0);
  }

  @Test
  void pairedBootstrapOfIdenticalMethodsIsZero() {
    BitbrainsTrace t = cycle("a", 20, 2);
    RightsizingReplay.Config c = config(10, 20);
    RightsizingReplay.Allocation v = RightsizingReplay.run(t, c, List.of("vpa")).get("vpa");
    RightsizingScore.Tally[][] vv = new RightsizingScore.Tally[3][5];
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 5; k++) {
        vv[i][k] = RightsizingScore.tally(v.cpu()[k], t.cpuSeries(), 10 * 288);
      }
    }
    RightsizingScore.Saving s = RightsizingScore.saving(vv, vv, Resource.CPU, 0.05, 200, 1);
    assertThat(s.saving()).isZero();
    assertThat(s.lo()).isZero();
    assertThat(s.hi()).isZero();
  }
}
