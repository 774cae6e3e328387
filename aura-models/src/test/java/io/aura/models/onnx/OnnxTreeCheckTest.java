package io.aura.models.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Models ONNX Runtime 1.20 would abort the process on are refused by Aura's checks first, with a
 * message that names the node and the attribute.
 */
class OnnxTreeCheckTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in =
        OnnxTreeCheckTest.class.getResourceAsStream(
            "/io/aura/models/fuzz/ModelReaderFuzzTestInputs/onnxModel/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void missingLeafWeightsAreRefusedBeforeOnnxRuntimeAborts() throws IOException {
    // Found by fuzzing: the valid margins model with target_weights renamed. Loaded as is, ONNX
    // Runtime indexes past a vector and the JVM dies with SIGABRT.
    byte[] crash = resource("crash-missing-target-weights.onnx");
    assertThatThrownBy(() -> OnnxModel.load(crash, "crash.onnx"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("crash.onnx")
        .hasMessageContaining("TreeEnsembleRegressor")
        .hasMessageContaining("target_weights");
  }

  @Test
  void validExportsStillLoad() throws Exception {
    for (String name :
        new String[] {"tree-ensemble-margins.onnx", "tree-ensemble-classifier.onnx"}) {
      try (OnnxModel m = OnnxModel.load(resource(name), name)) {
        org.assertj.core.api.Assertions.assertThat(m.run(new float[] {0f, 1f, 3f})).isNotEmpty();
      }
    }
  }

  @Test
  void garbageIsNotAModel() {
    assertThatThrownBy(() -> OnnxModel.load(new byte[] {(byte) 0xff, 0x01, 0x02}, "junk.onnx"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("junk.onnx");
  }
}
