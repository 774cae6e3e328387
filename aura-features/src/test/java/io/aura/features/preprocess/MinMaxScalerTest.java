package io.aura.features.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import org.junit.jupiter.api.Test;

class MinMaxScalerTest {
  private static final double NAN = Double.NaN;

  @Test
  void mapsTrainingRangeOntoUnitInterval() {
    MinMaxScaler s = MinMaxScaler.fit(new double[][] {{2, -1}, {4, NAN}, {6, 1}});
    assertThat(s.dataMin()).containsExactly(2.0, -1.0);
    assertThat(s.dataMax()).containsExactly(6.0, 1.0);
    assertThat(s.validCounts()).containsExactly(3, 2);
    double[][] t = s.transform(new double[][] {{2, -1}, {4, NAN}, {6, 1}, {8, 0}});
    assertThat(t[0]).containsExactly(0.0, 0.0);
    assertThat(t[1][0]).isEqualTo(0.5);
    assertThat(t[1][1]).isNaN();
    assertThat(t[2]).containsExactly(1.0, 1.0);
    // Out of the training range: not clipped.
    assertThat(t[3]).containsExactly(1.5, 0.5);
  }

  @Test
  void customTargetRange() {
    MinMaxScaler s = MinMaxScaler.fit(new double[][] {{2}, {4}, {6}}, -1, 1);
    assertThat(s.targetMin()).isEqualTo(-1.0);
    assertThat(s.targetMax()).isEqualTo(1.0);
    double[] out = new double[1];
    for (double[] c : new double[][] {{2, -1}, {4, 0}, {6, 1}}) {
      s.transform(new double[] {c[0]}, out);
      assertThat(out[0]).isCloseTo(c[1], within(1e-15));
    }
  }

  @Test
  void constantColumnMapsToTargetMinWithScaleOne() {
    MinMaxScaler s = MinMaxScaler.fit(new double[][] {{3}, {3}});
    assertThat(s.scales()).containsExactly(1.0);
    double[] out = new double[1];
    s.transform(new double[] {3}, out);
    assertThat(out[0]).isZero();
    MinMaxScaler t = MinMaxScaler.fit(new double[][] {{3}, {3}}, 5, 7);
    t.transform(new double[] {3}, out);
    assertThat(out[0]).isCloseTo(5.0, within(1e-15));
  }

  @Test
  void badTargetRangeAndRestore() {
    assertThatThrownBy(() -> MinMaxScaler.fit(new double[][] {{1}}, 1, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("min < max");
    Frame f = StandardScalerTest.frame(new String[] {"disk"}, new double[] {0, 50, 100});
    MinMaxScaler s = MinMaxScaler.fit(f);
    MinMaxScaler r = MinMaxScaler.of(s.schema(), s.dataMin(), s.dataMax(), 0, 1, s.validCounts());
    assertThat(r).isEqualTo(s);
    assertThat(r.transform(f).column("disk")).containsExactly(0.0, 0.5, 1.0);
    assertThatThrownBy(
            () ->
                MinMaxScaler.of(
                    s.schema(), new double[] {2}, new double[] {1}, 0, 1, s.validCounts()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'disk'");
  }
}
