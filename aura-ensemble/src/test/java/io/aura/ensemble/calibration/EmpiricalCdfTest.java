package io.aura.ensemble.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import org.junit.jupiter.api.Test;

class EmpiricalCdfTest {
  @Test
  void fractionAtOrBelow() {
    EmpiricalCdf f = EmpiricalCdf.of(new double[] {3, 1, Double.NaN, 2, 2});
    assertThat(f.size()).isEqualTo(4);
    assertThat(f.missing()).isEqualTo(1);
    assertThat(f.calibrate(0)).isEqualTo(0.0);
    assertThat(f.calibrate(1)).isEqualTo(0.25);
    assertThat(f.calibrate(2)).isEqualTo(0.75);
    assertThat(f.calibrate(2.5)).isEqualTo(0.75);
    assertThat(f.calibrate(9)).isEqualTo(1.0);
    assertThat(f.calibrate(Double.NaN)).isNaN();
  }

  @Test
  void badReferenceIsRejected() {
    assertThatThrownBy(() -> EmpiricalCdf.of(new double[] {Double.NaN}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no valid score");
    assertThatThrownBy(() -> EmpiricalCdf.of(new double[] {1, Double.NEGATIVE_INFINITY}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("reference score 1 is -Infinity");
  }
}
