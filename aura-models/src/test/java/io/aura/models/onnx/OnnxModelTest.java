package io.aura.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import io.aura.features.InvalidDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a small autoencoder graph (MatMul + Add + Relu, then MatMul + Add) with fixed weights from
 * the ONNX protobuf classes, runs it through {@link OnnxModel} and compares with the same
 * arithmetic done in Java; checks shape errors and corrupted files.
 */
class OnnxModelTest {
  private static final int F = 4;
  private static final int H = 3;
  @TempDir Path dir;

  private static final float[] W1 = weights(F * H, 1);
  private static final float[] B1 = weights(H, 2);
  private static final float[] W2 = weights(H * F, 3);
  private static final float[] B2 = weights(F, 4);

  private static float[] weights(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return w;
  }

  private static OnnxMl.TensorProto tensor(String name, float[] v, long... dims) {
    OnnxMl.TensorProto.Builder b =
        OnnxMl.TensorProto.newBuilder()
            .setName(name)
            .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
    for (long d : dims) {
      b.addDims(d);
    }
    for (float x : v) {
      b.addFloatData(x);
    }
    return b.build();
  }

  private static OnnxMl.NodeProto node(String op, String out, String... in) {
    return OnnxMl.NodeProto.newBuilder()
        .setOpType(op)
        .setName(out)
        .addAllInput(List.of(in))
        .addOutput(out)
        .build();
  }

