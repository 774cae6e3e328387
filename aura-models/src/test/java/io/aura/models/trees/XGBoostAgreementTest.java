package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains real XGBoost models (native library) on data with NaNs, saves them as JSON and UBJSON,
 * imports them and checks that every raw margin is bit-identical to XGBoost's own prediction (the
 * engine reproduces XGBoost's float32 summation order) and every class decision and probability
 * agrees.
 */
class XGBoostAgreementTest {
  @TempDir Path dir;

  private static Booster train(TreeTestData d, Map<String, Object> params, int rounds)
      throws Exception {
    DMatrix m = new DMatrix(d.flat, d.rows, d.cols, Float.NaN);
    m.setLabel(d.label);
    return XGBoost.train(m, params, rounds, new HashMap<>(), null, null);
  }

  private static Map<String, Object> params(String objective, int depth) {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", objective);
    p.put("max_depth", depth);
    p.put("eta", 0.3);
    p.put("nthread", 1);
    p.put("seed", 7);
    return p;
  }

  private Agreement compare(Booster booster, TreeEnsemble ens, TreeTestData test, int groups)
      throws Exception {
    DMatrix m = new DMatrix(test.flat, test.rows, test.cols, Float.NaN);
    float[][] nativeMargins = booster.predict(m, true);
    float[][] nativeProb = booster.predict(m, false);
    Agreement a = new Agreement();
    float[] out = new float[groups];
    float[] prob = new float[groups];
    for (int i = 0; i < test.rows; i++) {
      ens.predictRaw(test.row(i), out);
      ens.predict(test.row(i), prob);
      for (int g = 0; g < groups; g++) {
        a.add(out[g], nativeMargins[i][g]);
        assertThat((double) prob[g]).isCloseTo(nativeProb[i][g],
            org.assertj.core.data.Offset.offset(1e-5));
      }
      if (groups == 1) {
        a.addClass(out[0] > 0 ? 1 : 0, nativeMargins[i][0] > 0 ? 1 : 0);
      } else {
        a.addClass(Agreement.argmax(out, groups), Agreement.argmax(toDouble(nativeMargins[i]), 0,
            groups));
      }
    }
    return a;
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  @Test
  void binaryLogisticJsonAndUbjsonAgreeWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 11, 0.15, 0.05);
    TreeTestData test = TreeTestData.generate(1000, 2, 12, 0.15, 0.05);
    Booster b = train(train, params("binary:logistic", 6), 60);
    Path json = dir.resolve("m.json");
    Path ubj = dir.resolve("m.ubj");
    b.saveModel(json.toString());
    b.saveModel(ubj.toString());
    assertThat(Files.readAllBytes(ubj)[1]).isNotEqualTo((byte) '"');

