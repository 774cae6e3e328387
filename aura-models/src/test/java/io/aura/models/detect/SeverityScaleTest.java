package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.Severity;
import org.junit.jupiter.api.Test;

class SeverityScaleTest {
  private static final double[] ZERO_TO_HUNDRED = new double[101];

  static {
    for (int i = 0; i <= 100; i++) {
      ZERO_TO_HUNDRED[100 - i] = i; // unsorted on purpose
    }
  }

  @Test
  void quantileCutsAreTheEmpiricalQuantiles() {
    SeverityScale s = SeverityScale.fromQuantiles(ZERO_TO_HUNDRED, 0, 0.1, 0.25, 0.5);
    assertThat(s).isEqualTo(new SeverityScale(0, 10, 25, 50));
    assertThat(s.severity(9.99)).isEqualTo(Severity.LOW);
    assertThat(s.severity(10)).isEqualTo(Severity.MEDIUM);
    assertThat(s.severity(49)).isEqualTo(Severity.HIGH);
    assertThat(s.severity(50)).isEqualTo(Severity.CRITICAL);
    assertThat(s.severity(-1)).isEqualTo(Severity.NONE);
    assertThat(s.severity(Double.NaN)).isEqualTo(Severity.NONE);
  }

  @Test
  void contaminationIsTheUpperTailQuantiles() {
    assertThat(SeverityScale.fromContamination(ZERO_TO_HUNDRED, 0.2))
        .isEqualTo(SeverityScale.fromQuantiles(ZERO_TO_HUNDRED, 0.8, 0.9, 0.96, 0.99));
  }

  @Test
  void badLevelsAndScoresAreRefused() {
    assertThatThrownBy(() -> SeverityScale.fromQuantiles(ZERO_TO_HUNDRED, 0.5, 0.4, 0.6, 0.7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("non-decreasing");
    assertThatThrownBy(
            () -> SeverityScale.fromQuantiles(new double[] {1, Double.NaN}, 0, 0.1, 0.2, 0.3))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("training score 1 is NaN");
    assertThatThrownBy(() -> SeverityScale.fromQuantiles(new double[0], 0, 0.1, 0.2, 0.3))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no training scores");
  }
}
