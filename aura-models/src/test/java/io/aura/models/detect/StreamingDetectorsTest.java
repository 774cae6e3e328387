package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class StreamingDetectorsTest {
  private static final long STEP = 300_000L; // 5 minutes

  static double[] run(StreamingDetector d, double[] x) {
    double[] s = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      s[i] = d.update(i * STEP, x[i]);
    }
    return s;
  }

  static List<Supplier<StreamingDetector>> all() {
    List<Supplier<StreamingDetector>> l = new ArrayList<>();
    l.add(() -> new RobustZScoreDetector(50, 10));
    l.add(() -> new EwmaDetector(0.3, 0.05, 20));
    l.add(
        () ->
            new SeasonalBaselineDetector(
                new Duration[] {Duration.ofMinutes(50)}, Duration.ofMinutes(2), 50, 10));
    l.add(() -> ForecastResidualDetector.naive(50, 10));
    return l;
  }

  @Test
  void robustZScoreByHand() {
    RobustZScoreDetector d = new RobustZScoreDetector(5, 5);
    for (int i = 1; i <= 5; i++) {
      assertThat(d.update(i, i)).isNaN(); // warming up
    }
    // Baseline {1..5}: median 3, MAD median(2,1,0,1,2) = 1.
    assertThat(d.update(6, 10)).isCloseTo(7 / 1.4826, within(1e-12));
    // Window now {2,3,4,5,10}: median 4, MAD median(2,1,0,1,6) = 1.
    assertThat(d.update(7, 4)).isZero();
    assertThat(d.update(8, Double.NaN)).isNaN();
  }

  @Test
  void ewmaWithLambdaOneIsAShewhartChart() {
    EwmaDetector d = new EwmaDetector(1.0, 0.5, 2);
    assertThat(d.update(0, 0)).isNaN();
    assertThat(d.update(1, 2)).isNaN(); // mean 1, var (1-0.5)(0 + 2*1) = 1
    // λ = 1: score = |x − μ| / σ with σ = 1.
    assertThat(d.update(2, 4)).isCloseTo(3.0, within(1e-12));
    assertThat(d.update(3, Double.NaN)).isNaN();
  }

  @Test
  void everyDetectorIsCausalAndFlagsASpike() {
    Random r = new Random(1);
    double[] x = new double[400];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 10.0) + r.nextGaussian();
    }
    x[300] += 40;
    for (Supplier<StreamingDetector> make : all()) {
      double[] s = run(make.get(), x);
      double[] changedFuture = x.clone();
      for (int i = 201; i < x.length; i++) {
        changedFuture[i] = -changedFuture[i] * 7;
      }
      double[] s2 = run(make.get(), changedFuture);
      for (int i = 0; i <= 200; i++) {
        assertThat(Double.doubleToLongBits(s2[i]))
            .as("%s row %d", make.get().getClass().getSimpleName(), i)
            .isEqualTo(Double.doubleToLongBits(s[i]));
      }
      double maxOther = 0;
      for (int i = 100; i < 300; i++) {
        if (!Double.isNaN(s[i])) {
          maxOther = Math.max(maxOther, s[i]);
        }
      }
      assertThat(s[300]).as(make.get().getClass().getSimpleName()).isGreaterThan(maxOther);
      StreamingDetector d = make.get();
      run(d, x);
      d.reset();
      assertThat(run(d, x)).as("reset restores the initial state").containsExactly(s);
    }
  }

  @Test
  void missingValuesGiveNoVerdictAndNoError() {
    for (Supplier<StreamingDetector> make : all()) {
      StreamingDetector d = make.get();
      for (int i = 0; i < 200; i++) {
        double v = i % 7 == 0 ? Double.NaN : i % 5;
        double s = d.update(i * STEP, v);
        if (Double.isNaN(v)) {
          assertThat(s).isNaN();
        }
      }
    }
  }

  @Test
  void seasonalBaselineCatchesAValueWrongForItsTimeOfDay() {
    long day = Duration.ofDays(1).toMillis();
    int perDay = 288;
    Random r = new Random(2);
    double[] x = new double[perDay * 4];
    for (int i = 0; i < x.length; i++) {
      x[i] = 50 + 40 * Math.sin(2 * Math.PI * i / perDay) + r.nextGaussian();
    }
    int bad = 3 * perDay + perDay / 4; // peak time: the value of a trough is wrong here
    x[bad] = 10;
    SeasonalBaselineDetector seasonal =
        new SeasonalBaselineDetector(
            new Duration[] {Duration.ofDays(1)}, Duration.ofMinutes(2), 288, 30);
    RobustZScoreDetector plain = new RobustZScoreDetector(288, 30);
    double[] s = new double[x.length];
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      long t = i * (day / perDay);
      s[i] = seasonal.update(t, x[i]);
      p[i] = plain.update(t, x[i]);
    }
    assertThat(s[perDay - 1]).isNaN(); // no value one day earlier yet
    assertThat(s[bad]).isGreaterThan(20);
    assertThat(p[bad]).isLessThan(3); // within the overall range: invisible without seasonality
  }

  @Test
  void forecastResidualDetectorCallsForecastBeforeObserve() {
    List<String> calls = new ArrayList<>();
    OneStepForecaster f =
        new OneStepForecaster() {
          double last = Double.NaN;

          @Override
          public double forecast(long t) {
            calls.add("f" + t);
            return last;
          }

          @Override
          public void observe(long t, double v) {
            calls.add("o" + t);
            last = v;
          }

          @Override
          public void reset() {
            last = Double.NaN;
          }
        };
    ForecastResidualDetector d = new ForecastResidualDetector(f, 3, 2);
    double[] x = {1, 2, 3, 4, 5, 20};
    double[] s = run(d, x);
    assertThat(calls.subList(0, 4)).containsExactly("f0", "o0", "f" + STEP, "o" + STEP);
    // Residuals 1,1,1,1 then 15: window {1,1,1} is flat, so the 15 is far beyond the floor.
    assertThat(s[4]).isZero();
    assertThat(s[5]).isGreaterThan(1e6);
  }
}
