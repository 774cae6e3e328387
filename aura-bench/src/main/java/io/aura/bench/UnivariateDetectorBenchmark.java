package io.aura.bench;

import io.aura.models.detect.FuzzyArtDetector;
import io.aura.models.detect.KnnCadDetector;
import io.aura.models.detect.RelativeEntropyDetector;
import io.aura.models.detect.StreamingDetector;
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
 * One update of a univariate streaming detector on a NAB-like series (a daily cycle of 288 rows,
 * noise, a level shift and a spike every 5,000 rows, cycled over 100,000 precomputed values):
 * the Fuzzy ART two-scale recipe (NAB's causal configuration, see docs/detectors.md) and, as
 * baselines in the same run, the relative-entropy and KNN-CAD detectors (NAB's settings). The
 * detectors run continuously, so the ART networks reach their bounded category memory.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar UnivariateDetectorBenchmark -f 1 -wi 2
 * -w 1s -i 3 -r 1s -prof gc}
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UnivariateDetectorBenchmark {
  private static final int N = 100_000;
  private static final long STEP = 300_000;

  private double[] values;
  private int i;
  private long t;
  private StreamingDetector art;
  private StreamingDetector artValue;
  private StreamingDetector artShape;
  private StreamingDetector relativeEntropy;
  private StreamingDetector knnCad;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(14);
    values = new double[N];
    for (int k = 0; k < N; k++) {
      double v = 50 + 20 * Math.sin(2 * Math.PI * k / 288) + 3 * (r.nextDouble() - 0.5) * 2;
      if (k % 5000 > 4000) {
        v += 25; // a level shift lasting 1,000 rows
      }
      if (k % 5000 == 2500) {
        v += 200; // a spike
      }
      values[k] = v;
    }
    FuzzyArtDetector.Builder value = FuzzyArtDetector.builder().window(1).warmUp(200).vigilance(0.95).padding(0.5);
    FuzzyArtDetector.Builder shape = FuzzyArtDetector.builder().window(2).sampleRows(10).warmUp(200).vigilance(0.85)
        .padding(0.5);
    art = FuzzyArtDetector.valueAndShape(value, shape, 0.1, 100);
    artValue = value.build();
    artShape = shape.build();
    relativeEntropy = new RelativeEntropyDetector();
    knnCad = new KnnCadDetector(19, 27, 600);
    // run every detector over the series once, so the measurement sees the steady state
    for (int k = 0; k < N; k++) {
      long ts = k * STEP;
      art.update(ts, values[k]);
      artValue.update(ts, values[k]);
      artShape.update(ts, values[k]);
      relativeEntropy.update(ts, values[k]);
      knnCad.update(ts, values[k]);
    }
    t = N * STEP;
  }

  private double next() {
    t += STEP;
    double v = values[i];
    i = i + 1 == N ? 0 : i + 1;
    return v;
  }

  /** The two-scale Fuzzy ART recipe (value network + shape network + alarm suppression). */
  @Benchmark
  public double fuzzyArtTwoScale() {
    return art.update(t, next());
  }

  /** The value network alone (window 1, every row). */
  @Benchmark
  public double fuzzyArtValue() {
    return artValue.update(t, next());
  }

  /** The shape network alone (window 2 of 10-row means). */
  @Benchmark
  public double fuzzyArtShape() {
    return artShape.update(t, next());
  }

  /** Baseline: relative entropy with NAB's settings (window 52, 5 bins). */
  @Benchmark
  public double relativeEntropy() {
    return relativeEntropy.update(t, next());
  }

  /** Baseline: KNN-CAD with NAB's settings (lag 19, k 27, 600 training vectors). */
  @Benchmark
  public double knnCad() {
    return knnCad.update(t, next());
  }
}
