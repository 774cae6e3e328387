package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/** TreeSHAP: brute-force Shapley values, local accuracy, and agreement with XGBoost/LightGBM. */
class TreeShapTest {

  /** Random tree over 4 features with random covers that add up. */
  private static TreeEnsemble randomEnsemble(long seed, int trees, int depth) {
    SplittableRandom r = new SplittableRandom(seed);
    TreeEnsemble.Builder b = TreeEnsemble.builder(4, 1).baseScore(0.25);
    for (int t = 0; t < trees; t++) {
      int nodes = (1 << (depth + 1)) - 1; // complete tree, heap numbering
      TreeEnsemble.TreeBuilder tb = b.addTree(0, nodes);
      double[] cover = new double[nodes];
      cover[0] = 100;
      for (int n = 0; n < nodes; n++) {
        int l = 2 * n + 1;
        if (l >= nodes) {
          tb.leaf(n, (float) r.nextGaussian());
        } else {
          tb.split(n, r.nextInt(4), (float) r.nextDouble(), l, l + 1, r.nextBoolean());
          double frac = 0.1 + 0.8 * r.nextDouble();
          cover[l] = cover[n] * frac;
          cover[l + 1] = cover[n] - cover[l];
        }
        tb.cover(n, cover[n]);
      }
    }
    return b.build();
  }

  /** E[f(x) | x_S] with the path-dependent (cover-weighted) estimate, Algorithm 1 of the paper. */
  private static double condExpectation(TreeEnsemble e, float[] x, int subset) {
    double sum = e.baseScore(0);
    for (int t = 0; t < e.treeCount(); t++) {
      sum += expValue(e, e.treeStart(t), x, subset);
    }
    return sum;
  }

  private static double expValue(TreeEnsemble e, int n, float[] x, int subset) {
    int f = e.nodeFeature(n);
    if (f < 0) {
      return e.nodeValue(n);
    }
    int l = n + 1;
    int r = e.nodeRight(n);
    if ((subset >> f & 1) != 0) {
      return expValue(e, e.goesLeft(n, x[f]) ? l : r, x, subset);
    }
    return (e.nodeCover(l) * expValue(e, l, x, subset) + e.nodeCover(r) * expValue(e, r, x, subset))
        / e.nodeCover(n);
  }

  private static double[] bruteForceShapley(TreeEnsemble e, float[] x) {
    int m = e.featureCount();
    double[] phi = new double[m];
    long[] fact = {1, 1, 2, 6, 24, 120};
    for (int i = 0; i < m; i++) {
      for (int s = 0; s < 1 << m; s++) {
        if ((s >> i & 1) != 0) {
          continue;
        }
        int size = Integer.bitCount(s);
        double weight = (double) fact[size] * fact[m - size - 1] / fact[m];
        phi[i] += weight * (condExpectation(e, x, s | 1 << i) - condExpectation(e, x, s));
      }
    }
    return phi;
  }

