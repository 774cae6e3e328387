package io.aura.bench;

import io.aura.features.FeatureSpec;
import io.aura.features.FeatureStream;
import io.aura.features.Frame;
import io.aura.features.KubernetesFeatures;
import io.aura.features.Labels;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The default Kubernetes pod feature set (KubernetesFeatures.podFeatures, 15 s step): one streaming
 * update per sample, and a batch transform of a 100,000-sample frame.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar FeatureBenchmark -prof gc}
 */
@State(Scope.Thread)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FeatureBenchmark {
  private static final long STEP = 15_000;
  private static final int ROWS = 100_000;

  private FeatureSpec spec;
  private FeatureStream stream;
  private double[][] rows;
  private double[] out;
  private long t;
  private int i;
  private Frame frame;

  @Setup(Level.Trial)
  public void setUp() {
    spec = KubernetesFeatures.podFeatures(Duration.ofSeconds(15));
    frame = podFrame(ROWS, 1);
    rows = frame.toRowMajor();
    out = new double[spec.schema().size()];
    stream = spec.newStream();
    t = frame.timestamp(0);
  }

  /**
   * Pod inputs: counters that grow (and reset now and then), gauges with a daily cycle and noise.
   */
  static Frame podFrame(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> names = KubernetesFeatures.POD_INPUTS;
    double[][] c = new double[names.size()][n];
    double[] acc = new double[names.size()];
    for (int row = 0; row < n; row++) {
      boolean reset = r.nextInt(5_000) == 0;
      for (int k = 0; k < names.size(); k++) {
        String m = names.get(k);
        double v;
        if (m.endsWith("_total")) {
          acc[k] = reset ? 0 : acc[k] + r.nextDouble() * 10;
          v = acc[k];
        } else if (m.contains("limit") || m.contains("request")) {
          v = m.contains("cpu") ? 1.0 : 1e9;
        } else {
          v = 4e8 + 1e8 * Math.sin(row * 2 * Math.PI / 5_760) + r.nextGaussian() * 1e7;
        }
        c[k][row] = v;
      }
    }
    long[] ts = new long[n];
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    for (int row = 0; row < n; row++) {
      ts[row] = 1_767_225_600_000L + row * STEP;
    }
    for (int k = 0; k < names.size(); k++) {
      cols.put(names.get(k), c[k]);
    }
    return Frame.of(Labels.of("pod", "bench"), ts, cols);
  }

  /** One sample of one pod through all features (the live-scoring hot path). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double[] streamingUpdate() {
    t += STEP;
    stream.update(t, rows[i], out);
    if (++i == rows.length) {
      i = 0;
    }
    return out;
  }

  /** A 100,000-sample frame through all features (training-set construction). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 4)
  public Frame batchTransform100k() {
    return spec.transform(frame);
  }
}
