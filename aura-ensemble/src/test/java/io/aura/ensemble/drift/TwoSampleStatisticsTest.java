package io.aura.ensemble.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class TwoSampleStatisticsTest {
  private static final KolmogorovSmirnovTest CM = new KolmogorovSmirnovTest();

  @Test
  void ksStatisticOfHandComputableSamples() {
    // ECDF gaps after 1,2,3,4,5,6: .25 .5 .5 .5 .25 0 -> D = 0.5
    assertThat(
            TwoSampleStatistics.ksStatistic(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6}))
        .isEqualTo(0.5);
    assertThat(TwoSampleStatistics.ksStatistic(new double[] {1, 2}, new double[] {3, 4}))
        .isEqualTo(1.0);
    assertThat(TwoSampleStatistics.ksStatistic(new double[] {1, 2, 3}, new double[] {1, 2, 3}))
        .isEqualTo(0.0);
  }

  @Test
  void ksHandlesTiesExactly() {
    // a: F(1)=2/3, F(2)=1; b: F(1)=1/3, F(2)=1 -> D = 1/3 (a naive merge that steps one value at a
    // time would report 2/3 - 0 at the first tie)
    assertThat(TwoSampleStatistics.ksStatistic(new double[] {1, 1, 2}, new double[] {1, 2, 2}))
        .isCloseTo(1.0 / 3, within(1e-15));
  }

  @Test
  void ksAgreesWithCommonsMathTwoSampleTestWithoutTies() {
    Random rnd = new Random(7);
    int[][] sizes = {{20, 30}, {50, 150}, {400, 300}, {2000, 90}};
    for (int[] s : sizes) {
      double[] a = gaussian(rnd, s[0], 0);
      double[] b = gaussian(rnd, s[1], 0.3);
      double expectedD = CM.kolmogorovSmirnovStatistic(a, b);
      double expectedP = CM.kolmogorovSmirnovTest(a, b, false);
      Arrays.sort(a);
      Arrays.sort(b);
      assertThat(TwoSampleStatistics.ksStatistic(a, b))
          .as("D for %s", Arrays.toString(s))
          .isCloseTo(expectedD, within(1e-12));
      assertThat(TwoSampleStatistics.ksPValue(a, b))
          .as("p for %s", Arrays.toString(s))
          .isCloseTo(expectedP, within(1e-12));
    }
  }

  @Test
  void ksWithTiesUsesExactStatisticWithoutJitter() {
    Random rnd = new Random(9);
    int[][] sizes = {{20, 30}, {400, 300}};
    for (int[] s : sizes) {
      double[] a = gaussian(rnd, s[0], 0);
      double[] b = gaussian(rnd, s[1], 0.3);
      for (int i = 0; i < a.length; i++) {
        a[i] = Math.round(a[i] * 2) / 2.0;
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = Math.round(b[i] * 2) / 2.0;
      }
      double d = CM.kolmogorovSmirnovStatistic(a, b);
      Arrays.sort(a);
      Arrays.sort(b);
      assertThat(TwoSampleStatistics.ksStatistic(a, b)).isCloseTo(d, within(1e-12));
      double p =
          (long) a.length * b.length < 10_000
              ? CM.exactP(d, a.length, b.length, false)
              : CM.approximateP(d, a.length, b.length);
      assertThat(TwoSampleStatistics.ksPValue(a, b)).isCloseTo(p, within(1e-12));
    }
  }

  private static double[] gaussian(Random rnd, int n, double mean) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian() + mean;
    }
    return x;
  }

  @Test
  void ksPValueIsSmallForShiftedAndLargeForSameDistribution() {
    Random rnd = new Random(11);
    double[] a = new double[500];
    double[] same = new double[500];
    double[] shifted = new double[500];
    for (int i = 0; i < 500; i++) {
      a[i] = rnd.nextGaussian();
      same[i] = rnd.nextGaussian();
      shifted[i] = rnd.nextGaussian() + 1;
    }
    Arrays.sort(a);
    Arrays.sort(same);
    Arrays.sort(shifted);
    assertThat(TwoSampleStatistics.ksPValue(a, same)).isGreaterThan(0.01);
    assertThat(TwoSampleStatistics.ksPValue(a, shifted)).isLessThan(1e-10);
  }

  @Test
  void wassersteinOfShiftedSampleIsTheShift() {
    Random rnd = new Random(3);
    double[] a = new double[1000];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextGaussian() * 5;
    }
    Arrays.sort(a);
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = a[i] + 2.5;
    }
    assertThat(TwoSampleStatistics.wasserstein1(a, b)).isCloseTo(2.5, within(1e-9));
    assertThat(TwoSampleStatistics.wasserstein1(b, a)).isCloseTo(2.5, within(1e-9));
    assertThat(TwoSampleStatistics.wasserstein1(a, a)).isEqualTo(0.0);
  }

  @Test
  void wassersteinByHandAndEqualSizeFormula() {
    // F_a jumps to 1 at 0; F_b is 1/2 on [1,3): area = 1·1 + 0.5·2 = 2
    assertThat(TwoSampleStatistics.wasserstein1(new double[] {0}, new double[] {1, 3}))
        .isCloseTo(2.0, within(1e-15));
    // equal sizes: mean |a_(i) - b_(i)| of order statistics
    double[] a = {0, 1, 4, 9};
    double[] b = {2, 2, 3, 10};
    double expected = (2 + 1 + 1 + 1) / 4.0;
    assertThat(TwoSampleStatistics.wasserstein1(a, b)).isCloseTo(expected, within(1e-15));
  }

  @Test
  void psiByHand() {
    double expected =
        0.25 * Math.log(1.5) + 0.25 * Math.log(2); // (.75-.5)ln(.75/.5) + (.25-.5)ln(.25/.5)
    assertThat(TwoSampleStatistics.psi(new double[] {0.5, 0.5}, new long[] {3, 1}, 1e-4))
        .isCloseTo(expected, within(1e-15));
    assertThat(TwoSampleStatistics.psi(new double[] {0.5, 0.5}, new long[] {7, 7}, 1e-4))
        .isEqualTo(0.0);
  }

  @Test
  void psiFloorsEmptyBinAtEpsilon() {
    double eps = 1e-4;
    double expected = (1 - 0.5) * Math.log(1 / 0.5) + (eps - 0.5) * Math.log(eps / 0.5);
    assertThat(TwoSampleStatistics.psi(new double[] {0.5, 0.5}, new long[] {4, 0}, eps))
        .isCloseTo(expected, within(1e-12));
    assertThat(expected).isFinite();
  }

  @Test
  void badInputsAreRejectedWithClearMessages() {
    assertThatThrownBy(() -> TwoSampleStatistics.ksStatistic(new double[0], new double[] {1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("first sample is empty");
    assertThatThrownBy(() -> TwoSampleStatistics.ksStatistic(new double[] {1}, new double[] {2, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("second sample is not sorted ascending at index 1");
    assertThatThrownBy(
            () -> TwoSampleStatistics.wasserstein1(new double[] {1, Double.NaN}, new double[] {1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("NaN at index 1");
    assertThatThrownBy(
            () -> TwoSampleStatistics.psi(new double[] {0.5, 0.5}, new long[] {1, 2, 3}, 1e-4))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("3 and 2");
    assertThatThrownBy(
            () -> TwoSampleStatistics.psi(new double[] {0.5, 0.4}, new long[] {1, 2}, 1e-4))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("sum to");
    assertThatThrownBy(
            () -> TwoSampleStatistics.psi(new double[] {0.5, 0.5}, new long[] {0, 0}, 1e-4))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("all bins are empty");
  }
}