  private static OnnxMl.ValueInfoProto value(String name, long batch, int cols) {
    OnnxMl.TensorShapeProto.Dimension first =
        batch < 0
            ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N").build()
            : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(batch).build();
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(
                            OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(first)
                                .addDim(
                                    OnnxMl.TensorShapeProto.Dimension.newBuilder()
                                        .setDimValue(cols)))))
        .build();
  }

  /** x[N,F] → relu(x·W1 + b1) → ·W2 + b2 → y[N,F]. */
  static byte[] autoencoder(long batch) {
    OnnxMl.GraphProto g =
        OnnxMl.GraphProto.newBuilder()
            .setName("ae")
            .addInitializer(tensor("W1", W1, F, H))
            .addInitializer(tensor("B1", B1, H))
            .addInitializer(tensor("W2", W2, H, F))
            .addInitializer(tensor("B2", B2, F))
            .addNode(node("MatMul", "h0", "x", "W1"))
            .addNode(node("Add", "h1", "h0", "B1"))
            .addNode(node("Relu", "h", "h1"))
            .addNode(node("MatMul", "y0", "h", "W2"))
            .addNode(node("Add", "y", "y0", "B2"))
            .addInput(value("x", batch, F))
            .addOutput(value("y", batch, F))
            .build();
    return OnnxMl.ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("aura-test")
        .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g)
        .build()
        .toByteArray();
  }

  /** The same network in Java, float32 products accumulated in double. */
  static float[] reference(float[] x) {
    float[] h = new float[H];
    for (int k = 0; k < H; k++) {
      double s = 0;
      for (int j = 0; j < F; j++) {
        s += (double) x[j] * W1[j * H + k];
      }
      h[k] = (float) Math.max(0, (float) s + B1[k]);
    }
    float[] y = new float[F];
    for (int j = 0; j < F; j++) {
      double s = 0;
      for (int k = 0; k < H; k++) {
        s += (double) h[k] * W2[k * F + j];
      }
      y[j] = (float) s + B2[j];
    }
    return y;
  }

  private static float[][] rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] x = new float[n][F];
    for (float[] row : x) {
      for (int j = 0; j < F; j++) {
        row[j] = (float) (r.nextGaussian() * 2);
      }
    }
    return x;
  }

  @Test
  void autoencoderMatchesJavaArithmeticForRowsAndBatches() {
    try (OnnxModel m = OnnxModel.load(autoencoder(-1), "ae")) {
      assertThat(m.inputNames()).containsExactly("x");
      assertThat(m.outputNames()).containsExactly("y");
      assertThat(m.inputShape("x")).containsExactly(-1, F);
      assertThat(m.outputShape("y")).containsExactly(-1, F);
      float[][] x = rows(200, 9);
      float[][] batch = m.run(x);
      double worst = 0;
      int reluZeros = 0;
      for (int i = 0; i < x.length; i++) {
        float[] ref = reference(x[i]);
        float[] one = m.run(x[i]);
        assertThat(one).hasSize(F);
        for (int j = 0; j < F; j++) {
          worst = Math.max(worst, Math.abs(one[j] - ref[j]));
          worst = Math.max(worst, Math.abs(batch[i][j] - ref[j]));
        }
        float[] h = new float[H];
        for (int k = 0; k < H; k++) {
          double s = B1[k];
          for (int j = 0; j < F; j++) {
            s += x[i][j] * W1[j * H + k];
          }
          reluZeros += s < 0 ? 1 : 0;
        }
      }
      assertThat(reluZeros).as("the test must exercise Relu's clamp").isPositive();
      assertThat(worst).as("worst |onnx - java|").isLessThanOrEqualTo(1e-5);
    }
  }

  @Test
  void shapeMismatchesNameTheInputAndBothShapes() {
    try (OnnxModel m = OnnxModel.load(autoencoder(-1), "ae")) {
      assertThatThrownBy(() -> m.run(new float[F + 1]))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("input 'x'")
          .hasMessageContaining("[?, 4]")
          .hasMessageContaining("[1, 5]");
      assertThatThrownBy(() -> m.run(new float[F * 2], 2, F, 1))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("[2, 4, 1]");
      assertThatThrownBy(() -> m.run(new float[7], 2, F))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("needs 8 values, got 7");
      assertThatThrownBy(() -> m.run(new float[][] {new float[F], new float[F - 1]}))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("row 1 has 3 values");
      assertThatThrownBy(() -> m.inputShape("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[x]");
    }
    try (OnnxModel fixed = OnnxModel.load(autoencoder(2), "fixed")) {
      assertThat(fixed.inputShape("x")).containsExactly(2, F);
      assertThat(fixed.run(rows(2, 3))).hasNumberOfRows(2);
      assertThatThrownBy(() -> fixed.run(rows(3, 3)))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("expects shape [2, 4], got [3, 4]");
    }
  }

  @Test
  void concurrentRunsGiveTheSameResultsAsSequentialOnes() throws Exception {
    try (OnnxModel m = OnnxModel.load(autoencoder(-1), "ae")) {
      float[][] x = rows(64, 23);
      float[][] expected = new float[x.length][];
      for (int i = 0; i < x.length; i++) {
        expected[i] = m.run(x[i]);
      }
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        List<java.util.concurrent.Future<Boolean>> all = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int offset = t;
          all.add(
              pool.submit(
                  () -> {
                    boolean same = true;
                    for (int k = 0; k < 3 * x.length; k++) {
                      int i = (k * 7 + offset) % x.length;
                      same &= Arrays.equals(m.run(x[i]), expected[i]);
                    }
                    return same;
                  }));
        }
        for (java.util.concurrent.Future<Boolean> f : all) {
          assertThat(f.get()).isTrue();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void corruptedAndEmptyModelsAreRejected() throws Exception {
    byte[] good = autoencoder(-1);
    Path truncated = dir.resolve("truncated.onnx");
    Files.write(truncated, Arrays.copyOf(good, good.length / 2));
    assertThatThrownBy(() -> OnnxModel.load(truncated))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(truncated.toString())
        .hasMessageContaining("not a valid ONNX model");
    Path garbage = dir.resolve("garbage.onnx");
    byte[] noise = new byte[512];
    new SplittableRandom(5).nextBytes(noise);
    Files.write(garbage, noise);
    assertThatThrownBy(() -> OnnxModel.load(garbage))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("garbage.onnx");
    assertThatThrownBy(() -> OnnxModel.load(new byte[0], "empty"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("empty");
    Path ok = dir.resolve("ok.onnx");
    Files.write(ok, good);
    try (OnnxModel m = OnnxModel.load(ok)) {
      assertThat(m.toString()).contains("ok.onnx");
    }
  }

  @Test
  void autoencoderDetectorScoresReconstructionError() {
    try (OnnxModel m = OnnxModel.load(autoencoder(-1), "ae")) {
      float[][] x = rows(100, 17);
      double[][] train = new double[x.length][F];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < F; j++) {
          train[i][j] = x[i][j];
        }
      }
      OnnxAutoencoderDetector d =
          OnnxAutoencoderDetector.calibrate(m, List.of("a", "b", "c", "d"), train, 0.05);
      assertThat(d.featureCount()).isEqualTo(F);
      for (int i = 0; i < 10; i++) {
        float[] ref = reference(x[i]);
        double mse = 0;
        for (int j = 0; j < F; j++) {
          double e = x[i][j] - ref[j];
          mse += e * e;
        }
        assertThat(d.score(train[i])).isCloseTo(mse / F, within(1e-4 * Math.max(1, mse)));
        double[] share = new double[F];
        d.contributions(train[i], share);
        assertThat(Arrays.stream(share).sum()).isCloseTo(1.0, within(1e-9));
      }
      double[] scores = d.scoreAll(train);
      long above = Arrays.stream(scores).filter(s -> s > d.severityScale().low()).count();
      assertThat(above).isBetween(1L, 10L);
      assertThatThrownBy(() -> d.score(new double[] {1, Double.NaN, 0, 0}))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("feature b");
      assertThatThrownBy(() -> d.score(new double[3]))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("3 values");
    }
  }
}
