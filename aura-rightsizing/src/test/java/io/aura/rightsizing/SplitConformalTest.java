package io.aura.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitConformalTest {
  @Test
  void takesTheCeilNPlusOneOrderStatistic() {
    double[] s = new double[99];
    for (int i = 0; i < 99; i++) {
      s[i] = 99 - i; // 1..99
    }
    // n = 99, budget 0.1: k = ceil(100 * 0.9) = 90
    assertThat(SplitConformal.upper(s, 0.1)).isEqualTo(90.0);
    // budget 0.01: k = ceil(99) = 99 -> the maximum; 0.005: k = 100 > n -> NaN
    assertThat(SplitConformal.upper(s, 0.01)).isEqualTo(99.0);
    assertThat(SplitConformal.upper(s, 0.005)).isNaN();
    assertThat(SplitConformal.exceedance(s, 90)).isCloseTo(9 / 99.0, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void coversNewExchangeableScoresAtTheBudget() {
    Random rnd = new Random(7);
    int miss = 0;
    int trials = 2000;
    for (int t = 0; t < trials; t++) {
      double[] cal = new double[50];
      for (int i = 0; i < cal.length; i++) {
        cal[i] = rnd.nextGaussian();
      }
      if (rnd.nextGaussian() > SplitConformal.upper(cal, 0.1)) {
        miss++;
      }
    }
    // guarantee: P(miss) <= 0.1 (and >= 0.1 - 1/51); 2000 trials: sd 0.0067
    assertThat(miss / (double) trials).isBetween(0.06, 0.12);
  }
}
