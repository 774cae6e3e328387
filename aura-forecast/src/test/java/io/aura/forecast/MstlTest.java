package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.forecast.eval.Accuracy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** MSTL recovers known daily and weekly components and forecasts them. */
class MstlTest {
  private static double daily(int t) {
    return 10 * Math.sin(2 * Math.PI * (t % 24) / 24);
  }

  private static double weekly(int t) {
    return (t / 24) % 7 >= 5 ? -8 : 3.2; // weekend dip, zero mean over the week
  }

  private static double[] hourly(int n, long seed) {
    double[] e = Series.whiteNoise(n, 0, 1, seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = 100 + 0.01 * t + daily(t) + weekly(t) + e[t];
    }
    return y;
  }

  @Test
  void decompositionRecoversBothSeasonalComponents() {
    int n = 24 * 7 * 6;
    double[] y = hourly(n, 41);
    Stl.Multi d = Stl.mstl(y, new int[] {24, 168});
    double errDaily = 0;
    double errWeekly = 0;
    int cnt = 0;
    for (int t = 168; t < n - 168; t++) {
      errDaily += Math.abs(d.seasonals()[0][t] - daily(t));
      errWeekly += Math.abs(d.seasonals()[1][t] - weekly(t));
      cnt++;
    }
    assertThat(errDaily / cnt).isLessThan(1.0);
    assertThat(errWeekly / cnt).isLessThan(1.5);
  }

  @Test
  void forecastBeatsDailySeasonalNaiveWhenThereIsAWeeklyCycle() {
    int n = 24 * 7 * 6;
    double[] all = hourly(n + 48, 42);
    double[] train = Arrays.copyOf(all, n);
    double[] test = Arrays.copyOfRange(all, n, n + 48);
    Forecaster mstl = MstlForecaster.of(EtsForecaster.autoNonSeasonal()).withPeriods(24, 168);
    double errMstl = Accuracy.mae(test, mstl.fit(train, 24).forecast(48).mean());
    double errSn =
        Accuracy.mae(test, NaiveForecaster.seasonalNaive().fit(train, 24).forecast(48).mean());
    assertThat(errMstl).isLessThan(errSn);
    assertThat(errMstl).isLessThan(2.5);
  }

  @Test
  void logVariantKeepsForecastsPositiveAndUpdateShiftsTheSeason() {
    double[] y = hourly(24 * 7 * 4, 43);
    ForecastModel m =
        MstlForecaster.of(NaiveForecaster.naive()).withPeriods(24, 168).withLog(true).fit(y, 24);
    Forecast f = m.forecast(48, 0.95);
    for (int i = 0; i < 48; i++) {
      assertThat(f.lower(0, i)).isPositive();
    }
    // after one update, the forecast's first step is the old second step's seasonal position
    Forecast g = m.update(f.mean(0)).forecast(2);
    assertThat(g.mean(0)).isCloseTo(f.mean(1), org.assertj.core.data.Offset.offset(1e-6));
  }
}
