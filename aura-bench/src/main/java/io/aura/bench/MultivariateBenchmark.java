package io.aura.bench;

import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.multivariate.KnnModel;
import io.aura.models.multivariate.KnnTrainer;
import io.aura.models.multivariate.LagWindow;
import io.aura.models.multivariate.PcaModel;
import io.aura.models.multivariate.PcaTrainer;
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
 * The multivariate detectors on server-metric-shaped rows: 20,000 × 38, a rank-5 signal plus noise,
 * a slow drift and a few constant columns (as SMD has). Updates are one 38-metric row per operation
 * through a {@link LagWindow} (lag 0, and lag 8 — the frozen {@code mts} choice); Aura's Isolation
 * Forest (100 trees, ψ 256) row score is the baseline in the same run. Fits are the whole training
 * matrix per operation.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar MultivariateBenchmark -f 1 -wi 2 -w 1s
 * -i 3 -r 1s}
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MultivariateBenchmark {
  static final int ROWS = 20_000;
  static final int METRICS = 38;

  private double[][] train;
  private double[][] test;
  private double[][] trainLag8;
  private LagWindow pca;
  private LagWindow knn;
  private LagWindow knnLag8;
  private LagWindow forest;
  private int i;

  static double[][] rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] basis = new double[5][METRICS];
    SplittableRandom b = new SplittableRandom(1);
    for (double[] v : basis) {
      for (int j = 0; j < METRICS; j++) {
        v[j] = b.nextGaussian();
      }
    }
    double[][] out = new double[n][METRICS];
    double[] f = new double[5];
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < 5; c++) {
        f[c] = 0.95 * f[c] + 0.3 * r.nextGaussian();
      }
      for (int j = 0; j < METRICS; j++) {
        if (j % 9 == 8) {
          out[t][j] = 0; // constant columns
          continue;
        }
        double s = 0;
        for (int c = 0; c < 5; c++) {
          s += basis[c][j] * f[c];
        }
        out[t][j] = 0.5 + 0.05 * s + 0.01 * r.nextGaussian() + 1e-6 * t;
      }
    }
    return out;
  }

  @Setup
  public void setUp() {
    train = rows(ROWS, 7);
    test = rows(ROWS, 8);
    trainLag8 = LagWindow.rows(train, 8);
    pca = new LagWindow(new PcaTrainer(0.9, 0.01).fit(train), METRICS, 0);
    knn = new LagWindow(new KnnTrainer(2000, 1, 0.01, 42).fit(train), METRICS, 0);
    knnLag8 = new LagWindow(new KnnTrainer(2000, 1, 0.01, 42).fit(trainLag8), METRICS, 8);
    IsolationForest f =
        IsolationForestTrainer.builder().treeCount(100).sampleSize(256).seed(1).build().fit(train);
    forest = new LagWindow(f, METRICS, 0);
  }

  private double[] next() {
    double[] row = test[i];
    i = i + 1 == ROWS ? 0 : i + 1;
    return row;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double updatePca() {
    return pca.update(next());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double updateKnn() {
    return knn.update(next());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double updateKnnLag8() {
    return knnLag8.update(next());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double updateIsolationForestBaseline() {
    return forest.update(next());
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public PcaModel fitPca() {
    return new PcaTrainer(0.9, 0.01).fit(train);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public KnnModel fitKnn() {
    return new KnnTrainer(2000, 1, 0.01, 42).fit(train);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public IsolationForest fitIsolationForestBaseline() {
    return IsolationForestTrainer.builder()
        .treeCount(100)
        .sampleSize(256)
        .seed(1)
        .build()
        .fit(train);
  }
}
