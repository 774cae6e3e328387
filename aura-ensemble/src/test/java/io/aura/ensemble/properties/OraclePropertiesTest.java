package io.aura.ensemble.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aura.ensemble.calibration.EmpiricalCdf;
import io.aura.ensemble.calibration.IsotonicCalibrator;
import io.aura.ensemble.calibration.IsotonicRegression;
import io.aura.ensemble.drift.TwoSampleStatistics;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Fast implementations checked against slow, independent textbook formulas on random inputs. */
class OraclePropertiesTest {

  /** Sorted sample; coarse rounding when {@code ties} so equal values are common. */
  private static double[] sample(Random rnd, int n, boolean ties, double shift) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double v = rnd.nextGaussian() * 2 + shift;
      x[i] = ties ? Math.round(v) : v;
    }
    Arrays.sort(x);
    return x;
  }

  private static double ecdf(double[] x, double t) {
    int c = 0;
    for (double v : x) {
      if (v <= t) {
        c++;
      }
    }
    return (double) c / x.length;
  }

  @Property(tries = 300)
  void ksEqualsSupremumOverAllSamplePoints(
      @ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll boolean ties,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    double[] a = sample(rnd, m, ties, 0);
    double[] b = sample(rnd, n, ties, rnd.nextDouble());
    double d = 0;
    for (double t : a) {
      d = Math.max(d, Math.abs(ecdf(a, t) - ecdf(b, t)));
    }
    for (double t : b) {
      d = Math.max(d, Math.abs(ecdf(a, t) - ecdf(b, t)));
    }
    assertThat(TwoSampleStatistics.ksStatistic(a, b)).isCloseTo(d, within(1e-12));
    assertThat(TwoSampleStatistics.ksStatistic(b, a)).isCloseTo(d, within(1e-12));
    double p = TwoSampleStatistics.ksPValue(a, b);
    assertThat(p).isBetween(0.0, 1.0);
  }

  @Property(tries = 300)
  void wassersteinEqualsQuantileFunctionIntegral(
      @ForAll @IntRange(min = 1, max = 40) int m,
      @ForAll @IntRange(min = 1, max = 40) int n,
      @ForAll boolean ties,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    double[] a = sample(rnd, m, ties, 0);
    double[] b = sample(rnd, n, ties, rnd.nextDouble() * 3);
    // W1 = ∫_0^1 |F⁻¹(u) − G⁻¹(u)| du; both quantile functions are constant between the points
    // i/m and j/n, so integrate exactly over the merged grid
    double w = 0;
    double u = 0;
    int i = 0;
    int j = 0;
    while (i < m && j < n) {
      double next = Math.min((i + 1.0) / m, (j + 1.0) / n);
      w += (next - u) * Math.abs(a[i] - b[j]);
      u = next;
      if ((i + 1.0) / m <= next + 1e-15) {
        i++;
      }
      if ((j + 1.0) / n <= next + 1e-15) {
        j++;
      }
    }
    assertThat(TwoSampleStatistics.wasserstein1(a, b)).isCloseTo(w, within(1e-9 * (1 + w)));
    assertThat(TwoSampleStatistics.wasserstein1(b, a)).isCloseTo(w, within(1e-9 * (1 + w)));
  }

  @Property(tries = 200)
  void wassersteinIsAMetric(@ForAll @IntRange(min = 1, max = 30) int n, @ForAll long seed) {
    Random rnd = new Random(seed);
    double[] a = sample(rnd, n, false, 0);
    double[] b = sample(rnd, n + 3, false, 1);
    double[] c = sample(rnd, 2 * n, true, -1);
    double ab = TwoSampleStatistics.wasserstein1(a, b);
    double bc = TwoSampleStatistics.wasserstein1(b, c);
    double ac = TwoSampleStatistics.wasserstein1(a, c);
    assertThat(ac).isLessThanOrEqualTo(ab + bc + 1e-9);
    double shift = rnd.nextGaussian() * 5;
    double[] moved = a.clone();
    for (int k = 0; k < moved.length; k++) {
      moved[k] += shift;
    }
    assertThat(TwoSampleStatistics.wasserstein1(a, moved)).isCloseTo(Math.abs(shift), within(1e-9));
  }

  @Property(tries = 300)
  void pavEqualsTheMinMaxFormula(@ForAll @IntRange(min = 1, max = 25) int n, @ForAll long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = Math.round(rnd.nextGaussian() * 3 + 0.2 * i);
      w[i] = 0.5 + rnd.nextInt(3);
    }
    IsotonicCalibrator c = IsotonicRegression.fit(x, y, w);
    // Barlow et al. 1972, Thm 1.4.4: f_i = max_{s<=i} min_{t>=i} Av(s..t), weighted averages
    double lhsMean = 0;
    double rhsMean = 0;
    double prev = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int s = 0; s <= i; s++) {
        double worst = Double.POSITIVE_INFINITY;
        for (int t = i; t < n; t++) {
          double sw = 0;
          double sy = 0;
          for (int k = s; k <= t; k++) {
            sw += w[k];
            sy += w[k] * y[k];
          }
          worst = Math.min(worst, sy / sw);
        }
        best = Math.max(best, worst);
      }
      double fitted = c.calibrate(x[i]);
      assertThat(fitted).as("fitted %d", i).isCloseTo(best, within(1e-9));
      assertThat(fitted).isGreaterThanOrEqualTo(prev);
      prev = fitted;
      lhsMean += w[i] * fitted;
      rhsMean += w[i] * y[i];
    }
    assertThat(lhsMean).isCloseTo(rhsMean, within(1e-9));
  }

  @Property(tries = 200)
  void empiricalCdfCountsAtOrBelow(@ForAll @IntRange(min = 1, max = 50) int n, @ForAll long seed) {
    Random rnd = new Random(seed);
    double[] ref = sample(rnd, n, true, 0);
    EmpiricalCdf f = EmpiricalCdf.of(ref);
    for (int k = 0; k < 20; k++) {
      double t = Math.round(rnd.nextGaussian() * 3);
      assertThat(f.calibrate(t)).isEqualTo(ecdf(ref, t));
    }
  }
}
