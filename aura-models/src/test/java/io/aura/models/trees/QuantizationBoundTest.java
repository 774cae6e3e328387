package io.aura.models.trees;

import static io.aura.features.KubernetesFeatures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.FeatureSpec;
import io.aura.features.Frame;
import io.aura.features.KubernetesFeatures;
import io.aura.features.Labels;
import io.aura.models.eval.RankingMetrics;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The quantization bound of issue #5 on pod-metric data: {@link BinnedTreeEnsemble} loses at most
 * 0.002 ROC AUC and 0.002 macro F1 against the float32 {@link TreeEnsemble} and is at least 2×
 * smaller (array bytes, against the float32 model without covers and gains).
 *
 * <p>aura-models does not depend on aura-io, so this test cannot run aura-io's ClusterSimulator;
 * it synthesizes the simulator's kind of input instead — cAdvisor / kube-state-metrics series of
 * a few pods with injected memory leaks, CPU throttling and crash loops — and derives the rows with
 * aura-features' {@link KubernetesFeatures#podFeatures} (the same feature set the simulator run of
 * {@code TreesCommand} uses). The simulator run itself prints the same comparison.
 */
class QuantizationBoundTest {
  private static final int STEP_S = 60;
  private static final int ROWS_PER_POD = 1440; // one day at 60 s

