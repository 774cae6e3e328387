package io.aura.features.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeverityTest {
  @Test
  void orderIsNoneLowMediumHighCritical() {
    assertThat(Severity.values())
        .containsExactly(
            Severity.NONE, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);
    Severity[] shuffled = {
      Severity.HIGH, Severity.NONE, Severity.CRITICAL, Severity.LOW, Severity.MEDIUM
    };
    Arrays.sort(shuffled);
    assertThat(shuffled).containsExactly(Severity.values());
  }

  @Test
  void maxPicksTheHigherEitherWay() {
    for (Severity a : Severity.values()) {
      for (Severity b : Severity.values()) {
        Severity m = a.max(b);
        assertThat(m).isEqualTo(a.compareTo(b) >= 0 ? a : b).isEqualTo(b.max(a));
      }
    }
  }

  @Test
  void onlyNoneIsNotAnomalous() {
    for (Severity s : Severity.values()) {
      assertThat(s.isAnomalous()).isEqualTo(s != Severity.NONE);
    }
  }
}
