package io.aura.ensemble.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftVotingTrainerTest {
  /** Three members: decent, uninformative, confident-but-often-wrong. */
  static double[][][] members(int[] y, Random rnd) {
    int n = y.length;
    double[][][] p = new double[3][n][3];
    for (int i = 0; i < n; i++) {
      int wrong = (y[i] + 1 + rnd.nextInt(2)) % 3;
      int a = rnd.nextDouble() < 0.7 ? y[i] : wrong;
      fill(p[0][i], a, 0.6);
      fill(p[1][i], 0, 1.0 / 3);
      int c = rnd.nextDouble() < 0.5 ? y[i] : wrong;
      fill(p[2][i], c, 0.9);
    }
    return p;
  }

  private static void fill(double[] row, int top, double mass) {
    if (mass == 1.0 / 3) {
      java.util.Arrays.fill(row, 1.0 / 3);
      return;
    }
    for (int c = 0; c < row.length; c++) {
      row[c] = c == top ? mass : (1 - mass) / (row.length - 1);
    }
  }

  static int[] labels(int n, Random rnd) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(3);
    }
    return y;
  }

  @Test
  void weightsLieOnTheSimplexAndBeatUniformWeights() {
    Random rnd = new Random(1);
    int[] y = labels(600, rnd);
    double[][][] p = members(y, rnd);
    WeightedSoftVote vote = SoftVotingTrainer.defaults().fit(p, y);
    double[] w = vote.weights();
    double sum = 0;
    for (double v : w) {
      assertThat(v).isGreaterThanOrEqualTo(0);
      sum += v;
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
    double learned = vote.meanLogLikelihood(p, y, 1e-12);
    double uniform = WeightedSoftVote.uniform(3, 3).meanLogLikelihood(p, y, 1e-12);
    assertThat(learned).isGreaterThan(uniform + 0.01);
    for (int m = 0; m < 3; m++) {
      double[] vertex = new double[3];
      vertex[m] = 1;
      assertThat(learned).isGreaterThanOrEqualTo(WeightedSoftVote.of(vertex, 3).meanLogLikelihood(p, y, 1e-12));
    }
    assertThat(w[0]).isGreaterThan(w[2]);
  }

  @Test
  void weightsSatisfyTheOptimalityConditions() {
    // concave objective on the simplex: at the optimum g_m = (1/n) Σ q_mi / mix_i equals 1 where
    // w_m > 0 and is at most 1 where w_m = 0 (KKT)
    Random rnd = new Random(2);
    int[] y = labels(800, rnd);
    double[][][] p = members(y, rnd);
    double[] w = SoftVotingTrainer.defaults().fit(p, y).weights();
    for (int m = 0; m < 3; m++) {
      double g = 0;
      for (int i = 0; i < y.length; i++) {
        double mix = 0;
        for (int k = 0; k < 3; k++) {
          mix += w[k] * p[k][i][y[i]];
        }
        g += p[m][i][y[i]] / mix;
      }
      g /= y.length;
      assertThat(g).as("g_%d", m).isLessThanOrEqualTo(1 + 1e-6);
      if (w[m] > 1e-3) {
        assertThat(g).as("g_%d at interior weight %f", m, w[m]).isCloseTo(1, within(1e-5));
      }
    }
  }

  @Test
  void perfectMemberTakesAllTheWeight() {
    int n = 50;
    int[] y = new int[n];
    double[][][] p = new double[2][n][2];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      p[0][i][y[i]] = 1;
      p[1][i][0] = 0.5;
      p[1][i][1] = 0.5;
    }
    double[] w = SoftVotingTrainer.defaults().fit(p, y).weights();
    assertThat(w[0]).isGreaterThan(1 - 1e-6);
  }

  @Test
  void combineIsTheWeightedMeanAndNaNMembersAbstain() {
    WeightedSoftVote vote = WeightedSoftVote.of(new double[] {3, 1}, 2);
    double[] out = new double[2];
    vote.combine(new double[][] {{0.8, 0.2}, {0.4, 0.6}}, out);
    assertThat(out[0]).isCloseTo(0.75 * 0.8 + 0.25 * 0.4, within(1e-15));
    assertThat(out[0] + out[1]).isCloseTo(1, within(1e-15));
    vote.combine(new double[][] {{Double.NaN, Double.NaN}, {0.4, 0.6}}, out);
    assertThat(out).containsExactly(0.4, 0.6);
    vote.combine(new double[][] {{Double.NaN, 0.1}, {Double.NaN, 0.6}}, out);
    assertThat(out[0]).isNaN();
  }

  @Test
  void badInputsAreRejected() {
    SoftVotingTrainer t = SoftVotingTrainer.defaults();
    int[] y = {0, 1};
    assertThatThrownBy(() -> t.fit(new double[][][] {{{0.5, 0.5}}}, y)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("model 0 has 1 rows of probabilities, labels has 2");
    assertThatThrownBy(() -> t.fit(new double[][][] {{{0.5, 0.5}, {Double.NaN, 0.5}}}, y))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("model 0 row 1 class 0 has probability NaN");
    assertThatThrownBy(() -> t.fit(new double[][][] {{{0.5, 0.5}, {0.5, 0.6}}}, y))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 1 sums to 1.1");
    assertThatThrownBy(() -> t.fit(new double[][][] {{{0.5, 0.5}, {0.5, 0.5}}}, new int[] {0, 2}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("label 1 is 2");
    assertThatThrownBy(() -> t.fit(new double[][][] {{{0.5, 0.5}, {0.5, 0.5}}, {{1.0}, {1.0}}}, y))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("model 1 row 0 has 1 probabilities, expected 2");
    assertThatThrownBy(() -> t.fit(new double[0][][], y)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no models");
  }
}
