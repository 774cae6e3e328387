package io.aura.ensemble.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.ensemble.drift.ModelDriftMonitor.Averaging;
import io.aura.features.InvalidDataException;
import org.junit.jupiter.api.Test;

class ModelDriftMonitorTest {
  @Test
  void positiveF1ByHand() {
    // TP=2, FP=1, FN=1 -> 4 / 6
    int[] pred = {1, 1, 1, 0, 0};
    int[] act = {1, 1, 0, 1, 0};
    assertThat(ModelDriftMonitor.f1(pred, act, 2, Averaging.POSITIVE))
        .isCloseTo(4.0 / 6, within(1e-15));
  }

  @Test
  void macroF1MatchesTextbookExample() {
    // scikit-learn's f1_score documentation example: macro F1 = 0.2666...
    int[] act = {0, 1, 2, 0, 1, 2};
    int[] pred = {0, 2, 1, 0, 0, 1};
    assertThat(ModelDriftMonitor.f1(pred, act, 3, Averaging.MACRO))
        .isCloseTo(0.26666666666666666, within(1e-12));
  }

  @Test
  void unknownLabelsAreIgnored() {
    int[] pred = {1, 1, -1, 0};
    int[] act = {1, -1, 0, 0};
    assertThat(ModelDriftMonitor.f1(pred, act, 2, Averaging.POSITIVE)).isEqualTo(1.0);
    assertThat(ModelDriftMonitor.f1(new int[] {0, 0}, new int[] {0, 0}, 2, Averaging.POSITIVE))
        .isNaN();
  }

  @Test
  void retrainSignalAfterPatienceLowWindows() {
    ModelDriftMonitor m =
        ModelDriftMonitor.builder().windowSize(4).threshold(0.5).patience(2).build();
    feed(m, 4, 1, 1); // perfect window
    assertThat(m.lastScore()).isEqualTo(1.0);
    assertThat(m.windows()).isEqualTo(1);
    feed(m, 4, 0, 1); // all positives missed: F1 = 0
    assertThat(m.lastScore()).isEqualTo(0.0);
    assertThat(m.consecutiveBelow()).isEqualTo(1);
    assertThat(m.retrainSignal()).isFalse();
    feed(m, 4, 0, 0); // undefined window: no positives anywhere
    assertThat(m.lastScore()).isNaN();
    assertThat(m.consecutiveBelow()).isEqualTo(1);
    assertThat(m.observe(-1, 1)).isFalse();
    assertThat(m.missingInWindow()).isEqualTo(1);
    feed(m, 4, 1, 0); // all false alarms: F1 = 0
    assertThat(m.consecutiveBelow()).isEqualTo(2);
    assertThat(m.retrainSignal()).isTrue();
    feed(m, 4, 1, 1);
    assertThat(m.retrainSignal()).as("signal latches until acknowledged").isTrue();
    m.acknowledgeRetrain();
    assertThat(m.retrainSignal()).isFalse();
    assertThat(m.consecutiveBelow()).isZero();
  }

  @Test
  void goodWindowResetsStreak() {
    ModelDriftMonitor m = ModelDriftMonitor.builder().windowSize(2).patience(2).build();
    feed(m, 2, 0, 1);
    feed(m, 2, 1, 1);
    feed(m, 2, 0, 1);
    assertThat(m.consecutiveBelow()).isEqualTo(1);
    assertThat(m.retrainSignal()).isFalse();
  }

  @Test
  void badLabelsAreRejected() {
    ModelDriftMonitor m = ModelDriftMonitor.builder().build();
    assertThatThrownBy(() -> m.observe(2, 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("predicted 2");
    assertThatThrownBy(
            () -> ModelDriftMonitor.f1(new int[] {1}, new int[] {1, 0}, 2, Averaging.MACRO))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("predicted has 1 labels, actual has 2");
  }

  private static void feed(ModelDriftMonitor m, int n, int predicted, int actual) {
    for (int i = 0; i < n; i++) {
      m.observe(predicted, actual);
    }
  }
}
