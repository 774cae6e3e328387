package io.aura.bench;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.DetectionPipelineTrainer;
import io.aura.ensemble.pipeline.LabeledSeries;
import io.aura.ensemble.pipeline.PipelineDetection;
import io.aura.ensemble.pipeline.PipelineFile;
import io.aura.ensemble.pipeline.PipelineSession;
import io.aura.features.Frame;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * One sample through the whole {@link DetectionPipeline}: streaming features (293), a GBDT of
 * exactly 300 trees (50 rounds × 6 classes, depth ≤ 6, trained by XGBoost4J on the simulator with
 * event labels), the Isolation Forest (100 trees), severity and the trend warnings. The session is fed
 * the rows of a simulated pod in a loop with ever-increasing timestamps, so the feature windows stay
 * full and realistic. {@code detect} is measured as sample time (percentiles, p99 included) and as
 * throughput (samples per second on one thread).
 *
 * <p>The trained pipeline is cached in {@code target/pipeline-bench.aura} so that every fork
 * measures the same model. {@link #main} prints the pipeline's retained heap.
 */
@State(Scope.Thread)
@Fork(value = 2, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineBenchmark {
  static final Path CACHE = Path.of("aura-bench/target/pipeline-bench.aura");

  private PipelineSession session;
  private double[][] rows;
  private long time;
  private int next;

  /**
   * The benchmark's pipeline: trained once (about 30 s) and cached.
   *
   * @return the pipeline
   * @throws IOException if the cache cannot be written
   */
  static DetectionPipeline pipeline() throws IOException {
    if (Files.exists(CACHE)) {
      return PipelineFile.read(CACHE);
    }
    List<LabeledSeries> train = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      Simulation sim = simulate(seed);
      train.addAll(LabeledSeries.of(sim.frames(), sim.eventIncidents()));
    }
    BoostingSettings settings = BoostingSettings.builder().rounds(50).learningRate(0.15).maxDepth(6)
        .seed(42).threads(2).build();
    DetectionPipeline p = DetectionPipelineTrainer.builder().classifier(XGBoostClassifierTrainer.of(settings))
        .validationFraction(0).build().fit(train).pipeline();
    Files.createDirectories(CACHE.getParent());
    p.save(CACHE);
    return p;
  }

  private static Simulation simulate(long seed) {
    return ClusterSimulator.builder().seed(seed).nodes(3).pods(12).days(4).step(Duration.ofMinutes(1))
        .randomFaults(24).build().run();
  }

  /** Loads the pipeline and a pod of an unseen seed. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    DetectionPipeline p = pipeline();
    if (p.classifier().ensemble().treeCount() != 300) {
      throw new IllegalStateException("expected a 300-tree classifier, got " + p.classifier());
    }
    Simulation sim = simulate(100);
    SimulatedPod pod = sim.pods().get(0);
    Frame in = sim.frame(pod).select(p.inputNames());
    rows = new double[in.rows()][in.columnCount()];
    for (int r = 0; r < in.rows(); r++) {
      in.row(r, rows[r]);
    }
    session = p.newSession(pod.labels());
    time = in.timestamp(0);
  }

  /** One sample: features, classifier, forest, severity, warnings, the result record. */
  @Benchmark
  @BenchmarkMode({Mode.SampleTime, Mode.Throughput})
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public PipelineDetection detect() {
    double[] row = rows[next];
    next = next + 1 == rows.length ? 0 : next + 1;
    time += 60_000;
    return session.update(time, row);
  }

  /**
   * Prints the retained heap of the benchmark pipeline (heap after GC with 8 copies loaded, minus
   * before, divided by 8) and its file size.
   *
   * @param args ignored
   * @throws IOException if the pipeline cannot be loaded
   */
  public static void main(String[] args) throws IOException {
    pipeline();
    Runtime rt = Runtime.getRuntime();
    long before = used(rt);
    List<DetectionPipeline> keep = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      keep.add(PipelineFile.read(CACHE));
    }
    long after = used(rt);
    System.out.printf(Locale.ROOT, "pipeline %s%nfile %,d bytes; retained heap %.1f MB per pipeline (%d copies)%n",
        keep.get(0), Files.size(CACHE), (after - before) / 8.0 / (1 << 20), keep.size());
  }

  private static long used(Runtime rt) {
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
