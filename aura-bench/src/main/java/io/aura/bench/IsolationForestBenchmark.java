package io.aura.bench;

import io.aura.models.detect.EwmaDetector;
import io.aura.models.detect.RobustZScoreDetector;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestTrainer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Aura's Isolation Forest beside Smile's (smile-core, GPL-3, benchmark scope only) on the same
 * data in the same run: 50,000 rows × 200 features, 100 trees, ψ = 256, height limit 8. Scoring is
 * one row per operation; fitting is the whole forest. The streaming detectors are one update per
 * operation.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar IsolationForestBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IsolationForestBenchmark {
  static final int ROWS = 50_000;
  static final int FEATURES = 200;

  private double[][] data;
  private IsolationForest aura;
  private smile.anomaly.IsolationForest smileForest;
  private final RobustZScoreDetector robustZ = new RobustZScoreDetector(288, 30);
  private final EwmaDetector ewma = new EwmaDetector(0.2, 0.01, 100);
  private int i;
  private long t;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(7);
    data = new double[ROWS][FEATURES];
    for (int row = 0; row < ROWS; row++) {
      double shift = row % 100 == 0 ? 3 : 0;
      for (int f = 0; f < FEATURES; f++) {
        data[row][f] = r.nextGaussian() + (f % 7 == 0 ? shift : 0);
      }
    }
    aura = IsolationForestTrainer.builder().treeCount(100).sampleSize(256).seed(1).build().fit(data);
    smile.math.MathEx.setSeed(1);
    smileForest = smile.anomaly.IsolationForest.fit(data, 100, 8, 256.0 / ROWS, 0);
  }

  private double[] nextRow() {
    double[] row = data[i];
    if (++i == ROWS) {
      i = 0;
    }
    return row;
  }

  /** Aura: score one row. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double scoreRowAura() {
    return aura.score(nextRow());
  }

  /** Smile: score one row. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double scoreRowSmile() {
    return smileForest.score(nextRow());
  }

  /** Aura: fit 100 trees on 50,000 × 200 and calibrate on every row, in parallel over the cores. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 5, time = 3)
  public IsolationForest fitAura() {
    return IsolationForestTrainer.builder().treeCount(100).sampleSize(256).seed(1).parallel(true).build().fit(data);
  }

  /** Aura: the same fit on one thread. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 5, time = 3)
  public IsolationForest fitAuraSerial() {
    return IsolationForestTrainer.builder().treeCount(100).sampleSize(256).seed(1).parallel(false).build().fit(data);
  }

  /** Smile: the same fit. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 3)
  @Measurement(iterations = 5, time = 3)
  public smile.anomaly.IsolationForest fitSmile() {
    return smile.anomaly.IsolationForest.fit(data, 100, 8, 256.0 / ROWS, 0);
  }

  /** Rolling robust z-score (median/MAD over 288 rows): one update. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double robustZUpdate() {
    t += 15_000;
    return robustZ.update(t, nextRow()[0]);
  }

  /** EWMA control chart: one update. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public double ewmaUpdate() {
    t += 15_000;
    return ewma.update(t, nextRow()[0]);
  }
}
