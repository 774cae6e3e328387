package io.aura.features.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class StandardScalerTest {
  private static final double NAN = Double.NaN;

  static Frame frame(String[] names, double[]... cols) {
    LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], cols[i]);
    }
    long[] ts = new long[cols[0].length];
    for (int r = 0; r < ts.length; r++) {
      ts[r] = 1_000L * r;
    }
    return Frame.of(Labels.of("pod", "web-1"), ts, m);
  }

  @Test
  void knownMeansAndPopulationStandardDeviations() {
    double[][] rows = {{1, 10}, {2, 10}, {3, 30}, {4, 30}};
    StandardScaler s = StandardScaler.fit(rows);
    assertThat(s.dimension()).isEqualTo(2);
    assertThat(s.schema()).isEqualTo(FeatureSchema.of("f0", "f1"));
    assertThat(s.means()).containsExactly(2.5, 20.0);
    // population: sqrt(((1.5)^2 + (0.5)^2 + (0.5)^2 + (1.5)^2) / 4) = sqrt(1.25)
    assertThat(s.stds()[0]).isCloseTo(Math.sqrt(1.25), within(1e-15));
    assertThat(s.stds()[1]).isCloseTo(10.0, within(1e-15));
    assertThat(s.validCounts()).containsExactly(4, 4);
    double[] out = new double[2];
    s.transform(new double[] {4, 10}, out);
    assertThat(out[0]).isCloseTo(1.5 / Math.sqrt(1.25), within(1e-15));
    assertThat(out[1]).isCloseTo(-1.0, within(1e-15));
  }

  @Test
  void nanIsIgnoredWhenFittingAndKeptWhenTransforming() {
    double[][] rows = {{1, 5}, {NAN, 6}, {3, 7}};
    StandardScaler s = StandardScaler.fit(rows);
    assertThat(s.means()[0]).isEqualTo(2.0);
    assertThat(s.stds()[0]).isEqualTo(1.0);
    assertThat(s.validCounts()).containsExactly(2, 3);
    double[][] t = s.transform(rows);
    assertThat(t[1][0]).isNaN();
    assertThat(t[0][0]).isEqualTo(-1.0);
    assertThat(t[2][0]).isEqualTo(1.0);
  }

  @Test
  void constantColumnGetsScaleOneAndMapsToZero() {
    double[][] rows = {{0.1, 1}, {0.1, 2}, {0.1, 3}};
    StandardScaler s = StandardScaler.fit(rows);
    assertThat(s.stds()[0]).isZero();
    assertThat(s.scales()[0]).isEqualTo(1.0);
    assertThat(s.means()[0]).isEqualTo(0.1);
    double[] out = new double[2];
    s.transform(new double[] {0.1, 2}, out);
    assertThat(out[0]).isZero();
    s.transform(new double[] {2.1, 2}, out);
    assertThat(out[0]).isCloseTo(2.0, within(1e-15));
  }

  @Test
  void largeOffsetKeepsPrecision() {
    double[][] rows = new double[1000][1];
    for (int r = 0; r < rows.length; r++) {
      rows[r][0] = 1e9 + (r % 2 == 0 ? -1 : 1);
    }
    StandardScaler s = StandardScaler.fit(rows);
    assertThat(s.stds()[0]).isCloseTo(1.0, within(1e-9));
    assertThat(s.means()[0]).isCloseTo(1e9, within(1e-6));
  }

  @Test
  void transformedTrainingDataHasMeanZeroAndStdOne() {
    java.util.Random rnd = new java.util.Random(7);
    double[][] rows = new double[200][3];
    for (double[] row : rows) {
      row[0] = rnd.nextGaussian() * 3 + 100;
      row[1] = rnd.nextDouble() * 1e-3;
      row[2] = rnd.nextInt(5);
    }
    double[][] t = StandardScaler.fit(rows).transform(rows);
    for (int j = 0; j < 3; j++) {
      double sum = 0;
      double sq = 0;
      for (double[] row : t) {
        sum += row[j];
        sq += row[j] * row[j];
      }
      assertThat(sum / t.length).isCloseTo(0.0, within(1e-12));
      assertThat(sq / t.length).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void inPlaceTransformAndInverse() {
    StandardScaler s = StandardScaler.fit(new double[][] {{1, 2}, {3, 6}});
    double[] row = {3, 2};
    s.transform(row, row);
    assertThat(row).containsExactly(1.0, -1.0);
    s.inverseTransform(row, row);
    assertThat(row).containsExactly(3.0, 2.0);
  }

  @Test
  void fitOnFrameUsesColumnNamesAndTransformKeepsTimestampsAndLabels() {
    Frame f = frame(new String[] {"cpu", "mem"}, new double[] {1, 3, NAN}, new double[] {10, 20, 30});
    StandardScaler s = StandardScaler.fit(f);
    assertThat(s.schema().names()).containsExactly("cpu", "mem");
    Frame t = s.transform(f);
    assertThat(t.columnNames()).containsExactly("cpu", "mem");
    assertThat(t.timestamps()).containsExactly(0L, 1000L, 2000L);
    assertThat(t.labels()).isEqualTo(f.labels());
    assertThat(t.column("cpu")).containsExactly(-1.0, 1.0, NAN);
    assertThat(t.get(2, 1)).isCloseTo(10 / Math.sqrt(200.0 / 3), within(1e-15));
    assertThat(t.get(1, 1)).isZero();
  }

  @Test
  void frameWithOtherColumnsIsRejected() {
    Frame f = frame(new String[] {"cpu", "mem"}, new double[] {1, 3}, new double[] {10, 20});
    StandardScaler s = StandardScaler.fit(f);
    Frame swapped = frame(new String[] {"mem", "cpu"}, new double[] {10, 20}, new double[] {1, 3});
    assertThatThrownBy(() -> s.transform(swapped))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("schema mismatch")
        .hasMessageContaining("'cpu'");
  }

  @Test
  void badInputIsNamed() {
    assertThatThrownBy(() -> StandardScaler.fit(new double[][] {{1, NAN}, {2, NAN}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'f1'")
        .hasMessageContaining("no non-NaN value");
    assertThatThrownBy(() -> StandardScaler.fit(new double[][] {{1, 2}, {2, Double.POSITIVE_INFINITY}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'f1'")
        .hasMessageContaining("row 1")
        .hasMessageContaining("Infinity");
    assertThatThrownBy(() -> StandardScaler.fit(new double[][] {{1, 2}, {2}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1 has 1 values");
    assertThatThrownBy(() -> StandardScaler.fit(new double[0][]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("zero rows");
    Frame f = frame(new String[] {"cpu"}, new double[] {1, Double.NEGATIVE_INFINITY});
    assertThatThrownBy(() -> StandardScaler.fit(f))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'cpu'")
        .hasMessageContaining("row 1")
        .hasMessageContaining("timestamp 1000");
    Frame empty = frame(new String[] {"cpu"}, new double[] {NAN, NAN});
    assertThatThrownBy(() -> StandardScaler.fit(empty))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'cpu'")
        .hasMessageContaining("no non-NaN value");
  }

  @Test
  void wrongWidthOnTransformIsNamed() {
    StandardScaler s = StandardScaler.fit(new double[][] {{1, 2}, {2, 3}});
    assertThatThrownBy(() -> s.transform(new double[] {1}, new double[2]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row has 1 values")
        .hasMessageContaining("2 features");
    assertThatThrownBy(() -> s.transform(new double[] {1, 2}, new double[1]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("output array has 1");
    assertThatThrownBy(() -> s.transform(new double[][] {{1, 2}, {1, 2, 3}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("row 1 has 3 values");
  }

  @Test
  void restoredScalerEqualsFittedOne() {
    StandardScaler s = StandardScaler.fit(new double[][] {{1, 5}, {3, 5}});
    StandardScaler r = StandardScaler.of(s.schema(), s.means(), s.stds(), s.validCounts());
    assertThat(r).isEqualTo(s);
    assertThat(r.scales()).containsExactly(1.0, 1.0);
    assertThatThrownBy(() -> StandardScaler.of(s.schema(), s.means(), new double[] {1, -1}, s.validCounts()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'f1'");
  }

  @Test
  void parameterArraysAreCopies() {
    StandardScaler s = StandardScaler.fit(new double[][] {{1}, {3}});
    s.centers()[0] = 100;
    s.scales()[0] = 100;
    assertThat(s.centers()).containsExactly(2.0);
    assertThat(s.scales()).containsExactly(1.0);
  }
}
