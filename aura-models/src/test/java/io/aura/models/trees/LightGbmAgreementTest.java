package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains real LightGBM models (native library) on data with NaNs, zeros and a categorical feature,
 * saves them as text, imports them and checks every raw margin and class decision against
 * LightGBM's own prediction on the same float32 rows.
 */
class LightGbmAgreementTest {
  @TempDir Path dir;

  static LGBMBooster train(TreeTestData d, String datasetParams, String params, int rounds)
      throws Exception {
    LGBMDataset ds = LGBMDataset.createFromMat(d.flat, d.rows, d.cols, true, datasetParams, null);
    ds.setField("label", d.label);
    LGBMBooster b = LGBMBooster.create(ds, params + " verbose=-1 num_threads=1 seed=3 "
        + "deterministic=true");
    for (int i = 0; i < rounds; i++) {
      if (b.updateOneIter()) {
        break;
      }
    }
    return b;
  }

  private TreeEnsemble export(LGBMBooster b, String name) throws Exception {
    Path file = dir.resolve(name + ".txt");
    Files.writeString(file, b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN));
    return LightGbmModelReader.read(file);
  }

  static Agreement compare(LGBMBooster b, TreeEnsemble ens, TreeTestData test) throws Exception {
    int k = ens.numGroups();
    double[] nat = NativeLightGbm.predict(
        b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN), test.flat, test.rows,
        test.cols, com.microsoft.ml.lightgbm.lightgbmlibConstants.C_API_PREDICT_RAW_SCORE, k);
    assertThat(nat).hasSize(test.rows * k);
    Agreement a = new Agreement();
    float[] out = new float[k];
    for (int i = 0; i < test.rows; i++) {
      ens.predictRaw(test.row(i), out);
      for (int g = 0; g < k; g++) {
        a.add(out[g], nat[i * k + g]);
      }
      if (k == 1) {
        a.addClass(out[0] > 0 ? 1 : 0, nat[i] > 0 ? 1 : 0);
      } else {
        a.addClass(Agreement.argmax(out, k), Agreement.argmax(nat, i * k, k));
      }
    }
    return a;
  }

  @Test
  void binaryWithNaNsAgreesWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 41, 0.15, 0.05);
    TreeTestData test = TreeTestData.generate(1000, 2, 42, 0.15, 0.05);
    LGBMBooster b = train(train, "min_data_in_leaf=5", "objective=binary num_leaves=31 "
        + "learning_rate=0.2 min_data_in_leaf=5", 60);
    TreeEnsemble ens = export(b, "binary");
    assertThat(ens.link()).isEqualTo(Link.SIGMOID);
    assertThat(ens.treeCount()).isEqualTo(60);
    compare(b, ens, test).check("lightgbm binary");
    compare(b, ens, train).check("lightgbm binary, training rows");
    // the same model saved with Windows line endings reads to the same margins, bit for bit
    String crlf = b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN)
        .replace("\n", "\r\n");
    TreeEnsemble fromCrlf = LightGbmModelReader.parse(crlf, "binary, CRLF");
    assertThat(fromCrlf.numNodes()).isEqualTo(ens.numNodes());
    for (int i = 0; i < test.rows; i++) {
      assertThat(fromCrlf.predictRaw(test.row(i))).isEqualTo(ens.predictRaw(test.row(i)));
    }
    // probabilities through the link
    double[] prob = b.predictForMat(test.flat, test.rows, test.cols, true,
        PredictionType.C_API_PREDICT_NORMAL);
    float[] p = new float[1];
    for (int i = 0; i < test.rows; i++) {
      ens.predict(test.row(i), p);
      assertThat((double) p[0]).isCloseTo(prob[i], org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void multiClassAgreesWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 3, 51, 0.1, 0.0);
    TreeTestData test = TreeTestData.generate(1000, 3, 52, 0.1, 0.0);
    LGBMBooster b = train(train, "min_data_in_leaf=5", "objective=multiclass num_class=3 "
        + "num_leaves=15 learning_rate=0.2 min_data_in_leaf=5", 30);
    TreeEnsemble ens = export(b, "multiclass");
    assertThat(ens.numGroups()).isEqualTo(3);
    assertThat(ens.link()).isEqualTo(Link.SOFTMAX);
    compare(b, ens, test).check("lightgbm multiclass");
  }

  @Test
  void categoricalSplitsAgreeWithNativeIncludingNaNAndUnseenCategories() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 61, 0.1, 0.0);
    TreeTestData test = TreeTestData.generate(1000, 2, 62, 0.1, 0.0);
    for (int i = 0; i < test.rows; i += 7) {
      test.flat[i * test.cols + 5] = Float.NaN; // missing category
    }
    for (int i = 3; i < test.rows; i += 11) {
      test.flat[i * test.cols + 5] = 40f + i % 5; // never seen in training
    }
    for (int i = 5; i < test.rows; i += 13) {
      test.flat[i * test.cols + 5] = -1f; // negative category
    }
    LGBMBooster b = train(train, "categorical_feature=5 min_data_in_leaf=5 "
        + "min_data_per_group=5 cat_smooth=1", "objective=binary num_leaves=15 learning_rate=0.2 "
        + "min_data_in_leaf=5 categorical_feature=5 min_data_per_group=5 cat_smooth=1", 40);
    String text = b.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    assertThat(text).as("the model must really contain categorical splits").contains("num_cat=1");
    TreeEnsemble ens = LightGbmModelReader.parse(text, "categorical");
    compare(b, ens, test).check("lightgbm categorical");
  }

  @Test
  void zeroAsMissingAndNoMissingHandlingAgreeWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(2000, 2, 71, 0.1, 0.2);
    TreeTestData test = TreeTestData.generate(1000, 2, 72, 0.1, 0.2);
    for (int i = 0; i < test.rows; i += 9) {
      test.flat[i * test.cols + 3] = 0f;
      test.flat[i * test.cols + 1] = i % 2 == 0 ? 1e-36f : -0f;
    }
    LGBMBooster zero = train(train, "zero_as_missing=true min_data_in_leaf=5",
        "objective=binary num_leaves=15 learning_rate=0.2 zero_as_missing=true "
            + "min_data_in_leaf=5", 30);
    String zt = zero.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
    TreeEnsemble ze = LightGbmModelReader.parse(zt, "zero_as_missing");
    compare(zero, ze, test).check("lightgbm zero_as_missing");

    LGBMBooster none = train(train, "use_missing=false min_data_in_leaf=5",
        "objective=binary num_leaves=15 learning_rate=0.2 use_missing=false min_data_in_leaf=5",
        30);
    TreeEnsemble ne = LightGbmModelReader.parse(
        none.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN), "use_missing=false");
    compare(none, ne, test).check("lightgbm use_missing=false");
  }

  @Test
  void regressionAgreesWithNative() throws Exception {
    TreeTestData train = TreeTestData.generate(1500, 3, 81, 0.1, 0.0);
    TreeTestData test = TreeTestData.generate(500, 3, 82, 0.1, 0.0);
    LGBMBooster b = train(train, "min_data_in_leaf=5", "objective=regression num_leaves=31 "
        + "learning_rate=0.1 min_data_in_leaf=5", 50);
    TreeEnsemble ens = export(b, "regression");
    assertThat(ens.link()).isEqualTo(Link.IDENTITY);
    compare(b, ens, test).check("lightgbm regression");
  }
}
