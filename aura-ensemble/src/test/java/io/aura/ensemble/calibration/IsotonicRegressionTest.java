package io.aura.ensemble.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsotonicRegressionTest {
  @Test
  void pavOnTextbookSequence() {
    // y = 1 3 2 4 3 5 at x = 1..6 -> 1, 2.5, 2.5, 3.5, 3.5, 5
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = {1, 3, 2, 4, 3, 5};
    IsotonicCalibrator c = IsotonicRegression.fit(x, y, null);
    assertThat(c.values()).containsExactly(1, 2.5, 3.5, 5);
    double[] fitted = new double[6];
    c.calibrate(x, fitted);
    assertThat(fitted).containsExactly(1, 2.5, 2.5, 3.5, 3.5, 5);
  }

  @Test
  void pavCascadesBackwards() {
    // y = 1 3 2 4 1: pool (3,2) -> 2.5, then (4,1) -> 2.5 equals the previous block and joins it:
    // fitted 1, 2.5, 2.5, 2.5, 2.5
    IsotonicCalibrator c =
        IsotonicRegression.fit(new double[] {1, 2, 3, 4, 5}, new double[] {1, 3, 2, 4, 1}, null);
    assertThat(c.values()).containsExactly(1, 2.5);
    assertThat(c.lowerBounds()).containsExactly(1, 2);
    assertThat(c.upperBounds()).containsExactly(1, 5);
    // y = 5 4 3 2 1: everything pools to the mean
    IsotonicCalibrator all =
        IsotonicRegression.fit(new double[] {1, 2, 3, 4, 5}, new double[] {5, 4, 3, 2, 1}, null);
    assertThat(all.values()).containsExactly(3);
  }

  @Test
  void weightsAndUnsortedInputAndTies() {
    // x unsorted; tie at x=2 pooled first: (0 + 1)/2 with weights 1 and 3 -> 0.75
    double[] x = {3, 2, 1, 2};
    double[] y = {0.5, 0, 0.2, 1};
    double[] w = {1, 1, 1, 3};
    IsotonicCalibrator c = IsotonicRegression.fit(x, y, w);
    // points: (1, .2, w1) (2, .75, w4) (3, .5, w1) -> pool last two: (.75*4 + .5)/5 = .7
    assertThat(c.values()).containsExactly(0.2, 0.7);
    assertThat(c.calibrate(2)).isCloseTo(0.7, within(1e-15));
    assertThat(c.calibrate(3)).isCloseTo(0.7, within(1e-15));
  }

  @Test
  void interpolatesBetweenBlocksAndIsConstantOutside() {
    IsotonicCalibrator c =
        IsotonicRegression.fit(new double[] {0, 1, 3, 4}, new double[] {0, 0, 1, 1}, null);
    assertThat(c.blocks()).isEqualTo(2);
    assertThat(c.calibrate(-5)).isEqualTo(0.0);
    assertThat(c.calibrate(0.5)).isEqualTo(0.0);
    assertThat(c.calibrate(2)).isCloseTo(0.5, within(1e-15));
    assertThat(c.calibrate(2.5)).isCloseTo(0.75, within(1e-15));
    assertThat(c.calibrate(10)).isEqualTo(1.0);
    assertThat(c.calibrate(Double.NaN)).isNaN();
  }

  @Test
  void labelsGiveMonotoneProbabilities() {
    Random rnd = new Random(3);
    int n = 1000;
    double[] s = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = rnd.nextDouble();
      y[i] = rnd.nextDouble() < s[i] * s[i] ? 1 : 0;
    }
    IsotonicCalibrator c = IsotonicRegression.fit(s, y);
    double[] v = c.values();
    for (int k = 1; k < v.length; k++) {
      assertThat(v[k]).isGreaterThan(v[k - 1]);
    }
    assertThat(v[0]).isGreaterThanOrEqualTo(0);
    assertThat(v[v.length - 1]).isLessThanOrEqualTo(1);
    assertThat(c.calibrate(0.5)).isCloseTo(0.25, within(0.12));
    double prev = -1;
    for (double q = -0.1; q <= 1.1; q += 0.01) {
      double p = c.calibrate(q);
      assertThat(p).isGreaterThanOrEqualTo(prev);
      prev = p;
    }
  }

  @Test
  void badInputsAreRejected() {
    assertThatThrownBy(() -> IsotonicRegression.fit(new double[] {1}, new double[] {1, 2}, null))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("differ in length: 1, 2, none");
    assertThatThrownBy(
            () -> IsotonicRegression.fit(new double[] {1, 2}, new double[] {1, Double.NaN}, null))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("sample 1 is not finite");
    assertThatThrownBy(
            () ->
                IsotonicRegression.fit(
                    new double[] {1, 2}, new double[] {1, 2}, new double[] {1, 0}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("weight 1 is 0.0");
    assertThatThrownBy(() -> IsotonicRegression.fit(new double[0], new int[0]))
        .isInstanceOf(InvalidDataException.class);
  }
}
