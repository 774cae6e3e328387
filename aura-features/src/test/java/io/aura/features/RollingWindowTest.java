package io.aura.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Checks every rolling statistic against a direct recomputation from the window's values. */
class RollingWindowTest {

  /** Reference statistics, computed the slow, obvious way. */
  static final class Reference {
    final double[] v;

    Reference(List<Double> window) {
      this.v =
          window.stream()
              .filter(x -> !Double.isNaN(x))
              .mapToDouble(Double::doubleValue)
              .sorted()
              .toArray();
    }

    double mean() {
      return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }

    double std() {
      if (v.length < 2) {
        return Double.NaN;
      }
      double m = mean();
      double s = 0;
      for (double x : v) {
        s += (x - m) * (x - m);
      }
      return Math.sqrt(s / (v.length - 1));
    }

    double moment(int k) {
      double m = mean();
      double s = 0;
      for (double x : v) {
        s += Math.pow(x - m, k);
      }
      return s / v.length;
    }

    double skew() {
      int n = v.length;
      if (n < 3) {
        return Double.NaN;
      }
      double m2 = moment(2);
      if (m2 == 0) {
        return 0;
      }
      return moment(3) / Math.pow(m2, 1.5) * Math.sqrt((double) n * (n - 1)) / (n - 2);
    }

    double kurt() {
      int n = v.length;
      if (n < 4) {
        return Double.NaN;
      }
      double m2 = moment(2);
      if (m2 == 0) {
        return 0;
      }
      double g2 = moment(4) / (m2 * m2) - 3;
      return ((n + 1) * g2 + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
    }

    double quantile(double q) {
      if (v.length == 0) {
        return Double.NaN;
      }
      double h = (v.length - 1) * q;
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, v.length - 1);
      return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }

    double mad() {
      if (v.length == 0) {
        return Double.NaN;
      }
      double med = quantile(0.5);
      double[] d = Arrays.stream(v).map(x -> Math.abs(x - med)).sorted().toArray();
      int n = d.length;
      return n % 2 == 1 ? d[n / 2] : (d[n / 2 - 1] + d[n / 2]) / 2;
    }
  }

  private static void assertClose(double actual, double expected, double scale, String what) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, scale)));
    }
  }

  @Property(tries = 200)
  void everyStatisticMatchesTheReference(
      @ForAll @IntRange(min = 1, max = 40) int size,
      @ForAll @IntRange(min = 1, max = 300) int length,
      @ForAll @IntRange(min = 0, max = 60) int nanPercent,
      @ForAll long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    RollingWindow w = RollingWindow.of(size);
    List<Double> window = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      double x;
      int kind = rnd.nextInt(10);
      if (rnd.nextInt(100) < nanPercent) {
        x = Double.NaN;
      } else if (kind == 0) {
        x = 7.0; // repeated values exercise ties in the sorted buffer and the deques
      } else {
        x = 1000 + rnd.nextGaussian() * 50;
      }
      w.push(x);
      window.add(x);
      if (window.size() > size) {
        window.remove(0);
      }
      Reference r = new Reference(window);
      double scale = 1200;
      assertThat(w.validCount()).isEqualTo(r.v.length);
      assertClose(w.mean(), r.mean(), scale, "mean at " + i);
      assertClose(w.std(), r.std(), scale, "std at " + i);
      assertClose(w.min(), r.v.length == 0 ? Double.NaN : r.v[0], scale, "min at " + i);
      assertClose(
          w.max(), r.v.length == 0 ? Double.NaN : r.v[r.v.length - 1], scale, "max at " + i);
      assertClose(w.median(), r.quantile(0.5), scale, "median at " + i);
      assertClose(w.quantile(0.9), r.quantile(0.9), scale, "p90 at " + i);
      assertClose(w.quantile(0), r.quantile(0), scale, "p0 at " + i);
      assertClose(w.quantile(1), r.quantile(1), scale, "p100 at " + i);
      assertClose(w.medianAbsoluteDeviation(), r.mad(), scale, "mad at " + i);
      // Higher moments of values around 1000 with sd 50: allow for the conditioning of the formula.
      double sk = r.skew();
      if (Double.isNaN(sk)) {
        assertThat(w.skewness()).isNaN();
      } else {
        assertThat(w.skewness())
            .as("skew at " + i)
            .isCloseTo(sk, within(1e-6 * Math.max(1, Math.abs(sk))));
      }
      double ku = r.kurt();
      if (Double.isNaN(ku)) {
        assertThat(w.kurtosis()).isNaN();
      } else {
        assertThat(w.kurtosis())
            .as("kurt at " + i)
            .isCloseTo(ku, within(1e-6 * Math.max(1, Math.abs(ku))));
      }
    }
  }

  @Test
  void longStreamWithLargeOffsetDoesNotDrift() {
    // 2 million values around 1e9 with unit noise: naive add/remove sums would lose the variance.
    RollingWindow w = RollingWindow.of(100, 2, false, false);
    SplittableRandom rnd = new SplittableRandom(42);
    double[] last = new double[100];
    for (int i = 0; i < 2_000_000; i++) {
      double x = 1e9 + rnd.nextGaussian();
      w.push(x);
      last[i % 100] = x;
    }
    Reference r = new Reference(Arrays.stream(last).boxed().toList());
    assertThat(w.mean()).isCloseTo(r.mean(), within(1e-6));
    assertThat(w.std()).isCloseTo(r.std(), within(1e-6));
  }

  @Test
  void allMissingWindowReportsNaNAndRecovers() {
    RollingWindow w = RollingWindow.of(3);
    w.push(1);
    w.push(Double.NaN);
    w.push(Double.NaN);
    assertThat(w.mean()).isEqualTo(1.0);
    w.push(Double.NaN);
    assertThat(w.validCount()).isZero();
    assertThat(w.mean()).isNaN();
    assertThat(w.min()).isNaN();
    assertThat(w.median()).isNaN();
    w.push(5);
    assertThat(w.mean()).isEqualTo(5.0);
    assertThat(w.max()).isEqualTo(5.0);
    assertThat(w.std()).isNaN();
  }

  @Test
  void constantWindowHasZeroSpreadAndShape() {
    RollingWindow w = RollingWindow.of(10);
    for (int i = 0; i < 25; i++) {
      w.push(3.25);
    }
    assertThat(w.std()).isZero();
    assertThat(w.skewness()).isZero();
    assertThat(w.kurtosis()).isZero();
    assertThat(w.medianAbsoluteDeviation()).isZero();
  }

  @Test
  void statisticsNotBuiltAreRefusedClearly() {
    RollingWindow w = RollingWindow.of(5, 2, false, false);
    w.push(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(w::min)
        .hasMessageContaining("without min/max");
    org.assertj.core.api.Assertions.assertThatThrownBy(w::median)
        .hasMessageContaining("without quantiles");
    org.assertj.core.api.Assertions.assertThatThrownBy(w::skewness)
        .hasMessageContaining("moment order 2");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RollingWindow.of(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
