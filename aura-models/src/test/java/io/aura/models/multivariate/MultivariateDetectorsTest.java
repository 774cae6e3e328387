package io.aura.models.multivariate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.persist.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultivariateDetectorsTest {
  @TempDir Path dir;

  /** Rows on the plane x2 = x0 + x1 (plus tiny noise), x3 independent. */
  static double[][] plane(int n, long seed) {
    Random r = new Random(seed);
    double[][] rows = new double[n][4];
    for (double[] row : rows) {
      row[0] = r.nextGaussian();
      row[1] = r.nextGaussian();
      row[2] = row[0] + row[1] + 1e-3 * r.nextGaussian();
      row[3] = r.nextGaussian();
    }
    return rows;
  }

  @Test
  void pcaResidualIsLargeOffTheSubspaceAndBlamesTheBrokenMetric() {
    double[][] train = plane(2000, 1);
    PcaModel m = new PcaTrainer(0.99, 1e-6).fit(train);
    assertThat(m.components()).isEqualTo(3);
    double[] on = {1, 1, 2, 0};
    double[] off = {1, 1, -2, 0};
    assertThat(m.score(on)).isLessThan(0.01);
    assertThat(m.score(off)).isGreaterThan(1);
    double[] shares = new double[4];
    m.contributions(off, shares);
    assertThat(shares[0] + shares[1] + shares[2] + shares[3]).isCloseTo(1, within(1e-12));
    assertThat(shares[3]).isLessThan(0.01); // the independent metric is not blamed
  }

  @Test
  void pcaScoreEqualsTheExplicitResidualNorm() {
    double[][] train = plane(500, 2);
    PcaModel m = PcaTrainer.unscaled(0.5).fit(train);
    double[] row = {0.3, -1, 4, 2};
    // contributions are squared residuals normalized; recompute their sum from the score
    double[] shares = new double[4];
    m.contributions(row, shares);
    double s = m.score(row);
    assertThat(s).isGreaterThan(0);
    assertThat(shares[0] + shares[1] + shares[2] + shares[3]).isCloseTo(1, within(1e-12));
  }

  @Test
  void knnDistanceByHand() {
    double[][] train = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
    // scale floor 10 > std 0.5: inverse scale 0.1, so distances are a tenth of the raw ones
    KnnModel m = new KnnTrainer(10, 1, 10, 7).fit(train);
    assertThat(m.reservoirSize()).isEqualTo(4);
    assertThat(m.score(new double[] {0.5, 0.5})).isCloseTo(0.1 * Math.sqrt(0.5), within(1e-12));
    assertThat(m.score(new double[] {1, 1})).isZero();
    KnnModel k2 = new KnnTrainer(10, 2, 10, 7).fit(train);
    assertThat(k2.score(new double[] {1, 1})).isCloseTo(0.1, within(1e-12));
    // leave-self-out: every training row's nearest other row is at raw distance 1
    double[] ts = m.trainingScores(train);
    assertThat(ts).containsOnly(0.1);
    double[] shares = new double[2];
    m.contributions(new double[] {3, 1}, shares);
    assertThat(shares).containsExactly(1.0, 0.0);
  }

  @Test
  void prunedSearchEqualsBruteForce() {
    Random r = new Random(11);
    double[][] train = new double[700][6];
    for (double[] row : train) {
      for (int j = 0; j < 6; j++) {
        row[j] = r.nextGaussian() * (j + 1) + (j == 0 ? 5 * row[0] : 0);
      }
    }
    for (int k : new int[] {1, 3}) {
      // floor 100 exceeds every std: the scale is 1/100 on every column, so brute force is easy
      KnnModel m = new KnnTrainer(700, k, 100, 5).fit(train);
      for (int t = 0; t < 200; t++) {
        double[] q = new double[6];
        for (int j = 0; j < 6; j++) {
          q[j] = r.nextGaussian() * 3;
        }
        double[] d = new double[train.length];
        for (int i = 0; i < train.length; i++) {
          double s = 0;
          for (int j = 0; j < 6; j++) {
            double c = (q[j] - train[i][j]) / 100;
            s += c * c;
          }
          d[i] = s;
        }
        java.util.Arrays.sort(d);
        assertThat(m.score(q)).isCloseTo(Math.sqrt(d[k - 1]), within(1e-12));
      }
    }
  }

  @Test
  void reservoirIsBounded() {
    KnnModel m = new KnnTrainer(100, 1, 0.01, 3).fit(plane(5000, 3));
    assertThat(m.reservoirSize()).isEqualTo(100);
    assertThat(java.util.Arrays.stream(m.trainingScores(plane(5000, 3))).min().getAsDouble())
        .isGreaterThan(0);
  }

  @Test
  void lagWindowStreamsWhatTheBatchWindowsHold() {
    double[][] rows = plane(300, 4);
    int lags = 3;
    double[][] w = LagWindow.rows(rows, lags);
    assertThat(w[0]).hasSize(16);
    assertThat(w[5][4 + 2]).isEqualTo(rows[4][2]); // lag 1, metric 2
    assertThat(w[1][12]).isEqualTo(rows[0][0]); // padding with the first row
    PcaModel m = new PcaTrainer(0.9, 0.01).fit(w);
    LagWindow s = new LagWindow(m, 4, lags);
    for (int i = 0; i < rows.length; i++) {
      assertThat(s.update(rows[i])).isEqualTo(m.score(w[i]));
    }
    double[] shares = new double[4];
    s.contributions(shares);
    assertThat(shares[0] + shares[1] + shares[2] + shares[3]).isCloseTo(1, within(1e-9));
    assertThat(s.update(new double[] {Double.NaN, 0, 0, 0})).isNaN();
    assertThatThrownBy(() -> s.update(new double[3]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("3 metrics");
    assertThatThrownBy(() -> new LagWindow(m, 4, 2)).isInstanceOf(IllegalArgumentException.class);
    // any AnomalyModel: Isolation Forest on the same windows
    IsolationForest f =
        IsolationForestTrainer.builder().treeCount(10).sampleSize(64).seed(1).build().fit(w);
    LagWindow fs = new LagWindow(f, 4, lags);
    assertThat(fs.update(rows[0])).isEqualTo(f.score(w[0]));
  }

  @Test
  void savedModelsScoreBitIdentically() throws IOException {
    double[][] train = plane(400, 5);
    double[][] test = plane(50, 6);
    PcaModel p = new PcaTrainer(0.9, 0.01).fit(train);
    KnnModel k = new KnnTrainer(64, 2, 0.01, 9).fit(train);
    p.save(dir.resolve("p.aura"));
    k.save(dir.resolve("k.aura"));
    PcaModel p2 = PcaModel.load(dir.resolve("p.aura"));
    KnnModel k2 = KnnModel.load(dir.resolve("k.aura"));
    for (double[] row : test) {
      assertThat(Double.doubleToRawLongBits(p2.score(row)))
          .isEqualTo(Double.doubleToRawLongBits(p.score(row)));
      assertThat(Double.doubleToRawLongBits(k2.score(row)))
          .isEqualTo(Double.doubleToRawLongBits(k.score(row)));
    }
    assertThat(p2.severityScale()).isEqualTo(p.severityScale());
    assertThat(k2.trainingScores(train)).containsExactly(k.trainingScores(train));
    byte[] b = Files.readAllBytes(dir.resolve("k.aura"));
    b[b.length / 2] ^= 1;
    Files.write(dir.resolve("k.aura"), b);
    assertThatThrownBy(() -> KnnModel.load(dir.resolve("k.aura")))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> PcaModel.load(dir.resolve("k.aura")))
        .isInstanceOf(ModelFileException.class);
  }

  @Test
  void badInputIsRefusedClearly() {
    double[][] nan = plane(10, 7);
    nan[4][2] = Double.NaN;
    assertThatThrownBy(() -> new PcaTrainer(0.9, 0.01).fit(nan))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 4, feature 2");
    assertThatThrownBy(() -> new KnnTrainer(10, 1, 0.01, 1).fit(nan))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 4, feature 2");
    assertThatThrownBy(() -> new PcaTrainer(0.9, 0.01).fit(new double[0][]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> new KnnTrainer(10, 1, 0.01, 1).fit(new double[0][]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
    PcaModel p = new PcaTrainer(0.9, 0.01).fit(plane(20, 8));
    KnnModel k = new KnnTrainer(10, 1, 0.01, 1).fit(plane(20, 8));
    assertThatThrownBy(() -> p.score(new double[5]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("5 features");
    assertThatThrownBy(() -> k.score(new double[3])).isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> k.score(new double[] {0, 0, Double.NaN, 0}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new KnnTrainer(1, 1, 0.01, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PcaTrainer(0, 0.01)).isInstanceOf(IllegalArgumentException.class);
  }
}
