package io.aura.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class QuantilesTest {
  @Property(tries = 300)
  void medianBySelectionEqualsTheSortedMiddle(@ForAll @IntRange(min = 1, max = 60) int n, @ForAll long seed) {
    Random rnd = new Random(seed);
    double[] a = new double[n + 3];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextInt(7) - 3; // many ties
    }
    double[] sorted = Arrays.copyOf(a, n);
    Arrays.sort(sorted);
    double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    assertThat(Quantiles.median(a, n)).isEqualTo(expected);
    assertThat(Quantiles.ofSorted(sorted, n, 0.5)).isEqualTo(expected);
  }

  @Test
  void definitionSevenInterpolatesBetweenOrderStatistics() {
    double[] s = {1, 2, 4, 8, 100};
    assertThat(Quantiles.ofSorted(s, 4, 0)).isEqualTo(1);
    assertThat(Quantiles.ofSorted(s, 4, 1)).isEqualTo(8); // only the first four count
    assertThat(Quantiles.ofSorted(s, 4, 0.5)).isEqualTo(3); // h = 1.5
    assertThat(Quantiles.ofSorted(s, 5, 0.9)).isCloseTo(8 + 0.6 * 92, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(Quantiles.ofSorted(new double[] {7}, 1, 0.3)).isEqualTo(7);
  }
}
