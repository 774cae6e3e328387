package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RelativeEntropyDetectorTest {

  @Test
  void byHand() {
    // window 4, 2 bins, χ²(1) quantile 0.8 = 1.6424.
    RelativeEntropyDetector d = new RelativeEntropyDetector(4, 2, 0.2, 1, 10);
    assertThat(d.threshold()).isCloseTo(1.6424, within(1e-4));
    double[] x = {0, 1, 0, 1, 0, 0, 0, 0, 0, 2};
    double[] s = NabDetectorsTest.run(d, x);
    // Rows 0-2 warm up; row 3: first hypothesis [½, ½]; row 4: same histogram, accepted.
    // Row 5: [¾, ¼], statistic 8·KL = 1.046 < 1.642, accepted; row 6 the same.
    // Row 7: [1, 0], statistic 8 ln 2 = 5.545 rejected: new hypothesis, anomalous.
    // Row 8: [1, 0] accepted by the new hypothesis (now seen twice). Row 9: 2 widens the range.
    assertThat(Arrays.copyOf(s, 3)).containsOnly(Double.NaN);
    assertThat(Arrays.copyOfRange(s, 3, 10)).containsExactly(0, 0, 0, 0, 1, 0, 1);
  }

  @Test
  void nabDefaultsFlagARegimeChangeButNotTheRoutine() {
    Random r = new Random(1);
    double[] x = new double[1200];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 50 < 25 ? 10 : 20) + r.nextGaussian(); // a square wave, seen many times
    }
    x[0] = 0; // fix the range early: 0 and 30 bound everything after
    x[1] = 30;
    for (int i = 1000; i < 1052; i++) {
      x[i] = 15 + 0.1 * r.nextGaussian(); // a new shape: everything in the middle bins
    }
    double[] s = NabDetectorsTest.run(new RelativeEntropyDetector(), x);
    assertThat(Arrays.copyOf(s, 51)).containsOnly(Double.NaN);
    double early = 0;
    for (int i = 600; i < 1000; i++) {
      early += s[i];
    }
    assertThat(early).as("routine square wave").isZero();
    double change = 0;
    for (int i = 1000; i < 1060; i++) {
      change += s[i];
    }
    assertThat(change).as("regime change").isPositive();
  }

  @Test
  void causalResettableMissingValuesAndConstantSeries() {
    Random r = new Random(2);
    double[] x = new double[600];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i / 7.0) + 0.3 * r.nextGaussian();
    }
    RelativeEntropyDetector d = new RelativeEntropyDetector(20, 4, 0.01, 1, 3);
    double[] s = NabDetectorsTest.run(d, x);
    double[] y = x.clone();
    for (int i = 400; i < y.length; i++) {
      y[i] = 50 * r.nextGaussian();
    }
    double[] sy = NabDetectorsTest.run(new RelativeEntropyDetector(20, 4, 0.01, 1, 3), y);
    for (int i = 0; i < 400; i++) {
      assertThat(Double.compare(sy[i], s[i])).as("row " + i).isZero();
    }
    d.reset();
    assertThat(NabDetectorsTest.run(d, x)).containsExactly(s);
    double[] gap = new double[x.length + 1];
    System.arraycopy(x, 0, gap, 0, 300);
    gap[300] = Double.NaN;
    System.arraycopy(x, 300, gap, 301, x.length - 300);
    double[] sg = NabDetectorsTest.run(new RelativeEntropyDetector(20, 4, 0.01, 1, 3), gap);
    assertThat(sg[300]).isNaN();
    for (int i = 0; i < x.length; i++) {
      assertThat(Double.compare(sg[i < 300 ? i : i + 1], s[i])).as("row " + i).isZero();
    }
    for (double v : s) {
      assertThat(Double.isNaN(v) || v == 0 || v == 1).isTrue();
    }
    double[] flat = new double[100];
    Arrays.fill(flat, 7);
    assertThat(
            Arrays.copyOfRange(NabDetectorsTest.run(new RelativeEntropyDetector(), flat), 51, 100))
        .containsOnly(0.0);
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new RelativeEntropyDetector(1, 5, 0.01, 1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> new RelativeEntropyDetector(52, 5, 1.0, 1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("falseAlarm");
    assertThatThrownBy(() -> new RelativeEntropyDetector(52, 5, 0.01, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxHypotheses");
  }
}
