package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Empirical coverage of MSTL prediction intervals, measured with {@link Backtest} on generated
 * hourly series with a daily and a weekly cycle, a slowly wandering level and Gaussian noise of
 * known variance (deterministic seeds).
 */
class MstlCoverageTest {
  static final int SERIES = 60;
  static final int H = 48;

  /** Four weeks plus two days of hourly data: level random walk (sd 0.1), noise sd 1. */
  static double[] generated(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 24 * 7 * 4 + H;
    double phase = r.nextDouble(0, 2 * Math.PI);
    double ampD = r.nextDouble(3, 10);
    double ampW = r.nextDouble(1, 5);
    double level = 50 + r.nextDouble(0, 50);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      level += 0.1 * r.nextGaussian();
      y[t] =
          level
              + ampD * Math.sin(2 * Math.PI * t / 24 + phase)
              + ampW * Math.sin(2 * Math.PI * t / 168)
              + r.nextGaussian();
    }
    return y;
  }

  static double[] coverage(Forecaster method) {
    double c80 = 0;
    double c95 = 0;
    for (int s = 0; s < SERIES; s++) {
      double[] y = generated(1000 + s);
      c80 += Backtest.rollingOrigin(method, y, 24, H, 1, H, 0.8).coverage();
      c95 += Backtest.rollingOrigin(method, y, 24, H, 1, H, 0.95).coverage();
    }
    return new double[] {c80 / SERIES, c95 / SERIES};
  }

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MstlCoverageTest.class);

  /** 60 series x 48 steps: coverage within +-0.06 of 80% and -0.04/+0.03 of 95%. */
  @Test
  void calibratedIntervalsCoverTheirNominalLevels() {
    Forecaster m = MstlForecaster.of(EtsForecaster.autoNonSeasonal()).withPeriods(24, 168);
    double[] c = coverage(m);
    LOG.info("MSTL-ETS calibrated coverage 80% {} 95% {}", c[0], c[1]);
    assertThat(c[0]).isBetween(0.74, 0.86);
    assertThat(c[1]).isBetween(0.91, 0.98);
  }

  /** The same on the log scale (positive series): calibration happens on the log scale. */
  @Test
  void calibratedLogIntervalsCoverTheirNominalLevels() {
    Forecaster m = MstlForecaster.of(ThetaForecaster.standard()).withPeriods(24, 168).withLog(true);
    double[] c = coverage(m);
    LOG.info("MSTL-log-Theta calibrated coverage 80% {} 95% {}", c[0], c[1]);
    assertThat(c[0]).isBetween(0.74, 0.86);
    assertThat(c[1]).isBetween(0.91, 0.98);
  }

  /** Without calibration (the former construction) the intervals under-cover badly. */
  @Test
  void uncalibratedIntervalsUnderCover() {
    Forecaster m =
        MstlForecaster.of(EtsForecaster.autoNonSeasonal())
            .withPeriods(24, 168)
            .withCalibration(0, 0);
    double[] c = coverage(m);
    LOG.info("MSTL-ETS uncalibrated coverage 80% {} 95% {}", c[0], c[1]);
    assertThat(c[0]).isLessThan(0.6);
    assertThat(c[1]).isLessThan(0.8);
  }

  @Test
  void calibrationNeverMovesThePointForecastAndSurvivesUpdate() {
    double[] y = java.util.Arrays.copyOf(generated(7), 24 * 7 * 4);
    MstlForecaster base = MstlForecaster.of(EtsForecaster.autoNonSeasonal()).withPeriods(24, 168);
    ForecastModel cal = base.fit(y, 24);
    ForecastModel raw = base.withCalibration(0, 0).fit(y, 24);
    Forecast fc = cal.forecast(H, 0.8, 0.95);
    Forecast fr = raw.forecast(H, 0.8, 0.95);
    for (int i = 0; i < H; i++) {
      assertThat(fc.mean(i)).isEqualTo(fr.mean(i));
      assertThat(fc.upper(1, i) - fc.lower(1, i)).isGreaterThan(fr.upper(1, i) - fr.lower(1, i));
    }
    double w = fc.upper(1, 0) - fc.lower(1, 0);
    Forecast next = cal.update(y[y.length - 1]).forecast(1, 0.95);
    double wr =
        raw.update(y[y.length - 1]).forecast(1, 0.95).upper(0, 0)
            - raw.update(y[y.length - 1]).forecast(1, 0.95).lower(0, 0);
    assertThat(next.upper(0, 0) - next.lower(0, 0)).isGreaterThan(wr);
    assertThat(w).isPositive();
    assertThat(cal.description()).contains("intervals x");
  }

  @Test
  void badCalibrationSettingsAreRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MstlForecaster.of(NaiveForecaster.naive()).withCalibration(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("calibration");
  }
}
