package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.forecast.eval.Accuracy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants that must hold for any input. */
class ForecastPropertiesTest {
  @Property(tries = 200)
  void smapeIsBetweenZeroAndTwoHundred(
      @ForAll @Size(min = 1, max = 20) double[] a,
      @ForAll @DoubleRange(min = -1e6, max = 1e6) double shift) {
    double[] actual = new double[a.length];
    double[] f = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      actual[i] = Double.isFinite(a[i]) ? a[i] : 0;
      f[i] = actual[i] + shift;
    }
    double s = Accuracy.smape(actual, f);
    assertThat(s).isBetween(0.0, 200.0 + 1e-9);
  }

  /** Positive next values: a multiplicative model (auto ETS may pick one) rejects non-positive. */
  @Property(tries = 50)
  void updateNeverChangesTheOriginalAndCountsObservations(
      @ForAll @IntRange(min = 1, max = 1000) int seed,
      @ForAll @DoubleRange(min = 1, max = 100) double next) {
    double[] y = Series.seasonal(60, 4, 0.3, 0.1, 1, seed);
    for (Forecaster f :
        new Forecaster[] {
          EtsForecaster.auto(),
          ThetaForecaster.standard(),
          NaiveForecaster.seasonalNaive(),
          ArimaForecaster.of(ArimaOrder.of(1, 1, 1, false))
        }) {
      ForecastModel m = f.fit(y, 4);
      double[] before = m.forecast(6, 0.9).mean();
      ForecastModel u = m.update(next);
      assertThat(m.forecast(6, 0.9).mean()).containsExactly(before);
      assertThat(u.observations()).isEqualTo(61);
      Forecast g = u.forecast(6, 0.9);
      for (int i = 0; i < 6; i++) {
        assertThat(g.lower(0, i)).isLessThanOrEqualTo(g.upper(0, i));
      }
    }
  }
}
