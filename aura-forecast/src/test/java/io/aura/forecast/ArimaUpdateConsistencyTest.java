package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code update} is the Kalman filter's next step: fitting on the first n values and updating with
 * k more gives the same forecasts as filtering all n + k values with the same coefficients.
 */
class ArimaUpdateConsistencyTest {
  @Test
  void updatesEqualFilteringTheLongerSeries() {
    SplittableRandom r = new SplittableRandom(81);
    int total = 300;
    double[] y = new double[total];
    double e1 = 0;
    for (int t = 1; t < total; t++) {
      double e = r.nextGaussian();
      y[t] = y[t - 1] + 0.2 + 0.5 * (t > 1 ? y[t - 1] - y[t - 2] - 0.2 : 0) + e + 0.3 * e1;
      e1 = e;
    }
    ArimaOrder o = ArimaOrder.of(1, 1, 1, true);
    int n = 250;
    ArimaModel fitted = ArimaForecaster.of(o).fit(Arrays.copyOf(y, n), 1);
    ArimaModel updated = fitted;
    for (int t = n; t < total; t++) {
      updated = updated.update(y[t]);
    }
    // filter the whole series with the same coefficients
    double[] coef = fitted.coefficients();
    double[] w = new double[total - 1];
    for (int t = 1; t < total; t++) {
      w[t - 1] = y[t] - y[t - 1];
    }
    double[][] polys = ArimaForecaster.expand(coef, o);
    int rr = polys[0].length;
    double[] out = new double[rr * rr + rr + 3];
    ArimaForecaster.exactLik(w, o, coef, out);
    double[] a = Arrays.copyOf(out, rr);
    double[] p = Arrays.copyOfRange(out, rr, rr + rr * rr);
    ArimaModel direct =
        new ArimaModel(
            o,
            coef,
            polys[0],
            polys[1],
            coef[coef.length - 1],
            fitted.sigma2(),
            fitted.aicc(),
            a,
            p,
            out[rr + rr * rr] > 0.5,
            new double[] {y[total - 1]},
            total,
            1);
    Forecast fu = updated.forecast(10, 0.9);
    Forecast fd = direct.forecast(10, 0.9);
    for (int i = 0; i < 10; i++) {
      assertThat(fu.mean(i)).isCloseTo(fd.mean(i), offset(1e-8));
      assertThat(fu.upper(0, i)).isCloseTo(fd.upper(0, i), offset(1e-8));
    }
    // and a missing value advances the state on its own forecast
    ArimaModel gap = updated.update(Double.NaN);
    assertThat(gap.forecast(1).mean(0)).isCloseTo(fu.mean(1), offset(1e-9));
  }
}
