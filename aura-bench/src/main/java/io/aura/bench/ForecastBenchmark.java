package io.aura.bench;

import io.aura.forecast.ArimaForecaster;
import io.aura.forecast.AutoForecaster;
import io.aura.forecast.EtsForecaster;
import io.aura.forecast.ForecastModel;
import io.aura.forecast.Forecaster;
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
 * The cost of forecasting one Kubernetes-like metric: a 1,000-point hourly series (daily cycle of
 * period 24, slow upward trend, AR(1) noise; seeded), fitted with automatic ARIMA, automatic ETS
 * and the {@link AutoForecaster} combination ({@code fit}), and one incremental step of the fitted
 * model ({@code update}, a Kalman or smoothing step, no refit), which is what {@code
 * EarlyWarningMonitor} does between refits.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar ForecastBenchmark}
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class ForecastBenchmark {
  /** Series length. */
  public static final int N = 1_000;

  /** The method: arima (auto SARIMA), ets (auto ETS) or auto (the combination). */
  @Param({"arima", "ets", "auto"})
  public String method;

  private double[] y;
  private Forecaster forecaster;
  private ForecastModel fitted;
  private double next;

  static double[] series() {
    SplittableRandom r = new SplittableRandom(11);
    double[] y = new double[N + 1];
    double e = 0;
    for (int t = 0; t <= N; t++) {
      e = 0.7 * e + r.nextGaussian();
      y[t] = 500 + 0.05 * t + 60 * Math.sin(2 * Math.PI * t / 24) + 8 * e;
    }
    return y;
  }

  @Setup
  public void setUp() {
    double[] all = series();
    y = java.util.Arrays.copyOf(all, N);
    next = all[N];
    forecaster =
        switch (method) {
          case "arima" -> ArimaForecaster.auto();
          case "ets" -> EtsForecaster.auto();
          case "auto" -> AutoForecaster.create();
          default -> throw new IllegalArgumentException("unknown method " + method);
        };
    fitted = forecaster.fit(y, 24);
  }

  /** Fits the method to the 1,000 points (period 24). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public ForecastModel fit() {
    return forecaster.fit(y, 24);
  }

  /** Absorbs the 1,001st point into the fitted model (one state step). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ForecastModel update() {
    return fitted.update(next);
  }
}
