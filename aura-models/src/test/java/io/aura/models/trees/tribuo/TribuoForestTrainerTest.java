package io.aura.models.trees.tribuo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.LabeledRows;
import io.aura.models.trees.Link;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.ensemble.EnsembleModel;

/**
 * Random forests and extra trees trained by Tribuo, compiled into the engine: probabilities agree
 * with Tribuo's own {@code predict} on every test row, and so do class decisions except at ties.
 */
class TribuoForestTrainerTest {

  /** Rows of {@code cols} features; the class depends on three of them, with label noise. */
  static LabeledRows data(int n, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][5];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 5; j++) {
        x[i][j] = j == 3 ? (float) r.nextInt(6) : (float) r.nextGaussian();
      }
      double s = x[i][0] + 0.5 * x[i][1] * x[i][1] + 0.3 * x[i][3] + 0.4 * r.nextGaussian();
      y[i] = classes == 2 ? (s > 1.2 ? 1 : 0) : s < 0.3 ? 0 : s < 1.6 ? 1 : 2;
    }
    return LabeledRows.of(x, y, classes);
  }

  private static double[] check(TribuoForestTrainer trainer, int classes, String what) {
    LabeledRows train = data(1200, classes, 11);
    LabeledRows test = data(500, classes, 12);
    EnsembleModel<Label> forest = trainer.fitTribuo(train);
    Classifier c = TribuoForestTrainer.compile(forest, classes, 5, forest.getNumModels());
    assertThat(c.ensemble().link()).isEqualTo(Link.IDENTITY);
    assertThat(c.ensemble().numGroups()).isEqualTo(classes);
    String[] names = TribuoForestTrainer.featureNames(5);
    float[] p = new float[classes];
    double worst = 0;
    int ties = 0;
    int correct = 0;
    for (int i = 0; i < test.size(); i++) {
      float[] row = test.row(i);
      Prediction<Label> pred = forest.predict(TribuoForestTrainer.example(row, names,
          LabelFactory.UNKNOWN_LABEL));
      Map<String, Label> scores = pred.getOutputScores();
      c.probabilities(row, p);
      double best = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < classes; k++) {
        Label l = scores.get(Integer.toString(k));
        double tribuo = l == null ? 0 : l.getScore();
        worst = Math.max(worst, Math.abs(tribuo - p[k]));
        if (tribuo > best) {
          second = best;
          best = tribuo;
        } else if (tribuo > second) {
          second = tribuo;
        }
      }
      int tribuoClass = Integer.parseInt(pred.getOutput().getLabel());
      if (best - second <= 1e-6) {
        ties++; // documented: Tribuo breaks ties by label id, Aura by lowest class index
      } else {
        assertThat(c.predict(row)).as("row %d", i).isEqualTo(tribuoClass);
      }
      correct += c.predict(row) == test.label(i) ? 1 : 0;
    }
    double accuracy = (double) correct / test.size();
    LoggerFactory.getLogger(TribuoForestTrainerTest.class).info(
        "TRIBUO {} {} classes: {} trees, {} nodes; worst |P_aura - P_tribuo| = {} over {} rows;"
            + " {} ties; accuracy {}", what, classes, forest.getNumModels(),
        c.ensemble().numNodes(), worst, test.size(), ties, accuracy);
    assertThat(worst).as("worst probability difference").isLessThanOrEqualTo(1e-6);
    assertThat(ties).as("ties").isLessThan(test.size() / 10);
    return new double[] {worst, accuracy};
  }

  @Test
  void randomForestAgreesWithTribuoOnEveryRow() {
    TribuoForestTrainer t = TribuoForestTrainer.builder(TribuoForestTrainer.Kind.RANDOM_FOREST)
        .treeCount(25).maxDepth(8).featureFraction(0.6).seed(5).build();
    double[] r = check(t, 3, "random forest");
    assertThat(r[1]).as("accuracy beats the majority class").isGreaterThan(0.7);
  }

  @Test
  void extraTreesAgreeWithTribuoOnEveryRowBinary() {
    TribuoForestTrainer t = TribuoForestTrainer.builder(TribuoForestTrainer.Kind.EXTRA_TREES)
        .treeCount(25).maxDepth(10).featureFraction(1.0).seed(6).build();
    double[] r = check(t, 2, "extra trees");
    assertThat(r[1]).isGreaterThan(0.75);
  }

  @Test
  void fitReturnsTheCompiledForestAndPredictsWellAboveChance() {
    LabeledRows train = data(1200, 3, 11);
    LabeledRows test = data(500, 3, 12);
    Classifier c = TribuoForestTrainer.builder(TribuoForestTrainer.Kind.RANDOM_FOREST).treeCount(15)
        .maxDepth(8).build().fit(train);
    assertThat(c.rounds()).isEqualTo(15);
    assertThat(c.ensemble().treeCount()).isEqualTo(45); // one tree per class per member
    float[] p = new float[3];
    for (int i = 0; i < 50; i++) {
      c.probabilities(test.row(i), p);
      assertThat((double) p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void classWeightsReachTribuoAndRaiseMinorityRecall() {
    // imbalanced: about 8 % positives
    SplittableRandom r = new SplittableRandom(21);
    float[][] x = new float[1500][3];
    int[] y = new int[1500];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = (float) r.nextGaussian();
      }
      y[i] = x[i][0] + 0.7 * x[i][1] + 0.8 * r.nextGaussian() > 2.0 ? 1 : 0;
    }
    LabeledRows train = LabeledRows.of(x, y, 2);
    TribuoForestTrainer.Builder b = TribuoForestTrainer.builder(TribuoForestTrainer.Kind.RANDOM_FOREST)
        .treeCount(20).maxDepth(6).featureFraction(0.67).seed(4);
    Classifier plain = b.build().fit(train);
    Classifier weighted = b.classWeights(io.aura.models.trees.ClassWeights.balanced()).build().fit(train);
    int plainPositives = 0;
    int weightedPositives = 0;
    for (int i = 0; i < train.size(); i++) {
      plainPositives += plain.predict(train.row(i));
      weightedPositives += weighted.predict(train.row(i));
    }
    LoggerFactory.getLogger(TribuoForestTrainerTest.class).info(
        "TRIBUO class weights: {} positives, predicted {} unweighted, {} balanced",
        train.classCounts()[1], plainPositives, weightedPositives);
    assertThat(weightedPositives).isGreaterThan(plainPositives + 20);
  }

  @Test
  void missingValuesInTrainingRowsAreRejectedNamingRowAndFeature() {
    LabeledRows clean = data(50, 2, 1);
    float[][] x = new float[50][];
    int[] y = new int[50];
    for (int i = 0; i < 50; i++) {
      x[i] = clean.row(i);
      y[i] = clean.label(i);
    }
    x[17][2] = Float.NaN;
    TribuoForestTrainer t = TribuoForestTrainer.builder(TribuoForestTrainer.Kind.EXTRA_TREES)
        .treeCount(2).build();
    assertThatThrownBy(() -> t.fit(LabeledRows.of(x, y, 2)))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 17")
        .hasMessageContaining("feature 2");
  }

  @Test
  void aRandomForestMustSampleFeatures() {
    assertThatThrownBy(() -> TribuoForestTrainer.builder(TribuoForestTrainer.Kind.RANDOM_FOREST)
        .featureFraction(1.0).build()).hasMessageContaining("featureFraction < 1");
  }
}
