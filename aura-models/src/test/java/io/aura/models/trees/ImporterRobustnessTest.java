package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Importers on hostile input: every corruption either still yields a valid ensemble or fails with
 * an {@link InvalidDataException}; never another exception, a hang or an oversized allocation.
 */
class ImporterRobustnessTest {
  private static byte[] xgbJson;
  private static byte[] xgbUbj;
  private static String lgbText;

  @BeforeAll
  static void models() throws Exception {
    TreeTestData d = TreeTestData.generate(300, 2, 5, 0.1, 0.0);
    DMatrix m = new DMatrix(d.flat, d.rows, d.cols, Float.NaN);
    m.setLabel(d.label);
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "binary:logistic");
    p.put("max_depth", 3);
    p.put("nthread", 1);
    Booster b = XGBoost.train(m, p, 3, new HashMap<>(), null, null);
    xgbJson = b.toByteArray("json");
    xgbUbj = b.toByteArray("ubj");
    LGBMBooster l = LightGbmAgreementTest.train(d, "min_data_in_leaf=5 categorical_feature=5",
        "objective=binary num_leaves=7 min_data_in_leaf=5 categorical_feature=5", 3);
    lgbText = l.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
  }

  private static void fuzz(byte[] valid, Consumer<byte[]> reader, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int k = 0; k < 400; k++) {
      byte[] bad = valid.clone();
      int mode = k % 4;
      if (mode == 0) {
        bad = java.util.Arrays.copyOf(valid, r.nextInt(valid.length));
      } else {
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
          int at = r.nextInt(bad.length);
          bad[at] = mode == 1 ? (byte) r.nextInt(256)
              : mode == 2 ? (byte) "0123456789-.,[]{}\"e ".charAt(r.nextInt(20)) : (byte) '9';
        }
      }
      try {
        reader.accept(bad);
      } catch (InvalidDataException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  @Test
  void corruptedXGBoostJsonFailsCleanly() {
    assertThat(XGBoostModelReader.read(xgbJson, "ok").treeCount()).isEqualTo(3);
    fuzz(xgbJson, bytes -> XGBoostModelReader.read(bytes, "fuzz.json"), 1);
  }

  @Test
  void corruptedXGBoostUbjsonFailsCleanly() {
    assertThat(XGBoostModelReader.read(xgbUbj, "ok").treeCount()).isEqualTo(3);
    fuzz(xgbUbj, bytes -> XGBoostModelReader.read(bytes, "fuzz.ubj"), 2);
  }

  @Test
  void corruptedLightGbmTextFailsCleanly() {
    byte[] valid = lgbText.getBytes(StandardCharsets.UTF_8);
    assertThat(LightGbmModelReader.parse(lgbText, "ok").treeCount()).isEqualTo(3);
    fuzz(valid, bytes -> LightGbmModelReader.parse(new String(bytes, StandardCharsets.UTF_8),
        "fuzz.txt"), 3);
  }

  @Test
  void ubjsonHugeCountsAndDeepNestingAreRejectedBeforeAllocation() {
    // [ # L <2^62> : an array claiming 2^62 elements in 11 bytes
    byte[] huge = {'[', '#', 'L', 0x40, 0, 0, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> Ubjson.parse(huge, "huge")).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("claims");
    byte[] typed = {'[', '$', 'd', '#', 'l', 0x10, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> Ubjson.parse(typed, "typed")).isInstanceOf(InvalidDataException.class);
    byte[] deep = new byte[10_000];
    java.util.Arrays.fill(deep, (byte) '[');
    assertThatThrownBy(() -> Ubjson.parse(deep, "deep")).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("nesting");
    byte[] str = {'S', 'l', 0x7f, 0, 0, 0, 'a'};
    assertThatThrownBy(() -> Ubjson.parse(str, "str")).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("string");
  }

  @Test
  void ubjsonReadsTypedAndUntypedContainers() {
    // {"a": [$d#2 1.5 -2], "b": "hi", "c": [i 3, T, Z]}
    byte[] doc = {'{', 'i', 1, 'a', '[', '$', 'd', '#', 'i', 2,
        0x3f, (byte) 0xc0, 0, 0, (byte) 0xc0, 0, 0, 0,
        'i', 1, 'b', 'S', 'i', 2, 'h', 'i',
        'i', 1, 'c', '[', 'i', 3, 'T', 'Z', ']', '}'};
    var node = Ubjson.parse(doc, "doc");
    assertThat(node.get("a").get(0).asDouble()).isEqualTo(1.5);
    assertThat(node.get("a").get(1).asDouble()).isEqualTo(-2.0);
    assertThat(node.get("b").asText()).isEqualTo("hi");
    assertThat(node.get("c").get(0).asInt()).isEqualTo(3);
    assertThat(node.get("c").get(1).asBoolean()).isTrue();
    assertThat(node.get("c").get(2).isNull()).isTrue();
  }

  @Test
  void bracketedBaseScoreOfNewerXGBoostReadsTheSame() {
    String json = new String(xgbJson, StandardCharsets.UTF_8);
    String bracketed = json.replaceFirst("\"base_score\":\"([^\"]+)\"",
        "\"base_score\":\"[$1]\"");
    assertThat(bracketed).isNotEqualTo(json);
    TreeEnsemble a = XGBoostModelReader.read(xgbJson, "plain");
    TreeEnsemble b = XGBoostModelReader.read(bracketed.getBytes(StandardCharsets.UTF_8), "list");
    assertThat(b.baseScore(0)).isEqualTo(a.baseScore(0));
    assertThat(a.baseScore(0)).isNotZero();
  }

  @Test
  void semanticErrorsNameWhatIsWrong() {
    String json = new String(xgbJson, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> XGBoostModelReader.read(json.replace("binary:logistic", "reg:weird")
        .getBytes(StandardCharsets.UTF_8), "m.json"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("reg:weird");
    assertThatThrownBy(() -> XGBoostModelReader.read(json.replace("\"left_children\":[",
        "\"left_children\":[99,").getBytes(StandardCharsets.UTF_8), "m.json"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("left_children");
    assertThatThrownBy(() -> XGBoostModelReader.read(json.replace("\"tree_info\":[0",
        "\"tree_info\":[4").getBytes(StandardCharsets.UTF_8), "m.json"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("tree_info[0]");
    assertThatThrownBy(() -> LightGbmModelReader.parse(lgbText.replaceFirst("num_leaves=\\d+",
        "num_leaves=2000000000"), "m.txt"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("Tree=0");
    assertThatThrownBy(() -> LightGbmModelReader.parse(lgbText.replaceFirst("is_linear=0",
        "is_linear=1"), "m.txt"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("linear");
    assertThatThrownBy(() -> LightGbmModelReader.parse("hello", "m.txt"))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("not a LightGBM");
  }
}
