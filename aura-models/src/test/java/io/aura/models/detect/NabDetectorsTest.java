package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The windowed Gaussian, anomaly likelihood, max fusion and alarm suppression detectors. */
class NabDetectorsTest {
  private static final long STEP = 300_000L;

  /** A detector whose raw score is the value itself, to feed wrappers a known sequence. */
  static final class Echo implements StreamingDetector {
    @Override
    public double update(long epochMillis, double value) {
      return value;
    }

    @Override
    public void reset() {}
  }

  static double[] run(StreamingDetector d, double[] x) {
    double[] s = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      s[i] = d.update(i * STEP, x[i]);
    }
    return s;
  }

  static List<Supplier<StreamingDetector>> all() {
    List<Supplier<StreamingDetector>> l = new ArrayList<>();
    l.add(() -> new WindowedGaussianDetector(50, 10, false));
    l.add(() -> new WindowedGaussianDetector(50, 10, true));
    l.add(() -> new AnomalyLikelihood(new WindowedGaussianDetector(50, 10, false), 100, 3, 20));
    l.add(
        () ->
            new MaxFusionDetector(
                new AnomalyLikelihood(new WindowedGaussianDetector(50, 10, false), 100, 3, 20),
                new AnomalyLikelihood(new WindowedGaussianDetector(50, 10, true), 100, 3, 20)));
    l.add(
        () ->
            new AlarmSuppression(
                new AnomalyLikelihood(new WindowedGaussianDetector(50, 10, true), 100, 3, 20),
                3,
                20));
    return l;
  }

  static double[] noiseWithSpike(long seed) {
    Random r = new Random(seed);
    double[] x = new double[400];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + r.nextGaussian();
    }
    x[300] = 30;
    x[150] = Double.NaN;
    return x;
  }

  @Test
  void windowedGaussianByHand() {
    WindowedGaussianDetector d = new WindowedGaussianDetector(3, 2, false);
    assertThat(d.update(0, 1)).isNaN();
    assertThat(d.update(1, 3)).isNaN();
    // Baseline {1, 3}: mean 2, sample sd √2.
    assertThat(d.update(2, 5)).isCloseTo(3 / Math.sqrt(2), within(1e-12));
    assertThat(d.update(3, Double.NaN)).isNaN();
    // Baseline {1, 3, 5}: mean 3, sd 2.
    assertThat(d.update(4, 3)).isZero();
    // Baseline {3, 5, 3} (1 left): mean 11/3, sd √(4/3).
    assertThat(d.update(5, 7)).isCloseTo((7 - 11.0 / 3) / Math.sqrt(4.0 / 3), within(1e-12));
  }

  @Test
  void differencedGaussianScoresJumpsNotLevels() {
    WindowedGaussianDetector d = new WindowedGaussianDetector(100, 5, true);
    double[] x = new double[60];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 2) + (i >= 30 ? 100 : 0); // alternating 0/1, a level shift of 100 at row 30
    }
    double[] s = run(d, x);
    assertThat(s[0]).isNaN();
    assertThat(s[30]).isGreaterThan(50); // the jump
    assertThat(s[40]).isLessThan(1); // the new level is not a jump
  }

  @Test
  void likelihoodOfAKnownDistribution() {
    assertThat(AnomalyLikelihood.tailScore(0, 0, 1)).isCloseTo(-Math.log10(0.5), within(1e-12));
    assertThat(AnomalyLikelihood.tailScore(-5, 0, 1)).isCloseTo(0, within(1e-6));
    assertThat(AnomalyLikelihood.tailScore(100, 0, 1)).isEqualTo(AnomalyLikelihood.MAX_SCORE);

    // History ±1 alternating (mean 0, sample sd √(1000/999)); short window 1; then a raw score of
    // 2.
    AnomalyLikelihood l = new AnomalyLikelihood(new Echo(), 1000, 1, 1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(l.update(i, i % 2 == 0 ? 1 : -1))
          .isNaN(); // the history is not full before this row ends
    }
    double sd = Math.sqrt(1000.0 / 999);
    double q = 0.5 * org.apache.commons.math3.special.Erf.erfc(2 / sd / Math.sqrt(2));
    assertThat(l.update(1000, 2)).isCloseTo(-Math.log10(q), within(1e-9));
    assertThat(-Math.log10(q)).isCloseTo(1.643, within(2e-3)); // Q(2) ≈ 0.02275
  }

  @Test
  void likelihoodAveragesTheShortWindowBeforeItJoinsTheHistory() {
    AnomalyLikelihood l = new AnomalyLikelihood(new Echo(), 10, 2, 4);
    double[] s = run(l, new double[] {0, 1, 0, 1, 0, 1, 0, 1, 1, 1});
    // Row 5: history {0,1,0,1} (mean 0.5, sd √(1/3)); short average (0+1)/2 = 0.5 → Q = 0.5.
    assertThat(s[4]).isNaN();
    assertThat(s[5]).isCloseTo(-Math.log10(0.5), within(1e-12));
    // A run of high raw scores raises the score.
    assertThat(s[9]).isGreaterThan(s[5]);
  }

  @Test
  void suppressionSilencesTheQuietPeriod() {
    AlarmSuppression a = new AlarmSuppression(new Echo(), 5, 2);
    assertThat(run(a, new double[] {0, 6, 7, 9, 6, Double.NaN, 1, 1}))
        .containsExactly(0, 6, 0, 0, 6, Double.NaN, 0, 1); // a missing row counts as a quiet row
    a.reset();
    assertThat(a.update(0, 1)).isEqualTo(1); // no quiet period left after reset
  }

  @Test
  void fusionTakesTheMaximumAndIgnoresNaN() {
    MaxFusionDetector f =
        new MaxFusionDetector(new Echo(), new WindowedGaussianDetector(3, 2, false));
    assertThat(f.update(0, 1)).isEqualTo(1); // the Gaussian warms up: NaN ignored
    assertThat(f.update(1, Double.NaN)).isNaN(); // every member NaN
    assertThatThrownBy(MaxFusionDetector::new).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyDetectorIsCausalResettableAndFlagsTheSpike() {
    for (Supplier<StreamingDetector> make : all()) {
      double[] x = noiseWithSpike(7);
      StreamingDetector d = make.get();
      double[] s = run(d, x);
      String name = d.getClass().getSimpleName();
      // Causal: changing rows after t leaves the scores up to t unchanged.
      double[] y = x.clone();
      Random r = new Random(99);
      for (int i = 250; i < y.length; i++) {
        y[i] = r.nextGaussian() * 50;
      }
      double[] sy = run(make.get(), y);
      for (int i = 0; i < 250; i++) {
        assertThat(Double.compare(sy[i], s[i])).as(name + " row " + i).isZero();
      }
      // Reset: the same detector after reset gives the same scores as a fresh one.
      d.reset();
      assertThat(run(d, x)).as(name).containsExactly(s);
      // The spike is the top score after warm-up.
      double maxElsewhere = 0;
      for (int i = 120; i < 300; i++) {
        if (!Double.isNaN(s[i])) {
          maxElsewhere = Math.max(maxElsewhere, s[i]);
        }
      }
      assertThat(s[300]).as(name).isGreaterThan(maxElsewhere);
      assertThat(s[150]).as(name + " missing value").isNaN();
    }
  }
}
