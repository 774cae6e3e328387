package io.aura.models.forest;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.models.eval.RankingMetrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Aura's Isolation Forest against Smile's (GPL, test scope only) on the same synthetic data. */
class SmilePeerTest {

  @Test
  void rankingQualityMatchesSmileOnPlantedAnomalies() {
    Random r = new Random(4);
    int n = 3000;
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean anomaly = i % 50 == 0;
      double shift = anomaly ? 2.5 : 0; // moderate: neither trivial nor hopeless
      x[i] =
          new double[] {
            r.nextGaussian() + shift, r.nextGaussian(), r.nextGaussian() - shift, r.nextGaussian()
          };
      y[i] = anomaly;
    }
    double aura =
        RankingMetrics.rocAuc(
            IsolationForestTrainer.builder().seed(1).build().fit(x).scoreAll(x), y);
    smile.math.MathEx.setSeed(1);
    smile.anomaly.IsolationForest peer = smile.anomaly.IsolationForest.fit(x, 100, 8, 256.0 / n, 0);
    double smileAuc = RankingMetrics.rocAuc(peer.score(x), y);
    assertThat(aura).isGreaterThan(0.9);
    assertThat(Math.abs(aura - smileAuc)).isLessThan(0.03);
  }
}
