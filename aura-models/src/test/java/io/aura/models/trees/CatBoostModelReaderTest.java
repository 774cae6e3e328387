package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * CatBoost JSON import against outputs computed by hand from CatBoost's documented oblivious-tree
 * semantics (CatBoost itself is not available to the tests).
 */
class CatBoostModelReaderTest {

  private static TreeEnsemble small() throws Exception {
    try (InputStream in = CatBoostModelReaderTest.class.getResourceAsStream(
        "/trees/catboost-small.json")) {
      return CatBoostModelReader.read(in, "catboost-small.json");
    }
  }

  /** Hand evaluation: leaf index = [x0 > 0.5] + 2 [x2 > 1.25]; NaN in x2 counts as "> border". */
  private static double expected(float x0, float x2) {
    int b0 = x0 > 0.5f ? 1 : 0;
    boolean nan2 = Float.isNaN(x2);
    int b1 = nan2 || x2 > 1.25f ? 1 : 0;
    double[] t0 = {1.0, 2.0, 3.0, 4.0};
    double[] t1 = {-0.5, 0.25};
    int c = nan2 || x2 > -1f ? 1 : 0;
    return 0.1 + 0.5 * (t0[b0 + 2 * b1] + t1[c]);
  }

  @Test
  void obliviousTreesMatchHandComputedMargins() throws Exception {
    TreeEnsemble e = small();
    assertThat(e.featureCount()).isEqualTo(3);
    assertThat(e.link()).isEqualTo(Link.SIGMOID);
    float[] xs = {-2f, 0.5f, Math.nextUp(0.5f), 1f, Float.NaN};
    float[] zs = {-3f, -1f, Math.nextUp(-1f), 0f, 1.25f, Math.nextUp(1.25f), 5f, Float.NaN};
    for (float x0 : xs) {
      for (float x2 : zs) {
        if (Float.isNaN(x0)) {
          continue; // x0 has nan_value_treatment AsIs: NaN > 0.5 is false, checked below
        }
        float m = e.predictRaw(new float[] {x0, 123f, x2});
        assertThat((double) m).as("x0=%s x2=%s", x0, x2)
            .isCloseTo(expected(x0, x2), Offset.offset(1e-6));
      }
    }
    assertThat((double) e.predictRaw(new float[] {Float.NaN, 0f, 0f}))
        .isCloseTo(expected(0f, 0f), Offset.offset(1e-6));
    TreeShap shap = TreeShap.of(e);
    double[] phi = shap.explain(new float[] {1f, 0f, 2f});
    assertThat(phi[0] + phi[1] + phi[2] + phi[3]).isCloseTo(expected(1f, 2f),
        Offset.offset(1e-6));
    assertThat(phi[1]).isZero(); // column 1 is not used by the model
  }

  @Test
  void multiClassLeafValuesAreLeafMajor() {
    String json = "{\"model_info\":{\"params\":\"{\\\"loss_function\\\":{\\\"type\\\":"
        + "\\\"MultiClass\\\"}}\"},\"features_info\":{\"float_features\":[{\"feature_index\":0,"
        + "\"flat_feature_index\":0}]},\"oblivious_trees\":[{\"leaf_values\":[1,2,3,4,5,6],"
        + "\"splits\":[{\"border\":0,\"float_feature_index\":0,\"split_type\":\"FloatFeature\"}]}],"
        + "\"scale_and_bias\":[1,[0,0,10]]}";
    TreeEnsemble e = CatBoostModelReader.read(json.getBytes(StandardCharsets.UTF_8), "mc");
    assertThat(e.numGroups()).isEqualTo(3);
    assertThat(e.link()).isEqualTo(Link.SOFTMAX);
    float[] m = new float[3];
    e.predictRaw(new float[] {-1f}, m);
    assertThat(m).containsExactly(1f, 2f, 13f);
    e.predictRaw(new float[] {1f}, m);
    assertThat(m).containsExactly(4f, 5f, 16f);
  }

  @Test
  void rejectsCategoricalSplitsAndInconsistentLeaves() {
    String ctr = "{\"features_info\":{\"float_features\":[]},\"oblivious_trees\":[{\"leaf_values\""
        + ":[1,2],\"splits\":[{\"split_type\":\"OnlineCtr\"}]}]}";
    assertThatThrownBy(() -> CatBoostModelReader.read(ctr.getBytes(StandardCharsets.UTF_8), "c"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("OnlineCtr");
    String bad = "{\"features_info\":{\"float_features\":[{\"feature_index\":0}]},"
        + "\"oblivious_trees\":[{\"leaf_values\":[1,2,3],\"splits\":[{\"border\":0,"
        + "\"float_feature_index\":0}]}]}";
    assertThatThrownBy(() -> CatBoostModelReader.read(bad.getBytes(StandardCharsets.UTF_8), "b"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("3 leaf values");
  }
}
