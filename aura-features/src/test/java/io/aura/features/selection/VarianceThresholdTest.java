package io.aura.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class VarianceThresholdTest {
  private static final double NAN = Double.NaN;

  private static Frame frame(String[] names, double[]... cols) {
    LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], cols[i]);
    }
    long[] ts = new long[cols[0].length];
    for (int r = 0; r < ts.length; r++) {
      ts[r] = 60_000L * r;
    }
    return Frame.of(Labels.of("node", "n1"), ts, m);
  }

  @Test
  void dropsConstantFeaturesAndReportsPopulationVariances() {
    double[][] rows = {{0.1, 1, 7}, {0.1, 2, 7}, {0.1, 3, 7}, {0.1, NAN, 9}};
    FeatureSelection s = VarianceThreshold.nonConstant().select(rows);
    double[] v = s.scores();
    assertThat(v[0]).isZero(); // constant 0.1: exactly 0 despite rounding of the mean
    assertThat(v[1]).isCloseTo(2.0 / 3, within(1e-15)); // NaN ignored: {1,2,3}
    assertThat(v[2]).isCloseTo(0.75, within(1e-15)); // {7,7,7,9}: mean 7.5
    assertThat(s.selectedIndices()).containsExactly(1, 2);
    assertThat(s.selectedSchema()).isEqualTo(FeatureSchema.of("f1", "f2"));
    assertThat(s.method()).isEqualTo("variance > 0.0");
  }

  @Test
  void thresholdIsStrict() {
    double[][] rows = {{0, 0}, {2, 1}}; // variances 1 and 0.25
    assertThat(VarianceThreshold.of(0.25).select(rows).selectedIndices()).containsExactly(0);
    assertThat(VarianceThreshold.of(0.2).select(rows).selectedIndices()).containsExactly(0, 1);
    assertThatThrownBy(() -> VarianceThreshold.of(1).select(rows))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no feature has a variance above 1.0");
    assertThatThrownBy(() -> VarianceThreshold.of(-1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(">= 0");
  }

  @Test
  void applyToRowsInPlaceMatricesAndFrames() {
    Frame f =
        frame(
            new String[] {"a", "b", "c", "d"},
            new double[] {1, 1, 1},
            new double[] {1, 2, 3},
            new double[] {4, 4, 4},
            new double[] {NAN, 5, 6});
    FeatureSelection s = VarianceThreshold.nonConstant().select(f);
    assertThat(s.selectedNames()).containsExactly("b", "d");
    assertThat(s.score("c")).isZero();
    double[] row = {10, 20, 30, 40};
    s.apply(row, row);
    assertThat(row[0]).isEqualTo(20);
    assertThat(row[1]).isEqualTo(40);
    assertThat(s.apply(new double[][] {{1, 2, 3, 4}})).isDeepEqualTo(new double[][] {{2, 4}});
    Frame out = s.apply(f);
    assertThat(out.columnNames()).containsExactly("b", "d");
    assertThat(out.column("d")).containsExactly(NAN, 5, 6);
    assertThat(out.timestamps()).containsExactly(f.timestamps());

    Frame other = frame(new String[] {"a", "b", "c", "e"}, new double[3], new double[3], new double[3], new double[3]);
    assertThatThrownBy(() -> s.apply(other))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("missing [d]")
        .hasMessageContaining("unexpected [e]");
    assertThatThrownBy(() -> s.apply(new double[] {1, 2, 3}, new double[4]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row has 3 values");
    assertThatThrownBy(() -> s.apply(new double[] {1, 2, 3, 4}, new double[1]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("keeps 2 features");
  }

  @Test
  void allNaNFeatureIsNamedWithItsFrameColumn() {
    Frame f = frame(new String[] {"ok", "gone"}, new double[] {1, 2}, new double[] {NAN, NAN});
    assertThatThrownBy(() -> VarianceThreshold.nonConstant().select(f))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'gone'")
        .hasMessageContaining("no non-NaN value");
  }

  @Test
  void selectionCanBeRebuiltAndIsValidated() {
    FeatureSelection s = VarianceThreshold.nonConstant().select(new double[][] {{1, 1}, {1, 2}});
    FeatureSelection r = FeatureSelection.of(s.inputSchema(), s.selectedIndices(), s.scores(), s.method());
    assertThat(r).isEqualTo(s);
    assertThatThrownBy(() -> FeatureSelection.of(s.inputSchema(), new int[] {1, 0}, s.scores(), "x"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> FeatureSelection.of(s.inputSchema(), new int[0], s.scores(), "x"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> FeatureSelection.of(s.inputSchema(), new int[] {1}, new double[1], "x"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("1 scores for 2 features");
  }
}
