package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FuzzyArtDetectorTest {

  private static FuzzyArtDetector.Builder small() {
    return FuzzyArtDetector.builder().window(4).sampleRows(1).warmUp(200).vigilance(0.9);
  }

  private static int firstPositive(double[] s, int from) {
    for (int i = from; i < s.length; i++) {
      if (s[i] > 0) {
        return i;
      }
    }
    return -1;
  }

  private static int positives(double[] s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n += s[i] > 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void warmUpScoresNaNThenLearnsTheRoutine() {
    Random r = new Random(1);
    double[] x = new double[2000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + 0.5 * r.nextGaussian();
    }
    x[0] = 0; // the warm-up's range: [0, 20]
    x[1] = 20;
    double[] s = NabDetectorsTest.run(small().build(), x);
    assertThat(Arrays.copyOf(s, 199)).containsOnly(Double.NaN);
    assertThat(s[199]).isZero();
    // Noise around one level: the categories of the warm-up and the first rows cover it.
    assertThat(positives(s, 1000, 2000)).isLessThanOrEqualTo(5); // of 1000 rows
  }

  @Test
  void levelShiftIsANewPatternAndAlarmsOnce() {
    Random r = new Random(2);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i < 2000 ? 10 : 14) + 0.5 * r.nextGaussian();
    }
    x[0] = 0; // a wide warm-up range, so the shift stays inside it
    x[1] = 20;
    double[] s = NabDetectorsTest.run(new AlarmSuppression(small().build(), 1e-12, 300), x);
    int quietBefore = positives(s, 1500, 2000);
    int first = firstPositive(s, 2000);
    assertThat(first).isBetween(2000, 2004);
    assertThat(s[first]).isGreaterThan(0.1);
    assertThat(positives(s, 2000, 2300)).isEqualTo(1);
    assertThat(quietBefore).isZero();
  }

  @Test
  void aNewPeriodicPatternIsNovelAndTheOldOneIsNot() {
    double[] x = new double[5000];
    for (int i = 0; i < x.length; i++) {
      double phase = (i % 40) / 40.0;
      x[i] = i < 4000 ? Math.sin(2 * Math.PI * phase) : (phase < 0.5 ? 1 : -1); // same range, new shape
    }
    FuzzyArtDetector d = FuzzyArtDetector.builder().window(8).warmUp(400).vigilance(0.9).build();
    double[] s = NabDetectorsTest.run(d, x);
    assertThat(positives(s, 1000, 4000)).as("the sine, learnt").isZero();
    assertThat(positives(s, 4000, 4040)).as("the square wave, new").isPositive();
    assertThat(positives(s, 4200, 5000)).as("the square wave, learnt in turn").isZero();
  }

  @Test
  void aSpikeWidensTheRangeAndScores() {
    Random r = new Random(3);
    double[] x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 5 + 0.2 * r.nextGaussian();
    }
    x[0] = 0;
    x[1] = 10;
    x[700] = 50;
    FuzzyArtDetector d = small().build();
    double[] s = NabDetectorsTest.run(d, x);
    assertThat(s[700]).isGreaterThan(0.2);
    assertThat(d.hi()).isEqualTo(50);
    assertThat(positives(s, 500, 700)).isZero();
  }

  @Test
  void wideningRemapsCategoriesExactly() {
    Random r = new Random(4);
    FuzzyArtDetector d = small().maxCategories(10_000).build();
    for (int i = 0; i < 600; i++) {
      d.update(i, r.nextDouble());
    }
    double lo = d.lo();
    double hi = d.hi();
    int categories = d.categories();
    double[][] probes = new double[50][4];
    double[] before = new double[probes.length];
    for (int p = 0; p < probes.length; p++) {
      for (int i = 0; i < 4; i++) {
        probes[p][i] = lo + (hi - lo) * r.nextDouble() * 1.2 - 0.1 * (hi - lo);
      }
      // the raw L1 distance to the nearest hyperbox, (1 − best match) · M · width, is range-free
      before[p] = (1 - d.bestMatch(probes[p])) * (hi - lo);
    }
    d.update(600, hi + 9 * (hi - lo)); // one value far above: the range grows tenfold
    assertThat(d.hi()).isEqualTo(hi + 9 * (hi - lo));
    assertThat(d.categories()).isEqualTo(categories + 1);
    for (int p = 0; p < probes.length; p++) {
      double after = (1 - d.bestMatch(probes[p])) * (d.hi() - d.lo());
      assertThat(after).as("probe %d", p).isCloseTo(before[p], within(1e-9 * (hi - lo)));
    }
  }

  @Test
  void memoryIsBoundedAndKeepsTheRecentlyUsed() {
    FuzzyArtDetector d = FuzzyArtDetector.builder().window(2).warmUp(2).vigilance(0.99).maxCategories(3).build();
    d.update(0, 0);
    d.update(1, 100); // range [0, 100]
    long t = 2;
    for (int k = 0; k < 50; k++) {
      d.update(t++, 50); // the level 50 recurs between new levels: it stays recently used
      d.update(t++, 50);
      d.update(t++, k * 2 % 100);
      d.update(t++, k * 2 % 100);
      assertThat(d.categories()).isLessThanOrEqualTo(3);
    }
    assertThat(d.categories()).isEqualTo(3);
    assertThat(d.bestMatch(new double[] {50, 50})).isEqualTo(1.0);
    assertThat(d.bestMatch(new double[] {2, 2})).as("an old level, evicted").isLessThan(0.99);
  }

  @Test
  void missingValuesChangeNothingAndResetRestarts() {
    Random r = new Random(5);
    double[] x = new double[1500];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i / 9.0) + 0.3 * r.nextGaussian() + (i > 1000 ? 2 : 0);
    }
    FuzzyArtDetector.Builder b = FuzzyArtDetector.builder().window(3).sampleRows(4).warmUp(300);
    double[] plain = NabDetectorsTest.run(b.build(), x);
    FuzzyArtDetector d = b.build();
    int j = 0;
    for (int i = 0; i < x.length; i++) {
      if (i % 97 == 5) {
        assertThat(d.update(j++, Double.NaN)).isNaN();
      }
      assertThat(Double.valueOf(d.update(j++, x[i]))).isEqualTo(Double.valueOf(plain[i]));
    }
    d.reset();
    assertThat(NabDetectorsTest.run(d, x)).containsExactly(plain);
    assertThat(positives(plain, 1000, 1100)).isPositive();
  }

  @Test
  void blocksAverageRowsAndScoreOnlyAtTheirEnd() {
    double[] x = new double[400];
    Arrays.fill(x, 1);
    x[301] = 100; // inside the block 300..303
    double[] s = NabDetectorsTest.run(FuzzyArtDetector.builder().window(2).sampleRows(4).warmUp(200).build(), x);
    assertThat(s[300]).isZero();
    assertThat(s[301]).isZero();
    assertThat(s[302]).isZero();
    // window (1, 25.75) normalized to (0, 1) against the box of (1, 1), now the corner (0, 0): match ½
    assertThat(s[303]).isEqualTo(0.5);
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> FuzzyArtDetector.builder().window(0).build()).hasMessageContaining("window");
    assertThatThrownBy(() -> FuzzyArtDetector.builder().window(10).sampleRows(20).warmUp(100).build())
        .hasMessageContaining("warmUp");
    assertThatThrownBy(() -> FuzzyArtDetector.builder().vigilance(0).build()).hasMessageContaining("vigilance");
    assertThatThrownBy(() -> FuzzyArtDetector.builder().vigilance(1.5).build()).hasMessageContaining("vigilance");
    assertThatThrownBy(() -> FuzzyArtDetector.builder().learningRate(0).build()).hasMessageContaining("learningRate");
    assertThatThrownBy(() -> FuzzyArtDetector.builder().choice(Double.NaN).build()).hasMessageContaining("choice");
    assertThatThrownBy(() -> FuzzyArtDetector.builder().range(2, 1)).hasMessageContaining("range");
  }

  @Test
  void aFixedRangeIsUsedFromTheStart() {
    FuzzyArtDetector d = small().range(-100, 100).build();
    for (int i = 0; i < 300; i++) {
      d.update(i, i % 2);
    }
    assertThat(d.lo()).isEqualTo(-100);
    assertThat(d.hi()).isEqualTo(100);
  }

  @Test
  void paddingWidensTheWarmUpRangeOnBothSides() {
    FuzzyArtDetector d = small().padding(0.5).build();
    for (int i = 0; i < 200; i++) {
      d.update(i, 10 + (i % 2) * 4); // warm-up range [10, 14]
    }
    assertThat(d.lo()).isEqualTo(8);
    assertThat(d.hi()).isEqualTo(16);
    d.update(200, 15.5); // inside the padded range: no widening
    assertThat(d.hi()).isEqualTo(16);
    assertThatThrownBy(() -> FuzzyArtDetector.builder().padding(-1)).hasMessageContaining("padding");
  }

  @Test
  void valueAndShapeIsTheMaxOfBothNetworksWithOneAlarmPerQuietPeriod() {
    Random r = new Random(6);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + 0.1 * r.nextGaussian() + (i >= 2000 ? 5 : 0);
    }
    x[0] = 0;
    x[1] = 20;
    FuzzyArtDetector.Builder value = FuzzyArtDetector.builder().window(1).warmUp(200).vigilance(0.95);
    FuzzyArtDetector.Builder shape = FuzzyArtDetector.builder().window(2).sampleRows(10).warmUp(200).vigilance(0.85);
    double[] fused = NabDetectorsTest.run(FuzzyArtDetector.valueAndShape(value, shape, 0.1, 300), x);
    double[] v = NabDetectorsTest.run(value.build(), x);
    double[] sh = NabDetectorsTest.run(shape.build(), x);
    assertThat(positives(fused, 1000, 2000)).isLessThanOrEqualTo(2); // of 1000 noisy rows
    int first = firstPositive(fused, 2000);
    assertThat(first).isBetween(2000, 2010);
    assertThat(fused[first]).isEqualTo(Math.max(v[first], sh[first]));
    assertThat(positives(fused, first + 1, first + 301)).isZero();
    assertThatThrownBy(() -> FuzzyArtDetector.valueAndShape(value, shape, 0, 10)).hasMessageContaining("alarmNovelty");
  }
}
