package io.aura.features.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustScalerTest {
  private static final double NAN = Double.NaN;

  private static double[][] column(double... v) {
    double[][] rows = new double[v.length][1];
    for (int r = 0; r < v.length; r++) {
      rows[r][0] = v[r];
    }
    return rows;
  }

  /** Hyndman-Fan type 7 written independently: 1-based position 1 + (n - 1) q. */
  private static double type7(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = 1 + (s.length - 1) * q;
    int k = (int) pos; // 1-based index of the order statistic below
    double g = pos - k;
    double below = s[k - 1];
    double above = k < s.length ? s[k] : s[k - 1];
    return (1 - g) * below + g * above;
  }

  @Test
  void medianAndInterquartileRangeMatchNumpyPercentile() {
    // numpy.percentile(range(1, 11), [25, 50, 75]) = [3.25, 5.5, 7.75]
    RobustScaler s = RobustScaler.fit(column(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    assertThat(s.medians()).containsExactly(5.5);
    assertThat(s.quantileRanges()[0]).isCloseTo(4.5, within(1e-15));
    assertThat(s.lowQuantile()).isEqualTo(0.25);
    assertThat(s.highQuantile()).isEqualTo(0.75);
    double[] out = new double[1];
    s.transform(new double[] {10}, out);
    assertThat(out[0]).isCloseTo(1.0, within(1e-15));
  }

  @Test
  void customQuantileRange() {
    // numpy.percentile(range(1, 11), [10, 90]) = [1.9, 9.1]
    RobustScaler s = RobustScaler.fit(column(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), 0.1, 0.9);
    assertThat(s.quantileRanges()[0]).isCloseTo(7.2, within(1e-12));
    assertThat(s.lowQuantile()).isEqualTo(0.1);
  }

  @Test
  void agreesWithIndependentQuantilesOnRandomData() {
    Random rnd = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      int n = 1 + rnd.nextInt(50);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = Math.round(rnd.nextGaussian() * 10); // ties on purpose
      }
      double lo = rnd.nextDouble() * 0.5;
      double hi = 0.5 + rnd.nextDouble() * 0.5;
      RobustScaler s = RobustScaler.fit(column(v), lo, hi);
      assertThat(s.medians()[0]).isCloseTo(type7(v, 0.5), within(1e-12));
      assertThat(s.quantileRanges()[0]).isCloseTo(type7(v, hi) - type7(v, lo), within(1e-12));
    }
  }

  @Test
  void outlierBarelyMovesTheParameters() {
    RobustScaler clean = RobustScaler.fit(column(1, 2, 3, 4, 5, 6, 7, 8, 9));
    RobustScaler spiked = RobustScaler.fit(column(1, 2, 3, 4, 5, 6, 7, 8, 1e9));
    assertThat(spiked.medians()).containsExactly(clean.medians());
    assertThat(spiked.quantileRanges()).containsExactly(clean.quantileRanges());
  }

  @Test
  void nanIgnoredAndKept() {
    RobustScaler s = RobustScaler.fit(column(NAN, 1, 2, NAN, 3));
    assertThat(s.medians()).containsExactly(2.0);
    assertThat(s.quantileRanges()).containsExactly(1.0);
    assertThat(s.validCounts()).containsExactly(3);
    double[] out = new double[1];
    s.transform(new double[] {NAN}, out);
    assertThat(out[0]).isNaN();
  }

  @Test
  void zeroQuantileRangeGetsScaleOne() {
    RobustScaler s = RobustScaler.fit(column(5, 5, 5, 5, 100));
    assertThat(s.quantileRanges()).containsExactly(0.0);
    assertThat(s.scales()).containsExactly(1.0);
    double[] out = new double[1];
    s.transform(new double[] {7}, out);
    assertThat(out[0]).isEqualTo(2.0);
  }

  @Test
  void badRangeAndBadDataAreRejected() {
    assertThatThrownBy(() -> RobustScaler.fit(column(1, 2), 0.75, 0.25))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("0 <= low < high <= 1");
    assertThatThrownBy(() -> RobustScaler.fit(column(1, 2), -0.1, 0.5))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> RobustScaler.fit(column(1, Double.NEGATIVE_INFINITY)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'f0'")
        .hasMessageContaining("row 1");
  }

  @Test
  void frameFitAndRestore() {
    Frame f = StandardScalerTest.frame(new String[] {"lat"}, new double[] {1, 2, 3, 4});
    RobustScaler s = RobustScaler.fit(f, 0, 1);
    assertThat(s.schema().names()).containsExactly("lat");
    assertThat(s.medians()).containsExactly(2.5);
    assertThat(s.quantileRanges()).containsExactly(3.0);
    RobustScaler r =
        RobustScaler.of(s.schema(), s.medians(), s.quantileRanges(), 0, 1, s.validCounts());
    assertThat(r).isEqualTo(s);
    assertThat(r.transform(f).column("lat")).containsExactly(-0.5, -1 / 6.0, 1 / 6.0, 0.5);
  }
}
