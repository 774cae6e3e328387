package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * KNN-CAD against a direct transcription of the algorithm, plus causality, reset, warm-up and
 * errors.
 */
class KnnCadDetectorTest {
  private static final long STEP = 300_000L;

  static double[] run(StreamingDetector d, double[] x) {
    double[] s = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      s[i] = d.update(i * STEP, x[i]);
    }
    return s;
  }

  /**
   * The algorithm as the Javadoc states it, with lists and an explicit matrix inverse: training
   * list, calibration NCMs, a queue delaying scored vectors by {@code n} rows, metric {@code (XᵀX +
   * λI)⁻¹} recomputed every {@code n/2} scored rows. O(n²) per row; for tests only.
   */
  static double[][] reference(double[] x, int dim, int k, int n) {
    double[] out = new double[x.length];
    Arrays.fill(out, Double.NaN);
    double[] ncms = out.clone();
    List<double[]> training = new ArrayList<>();
    List<double[]> queue = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    RealMatrix sigma = null;
    int scored = 0;
    for (int t = dim - 1; t < x.length; t++) {
      double[] v = Arrays.copyOfRange(x, t - dim + 1, t + 1);
      if (training.size() < n) {
        training.add(v);
        continue;
      }
      if (scored % (n / 2) == 0) {
        double[][] g = new double[dim][dim];
        for (double[] u : training) {
          for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
              g[a][b] += u[a] * u[b];
            }
          }
        }
        double trace = 0;
        for (int a = 0; a < dim; a++) {
          trace += g[a][a];
        }
        for (int a = 0; a < dim; a++) {
          g[a][a] += Math.max(1e-9 * trace / dim, Double.MIN_NORMAL);
        }
        sigma = new LUDecomposition(new Array2DRowRealMatrix(g)).getSolver().getInverse();
      }
      if (scores.isEmpty()) {
        for (int i = 0; i < n; i++) {
          scores.add(ncm(training, training.get(i), i, sigma, k));
        }
      }
      scored++;
      double s = ncm(training, v, -1, sigma, k);
      int below = 0;
      for (double c : scores) {
        if (c < s) {
          below++;
        }
      }
      out[t] = (double) below / n;
      ncms[t] = s;
      scores.remove(0);
      scores.add(s);
      queue.add(v);
      if (queue.size() > n) {
        training.remove(0);
        training.add(queue.remove(0));
      }
    }
    return new double[][] {out, ncms};
  }

  private static double ncm(
      List<double[]> training, double[] v, int skip, RealMatrix sigma, int k) {
    double[] d = new double[training.size() - (skip >= 0 ? 1 : 0)];
    int j = 0;
    for (int i = 0; i < training.size(); i++) {
      if (i == skip) {
        continue;
      }
      double[] diff = new double[v.length];
      for (int a = 0; a < v.length; a++) {
        diff[a] = training.get(i)[a] - v[a];
      }
      d[j++] = dot(sigma.operate(diff), diff);
    }
    Arrays.sort(d);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += d[i];
    }
    return sum;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double[] series(long seed, int n) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 5 + Math.sin(2 * Math.PI * i / 24) + 0.3 * r.nextGaussian();
    }
    return x;
  }

  @Test
  void matchesTheDirectTranscription() {
    double[] x = series(1, 700);
    int dim = 4;
    int k = 5;
    int n = 60;
    double[] got = run(new KnnCadDetector(dim, k, n), x);
    double[][] ref = reference(x, dim, k, n);
    double[] want = ref[0];
    double[] ncm = run(new KnnCadDetector(dim, k, n, KnnCadDetector.Output.NON_CONFORMITY), x);
    int exact = 0;
    int scored = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(want[i])) {
        assertThat(got[i]).as("row " + i).isNaN();
        continue;
      }
      scored++;
      assertThat(ncm[i])
          .as("NCM row " + i)
          .isCloseTo(ref[1][i], org.assertj.core.api.Assertions.within(1e-9 * (1 + ref[1][i])));
      // The NCMs agree to rounding; a rank can differ by one only when two NCMs tie to rounding.
      assertThat(Math.abs(got[i] - want[i])).as("row " + i).isLessThanOrEqualTo(1.0 / n + 1e-12);
      if (got[i] == want[i]) {
        exact++;
      }
    }
    assertThat(scored).isEqualTo(x.length - (dim - 1) - n);
    assertThat(exact).isGreaterThanOrEqualTo(scored - 2);
  }

  @Test
  void warmUpThenRanksInTheUnitIntervalAndTheSpikeIsTopRanked() {
    double[] x = series(2, 600);
    x[500] = 12;
    double[] s = run(new KnnCadDetector(6, 7, 200), x);
    for (int i = 0; i < 5 + 200; i++) {
      assertThat(s[i]).as("row " + i).isNaN();
    }
    for (int i = 205; i < x.length; i++) {
      assertThat(s[i]).as("row " + i).isBetween(0.0, 1.0);
    }
    assertThat(s[500]).isEqualTo(1.0);
    double mean = 0;
    for (int i = 205; i < 495; i++) {
      mean += s[i] / 290;
    }
    assertThat(mean).as("ordinary rows rank in the middle").isBetween(0.3, 0.7);
  }

  @Test
  void causalResettableAndMissingValuesChangeNoState() {
    double[] x = series(3, 500);
    KnnCadDetector d = new KnnCadDetector(5, 4, 80);
    double[] s = run(d, x);
    // Appending or changing future rows never changes past scores.
    double[] y = x.clone();
    Random r = new Random(5);
    for (int i = 300; i < y.length; i++) {
      y[i] = 100 * r.nextGaussian();
    }
    double[] sy = run(new KnnCadDetector(5, 4, 80), y);
    for (int i = 0; i < 300; i++) {
      assertThat(Double.compare(sy[i], s[i])).as("row " + i).isZero();
    }
    double[] prefix = run(new KnnCadDetector(5, 4, 80), Arrays.copyOf(x, 250));
    assertThat(prefix).containsExactly(Arrays.copyOf(s, 250));
    d.reset();
    assertThat(run(d, x)).containsExactly(s);
    // A NaN returns NaN and is skipped: the rest equals the series without that row.
    double[] withGap = new double[x.length + 1];
    System.arraycopy(x, 0, withGap, 0, 200);
    withGap[200] = Double.NaN;
    System.arraycopy(x, 200, withGap, 201, x.length - 200);
    double[] sg = run(new KnnCadDetector(5, 4, 80), withGap);
    assertThat(sg[200]).isNaN();
    for (int i = 0; i < x.length; i++) {
      assertThat(Double.compare(sg[i < 200 ? i : i + 1], s[i])).as("row " + i).isZero();
    }
  }

  @Test
  void constantHistoryGivesAMetricAndAChangeRanksFirst() {
    double[] x = new double[300];
    Arrays.fill(x, 3.0);
    x[250] = 4.0;
    double[] s = run(new KnnCadDetector(3, 2, 50), x);
    assertThat(s[100]).isEqualTo(0.0); // identical to every training vector: nothing conforms worse
    assertThat(s[250]).isEqualTo(1.0);
    double[] zeros = run(new KnnCadDetector(3, 2, 50), new double[120]);
    assertThat(zeros[119]).isEqualTo(0.0);
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new KnnCadDetector(0, 2, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dim");
    assertThatThrownBy(() -> new KnnCadDetector(3, 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("training");
    assertThatThrownBy(() -> new KnnCadDetector(3, 10, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k must be in [1, training - 1]");
    assertThatThrownBy(() -> new KnnCadDetector(3, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KnnCadDetector(3, 2, 10, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output");
  }
}
