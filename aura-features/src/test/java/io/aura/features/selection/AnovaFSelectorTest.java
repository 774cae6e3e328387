package io.aura.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnovaFSelectorTest {
  private static final double NAN = Double.NaN;

  /** The example of Wikipedia's "One-way analysis of variance" article: F = 42 / (68 / 15). */
  private static final double[] VALUES = {6, 8, 4, 5, 3, 4, 8, 12, 9, 11, 6, 8, 13, 9, 11, 8, 7, 12};
  private static final int[] GROUPS = {1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3};

  private static double[][] columns(double[]... cols) {
    double[][] rows = new double[cols[0].length][cols.length];
    for (int j = 0; j < cols.length; j++) {
      for (int r = 0; r < rows.length; r++) {
        rows[r][j] = cols[j][r];
      }
    }
    return rows;
  }

  /** F via the total sum of squares, SSB = SST - SSW: a different route from the code under test. */
  private static double independentF(double[] x, int[] y) {
    java.util.Map<Integer, java.util.List<Double>> groups = new java.util.TreeMap<>();
    double total = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i])) {
        groups.computeIfAbsent(y[i], k -> new java.util.ArrayList<>()).add(x[i]);
        total += x[i];
        n++;
      }
    }
    double mean = total / n;
    double sst = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        sst += (v - mean) * (v - mean);
      }
    }
    double ssw = 0;
    for (java.util.List<Double> g : groups.values()) {
      double m = g.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      for (double v : g) {
        ssw += (v - m) * (v - m);
      }
    }
    int k = groups.size();
    return ((sst - ssw) / (k - 1)) / (ssw / (n - k));
  }

  @Test
  void textbookExample() {
    FeatureSelection s = AnovaFSelector.topK(1).select(columns(VALUES), GROUPS);
    assertThat(s.scores()[0]).isCloseTo(42 / (68.0 / 15), within(1e-12));
    assertThat(s.selectedNames()).containsExactly("f0");
  }

  @Test
  void twoClassHandExample() {
    // classes {1,2,3} and {4,5,6}: SSB = 6 * 1.5^2 = 13.5, SSW = 4, F = 13.5 / (4 / 4)
    FeatureSelection s =
        AnovaFSelector.topK(1).select(columns(new double[] {1, 2, 3, 4, 5, 6}), new int[] {0, 0, 0, 1, 1, 1});
    assertThat(s.scores()[0]).isCloseTo(13.5, within(1e-12));
  }

  @Test
  void ranksFeaturesAndAgreesWithIndependentComputation() {
    Random rnd = new Random(3);
    int n = 300;
    int[] y = new int[n];
    double[] strong = new double[n];
    double[] weak = new double[n];
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(3) * 10 - 7; // labels -7, 3, 13: not 0..C-1
      int c = (y[i] + 7) / 10;
      strong[i] = c * 2 + rnd.nextGaussian();
      weak[i] = c * 0.3 + rnd.nextGaussian();
      noise[i] = rnd.nextGaussian();
      if (i % 7 == 0) {
        weak[i] = NAN; // ignored for that feature only
      }
    }
    FeatureSelection s = AnovaFSelector.topK(2).select(columns(noise, strong, weak), y);
    double[] f = s.scores();
    assertThat(f[0]).isCloseTo(independentF(noise, y), within(1e-9 * f[0]));
    assertThat(f[1]).isCloseTo(independentF(strong, y), within(1e-9 * f[1]));
    assertThat(f[2]).isCloseTo(independentF(weak, y), within(1e-9 * f[2]));
    assertThat(f[1]).isGreaterThan(f[2]).isGreaterThan(f[0]);
    assertThat(s.selectedIndices()).containsExactly(1, 2);
    assertThat(s.selectedNames()).containsExactly("f1", "f2");
    assertThat(s.method()).isEqualTo("ANOVA F top-2");
  }

  @Test
  void nanRowsAreLeftOutOfThatFeatureOnly() {
    double[] withNan = {1, 2, NAN, 3, 4, 5, NAN, 6};
    double[] other = {1, 1, 1, 1, 2, 2, 2, 2};
    int[] y = {0, 0, 0, 0, 1, 1, 1, 1};
    FeatureSelection s = AnovaFSelector.topK(1).select(columns(withNan, other), y);
    // the same as scoring only the six valid rows
    FeatureSelection sub =
        AnovaFSelector.topK(1).select(columns(new double[] {1, 2, 3, 4, 5, 6}), new int[] {0, 0, 0, 1, 1, 1});
    assertThat(s.scores()[0]).isEqualTo(sub.scores()[0]);
  }

  @Test
  void classesAbsentFromAFeaturesValidRowsDoNotCountAsGroups() {
    // class 2 is NaN throughout the first feature: its F is the two-group F of the other rows
    double[] x = {1, 2, 3, 4, 5, 6, NAN, NAN};
    double[] full = {1, 2, 3, 4, 5, 6, 7, 8};
    int[] y = {0, 0, 0, 1, 1, 1, 2, 2};
    FeatureSelection s = AnovaFSelector.topK(1).select(columns(x, full), y);
    assertThat(s.scores()[0]).isCloseTo(13.5, within(1e-12));
    assertThat(s.scores()[1]).isCloseTo(independentF(full, y), within(1e-9));
  }

  @Test
  void perfectSeparationIsInfiniteAndConstantIsNaNRankedLast() {
    double[] perfect = {0, 0, 1, 1};
    double[] constant = {5, 5, 5, 5};
    double[] some = {0, 1, 1, 2};
    int[] y = {0, 0, 1, 1};
    FeatureSelection s = AnovaFSelector.topK(2).select(columns(constant, some, perfect), y);
    assertThat(s.scores()[0]).isNaN();
    assertThat(s.scores()[2]).isInfinite().isPositive();
    assertThat(s.selectedIndices()).containsExactly(1, 2);
    // NaN is only taken when k forces it
    assertThat(AnovaFSelector.topK(3).select(columns(constant, some, perfect), y).size()).isEqualTo(3);
  }

  @Test
  void fewerThanTwoClassesAmongValidRowsIsNaN() {
    double[] onlyClass0 = {1, 2, NAN, NAN};
    double[] fine = {1, 2, 3, 5};
    FeatureSelection s = AnovaFSelector.topK(1).select(columns(onlyClass0, fine), new int[] {0, 0, 1, 1});
    assertThat(s.scores()[0]).isNaN();
    assertThat(s.selectedIndices()).containsExactly(1);
  }

  @Test
  void badInputIsRejectedWithClearMessages() {
    double[][] rows = columns(new double[] {1, 2, 3, 4});
    assertThatThrownBy(() -> AnovaFSelector.topK(1).select(rows, new int[] {0, 1, 0}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("3 labels for 4 rows");
    assertThatThrownBy(() -> AnovaFSelector.topK(1).select(rows, new int[] {2, 2, 2, 2}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least 2 classes")
        .hasMessageContaining("2");
    assertThatThrownBy(() -> AnovaFSelector.topK(0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("k must be at least 1");
    assertThatThrownBy(() -> AnovaFSelector.topK(2).select(rows, new int[] {0, 0, 1, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("k = 2")
        .hasMessageContaining("only 1 features");
    assertThatThrownBy(
            () -> AnovaFSelector.topK(1).select(columns(new double[] {NAN, NAN}, new double[] {1, 2}), new int[] {0, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'f0'")
        .hasMessageContaining("no non-NaN value");
    assertThatThrownBy(
            () -> AnovaFSelector.topK(1).select(columns(new double[] {1, Double.POSITIVE_INFINITY}), new int[] {0, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("'f0'")
        .hasMessageContaining("row 1");
  }
}
