package io.aura.bench;

import io.aura.forecast.Forecasters;
import io.aura.rightsizing.ForecastRecommender;
import io.aura.rightsizing.Guards;
import io.aura.rightsizing.Recommendation;
import io.aura.rightsizing.Resource;
import io.aura.rightsizing.VpaRecommendation;
import io.aura.rightsizing.VpaRecommender;
import io.aura.rightsizing.VpaSettings;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of right-sizing one container: a streaming VPA update per 5-minute sample (one CPU and
 * one memory sample into the decaying histograms, renormalisation amortised), VPA's
 * recommendation (percentiles over the buckets), and the forecast-aware 7-day recommendation from
 * 28 days of 5-minute CPU usage (its rolling-origin calibration folds plus the final forecast).
 * The series is a seeded daily cycle with noise.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar RightsizingBenchmark}
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RightsizingBenchmark {
  static final int DAYS = 28;
  static final int PER_DAY = 288;

  /** Forecaster of the forecast-aware recommender (aura-forecast names). */
  @Param({"snaive-lag", "mstl-ets"})
  public String forecaster;

  private double[] cpu;
  private VpaRecommender streaming;
  private long t;
  private int i;
  private ForecastRecommender recommender;
  private Guards guards;

  @Setup
  public void setUp() {
    SplittableRandom r = new SplittableRandom(5);
    cpu = new double[DAYS * PER_DAY];
    for (int k = 0; k < cpu.length; k++) {
      double hour = (k / 12.0) % 24;
      cpu[k] = Math.max(0, 1 + 0.6 * Math.sin(2 * Math.PI * hour / 24) + 0.1 * r.nextGaussian());
    }
    streaming = new VpaRecommender(VpaSettings.defaults(), "bench");
    t = 1_372_636_800_000L;
    VpaRecommender v = new VpaRecommender(VpaSettings.defaults(), "bench");
    for (int k = 0; k < cpu.length; k++) {
      v.addCpu(t + k * 300_000L, cpu[k]);
      v.addMemory(t + k * 300_000L, 1e9 + 1e8 * cpu[k]);
    }
    VpaRecommendation vpa = v.recommend();
    guards = Guards.of(vpa);
    recommender = ForecastRecommender.builder()
        .forecaster(forecaster.equals("mstl-ets") ? ForecastRecommender.mstlForecaster()
            : Forecasters.byName(forecaster))
        .build();
  }

  /**
   * One 5-minute sample of both resources into the streaming VPA recommender.
   *
   * @return the recommender (kept alive)
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public VpaRecommender vpaSample() {
    double u = cpu[i];
    i = (i + 1) % cpu.length;
    t += 300_000L;
    streaming.addCpu(t, u);
    streaming.addMemory(t, 1e9 + 1e8 * u);
    return streaming;
  }

  /**
   * VPA's recommendation from the streaming state.
   *
   * @return the recommendation
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public VpaRecommendation vpaRecommend() {
    return streaming.recommend();
  }

  /**
   * The forecast-aware 7-day CPU recommendation from 28 days of 5-minute samples.
   *
   * @return the recommendation
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Recommendation forecastRecommend7Days() {
    return recommender.recommend("bench", Resource.CPU, cpu, 12, 168, guards);
  }
}
