package io.aura.bench;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.aura.models.trees.BinnedTreeEnsemble;
import io.aura.models.trees.LightGbmModelReader;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreeEnsembleOnnx;
import io.aura.models.trees.XGBoostModelReader;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Aura's compiled float32 tree engine beside the native libraries it imports from, on the same
 * models in the same run: a binary classifier of 300 trees, depth 8, over 200 features, trained
 * once by XGBoost4J ({@code hist}) and once by LightGBM4J (255 leaves, depth 8) on 10,000 generated
 * rows (about 5 % NaN cells). Each model is exported in its native format, imported into a {@link
 * TreeEnsemble}, and predicted on the same 4,096 held-out rows, one row per operation (or 1,000 per
 * operation for the batch benchmarks), all on one thread, raw margins throughout.
 *
 * <ul>
 *   <li>{@code aura*Single}: {@link TreeEnsemble#predictRaw(float[])}.
 *   <li>{@code aura*Batch1000}: the flat {@link TreeEnsemble#predictRaw(float[], int, int,
 *       float[])} over 1,000 rows (score per operation = 1,000 rows).
 *   <li>{@code xgboostSingle}: what an XGBoost4J user writes for one row: a 1-row {@code DMatrix},
 *       {@code Booster.predict(matrix, true, 0)}, dispose.
 *   <li>{@code lightgbmSingleFast}: LightGBM's fastest single-row entry point reachable from
 *       lightgbm4j 4.3.0-1: {@code LGBM_BoosterPredictForMatSingleRowFastInit} once, then {@code
 *       LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG} per row (the JNI "critical" variant
 *       that pins the Java {@code double[]} instead of copying it; {@code num_threads=1}).
 *       lightgbm4j's own {@code predictForMatSingleRow} goes through the slower non-fast C call and
 *       is measured as {@code lightgbmSingle}.
 *   <li>{@code onnxXgb*}: ONNX Runtime (one thread) on the XGBoost-trained model exported by
 *       {@link TreeEnsembleOnnx#exportMargins}: a {@code [rows, 200]} tensor, {@code run}, read,
 *       close, as a user writes it.
 * </ul>
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar TreeBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TreeBenchmark {
  static final int FEATURES = 200;
  static final int TREES = 300;
  static final int DEPTH = 8;
  static final int TRAIN_ROWS = 10_000;
  static final int TEST_ROWS = 4_096;
  static final int BATCH = 1_000;

  /** Generated data: a nonlinear binary target over 20 informative features, 5 % NaN cells. */
  @State(Scope.Benchmark)
  public static class Data {
    float[] train;
    float[] trainLabels;
    float[][] test;
    double[][] testDouble;
    float[][] batches; // four flat batches of BATCH rows cut from the test rows
    int i;
    int b;

    @Setup(Level.Trial)
    public void setUp() {
      SplittableRandom r = new SplittableRandom(11);
      train = new float[TRAIN_ROWS * FEATURES];
      trainLabels = new float[TRAIN_ROWS];
      for (int row = 0; row < TRAIN_ROWS; row++) {
        trainLabels[row] = fill(r, train, row * FEATURES);
      }
      float[] testFlat = new float[TEST_ROWS * FEATURES];
      test = new float[TEST_ROWS][];
      testDouble = new double[TEST_ROWS][FEATURES];
      for (int row = 0; row < TEST_ROWS; row++) {
        fill(r, testFlat, row * FEATURES);
        test[row] = java.util.Arrays.copyOfRange(testFlat, row * FEATURES, (row + 1) * FEATURES);
        for (int f = 0; f < FEATURES; f++) {
          testDouble[row][f] = test[row][f];
        }
      }
      batches = new float[TEST_ROWS / BATCH][];
      for (int k = 0; k < batches.length; k++) {
        batches[k] = java.util.Arrays.copyOfRange(testFlat, k * BATCH * FEATURES,
            (k + 1) * BATCH * FEATURES);
      }
    }

    private static float fill(SplittableRandom r, float[] out, int offset) {
      double score = 0;
      for (int f = 0; f < FEATURES; f++) {
        double x = r.nextGaussian();
        if (f < 20) {
          score += (f % 2 == 0 ? Math.sin(2 * x) : x * x - 1) * (1.0 / (1 + f % 5));
        }
        out[offset + f] = r.nextInt(20) == 0 ? Float.NaN : (float) x;
      }
      return score + 0.5 * r.nextGaussian() > 0 ? 1f : 0f;
    }

    float[] nextBatch() {
      int k = b;
      b = k + 1 == batches.length ? 0 : k + 1;
      return batches[k];
    }

    int next() {
      int k = i;
      i = k + 1 == TEST_ROWS ? 0 : k + 1;
      return k;
    }
  }

  /** The XGBoost4J booster and its Aura import. */
  @State(Scope.Benchmark)
  public static class Xgb {
    Booster booster;
    TreeEnsemble aura;
    BinnedTreeEnsemble binned;

    @Setup(Level.Trial)
    public void setUp(Data d) throws XGBoostError {
      DMatrix train = new DMatrix(d.train, TRAIN_ROWS, FEATURES, Float.NaN);
      train.setLabel(d.trainLabels);
      Map<String, Object> p = new HashMap<>();
      p.put("objective", "binary:logistic");
      p.put("eta", 0.1);
      p.put("max_depth", DEPTH);
      p.put("min_child_weight", 0.1);
      p.put("tree_method", "hist");
      p.put("seed", 1);
      p.put("nthread", 1);
      p.put("verbosity", 0);
      booster = XGBoost.train(train, p, TREES, new HashMap<>(), null, null);
      train.dispose();
      booster.setParam("nthread", "1");
      aura = XGBoostModelReader.read(booster.toByteArray("ubj"), "xgboost4j benchmark model");
      check(aura);
      binned = BinnedTreeEnsemble.of(aura);
      agree(d);
    }

    /**
     * Before anything is measured: on the first batch of test rows, XGBoost4J's margins, Aura's
     * single-row, batch and binned margins must all be bit-identical, or the trial fails.
     */
    private void agree(Data d) throws XGBoostError {
      float[] flat = d.batches[0];
      DMatrix m = new DMatrix(flat, BATCH, FEATURES, Float.NaN);
      float[][] native_ = booster.predict(m, true, 0);
      m.dispose();
      float[] batch = new float[BATCH];
      aura.predictRaw(flat, FEATURES, BATCH, batch);
      char[] bins = new char[FEATURES];
      float[] one = new float[1];
      for (int i = 0; i < BATCH; i++) {
        float[] row = java.util.Arrays.copyOfRange(flat, i * FEATURES, (i + 1) * FEATURES);
        binned.predictRaw(row, bins, one);
        int expected = Float.floatToRawIntBits(native_[i][0]);
        if (Float.floatToRawIntBits(aura.predictRaw(row)) != expected
            || Float.floatToRawIntBits(batch[i]) != expected
            || Float.floatToRawIntBits(one[0]) != expected) {
          throw new IllegalStateException("row " + i + ": XGBoost4J " + native_[i][0]
              + ", Aura single " + aura.predictRaw(row) + ", batch " + batch[i] + ", binned "
              + one[0]);
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      booster.dispose();
    }
  }

  /**
   * ONNX Runtime on the XGBoost-trained model as exported by {@link
   * TreeEnsembleOnnx#exportMargins} (raw margins), one intra-op thread.
   */
  @State(Scope.Benchmark)
  public static class Onnx {
    OrtEnvironment env;
    OrtSession session;

    @Setup(Level.Trial)
    public void setUp(Xgb m) throws OrtException {
      env = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = env.createSession(TreeEnsembleOnnx.exportMargins(m.aura), options);
    }

    float[][] run(float[] flat, int rows) throws OrtException {
      try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat),
              new long[] {rows, FEATURES});
          OrtSession.Result r = session.run(Map.of(TreeEnsembleOnnx.INPUT, in))) {
        return (float[][]) r.get(0).getValue();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
      session.close();
    }
  }

  /** The LightGBM4J booster, a fast single-row predictor on it, and its Aura import. */
  @State(Scope.Benchmark)
  public static class Lgbm {
    LGBMBooster booster;
    TreeEnsemble aura;
    SWIGTYPE_p_void handle;
    SWIGTYPE_p_p_void handlePtr;
    SWIGTYPE_p_int iterations;
    SWIGTYPE_p_p_void fastPtr;
    SWIGTYPE_p_void fast;
    SWIGTYPE_p_long_long outLen;
    SWIGTYPE_p_double out;

    @Setup(Level.Trial)
    public void setUp(Data d) throws Exception {
      LGBMDataset train = LGBMDataset.createFromMat(d.train, TRAIN_ROWS, FEATURES, true,
          "verbose=-1", null);
      train.setField("label", d.trainLabels);
      booster = LGBMBooster.create(train, "objective=binary learning_rate=0.1 max_depth=" + DEPTH
          + " num_leaves=255 min_data_in_leaf=5 min_sum_hessian_in_leaf=0.01 num_threads=1"
          + " deterministic=true seed=1 verbose=-1");
      for (int round = 0; round < TREES; round++) {
        booster.updateOneIter();
      }
      train.close();
      String text = booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.SPLIT);
      aura = LightGbmModelReader.parse(text, "lightgbm4j benchmark model");
      check(aura);
      iterations = lightgbmlib.new_intp();
      handlePtr = lightgbmlib.new_voidpp();
      ok(lightgbmlib.LGBM_BoosterLoadModelFromString(text, iterations, handlePtr));
      handle = lightgbmlib.voidpp_value(handlePtr);
      fastPtr = lightgbmlib.new_voidpp();
      ok(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastInit(handle,
          lightgbmlibConstants.C_API_PREDICT_RAW_SCORE, 0, -1,
          lightgbmlibConstants.C_API_DTYPE_FLOAT64, FEATURES, "num_threads=1", fastPtr));
      fast = lightgbmlib.voidpp_value(fastPtr);
      outLen = lightgbmlib.new_int64_tp();
      out = lightgbmlib.new_doubleArray(1);
    }

    double fastPredict(double[] row) {
      ok(lightgbmlib.LGBM_BoosterPredictForMatSingleRowFastCriticalSWIG(row, fast, outLen, out));
      return lightgbmlib.doubleArray_getitem(out, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      lightgbmlib.LGBM_FastConfigFree(fast);
      lightgbmlib.delete_voidpp(fastPtr);
      lightgbmlib.LGBM_BoosterFree(handle);
      lightgbmlib.delete_voidpp(handlePtr);
      lightgbmlib.delete_intp(iterations);
      lightgbmlib.delete_int64_tp(outLen);
      lightgbmlib.delete_doubleArray(out);
      booster.close();
    }

    private static void ok(int rc) {
      if (rc != 0) {
        throw new IllegalStateException("LightGBM C API: " + lightgbmlib.LGBM_GetLastError());
      }
    }
  }

  private static void check(TreeEnsemble m) {
    if (m.treeCount() != TREES || m.maxDepth() > DEPTH || m.featureCount() != FEATURES) {
      throw new IllegalStateException("unexpected benchmark model " + m);
    }
  }

  /** Output buffer of the batch benchmarks. */
  @State(Scope.Thread)
  public static class Out {
    final float[] margins = new float[BATCH];
    final char[] bins = new char[FEATURES];
    final float[] one = new float[1];
  }

  /** Aura, XGBoost-trained model: one row. */
  @Benchmark
  public float auraXgbSingle(Data d, Xgb m) {
    return m.aura.predictRaw(d.test[d.next()]);
  }

  /** Aura's 16-bit binned form of the XGBoost-trained model: bin the row, then walk. */
  @Benchmark
  public float auraXgbBinnedSingle(Data d, Xgb m, Out o) {
    m.binned.predictRaw(d.test[d.next()], o.bins, o.one);
    return o.one[0];
  }

  /** Aura, LightGBM-trained model: one row. */
  @Benchmark
  public float auraLgbmSingle(Data d, Lgbm m) {
    return m.aura.predictRaw(d.test[d.next()]);
  }

  /** Aura, XGBoost-trained model: 1,000 rows, flat row-major input. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public float[] auraXgbBatch1000(Data d, Xgb m, Out o) {
    m.aura.predictRaw(d.nextBatch(), FEATURES, BATCH, o.margins);
    return o.margins;
  }

  /** Aura, LightGBM-trained model: 1,000 rows, flat row-major input. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public float[] auraLgbmBatch1000(Data d, Lgbm m, Out o) {
    m.aura.predictRaw(d.nextBatch(), FEATURES, BATCH, o.margins);
    return o.margins;
  }

  /** XGBoost4J as a user writes it: 1-row DMatrix, predict margins, dispose. */
  @Benchmark
  public float xgboostSingle(Data d, Xgb m) throws XGBoostError {
    DMatrix one = new DMatrix(d.test[d.next()], 1, FEATURES, Float.NaN);
    try {
      return m.booster.predict(one, true, 0)[0][0];
    } finally {
      one.dispose();
    }
  }

  /** ONNX Runtime, XGBoost-trained model exported by Aura: one row (tensor, run, read, close). */
  @Benchmark
  public float onnxXgbSingle(Data d, Onnx o) throws OrtException {
    return o.run(d.test[d.next()], 1)[0][0];
  }

  /** ONNX Runtime, XGBoost-trained model exported by Aura: 1,000 rows in one tensor. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public float[][] onnxXgbBatch1000(Data d, Onnx o) throws OrtException {
    return o.run(d.nextBatch(), BATCH);
  }

  /** LightGBM: FastInit once, then the critical single-row fast call, raw score. */
  @Benchmark
  public double lightgbmSingleFast(Data d, Lgbm m) {
    return m.fastPredict(d.testDouble[d.next()]);
  }

  /** LightGBM4J's own single-row API (non-fast C path), raw score. */
  @Benchmark
  public double lightgbmSingle(Data d, Lgbm m) throws Exception {
    return m.booster.predictForMatSingleRow(d.testDouble[d.next()],
        com.microsoft.ml.lightgbm.PredictionType.C_API_PREDICT_RAW_SCORE);
  }
}
