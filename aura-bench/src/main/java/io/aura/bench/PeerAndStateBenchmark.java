package io.aura.bench;

import io.aura.features.FeatureSpec;
import io.aura.features.FeatureStream;
import io.aura.features.Frame;
import io.aura.features.KubernetesFeatures;
import io.aura.features.Labels;
import io.aura.models.detect.PeerGroup;
import io.aura.models.detect.RobustZScoreDetector;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two per-entity costs that scale-out depends on: a peer-group update at 50 replicas (against a
 * single-series robust z update, the cheapest peer, in the same run), and a feature stream's
 * snapshot and resume at 60 s, 30 s and 15 s steps (against one streaming update).
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar PeerAndStateBenchmark -prof gc}
 */
@State(Scope.Thread)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeerAndStateBenchmark {
  private static final List<String> INPUTS = List.of("cpu_cores", "memory_bytes", "latency_p99", "error_ratio");
  private static final int REPLICAS = 50;

  @Param({"60", "30", "15"})
  public int stepSeconds;

  private PeerGroup group;
  private int[] ids;
  private double[][] values;
  private RobustZScoreDetector robustZ;
  private long t;
  private int member;
  private int row;

  private FeatureSpec spec;
  private FeatureStream stream;
  private byte[] state;
  private double[][] rows;
  private double[] out;
  private long streamTime;
  private int streamRow;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(7);
    group = PeerGroup.builder(INPUTS).build();
    ids = new int[REPLICAS];
    for (int i = 0; i < REPLICAS; i++) {
      ids[i] = group.join(Labels.of("namespace", "shop", "pod", "web-" + i), INPUTS);
    }
    values = new double[1024][INPUTS.size()];
    for (double[] v : values) {
      v[0] = 1 + 0.1 * r.nextDouble();
      v[1] = 5e8 + 1e7 * r.nextDouble();
      v[2] = 0.2 + 0.02 * r.nextDouble();
      v[3] = 0.01 * r.nextDouble();
    }
    robustZ = new RobustZScoreDetector(60, 10);
    // Warm the group and the detector so that the measured updates are in steady state.
    for (int k = 0; k < 200 * REPLICAS; k++) {
      peerGroupUpdate();
      robustZUpdate();
    }

    spec = KubernetesFeatures.podFeatures(Duration.ofSeconds(stepSeconds));
    Frame f = FeatureBenchmark.podFrame(20_000, 1);
    rows = f.select(spec.inputNames()).toRowMajor();
    out = new double[spec.schema().size()];
    stream = spec.newStream();
    streamTime = 1_700_000_000_000L - 1_700_000_000_000L % 60_000;
    for (int i = 0; i < 5_000; i++) { // full windows: the largest state
      streamUpdate();
    }
    state = stream.snapshot();
  }

  /** One replica's sample scored against its 49 siblings. */
  @Benchmark
  public double peerGroupUpdate() {
    int m = member;
    member = m + 1 == REPLICAS ? 0 : m + 1;
    if (m == 0) {
      t += 60_000;
    }
    double[] v = values[row++ & 1023];
    return group.update(ids[m], t + m, v);
  }

  /** The baseline: one single-series robust z update (window 60). */
  @Benchmark
  public double robustZUpdate() {
    return robustZ.update(t, values[row++ & 1023][2]);
  }

  /** One streaming update of the pod feature set (the cost a snapshot is compared with). */
  @Benchmark
  public double streamUpdate() {
    stream.update(streamTime, rows[streamRow], out);
    streamTime += stepSeconds * 1000L;
    streamRow = streamRow + 1 == rows.length ? 0 : streamRow + 1;
    return out[0];
  }

  /** A full feature stream's snapshot (versioned, checksummed bytes). */
  @Benchmark
  public byte[] snapshot() {
    return stream.snapshot();
  }

  /** Resuming a stream from a full snapshot. */
  @Benchmark
  public FeatureStream resume() {
    return spec.resumeStream(state, "bench");
  }
}
