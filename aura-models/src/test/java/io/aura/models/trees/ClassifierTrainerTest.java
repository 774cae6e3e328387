package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.models.trees.lightgbm.LightGbmClassifierTrainer;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Classifier API through both native adapters: early stopping, class weights, time split. */
class ClassifierTrainerTest {

  private static LabeledRows rows(int n, int classes, long seed) {
    TreeTestData d = TreeTestData.generate(n, classes, seed, 0.1, 0.0);
    return LabeledRows.of(d.matrix(), d.intLabels(), classes);
  }

  private static double logLoss(Classifier c, LabeledRows rows) {
    float[] p = new float[c.numClasses()];
    double loss = 0;
    for (int i = 0; i < rows.size(); i++) {
      c.probabilities(rows.row(i), p);
      loss -= Math.log(Math.max(1e-15, p[rows.label(i)]));
    }
    return loss / rows.size();
  }

  private static double accuracy(Classifier c, LabeledRows rows) {
    int ok = 0;
    for (int i = 0; i < rows.size(); i++) {
      ok += c.predict(rows.row(i)) == rows.label(i) ? 1 : 0;
    }
    return (double) ok / rows.size();
  }

  private static BoostingSettings overfitting() {
    // a high learning rate and deep trees overfit quickly, so early stopping must act
    return BoostingSettings.builder().rounds(300).learningRate(0.5).maxDepth(8).numLeaves(127)
        .minChildWeight(1e-3).earlyStoppingRounds(10).nativeParam("min_data_in_leaf", "2").build();
  }

  private static void checkEarlyStopping(ClassifierTrainer trainer, int classes) {
    TimeOrderedSplit split = TimeOrderedSplit.of(rows(2500, classes, 100 + classes), 0.6, 0.2);
    Classifier stopped = trainer.fit(split.train(), split.validation());
    Classifier full = trainer.fit(split.train());
    assertThat(stopped.rounds()).isLessThan(300);
    assertThat(full.rounds()).isEqualTo(300);
    assertThat(stopped.ensemble().treeCount())
        .isEqualTo(stopped.rounds() * (classes == 2 ? 1 : classes));
    assertThat(logLoss(stopped, split.validation())).isLessThan(logLoss(full, split.validation()));
    assertThat(accuracy(stopped, split.test())).isGreaterThan(classes == 2 ? 0.8 : 0.6);
    float[] p = new float[classes];
    stopped.probabilities(split.test().row(0), p);
    double sum = 0;
    for (float v : p) {
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, Offset.offset(1e-5));
  }

  @Test
  void xgboostBinaryEarlyStopsAtTheBestValidationRound() {
    checkEarlyStopping(XGBoostClassifierTrainer.of(overfitting()), 2);
  }

  @Test
  void lightGbmMultiClassEarlyStopsAtTheBestValidationRound() {
    checkEarlyStopping(LightGbmClassifierTrainer.of(overfitting()), 3);
  }

  @Test
  void xgboostMultiClassAndLightGbmBinaryTrain() {
    BoostingSettings s = BoostingSettings.builder().rounds(30).build();
    LabeledRows multi = rows(1500, 3, 7);
    Classifier x = XGBoostClassifierTrainer.of(s).fit(multi);
    assertThat(x.numClasses()).isEqualTo(3);
    assertThat(x.ensemble().numGroups()).isEqualTo(3);
    assertThat(accuracy(x, rows(500, 3, 8))).isGreaterThan(0.6);
    Classifier l = LightGbmClassifierTrainer.of(s).fit(rows(1500, 2, 9));
    assertThat(l.ensemble().numGroups()).isEqualTo(1);
    assertThat(accuracy(l, rows(500, 2, 10))).isGreaterThan(0.8);
  }

  /** Rare positives: balanced weights must find more of them than unweighted training. */
  @Test
  void balancedClassWeightsRaiseRecallOfTheRareClass() {
    SplittableRandom r = new SplittableRandom(17);
    int n = 4000;
    float[][] x = new float[n][3];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) r.nextGaussian();
      x[i][1] = (float) r.nextGaussian();
      x[i][2] = (float) r.nextGaussian();
      double s = 1.5 * x[i][0] + x[i][1] + 0.8 * r.nextGaussian();
      y[i] = s > 3.2 ? 1 : 0; // about 1-2 % positives
    }
    LabeledRows all = LabeledRows.of(x, y);
    TimeOrderedSplit split = TimeOrderedSplit.of(all, 0.7, 0.0);
    assertThat(split.validation()).isNull();
    int[] counts = split.test().classCounts();
    assertThat(counts[1]).isGreaterThan(5);
    for (ClassifierTrainer base : new ClassifierTrainer[] {
        XGBoostClassifierTrainer.of(BoostingSettings.builder().rounds(40).maxDepth(3).build()),
        LightGbmClassifierTrainer.of(BoostingSettings.builder().rounds(40).numLeaves(7).build())}) {
      ClassifierTrainer weighted = base instanceof XGBoostClassifierTrainer
          ? XGBoostClassifierTrainer.of(BoostingSettings.builder().rounds(40).maxDepth(3)
              .classWeights(ClassWeights.balanced()).build())
          : LightGbmClassifierTrainer.of(BoostingSettings.builder().rounds(40).numLeaves(7)
              .classWeights(ClassWeights.balanced()).build());
      int plain = truePositives(base.fit(split.train()), split.test());
      int balanced = truePositives(weighted.fit(split.train()), split.test());
      assertThat(balanced).as(base.getClass().getSimpleName()).isGreaterThan(plain);
    }
  }

  private static int truePositives(Classifier c, LabeledRows rows) {
    int tp = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.label(i) == 1 && c.predict(rows.row(i)) == 1) {
        tp++;
      }
    }
    return tp;
  }

  @Test
  void timeOrderedSplitKeepsOrderAndChecksTimestamps() {
    LabeledRows all = rows(100, 2, 1);
    TimeOrderedSplit s = TimeOrderedSplit.of(all, new long[100], 0.5, 0.3);
    assertThat(s.train().size()).isEqualTo(50);
    assertThat(s.validation().size()).isEqualTo(30);
    assertThat(s.test().size()).isEqualTo(20);
    assertThat(s.validation().row(0)).containsExactly(all.row(50));
    assertThat(s.test().label(19)).isEqualTo(all.label(99));
    long[] ts = new long[100];
    for (int i = 0; i < 100; i++) {
      ts[i] = i == 60 ? 0 : 1000L * i;
    }
    assertThatThrownBy(() -> TimeOrderedSplit.of(all, ts, 0.5, 0.3))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 60");
    assertThatThrownBy(() -> LabeledRows.of(new float[][] {{1f}, {1f, 2f}}, new int[] {0, 1}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("row 1");
    assertThatThrownBy(() -> ClassWeights.of(1, -1)).hasMessageContaining("class 1");
  }

  @Test
  void classifierRejectsEnsemblesOfTheWrongShape() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(1, 1);
    b.addTree(0, 1).leaf(0, 1f);
    TreeEnsemble identity = b.build();
    assertThatThrownBy(() -> Classifier.of(identity, 2, "test", 1))
        .hasMessageContaining("IDENTITY");
  }
}
