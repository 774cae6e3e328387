package io.aura.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime logs to the process's native stderr, which Java cannot intercept; a load in a child
 * JVM is the only way to see it. A model stamped with an old {@code ai.onnx} opset makes ONNX
 * Runtime warn on every load: through a session with default options the warning appears (the
 * control), through {@link OnnxModel#load} it must not.
 */
class OnnxNativeLogTest {

  @Test
  void onnxRuntimeWarningsDoNotReachStderrThroughAuraSessions(@TempDir Path dir) throws Exception {
    byte[] seed;
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/io/aura/models/fuzz/ModelReaderFuzzTestInputs/onnxModel/tree-ensemble-margins.onnx")) {
      seed = in.readAllBytes();
    }
    ModelProto.Builder b = ModelProto.parseFrom(seed).toBuilder().clearOpsetImport();
    for (OperatorSetIdProto o : ModelProto.parseFrom(seed).getOpsetImportList()) {
      b.addOpsetImport(o.getDomain().isEmpty() ? o.toBuilder().setVersion(6).build() : o);
    }
    Path model = dir.resolve("old-opset.onnx");
    Files.write(model, b.build().toByteArray());

    assertThat(childStderr(dir, model, "plain"))
        .as("control: ONNX Runtime warns by default")
        .contains("onnxruntime");
    assertThat(childStderr(dir, model, "aura")).doesNotContain("onnxruntime");
  }

  private static String childStderr(Path dir, Path model, String mode) throws Exception {
    Path err = dir.resolve(mode + ".err");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dir,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                model.toString(),
                mode)
            .redirectError(err.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
    assertThat(p.exitValue()).as("child exit code, stderr: %s", Files.readString(err)).isZero();
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  /** Loads the model once, through a default ONNX Runtime session or through Aura. */
  static final class Child {
    public static void main(String[] args) throws Exception {
      byte[] bytes = Files.readAllBytes(Path.of(args[0]));
      if (args[1].equals("plain")) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            OrtSession s = env.createSession(bytes, o)) {
          System.out.println(s.getInputNames());
        }
      } else {
        try (OnnxModel m = OnnxModel.load(bytes, args[0])) {
          System.out.println(m.inputNames());
        }
      }
    }
  }
}