  @Test
  void binnedModelLosesAtMostTwoThousandthsAucAndIsAtLeastTwiceSmaller() {
    FeatureSpec spec = KubernetesFeatures.podFeatures(Duration.ofSeconds(STEP_S));
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (int pod = 0; pod < 6; pod++) {
      synthesize(pod, spec, rows, labels, times);
    }
    // all pods' rows in time order, then a chronological split
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Long.compare(times.get(a), times.get(b)));
    float[][] x = new float[order.length][];
    int[] y = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      x[i] = rows.get(order[i]);
      y[i] = labels.get(order[i]);
    }
    TimeOrderedSplit split = TimeOrderedSplit.of(LabeledRows.of(x, y, 2), 0.6, 0.2);
    BoostingSettings settings = BoostingSettings.builder().rounds(60).learningRate(0.2).maxDepth(5)
        .earlyStoppingRounds(15).classWeights(ClassWeights.balanced()).seed(3).threads(1).build();
    Classifier c = XGBoostClassifierTrainer.of(settings).fit(split.train(), split.validation());
    TreeEnsemble model = c.ensemble();
    BinnedTreeEnsemble binned = BinnedTreeEnsemble.of(model);

    LabeledRows test = split.test();
    int n = test.size();
    double[] pFloat = new double[n];
    double[] pBinned = new double[n];
    boolean[] truth = new boolean[n];
    char[] scratch = new char[binned.featureCount()];
    float[] out = new float[1];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      float[] row = test.row(i);
      model.predict(row, out);
      pFloat[i] = out[0];
      binned.predict(row, scratch, out);
      pBinned[i] = out[0];
      truth[i] = test.label(i) == 1;
      positives += truth[i] ? 1 : 0;
    }
    assertThat(positives).as("anomalous test rows").isBetween(10, n - 10);
    double aucFloat = RankingMetrics.rocAuc(pFloat, truth);
    double aucBinned = RankingMetrics.rocAuc(pBinned, truth);
    double f1Float = macroF1(pFloat, truth);
    double f1Binned = macroF1(pBinned, truth);
    long floatBytes = model.sizeBytes() - model.explanationBytes();
    long binnedBytes = binned.sizeBytes();
    LoggerFactory.getLogger(QuantizationBoundTest.class).info(
        "QUANT pod-metric rows {} x {} features, {} trees / {} nodes: ROC AUC float32 {} binned {};"
            + " macro F1 float32 {} binned {}; bytes float32 {} (+{} covers/gains) binned {}"
            + " ratio {}", x.length, x[0].length, model.treeCount(), model.numNodes(), aucFloat,
        aucBinned, f1Float, f1Binned, floatBytes, model.explanationBytes(), binnedBytes,
        (double) floatBytes / binnedBytes);
    assertThat(aucFloat).as("the task is learnable").isGreaterThan(0.8);
    assertThat(aucFloat - aucBinned).as("ROC AUC loss").isLessThanOrEqualTo(0.002);
    assertThat(f1Float - f1Binned).as("macro F1 loss").isLessThanOrEqualTo(0.002);
    assertThat(2 * binnedBytes).as("binned at least 2x smaller").isLessThanOrEqualTo(floatBytes);
  }

  /** Macro F1 of the two classes at probability threshold 0.5. */
  static double macroF1(double[] p, boolean[] truth) {
    int[][] m = new int[2][2];
    for (int i = 0; i < p.length; i++) {
      m[truth[i] ? 1 : 0][p[i] > 0.5 ? 1 : 0]++;
    }
    double f1Pos = 2.0 * m[1][1] / Math.max(1, 2 * m[1][1] + m[0][1] + m[1][0]);
    double f1Neg = 2.0 * m[0][0] / Math.max(1, 2 * m[0][0] + m[1][0] + m[0][1]);
    return (f1Pos + f1Neg) / 2;
  }

  /**
   * One pod's day of cAdvisor / kube-state-metrics inputs with two faults (a memory leak and CPU
   * throttling, or a crash loop), then its feature rows; a row is labelled 1 inside a fault.
   */
  private static void synthesize(int pod, FeatureSpec spec, List<float[]> rows,
      List<Integer> labels, List<Long> times) {
    SplittableRandom r = new SplittableRandom(100 + pod);
    int n = ROWS_PER_POD;
    long t0 = 1_700_000_000_000L;
    long[] ts = new long[n];
    LinkedHashMap<String, double[]> c = new LinkedHashMap<>();
    for (String name : POD_INPUTS) {
      c.put(name, new double[n]);
    }
    int[] label = new int[n];
    int leakStart = 200 + r.nextInt(400);
    int leakEnd = leakStart + 120 + r.nextInt(120);
    int secondStart = 800 + r.nextInt(400);
    int secondEnd = secondStart + 60 + r.nextInt(90);
    boolean throttle = pod % 2 == 0;
    double cpu = 0;
    double periods = 0;
    double throttled = 0;
    double restarts = 0;
    double rx = 0;
    double tx = 0;
    double reads = 0;
    double writes = 0;
    double memLimit = 512e6;
    for (int i = 0; i < n; i++) {
      ts[i] = t0 + (long) i * STEP_S * 1000;
      double daily = 0.5 + 0.3 * Math.sin(2 * Math.PI * i / n);
      double load = daily * (1 + 0.1 * r.nextGaussian());
      boolean leak = i >= leakStart && i < leakEnd;
      boolean second = i >= secondStart && i < secondEnd;
      label[i] = leak || second ? 1 : 0;
      double cores = Math.max(0, 0.3 * load);
      double throttleFraction = 0.01 * r.nextDouble();
      if (second && throttle) {
        cores = 0.5;
        throttleFraction = 0.4 + 0.2 * r.nextDouble();
      }
      if (second && !throttle && (i - secondStart) % 10 == 0) {
        restarts++;
      }
      cpu += cores * STEP_S;
      periods += STEP_S * 10;
      throttled += STEP_S * 10 * throttleFraction;
      double mem = 200e6 * (1 + 0.05 * r.nextGaussian());
      if (leak) {
        mem += (i - leakStart) * 2.2e6;
      }
      rx += 1e5 * load * STEP_S;
      tx += 5e4 * load * STEP_S;
      reads += 1e4 * r.nextDouble() * STEP_S;
      writes += 2e4 * load * STEP_S;
      c.get(CPU_USAGE)[i] = cpu;
      c.get(CPU_PERIODS)[i] = periods;
      c.get(CPU_THROTTLED_PERIODS)[i] = throttled;
      c.get(MEMORY_WORKING_SET)[i] = Math.min(mem, memLimit);
      c.get(CPU_REQUEST)[i] = 0.25;
      c.get(CPU_LIMIT)[i] = 0.5;
      c.get(MEMORY_REQUEST)[i] = 256e6;
      c.get(MEMORY_LIMIT)[i] = memLimit;
      c.get(RESTARTS)[i] = restarts;
      c.get(NETWORK_RX_BYTES)[i] = rx;
      c.get(NETWORK_TX_BYTES)[i] = tx;
      c.get(NETWORK_RX_ERRORS)[i] = 0;
      c.get(NETWORK_TX_ERRORS)[i] = 0;
      c.get(FS_USAGE)[i] = 1e9 + i * 1e5;
      c.get(FS_LIMIT)[i] = 10e9;
      c.get(FS_READS)[i] = reads;
      c.get(FS_WRITES)[i] = writes;
    }
    Frame input = Frame.of(Labels.of("namespace", "shop", "pod", "web-" + pod), ts, c);
    Frame features = spec.transform(input);
    double[] row = new double[features.columnCount()];
    for (int i = 0; i < features.rows(); i++) {
      features.row(i, row);
      float[] f = new float[row.length];
      for (int j = 0; j < row.length; j++) {
        f[j] = (float) row[j];
      }
      rows.add(f);
      labels.add(label[i]);
      times.add(features.timestamp(i));
    }
  }
}
