package io.aura.models.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aura.features.InvalidDataException;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import io.aura.models.onnx.OnnxModel;
import io.aura.models.persist.ModelFileException;
import io.aura.models.trees.CatBoostModelReader;
import io.aura.models.trees.LightGbmModelReader;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreeEnsembleFile;
import io.aura.models.trees.XGBoostModelReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Coverage-guided fuzz tests (Jazzer) of every model loader: XGBoost JSON and UBJSON, LightGBM
 * text, CatBoost JSON, and Aura's own model files (Isolation Forest and tree ensembles).
 *
 * <p>Contract checked for every input: the loader returns a model, or throws only its documented
 * exception ({@link InvalidDataException} for the importers; {@link ModelFileException} from {@link
 * TreeEnsembleFile#fromBytes}; an {@link IOException} from {@link IsolationForest#fromBytes}). Any
 * other exception or error (including {@link OutOfMemoryError} and {@link StackOverflowError})
 * escapes and is a finding. A model that loads must also predict a row of zeros and a row of NaN
 * (missing) without throwing. When fuzzing, each input must finish within one second (see {@code
 * docs/reliability.md}: JUnit's timeout default becomes libFuzzer's {@code -timeout=1}).
 *
 * <p>Aura model files end in a CRC32C of all preceding bytes, so almost every mutation is rejected
 * at the checksum. The model-file targets therefore try each input twice: as given, and with its
 * last four bytes replaced by the correct checksum, which lets the fuzzer reach the section
 * decoding and the model validation behind the checksum.
 *
 * <p>Corpus: {@code src/test/resources/io/aura/models/fuzz/ModelReaderFuzzTestInputs/<method>/}.
 */
class ModelReaderFuzzTest {

  /**
   * Rows wider than this are not built by the harness: a loader may accept a file declaring a
   * billion features (reported in docs/reliability.md), and allocating that row is the harness's
   * own out-of-memory, not the loader's.
   */
  private static final int MAX_ROW = 1 << 16;

  private static void use(TreeEnsemble e) {
    if (e.featureCount() > MAX_ROW) {
      return;
    }
    float[] out = new float[e.numGroups()];
    float[] zeros = new float[e.featureCount()];
    float[] missing = new float[e.featureCount()];
    Arrays.fill(missing, Float.NaN);
    e.predictRaw(zeros, out);
    e.predictRaw(missing, out);
  }

  private static void use(IsolationForest f) {
    if (f.featureCount() > MAX_ROW) {
      return;
    }
    double[] zeros = new double[f.featureCount()];
    double score = f.score(zeros);
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalStateException(
          "a loaded Isolation Forest scored " + score + " outside [0, 1]");
    }
  }

  /** The input with its last four bytes set to the CRC32C of the rest (Aura's file checksum). */
  static byte[] withChecksum(byte[] data) {
    if (data.length < 4) {
      return data;
    }
    byte[] b = data.clone();
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
    return b;
  }

  @FuzzTest(maxDuration = "60s")
  void xgboostJson(byte[] data) {
    try {
      use(XGBoostModelReader.read(data, "fuzz.json"));
    } catch (InvalidDataException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "60s")
  void xgboostUbjson(byte[] data) {
    try {
      use(XGBoostModelReader.read(data, "fuzz.ubj"));
    } catch (InvalidDataException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "60s")
  void lightGbmText(byte[] data) {
    try {
      use(LightGbmModelReader.parse(new String(data, StandardCharsets.UTF_8), "fuzz.txt"));
    } catch (InvalidDataException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "60s")
  void catBoostJson(byte[] data) {
    try {
      use(CatBoostModelReader.read(data, "fuzz.json"));
    } catch (InvalidDataException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "60s")
  void treeEnsembleFile(byte[] data) {
    for (byte[] b : new byte[][] {data, withChecksum(data)}) {
      try {
        use(TreeEnsembleFile.fromBytes(b, "fuzz.aura"));
      } catch (ModelFileException expected) {
        // documented
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void isolationForestFile(byte[] data) {
    for (byte[] b : new byte[][] {data, withChecksum(data)}) {
      try {
        use(IsolationForestFile.fromBytes(b, "bytes"));
      } catch (IOException expected) {
        // documented (a ModelFileException)
      }
    }
  }

  /**
   * ONNX models through Aura's checks: {@link OnnxModel#load} either returns a model or throws
   * {@link InvalidDataException}; a loaded single-input float model is run on a row of zeros sized
   * by its declared shape (dynamic dimensions as 1) and may only throw {@link InvalidDataException}
   * (a shape mismatch or a runtime failure ONNX Runtime reports). A crash inside ONNX Runtime's
   * native code would end the JVM and is a finding too.
   */
  @FuzzTest(maxDuration = "60s")
  void onnxModel(byte[] data) {
    OnnxModel m;
    try {
      m = OnnxModel.load(data, "fuzz.onnx");
    } catch (InvalidDataException expected) {
      return;
    }
    try (m) {
      if (m.inputNames().size() != 1) {
        return;
      }
      long[] shape = m.inputShape(m.inputNames().get(0));
      if (shape == null || shape.length == 0 || shape.length > 4) {
        return;
      }
      long width = Math.max(1, shape[shape.length - 1]);
      if (width > MAX_ROW) {
        return;
      }
      m.run(new float[(int) width]);
    } catch (InvalidDataException expected) {
      // documented: shape mismatch or a runtime failure
    }
  }
}
