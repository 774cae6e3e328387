package io.aura.ensemble.voting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.ensemble.calibration.PlattCalibrator;
import io.aura.features.InvalidDataException;
import org.junit.jupiter.api.Test;

class DetectorFusionTest {
  /** Three detectors on scales 1, 1000 and 0.01; reference scores 1..100 times the scale. */
  private static double[][] reference() {
    double[][] r = new double[3][100];
    for (int i = 0; i < 100; i++) {
      r[0][i] = i + 1;
      r[1][i] = (i + 1) * 1000.0;
      r[2][i] = (i + 1) * 0.01;
    }
    return r;
  }

  @Test
  void rankNormalizationRemovesScale() {
    DetectorFusion f = DetectorFusion.builder().rankNormalized(reference()).build();
    assertThat(f.normalized(0, 50)).isEqualTo(0.5);
    assertThat(f.normalized(1, 50_000)).isEqualTo(0.5);
    assertThat(f.normalized(2, 0.5)).isEqualTo(0.5);
    assertThat(f.score(new double[] {50, 50_000, 0.5})).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void majorityVote() {
    DetectorFusion f = DetectorFusion.builder().rankNormalized(reference()).voteThreshold(0.99).build();
    assertThat(f.vote(new double[] {100, 100_000, 0.1})).isTrue(); // 2 of 3
    assertThat(f.votes(new double[] {100, 100_000, 0.1})).isEqualTo(2);
    assertThat(f.vote(new double[] {100, 1000, 0.1})).isFalse(); // 1 of 3
    assertThat(f.vote(new double[] {100, Double.NaN, 0.1})).as("1 of 2 present is not a majority").isFalse();
    assertThat(f.vote(new double[] {100, Double.NaN, Double.NaN})).as("1 of 1 present").isTrue();
    assertThat(f.vote(new double[] {Double.NaN, Double.NaN, Double.NaN})).isFalse();
    assertThat(f.score(new double[] {Double.NaN, Double.NaN, Double.NaN})).isNaN();
  }

  @Test
  void weightedVoteAndScore() {
    DetectorFusion f = DetectorFusion.builder().rankNormalized(reference()).weights(6, 2, 2).build();
    assertThat(f.weights()).containsExactly(0.6, 0.2, 0.2);
    assertThat(f.vote(new double[] {100, 1000, 0.01})).isTrue();
    assertThat(f.vote(new double[] {1, 100_000, 1})).isFalse();
    assertThat(f.score(new double[] {100, 1000, 0.01})).isCloseTo(0.6 * 1 + 0.2 * 0.01 + 0.2 * 0.01, within(1e-12));
    assertThat(f.score(new double[] {100, Double.NaN, 0.01})).isCloseTo((0.6 + 0.2 * 0.01) / 0.8, within(1e-12));
  }

  @Test
  void calibrationNormalization() {
    DetectorFusion f = DetectorFusion.builder()
        .calibrated(PlattCalibrator.of(-1, 0), PlattCalibrator.of(-0.001, 0))
        .voteThreshold(0.9).build();
    assertThat(f.normalized(0, 0)).isCloseTo(0.5, within(1e-15));
    assertThat(f.vote(new double[] {5, 5000})).isTrue();
    assertThat(f.vote(new double[] {5, 0})).isFalse();
  }

  @Test
  void badInputsAreRejected() {
    DetectorFusion f = DetectorFusion.builder().rankNormalized(reference()).build();
    assertThatThrownBy(() -> f.score(new double[2])).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("got 2 scores, the fusion has 3 detectors");
    assertThatThrownBy(() -> DetectorFusion.builder().rankNormalized(new double[][] {{1}, {Double.NaN}}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("detector 1: reference has no valid score");
    assertThatThrownBy(() -> DetectorFusion.builder().rankNormalized(reference()).weights(1, 1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 weights for 3 detectors");
    assertThatThrownBy(() -> DetectorFusion.builder().build()).isInstanceOf(IllegalStateException.class);
  }
}