    TreeEnsemble fromJson = XGBoostModelReader.read(json);
    TreeEnsemble fromUbj = XGBoostModelReader.read(ubj);
    assertThat(fromJson.treeCount()).isEqualTo(60);
    assertThat(fromJson.link()).isEqualTo(Link.SIGMOID);
    assertThat(fromUbj.numNodes()).isEqualTo(fromJson.numNodes());
    compare(b, fromJson, test, 1).checkExact("xgboost binary:logistic json");
    compare(b, fromUbj, test, 1).checkExact("xgboost binary:logistic ubj");
    // training rows too (thresholds sit exactly between training values)
    compare(b, fromJson, train, 1).checkExact("xgboost binary:logistic json, training rows");
  }

  @Test
  void multiClassSoftprobAgreesWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 3, 21, 0.1, 0.0);
    TreeTestData test = TreeTestData.generate(1000, 3, 22, 0.1, 0.0);
    Map<String, Object> p = params("multi:softprob", 5);
    p.put("num_class", 3);
    Booster b = train(train, p, 40);
    Path json = dir.resolve("mc.json");
    b.saveModel(json.toString());
    TreeEnsemble ens = XGBoostModelReader.read(json);
    assertThat(ens.numGroups()).isEqualTo(3);
    assertThat(ens.treeCount()).isEqualTo(120);
    compare(b, ens, test, 3).checkExact("xgboost multi:softprob json");
    TreeEnsemble ubj = XGBoostModelReader.read(b.toByteArray("ubj"), "in-memory ubj");
    compare(b, ubj, test, 3).checkExact("xgboost multi:softprob ubj");
  }

  @Test
  void categoricalSplitsAgreeWithNativeIncludingNaNNegativeAndUnseen() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 41, 0.1, 0.0);
    TreeTestData test = TreeTestData.generate(1000, 2, 42, 0.1, 0.0);
    float[] odd = {Float.NaN, -1f, -0.5f, 40f, 3.7f, 7f, 1e9f};
    for (int i = 0; i < test.rows; i += 3) {
      test.flat[i * test.cols + 5] = odd[(i / 3) % odd.length];
    }
    DMatrix m = new DMatrix(train.flat, train.rows, train.cols, Float.NaN);
    m.setLabel(train.label);
    m.setFeatureTypes(new String[] {"q", "q", "q", "q", "q", "c"});
    Map<String, Object> p = params("binary:logistic", 4);
    p.put("tree_method", "hist");
    p.put("max_cat_to_onehot", 1);
    Booster b = XGBoost.train(m, p, 30, new HashMap<>(), null, null);
    byte[] json = b.toByteArray("json");
    assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
        .as("the model must contain categorical splits").containsPattern(
            "\"categories_nodes\":\\[[0-9]");
    TreeEnsemble ens = XGBoostModelReader.read(json, "categorical.json");
    DMatrix dt = new DMatrix(test.flat, test.rows, test.cols, Float.NaN);
    dt.setFeatureTypes(new String[] {"q", "q", "q", "q", "q", "c"});
    float[][] nat = b.predict(dt, true);
    Agreement a = new Agreement();
    float[] out = new float[1];
    for (int i = 0; i < test.rows; i++) {
      ens.predictRaw(test.row(i), out);
      a.add(out[0], nat[i][0]);
      a.addClass(out[0] > 0 ? 1 : 0, nat[i][0] > 0 ? 1 : 0);
    }
    a.checkExact("xgboost categorical");
  }

  @Test
  void dartAndRandomForestLayoutsAgreeWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(1500, 3, 51, 0.1, 0.0);
    TreeTestData test = TreeTestData.generate(500, 3, 52, 0.1, 0.0);
    Map<String, Object> dart = params("multi:softprob", 4);
    dart.put("num_class", 3);
    dart.put("booster", "dart");
    dart.put("rate_drop", 0.2);
    Booster d = train(train, dart, 15);
    TreeEnsemble de = XGBoostModelReader.read(d.toByteArray("json"), "dart.json");
    compare(d, de, test, 3).checkExact("xgboost dart multi:softprob");
    Map<String, Object> forest = params("binary:logistic", 4);
    forest.put("num_parallel_tree", 4);
    forest.put("subsample", 0.7);
    forest.put("colsample_bynode", 0.7);
    Booster f = train(TreeTestData.generate(1500, 2, 53, 0.1, 0.0), forest, 5);
    TreeEnsemble fe = XGBoostModelReader.read(f.toByteArray("ubj"), "forest.ubj");
    assertThat(fe.treeCount()).isEqualTo(20);
    compare(f, fe, TreeTestData.generate(500, 2, 54, 0.1, 0.0), 1)
        .checkExact("xgboost num_parallel_tree=4");
  }

  @Test
  void regressionWithPoissonLinkAgreesWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(1500, 3, 31, 0.1, 0.0);
    TreeTestData test = TreeTestData.generate(500, 3, 32, 0.1, 0.0);
    Booster b = train(train, params("count:poisson", 4), 30);
    Path json = dir.resolve("p.json");
    b.saveModel(json.toString());
    TreeEnsemble ens = XGBoostModelReader.read(json);
    assertThat(ens.link()).isEqualTo(Link.EXP);
    compare(b, ens, test, 1).checkExact("xgboost count:poisson json");
  }
}
