package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fidelity-bounded tree dropping, unused-feature removal and lossless 16-bit binning. */
class PruningAndBinningTest {
  private static TreeEnsemble model;

  @BeforeAll
  static void train() throws Exception {
    TreeTestData d = TreeTestData.generate(2000, 3, 301, 0.1, 0.0);
    // widen to 9 columns; columns 6..8 are pure noise the model may or may not use
    float[] wide = new float[d.rows * 9];
    for (int i = 0; i < d.rows; i++) {
      System.arraycopy(d.flat, i * 6, wide, i * 9, 6);
    }
    DMatrix m = new DMatrix(wide, d.rows, 9, Float.NaN);
    m.setLabel(d.label);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "multi:softprob");
    p.put("num_class", 3);
    p.put("max_depth", 4);
    p.put("eta", 0.3);
    p.put("nthread", 1);
    Booster b = XGBoost.train(m, p, 60, new HashMap<>(), null, null);
    model = XGBoostModelReader.read(b.toByteArray("json"), "xgb");
  }

  private static float[][] rows(long seed, int n, int cols) {
    TreeTestData d = TreeTestData.generate(n, 3, seed, 0.1, 0.0);
    float[][] r = new float[n][cols];
    for (int i = 0; i < n; i++) {
      System.arraycopy(d.flat, i * 6, r[i], 0, 6);
      for (int j = 6; j < cols; j++) {
        r[i][j] = (float) Math.sin(i * j);
      }
    }
    return r;
  }

  @Test
  void droppedTreesKeepEveryValidationMarginWithinTolerance() {
    float[][] valid = rows(302, 400, 9);
    for (double tol : new double[] {0.0, 0.05, 0.3}) {
      TreeEnsemble pruned = TreePruner.dropTrees(model, valid, tol);
      float[] a = new float[3];
      float[] b = new float[3];
      double worst = 0;
      for (float[] row : valid) {
        model.predictRaw(row, a);
        pruned.predictRaw(row, b);
        for (int g = 0; g < 3; g++) {
          worst = Math.max(worst, Math.abs(a[g] - b[g]));
        }
      }
      org.slf4j.LoggerFactory.getLogger(PruningAndBinningTest.class).info(
          "PRUNE tolerance {}: {} of {} trees kept, worst margin change {}", tol,
          pruned.treeCount(), model.treeCount(), worst);
      assertThat(worst).as("tolerance %s", tol).isLessThanOrEqualTo(tol + 1e-5);
      if (tol >= 0.3) {
        assertThat(pruned.treeCount()).isLessThan(model.treeCount());
      }
    }
  }

  @Test
  void unusedFeaturesAreRemovedAndIndicesRemapped() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(5, 1);
    b.addTree(0, 3).split(0, 3, 0.5f, 1, 2, true).leaf(1, 1f).leaf(2, 2f);
    b.addTree(0, 3).split(0, 1, 0.5f, 1, 2, false).leaf(1, 10f).leaf(2, 20f);
    b.featureNames(java.util.List.of("a", "b", "c", "d", "e"));
    TreeEnsemble e = b.build();
    TreePruner.FeatureSubset s = TreePruner.removeUnusedFeatures(e);
    assertThat(s.originalIndex()).containsExactly(1, 3);
    assertThat(s.model().featureCount()).isEqualTo(2);
    assertThat(s.model().featureNames()).containsExactly("b", "d");
    SplittableRandom r = new SplittableRandom(4);
    float[] small = new float[2];
    for (int i = 0; i < 100; i++) {
      float[] row = new float[5];
      for (int j = 0; j < 5; j++) {
        row[j] = r.nextDouble() < 0.1 ? Float.NaN : (float) r.nextDouble();
      }
      s.select(row, small);
      assertThat(s.model().predictRaw(small)).isEqualTo(e.predictRaw(row));
    }
  }

  @Test
  void removingUnusedFeaturesOfATrainedPrunedModelGivesIdenticalPredictions() {
    float[][] valid = rows(302, 400, 9);
    float[][] test = rows(304, 600, 9);
    SplittableRandom r = new SplittableRandom(12);
    for (float[] row : test) { // missing values must follow the same default directions
      for (int j = 0; j < row.length; j++) {
        if (r.nextDouble() < 0.1) {
          row[j] = Float.NaN;
        }
      }
    }
    double[] tolerances = {0.0, 0.05, 0.3, 1.0};
    java.util.List<TreePruner.CurvePoint> curve = TreePruner.curve(model, valid, tolerances);
    assertThat(curve).hasSize(4);
    int previousTrees = Integer.MAX_VALUE;
    float[] a = new float[3];
    float[] b = new float[3];
    for (TreePruner.CurvePoint p : curve) {
      TreeEnsemble pruned = TreePruner.dropTrees(model, valid, p.tolerance());
      TreePruner.FeatureSubset s = p.subset();
      int[] original = s.originalIndex();
      // columns 6..8 are all zero in training: no split can use them
      assertThat(original).doesNotContain(6, 7, 8);
      assertThat(s.model().featureCount()).isEqualTo(Math.max(1, original.length));
      assertThat(p.model().treeCount()).isEqualTo(pruned.treeCount())
          .isLessThanOrEqualTo(previousTrees);
      previousTrees = p.model().treeCount();
      float[] small = new float[s.model().featureCount()];
      for (float[] row : test) {
        s.select(row, small);
        pruned.predictRaw(row, a);
        p.model().predictRaw(small, b);
        assertThat(b).containsExactly(a);
      }
      org.slf4j.LoggerFactory.getLogger(PruningAndBinningTest.class).info(
          "CURVE tolerance {}: {} trees, {} bytes, {} of 9 features", p.tolerance(),
          p.model().treeCount(), p.model().sizeBytes(), original.length);
    }
    assertThat(curve.get(3).model().treeCount()).isLessThan(model.treeCount());
  }

  @Test
  void binnedSizeIsCountedAndAtLeastTwiceSmallerThanFloat32() {
    BinnedTreeEnsemble binned = BinnedTreeEnsemble.of(model);
    long nodes = model.numNodes();
    // float32: 13 bytes per node in the node table plus 8 in the packed copy, plus indices
    assertThat(model.sizeBytes() - model.explanationBytes()).isGreaterThanOrEqualTo(21 * nodes);
    assertThat(model.explanationBytes()).isEqualTo(
        (model.hasCover() ? 8 * nodes : 0) + (model.hasGain() ? 4 * nodes : 0));
    // binned: 6 bytes and a bit per node, 4 per leaf, 4 per distinct threshold
    assertThat(binned.sizeBytes()).isLessThan(11 * nodes);
    assertThat(2 * binned.sizeBytes()).isLessThanOrEqualTo(
        model.sizeBytes() - model.explanationBytes());
    float[] a = new float[3];
    float[] b = new float[3];
    char[] scratch = new char[9];
    for (float[] row : rows(305, 200, 9)) {
      model.predict(row, a);
      binned.predict(row, scratch, b);
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void binnedEnsembleIsBitIdenticalIncludingThresholdValuesNaNAndInfinities() {
    BinnedTreeEnsemble binned = BinnedTreeEnsemble.of(model);
    SplittableRandom r = new SplittableRandom(9);
    float[][] rows = rows(303, 500, 9);
    // also rows made of the model's own thresholds and their neighbours
    float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f};
    char[] scratch = new char[9];
    float[] a = new float[3];
    float[] b = new float[3];
    for (int k = 0; k < 3000; k++) {
      float[] row = k < rows.length ? rows[k] : new float[9];
      if (k >= rows.length) {
        for (int j = 0; j < 9; j++) {
          int pick = r.nextInt(4);
          int n = r.nextInt(model.numNodes());
          float t = model.nodeFeature(n) >= 0 ? model.nodeValue(n) : 0f;
          row[j] = pick == 0 ? t : pick == 1 ? Math.nextDown(t) : pick == 2 ? Math.nextUp(t)
              : special[r.nextInt(special.length)];
        }
      }
      model.predictRaw(row, a);
      binned.predictRaw(row, scratch, b);
      assertThat(b).containsExactly(a);
    }
  }

  @Test
  void binningRejectsCategoricalModels() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(1, 1);
    b.addTree(0, 3).categorical(0, 0, new int[] {1}, 1, 2, false).leaf(1, 1f).leaf(2, 2f);
    TreeEnsemble e = b.build();
    assertThatThrownBy(() -> BinnedTreeEnsemble.of(e)).hasMessageContaining("categorical");
  }
}