  @Test
  void matchesBruteForceShapleyValuesOnRandomTrees() {
    SplittableRandom r = new SplittableRandom(5);
    for (int seed = 0; seed < 20; seed++) {
      TreeEnsemble e = randomEnsemble(seed, 3, 1 + seed % 4);
      TreeShap shap = TreeShap.of(e);
      for (int k = 0; k < 10; k++) {
        float[] x = new float[4];
        for (int j = 0; j < 4; j++) {
          x[j] = r.nextDouble() < 0.15 ? Float.NaN : (float) r.nextDouble();
        }
        double[] got = shap.explain(x);
        double[] want = bruteForceShapley(e, x);
        for (int j = 0; j < 4; j++) {
          assertThat(got[j]).as("seed %d feature %d", seed, j)
              .isCloseTo(want[j], org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(got[4]).isCloseTo(condExpectation(e, x, 0),
            org.assertj.core.data.Offset.offset(1e-9));
      }
    }
  }

  @Test
  void refusesModelsWithoutCovers() {
    TreeEnsemble.Builder b = TreeEnsemble.builder(1, 1);
    b.addTree(0, 1).leaf(0, 1f);
    TreeEnsemble e = b.build();
    assertThatThrownBy(() -> TreeShap.of(e)).hasMessageContaining("cover");
  }

  @Test
  void deepChainTreeDoesNotOverflowAndIsLocallyAccurate() {
    int depth = 1000;
    TreeEnsemble.Builder b = TreeEnsemble.builder(3, 1);
    TreeEnsemble.TreeBuilder tb = b.addTree(0, 2 * depth + 1);
    // node 2i splits, 2i+1 is a leaf (right), 2i+2 continues left
    double cover = 1e6;
    for (int i = 0; i < depth; i++) {
      tb.split(2 * i, i % 3, (float) (i % 7) / 7f, 2 * i + 2, 2 * i + 1, i % 2 == 0);
      tb.cover(2 * i, cover);
      tb.leaf(2 * i + 1, (float) Math.sin(i));
      tb.cover(2 * i + 1, cover * 0.01);
      cover *= 0.99;
    }
    tb.leaf(2 * depth, 1f).cover(2 * depth, cover);
    TreeEnsemble e = b.build();
    assertThat(e.maxDepth()).isEqualTo(depth);
    TreeShap shap = TreeShap.of(e);
    float[] x = {-1f, -1f, Float.NaN};
    double[] phi = shap.explain(x);
    assertThat(phi[0] + phi[1] + phi[2] + phi[3]).isCloseTo(e.predictRaw(x),
        org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void agreesWithXGBoostContributionsAndIsLocallyAccurate() throws Exception {
    TreeTestData train = TreeTestData.generate(1500, 3, 91, 0.15, 0.0);
    TreeTestData test = TreeTestData.generate(300, 3, 92, 0.15, 0.0);
    DMatrix m = new DMatrix(train.flat, train.rows, train.cols, Float.NaN);
    m.setLabel(train.label);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "multi:softprob");
    p.put("num_class", 3);
    p.put("max_depth", 5);
    p.put("nthread", 1);
    Booster booster = XGBoost.train(m, p, 20, new HashMap<>(), null, null);
    TreeEnsemble e = XGBoostModelReader.read(booster.toByteArray("json"), "xgb");
    DMatrix dt = new DMatrix(test.flat, test.rows, test.cols, Float.NaN);
    float[][] nat = booster.predictContrib(dt, 0);
    TreeShap shap = TreeShap.of(e);
    TreeShap.Workspace ws = shap.newWorkspace();
    double[] phi = new double[shap.outputLength()];
    float[] margin = new float[3];
    double worst = 0;
    double worstLocal = 0;
    for (int i = 0; i < test.rows; i++) {
      float[] row = test.row(i);
      shap.explain(row, phi, ws);
      e.predictRaw(row, margin);
      assertThat(nat[i]).hasSize(phi.length);
      for (int j = 0; j < phi.length; j++) {
        worst = Math.max(worst, Math.abs(phi[j] - nat[i][j]));
      }
      for (int g = 0; g < 3; g++) {
        double s = 0;
        for (int j = 0; j <= test.cols; j++) {
          s += phi[g * (test.cols + 1) + j];
        }
        worstLocal = Math.max(worstLocal, Math.abs(s - margin[g]));
      }
    }
    org.slf4j.LoggerFactory.getLogger(TreeShapTest.class).info(
        "SHAP xgboost multi:softprob: worst |phi - xgboost| = {}, worst |sum phi - margin| = {}",
        worst, worstLocal);
    assertThat(worst).isLessThan(1e-4);
    assertThat(worstLocal).isLessThan(1e-5);
  }

  @Test
  void agreesWithLightGbmContributionsAndIsLocallyAccurate() throws Exception {
    TreeTestData train = TreeTestData.generate(1500, 2, 93, 0.15, 0.0);
    TreeTestData test = TreeTestData.generate(300, 2, 94, 0.15, 0.0);
    LGBMBooster b = LightGbmAgreementTest.train(train, "min_data_in_leaf=5",
        "objective=binary num_leaves=31 learning_rate=0.2 min_data_in_leaf=5", 30);
    String text = b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    TreeEnsemble e = LightGbmModelReader.parse(text, "lgbm");
    double[] nat = NativeLightGbm.predict(text, test.flat, test.rows, test.cols,
        lightgbmlibConstants.C_API_PREDICT_CONTRIB, test.cols + 1);
    TreeShap shap = TreeShap.of(e);
    TreeShap.Workspace ws = shap.newWorkspace();
    double[] phi = new double[shap.outputLength()];
    double worst = 0;
    double worstLocal = 0;
    for (int i = 0; i < test.rows; i++) {
      float[] row = test.row(i);
      shap.explain(row, phi, ws);
      double s = 0;
      for (int j = 0; j <= test.cols; j++) {
        worst = Math.max(worst, Math.abs(phi[j] - nat[i * (test.cols + 1) + j]));
        s += phi[j];
      }
      worstLocal = Math.max(worstLocal, Math.abs(s - e.predictRaw(row)));
    }
    org.slf4j.LoggerFactory.getLogger(TreeShapTest.class).info(
        "SHAP lightgbm binary: worst |phi - lightgbm| = {}, worst |sum phi - margin| = {}",
        worst, worstLocal);
    assertThat(worst).isLessThan(1e-5);
    assertThat(worstLocal).isLessThan(1e-5);
  }
}
