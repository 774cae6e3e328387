package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.models.onnx.OnnxModel;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports XGBoost- and LightGBM-trained ensembles to ONNX-ML, runs them with ONNX Runtime and
 * checks every output (link applied, and raw margins) against {@link TreeEnsemble} on every test
 * row, NaNs included.
 */
class TreeEnsembleOnnxTest {
  private static final Logger LOG = LoggerFactory.getLogger(TreeEnsembleOnnxTest.class);

  /** |onnx - aura| <= TOL * max(1, |aura|) for margins and probabilities. */
  private static final double TOL = 2e-6;

  private static TreeEnsemble xgboost(TreeTestData d, String objective, int classes, int rounds)
      throws Exception {
    DMatrix m = new DMatrix(d.flat, d.rows, d.cols, Float.NaN);
    m.setLabel(d.label);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", objective);
    p.put("max_depth", 5);
    p.put("eta", 0.3);
    p.put("nthread", 1);
    p.put("seed", 7);
    if (classes > 2) {
      p.put("num_class", classes);
    }
    Booster b = XGBoost.train(m, p, rounds, new HashMap<>(), null, null);
    return XGBoostModelReader.read(b.toByteArray("json"), objective + ".json");
  }

  private static TreeEnsemble lightgbm(TreeTestData d, String params, int rounds) throws Exception {
    LGBMBooster b =
        LightGbmAgreementTest.train(
            d,
            "min_data_in_leaf=5",
            params + " num_leaves=31 learning_rate=0.2 min_data_in_leaf=5",
            rounds);
    return LightGbmModelReader.parse(
        b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN), "lightgbm");
  }

  /** Worst scaled difference over every row and group; asserts it is within TOL. */
  private static double agree(String what, TreeEnsemble ens, TreeTestData test) {
    double worst = 0;
    int k = ens.numGroups();
    try (OnnxModel link = OnnxModel.load(TreeEnsembleOnnx.export(ens), what);
        OnnxModel raw = OnnxModel.load(TreeEnsembleOnnx.exportMargins(ens), what + " margins")) {
      assertThat(link.inputShape(TreeEnsembleOnnx.INPUT)).containsExactly(-1, test.cols);
      float[][] rows = test.matrix();
      float[][] prob = link.run(rows);
      float[][] margin = raw.run(rows);
      float[] p = new float[k];
      float[] m = new float[k];
      for (int i = 0; i < test.rows; i++) {
        ens.predict(rows[i], p);
        ens.predictRaw(rows[i], m);
        assertThat(prob[i]).hasSize(k);
        for (int g = 0; g < k; g++) {
          worst = Math.max(worst, Math.abs(prob[i][g] - p[g]) / Math.max(1, Math.abs(p[g])));
          worst = Math.max(worst, Math.abs(margin[i][g] - m[g]) / Math.max(1, Math.abs(m[g])));
        }
      }
    }
    LOG.info(
        "ONNX AGREEMENT {}: rows={} groups={} worst |onnx-aura|/max(1,|aura|)={}",
        what,
        test.rows,
        k,
        worst);
    assertThat(worst).as(what + ": worst scaled difference").isLessThanOrEqualTo(TOL);
    return worst;
  }

  @Test
  void xgboostBinaryAndMultiClassAgreeWithOnnxRuntime() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 11, 0.15, 0.05);
    TreeTestData test = TreeTestData.generate(1000, 2, 12, 0.15, 0.05);
    TreeEnsemble bin = xgboost(train, "binary:logistic", 2, 60);
    assertThat(bin.link()).isEqualTo(Link.SIGMOID);
    agree("xgboost binary:logistic", bin, test);
    agree("xgboost binary:logistic, training rows", bin, train);

    TreeTestData train3 = TreeTestData.generate(2000, 3, 21, 0.1, 0.0);
    TreeTestData test3 = TreeTestData.generate(1000, 3, 22, 0.1, 0.0);
    TreeEnsemble mc = xgboost(train3, "multi:softprob", 3, 40);
    assertThat(mc.numGroups()).isEqualTo(3);
    assertThat(mc.link()).isEqualTo(Link.SOFTMAX);
    agree("xgboost multi:softprob", mc, test3);
  }

  @Test
  void lightgbmBinaryMultiClassAndRegressionAgreeWithOnnxRuntime() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 41, 0.15, 0.05);
    TreeTestData test = TreeTestData.generate(1000, 2, 42, 0.15, 0.05);
    TreeEnsemble bin = lightgbm(train, "objective=binary", 60);
    assertThat(bin.link()).isEqualTo(Link.SIGMOID);
    agree("lightgbm binary", bin, test);
    agree("lightgbm binary, training rows", bin, train);

    TreeEnsemble sig = lightgbm(train, "objective=binary sigmoid=0.5", 30);
    assertThat(sig.linkScale()).isEqualTo(0.5);
    agree("lightgbm binary sigmoid=0.5", sig, test);

    TreeTestData train3 = TreeTestData.generate(2000, 3, 51, 0.1, 0.0);
    TreeTestData test3 = TreeTestData.generate(1000, 3, 52, 0.1, 0.0);
    TreeEnsemble mc = lightgbm(train3, "objective=multiclass num_class=3", 30);
    assertThat(mc.link()).isEqualTo(Link.SOFTMAX);
    agree("lightgbm multiclass", mc, test3);

    TreeEnsemble reg = lightgbm(train3, "objective=regression", 40);
    assertThat(reg.link()).isEqualTo(Link.IDENTITY);
    agree("lightgbm regression", reg, test3);
  }

  @Test
  void categoricalAndZeroAsMissingAreRejectedExpLinkIsExported() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 61, 0.1, 0.0);
    String catParams = "categorical_feature=5 min_data_in_leaf=5 min_data_per_group=5 cat_smooth=1";
    LGBMBooster cb =
        LightGbmAgreementTest.train(
            train, catParams, "objective=binary num_leaves=15 " + catParams, 20);
    String text = cb.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    assertThat(text).as("the model must really contain categorical splits").contains("num_cat=1");
    TreeEnsemble cat = LightGbmModelReader.parse(text, "categorical");
    assertThatThrownBy(() -> TreeEnsembleOnnx.export(cat))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("categorical split")
        .hasMessageMatching("tree \\d+ node \\d+ \\(feature 5\\).*");

    TreeTestData zeros = TreeTestData.generate(2000, 2, 71, 0.0, 0.3);
    LGBMBooster zb =
        LightGbmAgreementTest.train(
            zeros,
            "zero_as_missing=true min_data_in_leaf=5",
            "objective=binary num_leaves=15 min_data_in_leaf=5",
            20);
    TreeEnsemble zero =
        LightGbmModelReader.parse(
            zb.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN), "zero");
    assertThatThrownBy(() -> TreeEnsembleOnnx.exportMargins(zero))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zero as missing");

    TreeTestData counts = TreeTestData.generate(1000, 2, 81, 0.1, 0.0);
    TreeEnsemble poisson = lightgbm(counts, "objective=poisson", 10);
    assertThat(poisson.link()).isEqualTo(Link.EXP);
    agree("lightgbm poisson (exp link)", poisson, counts);
  }
}
