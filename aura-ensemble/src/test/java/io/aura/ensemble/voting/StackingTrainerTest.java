package io.aura.ensemble.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StackingTrainerTest {
  /** Member 0 is informative but inverted; member 1 is noise. Binary. */
  private static double[][][] inverted(int[] y, Random rnd) {
    int n = y.length;
    double[][][] p = new double[2][n][2];
    for (int i = 0; i < n; i++) {
      double p1 = y[i] == 1 ? 0.1 + 0.2 * rnd.nextDouble() : 0.7 + 0.2 * rnd.nextDouble();
      p[0][i][1] = p1;
      p[0][i][0] = 1 - p1;
      double q = rnd.nextDouble();
      p[1][i][1] = q;
      p[1][i][0] = 1 - q;
    }
    return p;
  }

  private static int[] binary(int n, Random rnd) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
    }
    return y;
  }

  private static double accuracy(double[][] probs, int[] y) {
    int ok = 0;
    for (int i = 0; i < y.length; i++) {
      int best = 0;
      for (int c = 1; c < probs[i].length; c++) {
        if (probs[i][c] > probs[i][best]) {
          best = c;
        }
      }
      ok += best == y[i] ? 1 : 0;
    }
    return (double) ok / y.length;
  }

  @Test
  void metaLearnerUndoesAnInvertedMemberThatVotingCannotUse() {
    Random rnd = new Random(1);
    int[] ytrain = binary(400, rnd);
    int[] ytest = binary(400, rnd);
    double[][][] train = inverted(ytrain, rnd);
    double[][][] test = inverted(ytest, rnd);
    StackedEnsemble stack = StackingTrainer.defaults().fit(train, ytrain);
    assertThat(stack.converged()).isTrue();
    assertThat(accuracy(stack.predict(test), ytest)).isGreaterThan(0.97);
    WeightedSoftVote vote = SoftVotingTrainer.defaults().fit(train, ytrain);
    assertThat(accuracy(vote.combine(test), ytest)).isLessThan(0.75);
    // the weight of "member 0 says class 1" on class 1 is negative
    double[][] coef = stack.coefficients();
    assertThat(coef[1][2] - coef[0][2]).isNegative();
  }

  @Test
  void meanPredictionEqualsClassFrequenciesAtTheOptimum() {
    // unpenalized intercepts: at the optimum Σ_i (p_ic − [y_i = c]) = 0 for every class
    Random rnd = new Random(2);
    int[] y = SoftVotingTrainerTest.labels(500, rnd);
    double[][][] p = SoftVotingTrainerTest.members(y, rnd);
    StackedEnsemble stack = StackingTrainer.of(1e-2, 1000, 1e-9).fit(p, y);
    double[][] pred = stack.predict(p);
    for (int c = 0; c < 3; c++) {
      double mean = 0;
      double freq = 0;
      for (int i = 0; i < y.length; i++) {
        mean += pred[i][c];
        freq += y[i] == c ? 1 : 0;
      }
      assertThat(mean / y.length).isCloseTo(freq / y.length, within(1e-6));
    }
    for (double[] row : pred) {
      assertThat(row[0] + row[1] + row[2]).isCloseTo(1, within(1e-12));
    }
  }

  @Test
  void stackingOnOutOfFoldPredictionsBeatsUniformVotingInLogLoss() {
    Random rnd = new Random(3);
    int[] y = SoftVotingTrainerTest.labels(900, rnd);
    double[][][] all = SoftVotingTrainerTest.members(y, rnd);
    KFold folds = KFold.stratified(y, 3, 7);
    // pretend each fold's predictions came from a model trained on the other folds
    double[][][] oof = new double[3][][];
    for (int m = 0; m < 3; m++) {
      double[][][] perFold = new double[3][][];
      for (int f = 0; f < 3; f++) {
        int[] test = folds.testIndices(f);
        perFold[f] = new double[test.length][];
        for (int r = 0; r < test.length; r++) {
          perFold[f][r] = all[m][test[r]];
        }
      }
      oof[m] = folds.assemble(perFold);
    }
    assertThat(oof[1][5]).containsExactly(all[1][5]);
    StackedEnsemble stack = StackingTrainer.defaults().fit(oof, y);
    int[] yTest = SoftVotingTrainerTest.labels(900, rnd);
    double[][][] test = SoftVotingTrainerTest.members(yTest, rnd);
    assertThat(logLoss(stack.predict(test), yTest))
        .isLessThan(logLoss(WeightedSoftVote.uniform(3, 3).combine(test), yTest));
  }

  private static double logLoss(double[][] p, int[] y) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s -= Math.log(p[i][y[i]]);
    }
    return s / y.length;
  }

  @Test
  void predictRejectsWrongShapeAndPropagatesNaN() {
    Random rnd = new Random(4);
    int[] y = binary(100, rnd);
    StackedEnsemble stack = StackingTrainer.defaults().fit(inverted(y, rnd), y);
    double[] out = new double[2];
    assertThatThrownBy(() -> stack.predict(new double[][] {{0.5, 0.5}}, out))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("1 models, the ensemble has 2");
    stack.predict(new double[][] {{0.5, 0.5}, {Double.NaN, 0.5}}, out);
    assertThat(out[0]).isNaN();
    assertThatThrownBy(() -> StackingTrainer.defaults().fit(new double[][][] {{{0.5, 0.5}}}, new int[] {0, 1}))
        .isInstanceOf(InvalidDataException.class);
  }
}
