package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trip through Aura's model-file container, and rejection of corrupt or forged files. */
class TreeEnsembleFileTest {
  @TempDir Path dir;

  private static void assertSamePredictions(TreeEnsemble a, TreeEnsemble b, TreeTestData rows) {
    assertThat(b.treeCount()).isEqualTo(a.treeCount());
    assertThat(b.numNodes()).isEqualTo(a.numNodes());
    assertThat(b.link()).isEqualTo(a.link());
    assertThat(b.float32Accumulation()).isEqualTo(a.float32Accumulation());
    float[] x = new float[a.numGroups()];
    float[] y = new float[a.numGroups()];
    for (int i = 0; i < rows.rows; i++) {
      a.predictRaw(rows.row(i), x);
      b.predictRaw(rows.row(i), y);
      assertThat(y).containsExactly(x);
    }
    if (a.hasCover()) {
      assertThat(TreeShap.of(b).explain(rows.row(0))).containsExactly(
          TreeShap.of(a).explain(rows.row(0)));
    }
    if (a.hasGain()) {
      assertThat(b.featureImportance(TreeEnsemble.Importance.GAIN))
          .containsExactly(a.featureImportance(TreeEnsemble.Importance.GAIN));
    }
  }

  @Test
  void xgboostCategoricalMultiClassModelRoundTrips() throws Exception {
    TreeTestData train = TreeTestData.generate(1000, 3, 501, 0.1, 0.0);
    DMatrix m = new DMatrix(train.flat, train.rows, train.cols, Float.NaN);
    m.setLabel(train.label);
    m.setFeatureTypes(new String[] {"q", "q", "q", "q", "q", "c"});
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "multi:softprob");
    p.put("num_class", 3);
    p.put("max_depth", 4);
    p.put("nthread", 1);
    p.put("max_cat_to_onehot", 1);
    Booster b = XGBoost.train(m, p, 10, new HashMap<>(), null, null);
    TreeEnsemble e = XGBoostModelReader.read(b.toByteArray("json"), "xgb");
    Path file = dir.resolve("xgb.aura");
    TreeEnsembleFile.write(e, file);
    TreeEnsemble back = TreeEnsembleFile.read(file);
    assertSamePredictions(e, back, TreeTestData.generate(300, 3, 502, 0.1, 0.0));
  }

  @Test
  void lightGbmModelWithCategoricalAndZeroMissingSplitsRoundTrips() throws Exception {
    TreeTestData train = TreeTestData.generate(1000, 2, 503, 0.1, 0.2);
    LGBMBooster b = LightGbmAgreementTest.train(train, "categorical_feature=5 zero_as_missing=true "
        + "min_data_in_leaf=5", "objective=binary num_leaves=15 categorical_feature=5 "
        + "zero_as_missing=true min_data_in_leaf=5", 10);
    TreeEnsemble e = LightGbmModelReader.parse(
        b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN), "lgbm");
    TreeEnsemble back = TreeEnsembleFile.fromBytes(TreeEnsembleFile.toBytes(e), "bytes");
    assertSamePredictions(e, back, TreeTestData.generate(300, 2, 504, 0.1, 0.2));
  }

  @Test
  void corruptedOrForgedFilesAreRejected() throws Exception {
    TreeEnsemble.Builder bld = TreeEnsemble.builder(2, 1).link(Link.SIGMOID, 1).baseScore(0.5);
    bld.addTree(0, 3).split(0, 0, 1f, 1, 2, true).leaf(1, 1f).leaf(2, 2f);
    byte[] bytes = TreeEnsembleFile.toBytes(bld.build());
    for (int i = 0; i < bytes.length; i += 7) {
      byte[] bad = bytes.clone();
      bad[i] ^= 0x5A;
      assertThatThrownBy(() -> TreeEnsembleFile.fromBytes(bad, "flipped"))
          .isInstanceOf(ModelFileException.class);
    }
    // a well-formed, correctly checksummed file whose right child points at the root
    byte[] forged = ModelFileWriter.create(TreeEnsembleFile.KIND, TreeEnsembleFile.VERSION)
        .putInts("shape", new int[] {2, 1, 1, 3, Link.SIGMOID.ordinal(), 0})
        .putDouble("linkScale", 1)
        .putDoubles("baseScore", new double[] {0.5})
        .putInts("treeStart", new int[] {0, 3})
        .putInts("treeGroup", new int[] {0})
        .putInts("feature", new int[] {0, -1, -1})
        .putFloats("value", new float[] {1f, 1f, 2f})
        .putInts("right", new int[] {0, 0, 0})
        .putBytes("flags", new byte[3])
        .putStrings("featureNames", java.util.List.of())
        .toBytes();
    assertThatThrownBy(() -> TreeEnsembleFile.fromBytes(forged, "forged"))
        .isInstanceOf(ModelFileException.class).hasMessageContaining("invalid tree ensemble");
  }
}
