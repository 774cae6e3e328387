package io.aura.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.aura.features.InvalidDataException;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Any ONNX model (for example an LSTM or autoencoder exported from PyTorch, or a tree ensemble from
 * {@link io.aura.models.trees.TreeEnsembleOnnx}) run through ONNX Runtime, with every input checked
 * against the shape the model declares.
 *
 * <p>The runner is for float32 tensors: {@link #run(float[], long...)} feeds one float input and
 * returns the first output, flattened row-major; {@link #run(float[])} and {@link #run(float[][])}
 * are the one-row and batch forms for models whose single input is {@code [N, F]} (or {@code [F]}
 * for the one-row form). A declared dimension of fixed size must match the caller's exactly; a
 * symbolic or unknown dimension ({@code -1} in {@link #inputShape}) accepts any positive size. A
 * mismatch throws {@link InvalidDataException} naming the input, the declared and the actual shape.
 * The first output's actual shape is checked against the shape ONNX Runtime reports for it the same
 * way (ONNX Runtime already merges a declared output shape with its own shape inference at load
 * time, leniently, so this guards against runtime surprises of dynamic graphs only). NaN values are
 * passed through unchanged: what they mean is the model's business.
 *
 * <p>Before ONNX Runtime sees a model, {@code OnnxTreeCheck} validates its {@code ai.onnx.ml}
 * tree-ensemble operators (ONNX Runtime 1.20 aborts the process on some malformed ones); this needs
 * {@code org.tribuo:tribuo-util-onnx} on the class path.
 *
 * <p>Logging: ONNX Runtime writes its own log to the process's native stderr, outside SLF4J. For
 * the sessions Aura creates it is limited to fatal messages: every error ONNX Runtime reports while
 * loading or running reaches the caller as an {@link InvalidDataException} carrying its message,
 * and its per-load warnings (old opsets, lenient shape merges) would otherwise flood the host's
 * stderr when many models are loaded (found by fuzzing, see {@code docs/reliability.md}).
 *
 * <p>Thread safety: immutable; {@code run} may be called concurrently (ONNX Runtime sessions are
 * thread-safe for inference). {@link #close()} must not race with {@code run}. Allocation: each
 * {@code run} allocates a direct input buffer, the native tensors and the returned array.
 * Complexity: that of the graph, plus O(input + output) copying.
 *
 * <p>Reference: ONNX Runtime Java API (https://onnxruntime.ai/docs/api/java/); ONNX IR
 * specification (https://onnx.ai/onnx/repo-docs/IR.html).
 */
public final class OnnxModel implements AutoCloseable {
  private final String source;
  private final OrtSession session;
  private final OrtEnvironment env;
  private final List<String> inputNames;
  private final List<String> outputNames;
  private final Map<String, long[]> inputShapes;
  private final Map<String, long[]> outputShapes;

  private OnnxModel(String source, OrtEnvironment env, OrtSession session) throws OrtException {
    this.source = source;
    this.env = env;
    this.session = session;
    this.inputShapes = shapes(session.getInputInfo());
    this.outputShapes = shapes(session.getOutputInfo());
    this.inputNames = List.copyOf(inputShapes.keySet());
    this.outputNames = List.copyOf(outputShapes.keySet());
  }

  private static Map<String, long[]> shapes(Map<String, NodeInfo> info) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, NodeInfo> e : info.entrySet()) {
      if (e.getValue().getInfo() instanceof TensorInfo) {
        out.put(e.getKey(), ((TensorInfo) e.getValue().getInfo()).getShape());
      } else {
        out.put(e.getKey(), null); // sequence or map: not runnable through this class
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Loads a model file.
   *
   * @param path an {@code .onnx} file
   * @return the model
   * @throws IOException if the file cannot be read
   * @throws InvalidDataException if ONNX Runtime rejects the file (corrupt or unsupported)
   */
  public static OnnxModel load(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    return load(Files.readAllBytes(path), path.toString());
  }

  /**
   * Loads a serialized model.
   *
   * @param model the bytes of an ONNX {@code ModelProto}
   * @param source a name for the model, used in error messages
   * @return the model
   * @throws InvalidDataException if ONNX Runtime rejects the bytes (corrupt or unsupported)
   */
  public static OnnxModel load(byte[] model, String source) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(source, "source");
    if (model.length == 0) {
      throw new InvalidDataException("ONNX model " + source + " is empty");
    }
    try {
      OnnxTreeCheck.check(model, source);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(
          "loading ONNX model "
              + source
              + " needs the ONNX protobuf classes for Aura's"
              + " checks: add org.tribuo:tribuo-util-onnx to the class path",
          e);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession session;
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      // ONNX Runtime logs to the process's native stderr; every error it reports here reaches the
      // caller as an exception, so its own log for Aura's sessions is kept to fatal messages.
      opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
      session = env.createSession(model, opts);
    } catch (OrtException e) {
      throw new InvalidDataException(
          "ONNX model "
              + source
              + " is not a valid ONNX model ONNX Runtime can load: "
              + e.getMessage(),
          e);
    }
    try {
      return new OnnxModel(source, env, session);
    } catch (OrtException e) {
      try {
        session.close();
      } catch (OrtException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new InvalidDataException(
          "ONNX model " + source + ": cannot read its inputs and " + "outputs: " + e.getMessage(),
          e);
    }
  }

  /**
   * @return the graph's input names, in declaration order
   */
  public List<String> inputNames() {
    return inputNames;
  }

  /**
   * @return the graph's output names, in declaration order
   */
  public List<String> outputNames() {
    return outputNames;
  }

  /**
   * @param name an input name
   * @return the declared shape ({@code -1} for a symbolic or unknown dimension), a copy
   * @throws IllegalArgumentException if there is no such tensor input
   */
  public long[] inputShape(String name) {
    long[] s = inputShapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "model " + source + " has no tensor input '" + name + "'; inputs are " + inputNames);
    }
    return s.clone();
  }

  /**
   * @param name an output name
   * @return the declared shape ({@code -1} for a symbolic or unknown dimension), a copy
   * @throws IllegalArgumentException if there is no such tensor output
   */
  public long[] outputShape(String name) {
    long[] s = outputShapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "model " + source + " has no tensor output '" + name + "'; outputs are " + outputNames);
    }
    return s.clone();
  }

  /**
   * Runs a single-input model on a tensor of the given shape.
   *
   * @param data the input values, row-major, {@code product(shape)} of them
   * @param shape the input's shape
   * @return the first output, flattened row-major
   * @throws InvalidDataException if the model has more than one input, the shape does not match the
   *     declared one, {@code data} has the wrong length, the first output is not float32, or ONNX
   *     Runtime fails
   */
  public float[] run(float[] data, long... shape) {
    Objects.requireNonNull(data, "data");
    String input = singleInput();
    check(input, inputShapes.get(input), shape);
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new InvalidDataException(
          "input '"
              + input
              + "' of model "
              + source
              + ": shape "
              + Arrays.toString(shape)
              + " needs "
              + n
              + " values, got "
              + data.length);
    }
    FloatBuffer buf =
        java.nio.ByteBuffer.allocateDirect(4 * data.length)
            .order(java.nio.ByteOrder.nativeOrder())
            .asFloatBuffer();
    buf.put(data).rewind();
    try (OnnxTensor t = OnnxTensor.createTensor(env, buf, shape);
        OrtSession.Result r = session.run(Map.of(input, t))) {
      OnnxValue v = r.get(0);
      if (!(v instanceof OnnxTensor) || ((OnnxTensor) v).getInfo().type != OnnxJavaType.FLOAT) {
        throw new InvalidDataException(
            "output '"
                + outputNames.get(0)
                + "' of model "
                + source
                + " is "
                + v.getInfo()
                + ", not a float32 tensor");
      }
      long[] actual = ((OnnxTensor) v).getInfo().getShape();
      long[] declared = outputShapes.get(outputNames.get(0));
      if (declared != null
          && declared.length > 0
          && !matches(declared, actual)) { // rank 0: shape not declared
        throw new InvalidDataException(
            "output '"
                + outputNames.get(0)
                + "' of model "
                + source
                + " has shape "
                + Arrays.toString(actual)
                + ", the model declares "
                + describe(declared));
      }
      FloatBuffer out = ((OnnxTensor) v).getFloatBuffer();
      float[] result = new float[out.remaining()];
      out.get(result);
      return result;
    } catch (OrtException e) {
      throw new InvalidDataException(
          "model "
              + source
              + " failed on input '"
              + input
              + "' of shape "
              + Arrays.toString(shape)
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Runs a single-input model on one row: the input is fed as {@code [1, F]} when the model
   * declares rank 2, as {@code [F]} when it declares rank 1.
   *
   * @param row the features
   * @return the first output, flattened
   * @throws InvalidDataException on a shape mismatch or runtime failure
   */
  public float[] run(float[] row) {
    String input = singleInput();
    long[] declared = inputShapes.get(input);
    if (declared != null && declared.length == 1) {
      return run(row, row.length);
    }
    return run(row, 1, row.length);
  }

  /**
   * Runs a single-input {@code [N, F]} model on a batch of rows.
   *
   * @param rows the rows, all of the same length
   * @return one output row per input row (the first output reshaped to {@code [N, size/N]})
   * @throws InvalidDataException if rows differ in length or on a shape mismatch
   */
  public float[][] run(float[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      return new float[0][];
    }
    int f = rows[0].length;
    float[] flat = new float[rows.length * f];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != f) {
        throw new InvalidDataException(
            "row " + i + " has " + rows[i].length + " values, row 0 has " + f);
      }
      System.arraycopy(rows[i], 0, flat, i * f, f);
    }
    float[] out = run(flat, rows.length, f);
    int k = out.length / rows.length;
    float[][] result = new float[rows.length][k];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(out, i * k, result[i], 0, k);
    }
    return result;
  }

  private String singleInput() {
    if (inputNames.size() != 1) {
      throw new InvalidDataException(
          "model "
              + source
              + " has "
              + inputNames.size()
              + " inputs "
              + inputNames
              + "; this runner feeds exactly one");
    }
    return inputNames.get(0);
  }

  private void check(String input, long[] declared, long[] actual) {
    if (declared == null) {
      throw new InvalidDataException(
          "input '" + input + "' of model " + source + " is not a tensor");
    }
    boolean ok = declared.length == actual.length;
    for (int i = 0; ok && i < actual.length; i++) {
      ok = actual[i] > 0;
    }
    if (!ok || !matches(declared, actual)) {
      throw new InvalidDataException(
          "input '"
              + input
              + "' of model "
              + source
              + " expects shape "
              + describe(declared)
              + ", got "
              + Arrays.toString(actual));
    }
  }

  /** Whether {@code actual} fits {@code declared} (same rank, fixed dimensions equal). */
  private static boolean matches(long[] declared, long[] actual) {
    if (declared == null || declared.length != actual.length) {
      return false;
    }
    for (int i = 0; i < actual.length; i++) {
      if (declared[i] >= 0 && declared[i] != actual[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(long[] shape) {
    List<String> dims = new ArrayList<>();
    for (long d : shape) {
      dims.add(d < 0 ? "?" : Long.toString(d));
    }
    return dims.toString();
  }

  /** Releases the native session. */
  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("closing ONNX session of " + source, e);
    }
  }

  @Override
  public String toString() {
    return "OnnxModel[" + source + ", inputs=" + inputNames + ", outputs=" + outputNames + "]";
  }
}
