package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.forecast.eval.Accuracy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SelectedLagAndAutoTest {
  private static double[] cycle(int n, int p, long seed) {
    double[] e = Series.whiteNoise(n, 0, 0.2, seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 20 + 8 * Math.sin(2 * Math.PI * (t % p) / p) + e[t];
    }
    return y;
  }

  @Test
  void selectedLagFindsACycleOffTheNominalPeriod() {
    double[] all = cycle(700, 23, 71);
    double[] train = Arrays.copyOf(all, 652);
    double[] test = Arrays.copyOfRange(all, 652, 700);
    ForecastModel m = NaiveForecaster.seasonalNaiveSelectedLag().fit(train, 24);
    // any multiple of the true cycle is equally right on a pure cycle plus noise
    int lag = Integer.parseInt(m.description().replaceAll(".*m=(\\d+).*", "$1"));
    assertThat(lag % 23).isZero();
    double sel = Accuracy.mae(test, m.forecast(48).mean());
    double nominal =
        Accuracy.mae(test, NaiveForecaster.seasonalNaive().fit(train, 24).forecast(48).mean());
    assertThat(sel).isLessThan(nominal / 3);
  }

  @Test
  void selectedLagFindsTheWeeklyCycle() {
    double[] y = cycle(24 * 7 * 4, 24, 72);
    for (int t = 0; t < y.length; t++) {
      if ((t / 24) % 7 >= 5) {
        y[t] -= 10;
      }
    }
    assertThat(NaiveForecaster.seasonalNaiveSelectedLag().fit(y, 24).description())
        .contains("m=168");
    assertThat(NaiveForecaster.seasonalNaive(168).fit(y, 24).forecast(1).mean(0))
        .isEqualTo(y[y.length - 168]);
  }

  @Test
  void autoBeatsSeasonalNaiveOnANoisyTrendingSeasonalSeries() {
    double[] e = Series.whiteNoise(24 * 30 + 48, 0, 2, 73);
    double[] y = new double[e.length];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 0.05 * t + 10 * Math.sin(2 * Math.PI * (t % 24) / 24) + e[t];
    }
    double[] train = Arrays.copyOf(y, y.length - 48);
    double[] test = Arrays.copyOfRange(y, y.length - 48, y.length);
    ForecastModel m = AutoForecaster.create().fit(train, 24);
    Forecast f = m.forecast(48, 0.95);
    double auto = Accuracy.mae(test, f.mean());
    double sn =
        Accuracy.mae(test, NaiveForecaster.seasonalNaive().fit(train, 24).forecast(48).mean());
    assertThat(auto).isLessThan(sn);
    assertThat(Accuracy.coverage(test, f.lower(0.95), f.upper(0.95))).isGreaterThan(0.8);
    assertThat(m.description()).startsWith("median of [");
  }
}
