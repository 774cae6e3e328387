package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/** Properties of the Theta method that follow from Hyndman &amp; Billah (2003). */
class ThetaTest {
  @Test
  void standardThetaHasHalfTheRegressionSlope() {
    double[] y = Series.whiteNoise(200, 0, 1, 21);
    for (int i = 0; i < y.length; i++) {
      y[i] += 0.8 * i;
    }
    Forecast f = ThetaForecaster.standard().fit(y, 1).forecast(20);
    // slope of the forecast = b/2 with b ~ 0.8
    double slope = (f.mean(19) - f.mean(0)) / 19;
    assertThat(slope).isCloseTo(0.4, offset(0.01));
  }

  @Test
  void thetaOneIsSimpleExponentialSmoothing() {
    double[] y = Series.localLevel(300, 0.4, 1, 10, 22);
    Forecast f = ThetaForecaster.withTheta(1).fit(y, 1).forecast(5);
    // flat forecasts (no regression weight)
    assertThat(f.mean(4)).isCloseTo(f.mean(0), offset(1e-9));
    Forecast ses = EtsForecaster.ses().fit(y, 1).forecast(1);
    assertThat(f.mean(0)).isCloseTo(ses.mean(0), offset(0.3));
  }

  @Test
  void optimisedThetaPicksTheLargestThetaOnAPureTrend() {
    double[] y = Series.ramp(100, 10, 2);
    double[] noise = Series.whiteNoise(100, 0, 0.1, 23);
    for (int i = 0; i < y.length; i++) {
      y[i] += noise[i];
    }
    double truth = 10 + 2 * 109;
    double std = Math.abs(ThetaForecaster.standard().fit(y, 1).forecast(10).mean(9) - truth);
    double opt = Math.abs(ThetaForecaster.optimized().fit(y, 1).forecast(10).mean(9) - truth);
    // on a line the SES part lags by h steps: error 2h/theta, so theta = 5 beats theta = 2
    assertThat(std).isCloseTo(2 * 10 / 2.0, offset(0.5));
    assertThat(opt).isCloseTo(2 * 10 / 5.0, offset(0.5));
  }
}
