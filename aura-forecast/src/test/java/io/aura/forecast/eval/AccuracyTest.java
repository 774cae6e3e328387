package io.aura.forecast.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.aura.features.InvalidDataException;
import org.junit.jupiter.api.Test;

/** Hand-computed values of the M4 measures. */
class AccuracyTest {
  @Test
  void smapeMatchesHandComputation() {
    // 200*|100-110|/210 = 9.5238..., 200*|50-40|/90 = 22.222...
    assertThat(Accuracy.smape(new double[] {100, 50}, new double[] {110, 40}))
        .isCloseTo((2000.0 / 210 + 2000.0 / 90) / 2, offset(1e-12));
    assertThat(Accuracy.smape(new double[] {0, 0}, new double[] {0, 0})).isZero();
  }

  @Test
  void maseUsesSeasonalInSampleScale() {
    double[] ins = {1, 2, 3, 5, 4, 6}; // m=2 diffs: 2,3,1,1 -> scale 1.75
    assertThat(Accuracy.maseScale(ins, 2)).isCloseTo(1.75, offset(1e-12));
    assertThat(Accuracy.mase(ins, 2, new double[] {7, 8}, new double[] {6, 10}))
        .isCloseTo(1.5 / 1.75, offset(1e-12));
    assertThatThrownBy(() -> Accuracy.maseScale(new double[] {1, 2}, 2))
        .isInstanceOf(InvalidDataException.class);
  }

  @Test
  void msisPenalisesMissesByTwoOverAlpha() {
    double[] ins = {0, 1, 2, 3}; // m=1 scale 1
    double[] actual = {5, 10};
    double[] lo = {4, 4};
    double[] up = {6, 8};
    // widths 2 + 4, miss of 2 above at step 2 costs 2/0.05*2 = 80 -> (6 + 80)/2 = 43
    assertThat(Accuracy.msis(ins, 1, actual, lo, up, 0.95)).isCloseTo(43, offset(1e-9));
    assertThat(Accuracy.coverage(actual, lo, up)).isEqualTo(0.5);
  }

  @Test
  void owaIsOneForNaive2ItselfAndMaeRmseAreStandard() {
    assertThat(Accuracy.owa(18.383, 2.395, 18.383, 2.395)).isEqualTo(1.0);
    assertThat(Accuracy.owa(9.1915, 2.395, 18.383, 2.395)).isCloseTo(0.75, offset(1e-12));
    assertThat(Accuracy.mae(new double[] {1, 2}, new double[] {2, 4})).isEqualTo(1.5);
    assertThat(Accuracy.rmse(new double[] {0, 0}, new double[] {3, 4}))
        .isCloseTo(Math.sqrt(12.5), offset(1e-12));
  }

  @Test
  void nanAndLengthMismatchAreRejected() {
    assertThatThrownBy(() -> Accuracy.smape(new double[] {1, Double.NaN}, new double[] {1, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("step 1");
    assertThatThrownBy(() -> Accuracy.mae(new double[] {1}, new double[] {1, 2}))
        .isInstanceOf(InvalidDataException.class);
  }
}
