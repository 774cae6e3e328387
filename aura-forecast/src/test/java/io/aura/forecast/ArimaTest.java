package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ARIMA estimates against R's published examples: {@code ?arima} in R's stats package prints {@code
 * arima(lh, order = c(1,0,0))}: ar1 0.5739, intercept 2.4133, sigma^2 0.1975, AIC 64.76; {@code
 * c(3,0,0)}: 0.6448, -0.0634, -0.2198, intercept 2.3931, sigma^2 0.1787; {@code c(1,0,1)}: ar1
 * 0.4522, ma1 0.1982, intercept 2.4101; and {@code arima(USAccDeaths, order = c(0,1,1), seasonal =
 * list(order = c(0,1,1)))}: ma1 -0.4303, sma1 -0.5528, sigma^2 99347, AIC 856.88, with {@code
 * predict(fit, n.ahead = 6)} 8336.061 7531.829 8314.644 8616.869 9488.916 9859.757 and standard
 * errors starting 315.4481.
 */
class ArimaTest {
  static final double[] LH = {
    2.4, 2.4, 2.4, 2.2, 2.1, 1.5, 2.3, 2.3, 2.5, 2.0, 1.9, 1.7, 2.2, 1.8, 3.2, 3.2, 2.7, 2.2, 2.2,
    1.9, 1.9, 1.8, 2.7, 3.0, 2.3, 2.0, 2.0, 2.9, 2.9, 2.7, 2.7, 2.3, 2.6, 2.4, 1.8, 1.7, 1.5, 1.4,
    2.1, 3.3, 3.5, 3.5, 3.1, 2.6, 2.1, 3.4, 3.0, 2.9
  };
  static final double[] US_ACC_DEATHS = {
    9007, 8106, 8928, 9137, 10017, 10826, 11317, 10744, 9713, 9938, 9161, 8927, 7750, 6981, 8038,
    8422, 8714, 9512, 10120, 9823, 8743, 9129, 8710, 8680, 8162, 7306, 8124, 7870, 9387, 9556,
    10093, 9620, 8285, 8466, 8160, 8034, 7717, 7461, 7767, 7925, 8623, 8945, 10078, 9179, 8037,
    8488, 7874, 8647, 7792, 6957, 7726, 8106, 8890, 9299, 10625, 9302, 8314, 8850, 8265, 8796,
    7836, 6892, 7791, 8192, 9115, 9434, 10484, 9827, 9110, 9070, 8633, 9240
  };

  @Test
  void ar1OnLhMatchesR() {
    ArimaModel m = ArimaForecaster.of(ArimaOrder.of(1, 0, 0, true)).fit(LH, 1);
    assertThat(m.coefficients()[0]).isCloseTo(0.5739, offset(5e-4));
    assertThat(m.constant()).isCloseTo(2.4133, offset(5e-4));
    assertThat(m.sigma2()).isCloseTo(0.1975, offset(5e-4));
    // AIC 64.76 -> AICc = AIC + 2k(k+1)/(n-k-1), k = 3, n = 48
    assertThat(m.aicc()).isCloseTo(64.76 + 24.0 / 44, offset(0.01));
  }

  @Test
  void ar3AndArma11OnLhMatchR() {
    double[] c3 = ArimaForecaster.of(ArimaOrder.of(3, 0, 0, true)).fit(LH, 1).coefficients();
    assertThat(c3).containsExactly(new double[] {0.6448, -0.0634, -0.2198, 2.3931}, offset(1e-3));
    ArimaModel m11 = ArimaForecaster.of(ArimaOrder.of(1, 0, 1, true)).fit(LH, 1);
    assertThat(m11.coefficients())
        .containsExactly(new double[] {0.4522, 0.1982, 2.4101}, offset(1e-3));
  }

  @Test
  void airlineModelOnUsAccDeathsMatchesRIncludingForecasts() {
    ArimaModel m =
        ArimaForecaster.of(new ArimaOrder(0, 1, 1, 0, 1, 1, 12, false)).fit(US_ACC_DEATHS, 12);
    assertThat(m.coefficients()).containsExactly(new double[] {-0.4303, -0.5528}, offset(1e-3));
    assertThat(m.sigma2()).isCloseTo(99347, offset(200.0));
    Forecast f = m.forecast(6, 0.95);
    double[] r = {8336.061, 7531.829, 8314.644, 8616.869, 9488.916, 9859.757};
    for (int i = 0; i < 6; i++) {
      assertThat(f.mean(i)).isCloseTo(r[i], offset(1.0));
    }
    assertThat((f.upper(0, 0) - f.mean(0)) / 1.959964).isCloseTo(315.4481, offset(1.0));
  }

  @Test
  void autoArimaFindsTheAirlineModelForUsAccDeaths() {
    ArimaModel m = ArimaForecaster.auto().fit(US_ACC_DEATHS, 12);
    assertThat(m.order().sd()).isEqualTo(1);
    assertThat(m.order().d() + m.order().sd()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void recoversSimulatedArma() {
    SplittableRandom r = new SplittableRandom(31);
    int n = 3000;
    double[] y = new double[n];
    double prevE = 0;
    double prevY = 0;
    for (int t = 0; t < n; t++) {
      double e = r.nextGaussian();
      y[t] = 5 + 0.6 * (prevY - 5) + e + 0.3 * prevE;
      prevY = y[t];
      prevE = e;
    }
    ArimaModel m = ArimaForecaster.of(ArimaOrder.of(1, 0, 1, true)).fit(y, 1);
    assertThat(m.coefficients()).containsExactly(new double[] {0.6, 0.3, 5}, offset(0.06));
    ArimaModel auto = ArimaForecaster.auto().fit(y, 1);
    assertThat(auto.order().d()).isZero();
  }

  @Test
  void randomWalkWithDriftGetsDifferencedAndUpdateContinues() {
    SplittableRandom r = new SplittableRandom(32);
    double[] y = new double[400];
    for (int t = 1; t < y.length; t++) {
      y[t] = y[t - 1] + 0.5 + r.nextGaussian();
    }
    ArimaModel m = ArimaForecaster.auto().fit(y, 1);
    assertThat(m.order().d()).isEqualTo(1);
    ArimaModel rw = ArimaForecaster.of(ArimaOrder.of(0, 1, 0, true)).fit(y, 1);
    assertThat(rw.constant()).isCloseTo(0.5, offset(0.15));
    // update then forecast equals the drift from the new value
    ArimaModel u = rw.update(y[399] + 3);
    assertThat(u.forecast(1).mean(0)).isCloseTo(y[399] + 3 + rw.constant(), offset(1e-9));
    // sd grows like sqrt(h) for a random walk
    Forecast f = rw.forecast(4, 0.95);
    double w1 = f.upper(0, 0) - f.mean(0);
    assertThat(f.upper(0, 3) - f.mean(3)).isCloseTo(2 * w1, offset(1e-6));
  }

  @Test
  void kpssSeparatesStationaryFromRandomWalk() {
    double[] noise = Series.whiteNoise(500, 0, 1, 33);
    double[] walk = new double[500];
    for (int i = 1; i < 500; i++) {
      walk[i] = walk[i - 1] + noise[i];
    }
    assertThat(ArimaForecaster.kpss(noise)).isLessThan(0.463);
    assertThat(ArimaForecaster.kpss(walk)).isGreaterThan(0.463);
  }
}
