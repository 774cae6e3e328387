package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrendWatchTest {

  @Test
  void aRampWarnsOnceWithTheRightTimeToThreshold() {
    // 0.5 + 0.005 per step reaches 1.0 at step 100; horizon 40.5 steps: first warning at step 60.
    TrendWatch w = new TrendWatch(30, 1.0, 0.6, 0.9, 40.5, 5);
    int opened = 0;
    int firstAt = -1;
    for (int t = 0; t < 100; t++) {
      if (w.update(0.5 + 0.005 * t)) {
        opened++;
        if (firstAt < 0) {
          firstAt = t;
          assertThat(w.etaSteps()).isCloseTo(100 - t, within(1e-6));
        }
      }
      if (t >= 60) {
        assertThat(w.warning()).isTrue();
        assertThat(w.etaSteps()).isCloseTo(100 - t, within(1e-6));
      }
    }
    assertThat(opened).isEqualTo(1);
    assertThat(firstAt).isEqualTo(60);
  }

  @Test
  void noiseFlatSeriesAndLowLevelsDoNotWarn() {
    SplittableRandom r = new SplittableRandom(3);
    TrendWatch flat = new TrendWatch(30, 1.0, 0.6, 0.9, 1e9, 5);
    TrendWatch low = new TrendWatch(30, 1.0, 0.6, 0.9, 1e9, 5);
    for (int t = 0; t < 5000; t++) {
      assertThat(flat.update(0.8 + 0.01 * r.nextGaussian())).isFalse();
      assertThat(low.update(0.1 + 0.001 * t / 100.0)).isFalse(); // rising but below the floor
    }
  }

  @Test
  void aMissingSampleRestartsTheWindowAndReopens() {
    TrendWatch w = new TrendWatch(10, 1.0, 0.0, 0.9, 1000, 3);
    int opened = 0;
    for (int t = 0; t < 30; t++) {
      opened += w.update(0.01 * t) ? 1 : 0;
    }
    assertThat(opened).isEqualTo(1);
    assertThat(w.update(Double.NaN)).isFalse();
    assertThat(w.warning()).isFalse();
    for (int t = 0; t < 9; t++) {
      assertThat(w.update(0.01 * t)).isFalse(); // window not full yet
    }
    assertThat(w.update(0.09)).isTrue();
  }

  @Test
  void slidingSumsMatchAFreshFitAfterManySteps() {
    SplittableRandom r = new SplittableRandom(5);
    TrendWatch slid = new TrendWatch(20, 10.0, 0.0, 0.0, 1e12, 1);
    double[] values = new double[10_000];
    for (int t = 0; t < values.length; t++) {
      values[t] = 1e6 + t * 0.5 + r.nextGaussian();
      slid.update(values[t]);
    }
    TrendWatch fresh = new TrendWatch(20, 10.0, 0.0, 0.0, 1e12, 1);
    for (int t = values.length - 20; t < values.length; t++) {
      fresh.update(values[t]);
    }
    // Both below threshold 10 with a positive slope: no warning, identical state.
    assertThat(slid.warning()).isEqualTo(fresh.warning());
    TrendWatch a = new TrendWatch(20, 2e6, 0.0, 0.0, 1e12, 1);
    TrendWatch b = new TrendWatch(20, 2e6, 0.0, 0.0, 1e12, 1);
    for (double v : values) {
      a.update(v);
    }
    for (int t = values.length - 20; t < values.length; t++) {
      b.update(values[t]);
    }
    assertThat(a.warning()).isTrue();
    assertThat(a.etaSteps()).isCloseTo(b.etaSteps(), within(1e-6 * b.etaSteps()));
  }

  @Test
  void confirmationDelaysTheOpeningBySamples() {
    TrendWatch now = new TrendWatch(30, 1.0, 0.6, 0.9, 40.5, 5, 1);
    TrendWatch later = new TrendWatch(30, 1.0, 0.6, 0.9, 40.5, 5, 4);
    int openedNow = -1;
    int openedLater = -1;
    for (int t = 0; t < 100; t++) {
      double y = 0.5 + 0.005 * t;
      if (now.update(y)) {
        openedNow = t;
      }
      if (later.update(y)) {
        openedLater = t;
      }
      if (t < 63) {
        assertThat(later.warning()).isFalse();
      }
    }
    assertThat(openedNow).isEqualTo(60);
    assertThat(openedLater).isEqualTo(63);
  }
}
