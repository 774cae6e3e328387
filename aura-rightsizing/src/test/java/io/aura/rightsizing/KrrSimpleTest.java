package io.aura.rightsizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import org.junit.jupiter.api.Test;

class KrrSimpleTest {
  @Test
  void cpuIsTheLargestPerPodP95AndMemoryTheLargestMaxPlus15Percent() {
    double[] a = new double[101];
    double[] b = new double[101];
    for (int i = 0; i <= 100; i++) {
      a[i] = i / 100.0; // p95 = 0.95 exactly (rank 95)
      b[i] = i / 200.0; // p95 = 0.475
    }
    assertThat(KrrSimple.defaults().cpuRequest(a, b)).isCloseTo(0.95, within(1e-12));
    assertThat(KrrSimple.defaults().memoryRequest(new double[] {1e9, 2e9, Double.NaN},
        new double[] {3e9})).isCloseTo(3.45e9, within(1.0));
  }

  @Test
  void interpolatesLikePrometheusAndAppliesMinimums() {
    // rank 0.95 * 3 = 2.85 between 3 and 4: 3.85
    assertThat(KrrSimple.quantile(new double[] {1, 2, 3, 4}, 0.95)).isCloseTo(3.85, within(1e-12));
    assertThat(KrrSimple.defaults().cpuRequest(new double[] {0.001})).isEqualTo(0.010);
    assertThat(KrrSimple.defaults().memoryRequest(new double[] {1e6})).isEqualTo(100e6);
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> KrrSimple.defaults().cpuRequest(new double[] {1, -1}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("pod 0 cpu sample 1");
    assertThatThrownBy(() -> KrrSimple.defaults().memoryRequest(new double[] {Double.NaN}))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("no memory samples");
  }
}
