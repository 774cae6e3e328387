package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Naive benchmarks and the M4 seasonal adjustment on series with known structure. */
class NaiveAndSeasonalityTest {
  private static double[] multiplicativeSeasonal(int n, int m, long seed) {
    double[] noise = Series.whiteNoise(n, 0, 0.01, seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = (100 + 0.1 * t) * (1 + 0.3 * Math.sin(2 * Math.PI * (t % m) / m)) * (1 + noise[t]);
    }
    return y;
  }

  @Test
  void seasonalityTestDetectsSeasonAndRejectsNoise() {
    assertThat(M4Seasonality.isSeasonal(multiplicativeSeasonal(120, 12, 1), 12)).isTrue();
    assertThat(M4Seasonality.isSeasonal(Series.whiteNoise(120, 10, 1, 2), 12)).isFalse();
    // fewer than 3 seasons: never seasonal (M4 rule)
    assertThat(M4Seasonality.isSeasonal(multiplicativeSeasonal(35, 12, 1), 12)).isFalse();
  }

  @Test
  void acfOfAlternatingSeriesIsMinusOneAtLagOne() {
    double[] y = new double[100];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 2 == 0 ? 1 : -1;
    }
    assertThat(M4Seasonality.acf(y, 1)).isCloseTo(-0.99, offset(1e-12));
  }

  @Test
  void multiplicativeIndicesRecoverTheSeasonalShape() {
    int m = 12;
    double[] idx = M4Seasonality.multiplicativeIndices(multiplicativeSeasonal(240, m, 3), m);
    double mean = 0;
    for (int j = 0; j < m; j++) {
      mean += idx[j] / m;
      assertThat(idx[j]).isCloseTo(1 + 0.3 * Math.sin(2 * Math.PI * j / m), offset(0.02));
    }
    assertThat(mean).isCloseTo(1, offset(1e-12));
  }

  @Test
  void naiveRepeatsLastValueWithSqrtHIntervals() {
    double[] y = {1, 3, 2, 4};
    Forecast f = NaiveForecaster.naive().fit(y, 1).forecast(4, 0.95);
    // one-step diffs 2,-1,2: sigma = sqrt(9/3)
    double sigma = Math.sqrt(3);
    for (int i = 0; i < 4; i++) {
      assertThat(f.mean(i)).isEqualTo(4);
      assertThat(f.upper(0, i) - 4).isCloseTo(1.959964 * sigma * Math.sqrt(i + 1), offset(1e-4));
    }
  }

  @Test
  void seasonalNaiveRepeatsLastSeasonAndUpdateShiftsIt() {
    double[] y = {1, 2, 3, 10, 20, 30};
    ForecastModel m = NaiveForecaster.seasonalNaive().fit(y, 3);
    assertThat(m.forecast(5).mean()).containsExactly(10, 20, 30, 10, 20);
    assertThat(m.update(11).forecast(3).mean()).containsExactly(20, 30, 11);
  }

  @Test
  void naive2ReseasonalisesTheLastAdjustedValue() {
    int m = 12;
    double[] y = multiplicativeSeasonal(240, m, 4);
    Forecast f = NaiveForecaster.naive2().fit(y, m).forecast(m);
    double[] idx = M4Seasonality.multiplicativeIndices(y, m);
    double lastAdj = y[239] / idx[239 % m];
    for (int i = 0; i < m; i++) {
      assertThat(f.mean(i)).isCloseTo(lastAdj * idx[(240 + i) % m], offset(1e-9));
    }
    // on non-seasonal data Naive2 is naive
    double[] noise = Series.whiteNoise(100, 10, 1, 5);
    assertThat(NaiveForecaster.naive2().fit(noise, 12).forecast(3).mean())
        .containsExactly(noise[99], noise[99], noise[99]);
  }
}
