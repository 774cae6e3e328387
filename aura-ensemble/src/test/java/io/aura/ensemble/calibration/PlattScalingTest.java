package io.aura.ensemble.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlattScalingTest {
  @Test
  void twoPointSeparableDataHitsTheSmoothedTargetsExactly() {
    // 10 negatives at -1, 10 positives at +1: the sigmoid can match t+ = 11/12 and t- = 1/12,
    // which gives B = 0 and A = -ln 11.
    double[] s = new double[20];
    int[] y = new int[20];
    for (int i = 0; i < 20; i++) {
      s[i] = i < 10 ? -1 : 1;
      y[i] = i < 10 ? 0 : 1;
    }
    PlattCalibrator c = PlattScaling.defaults().fit(s, y);
    assertThat(c.converged()).isTrue();
    assertThat(c.a()).isCloseTo(-Math.log(11), within(1e-5));
    assertThat(c.b()).isCloseTo(0, within(1e-5));
    assertThat(c.calibrate(1)).isCloseTo(11.0 / 12, within(1e-6));
    assertThat(c.calibrate(-1)).isCloseTo(1.0 / 12, within(1e-6));
  }

  @Test
  void separableDataGivesFiniteMonotoneSigmoid() {
    Random rnd = new Random(1);
    double[] s = new double[200];
    int[] y = new int[200];
    for (int i = 0; i < 200; i++) {
      y[i] = i % 2;
      s[i] = y[i] == 1 ? 1 + 2 * rnd.nextDouble() : -3 + 2 * rnd.nextDouble();
    }
    PlattCalibrator c = PlattScaling.defaults().fit(s, y);
    assertThat(c.converged()).isTrue();
    assertThat(c.a()).isNegative().isFinite();
    assertThat(c.calibrate(2)).isGreaterThan(0.95);
    assertThat(c.calibrate(-2)).isLessThan(0.05);
    assertThat(c.calibrate(0.5)).isGreaterThan(c.calibrate(0.4));
    assertThat(c.calibrate(1e6)).isLessThanOrEqualTo(1.0).isGreaterThan(0.99);
    assertThat(c.calibrate(-1e6)).isGreaterThanOrEqualTo(0.0).isLessThan(0.01);
    assertThat(c.calibrate(Double.NaN)).isNaN();
  }

  @Test
  void fitZeroesTheGradientOnNoisyData() {
    Random rnd = new Random(2);
    int n = 500;
    double[] s = new double[n];
    int[] y = new int[n];
    int pos = 0;
    for (int i = 0; i < n; i++) {
      s[i] = rnd.nextGaussian() * 2;
      y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-1.5 * s[i] + 0.5)) ? 1 : 0;
      pos += y[i];
    }
    PlattCalibrator c = PlattScaling.defaults().fit(s, y);
    double hi = (pos + 1.0) / (pos + 2);
    double lo = 1.0 / (n - pos + 2);
    double g1 = 0;
    double g2 = 0;
    for (int i = 0; i < n; i++) {
      double t = y[i] == 1 ? hi : lo;
      double p = c.calibrate(s[i]);
      g1 += s[i] * (t - p);
      g2 += t - p;
    }
    assertThat(Math.abs(g1)).isLessThan(1e-5);
    assertThat(Math.abs(g2)).isLessThan(1e-5);
    assertThat(c.a()).isCloseTo(-1.5, within(0.4));
  }

  @Test
  void singleClassFitsTheSmoothedTarget() {
    // all negatives: every target is 1/(N+2), so the best sigmoid is flat at that value
    double[] s = {-2, -1, 0, 1, 2, 3};
    PlattCalibrator c = PlattScaling.defaults().fit(s, new int[6]);
    assertThat(c.converged()).isTrue();
    assertThat(c.a()).isCloseTo(0, within(1e-4));
    assertThat(c.calibrate(0)).isCloseTo(1.0 / 8, within(1e-5));
  }

  @Test
  void badInputsAreRejected() {
    PlattScaling p = PlattScaling.defaults();
    assertThatThrownBy(() -> p.fit(new double[] {1, 2}, new int[] {1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("scores has 2 values, labels has 1");
    assertThatThrownBy(() -> p.fit(new double[0], new int[0]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no scores");
    assertThatThrownBy(() -> p.fit(new double[] {1, Double.NaN}, new int[] {1, 0}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("score 1 is NaN");
    assertThatThrownBy(() -> p.fit(new double[] {1, 2}, new int[] {1, 2}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("label 1 is 2");
  }
}
