package io.aura.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void confusionMatrixAndDerivedMetrics() {
    boolean[] truth = {true, true, false, false, true, false};
    boolean[] pred = {true, false, true, false, true, false};
    ConfusionMatrix m = ConfusionMatrix.of(truth, pred);
    assertThat(m).isEqualTo(new ConfusionMatrix(2, 1, 2, 1));
    assertThat(m.precision()).isEqualTo(2.0 / 3);
    assertThat(m.recall()).isEqualTo(2.0 / 3);
    assertThat(m.f1()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(m.falsePositiveRate()).isEqualTo(1.0 / 3);
    assertThat(new ConfusionMatrix(0, 0, 5, 0).precision()).isZero();
    assertThat(new ConfusionMatrix(0, 0, 5, 0).f1()).isZero();
    assertThat(
            ConfusionMatrix.atThreshold(
                truth, new double[] {0.9, 0.1, 0.5, Double.NaN, 0.5, 0.2}, 0.5))
        .isEqualTo(m);
    assertThatThrownBy(() -> ConfusionMatrix.of(truth, new boolean[2]))
        .isInstanceOf(InvalidDataException.class);
  }

  @Test
  void rocAucAndAveragePrecisionOnTheScikitLearnExample() {
    double[] s = {0.1, 0.4, 0.35, 0.8};
    boolean[] y = {false, false, true, true};
    assertThat(RankingMetrics.rocAuc(s, y)).isEqualTo(0.75);
    assertThat(RankingMetrics.averagePrecision(s, y)).isCloseTo(0.8333333333, within(1e-9));
  }

  @Test
  void tiesGetAverageRanks() {
    boolean[] y = {true, false, true, false, false};
    assertThat(RankingMetrics.rocAuc(new double[] {1, 1, 1, 1, 1}, y)).isEqualTo(0.5);
    // One positive tied with one negative above the rest: pairs (p1,n1) tie = 1/2, p1 beats n2,n3;
    // p2 (lowest) beats nothing and ties nobody: (0.5 + 2 + 0) / 6.
    assertThat(RankingMetrics.rocAuc(new double[] {0.9, 0.9, 0.0, 0.5, 0.4}, y)).isEqualTo(2.5 / 6);
    assertThat(RankingMetrics.averagePrecision(new double[] {1, 1, 1, 1, 1}, y)).isEqualTo(0.4);
  }

  @Test
  void rocAucEqualsThePairwiseDefinitionOnRandomData() {
    Random r = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      int n = 50 + r.nextInt(100);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        y[i] = i < 5 || r.nextDouble() < 0.2;
        s[i] = r.nextInt(10) + (y[i] ? 2 : 0);
      }
      y[n - 1] = false;
      double wins = 0;
      long pairs = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (y[i] && !y[j]) {
            pairs++;
            wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          }
        }
      }
      assertThat(RankingMetrics.rocAuc(s, y)).isCloseTo(wins / pairs, within(1e-12));
    }
  }

  @Test
  void rankingMetricsRejectNanAndSingleClass() {
    assertThatThrownBy(
            () -> RankingMetrics.rocAuc(new double[] {1, Double.NaN}, new boolean[] {true, false}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("score 1");
    assertThatThrownBy(() -> RankingMetrics.rocAuc(new double[] {1, 2}, new boolean[] {true, true}))
        .isInstanceOf(InvalidDataException.class);
  }

  @Test
  void eventMetricsCountRangesNotRows() {
    //               0      1     2     3      4      5     6      7     8      9
    boolean[] truth = {false, true, true, true, false, false, true, true, false, false};
    boolean[] pred = {false, false, false, true, true, false, false, false, true, true};
    EventMetrics m = EventMetrics.of(truth, pred);
    assertThat(m).isEqualTo(new EventMetrics(2, 1, 2, 1));
    assertThat(m.recall()).isEqualTo(0.5);
    assertThat(m.precision()).isEqualTo(0.5);
    assertThat(m.f1()).isEqualTo(0.5);
    assertThat(EventMetrics.of(truth, new boolean[10]).precision()).isZero();
  }
}
