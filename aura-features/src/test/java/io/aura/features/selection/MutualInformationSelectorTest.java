package io.aura.features.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MutualInformationSelectorTest {
  private static final double NAN = Double.NaN;

  private static double[][] columns(double[]... cols) {
    double[][] rows = new double[cols[0].length][cols.length];
    for (int j = 0; j < cols.length; j++) {
      for (int r = 0; r < rows.length; r++) {
        rows[r][j] = cols[j][r];
      }
    }
    return rows;
  }

  @Test
  void featureThatDeterminesBalancedBinaryLabelHasLn2() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    int[] y = {0, 0, 0, 0, 1, 1, 1, 1};
    // two equal-frequency bins split at the median 4.5: bin = class
    FeatureSelection s = MutualInformationSelector.topK(1).withBins(2).select(columns(x), y);
    assertThat(s.scores()[0]).isCloseTo(Math.log(2), within(1e-15));
    // with 4 bins each bin is still pure: I = H(Y) = ln 2
    assertThat(MutualInformationSelector.topK(1).withBins(4).select(columns(x), y).scores()[0])
        .isCloseTo(Math.log(2), within(1e-15));
  }

  @Test
  void valueOnAnEdgeGoesToTheLowerBinAndTiesShareABin() {
    // 2 bins of {1..5}: the edge is the median, 3, which belongs to the lower bin {1,2,3} | {4,5}
    int[] y = {0, 0, 0, 1, 1};
    double h = -(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4));
    FeatureSelection s =
        MutualInformationSelector.topK(1).withBins(2).select(columns(new double[] {1, 2, 3, 4, 5}), y);
    assertThat(s.scores()[0]).isCloseTo(h, within(1e-15));
    // heavy ties: 4 bins over {1,1,1,1,2,2,2,2} have edges 1, 1.5, 2; equal values never split
    double[] tied = {1, 1, 1, 1, 2, 2, 2, 2};
    int[] yt = {0, 0, 0, 0, 1, 1, 1, 1};
    assertThat(MutualInformationSelector.topK(1).withBins(4).select(columns(tied), yt).scores()[0])
        .isCloseTo(Math.log(2), within(1e-15));
  }

  @Test
  void independentFeatureAndConstantFeatureScoreZero() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    int[] y = {0, 1, 0, 1, 0, 1, 0, 1}; // every pair of consecutive values holds one of each class
    double[] constant = {3, 3, 3, 3, 3, 3, 3, 3};
    FeatureSelection s = MutualInformationSelector.topK(1).withBins(4).select(columns(x, constant), y);
    assertThat(s.scores()[0]).isCloseTo(0.0, within(1e-15));
    assertThat(s.scores()[1]).isZero();
  }

  @Test
  void handComputedUnevenExample() {
    // bins (2 of them) {1,2,3} | {4,5,6}; classes: bin0 = {0,0,1}, bin1 = {1,1,1}
    double[] x = {1, 2, 3, 4, 5, 6};
    int[] y = {0, 0, 1, 1, 1, 1};
    double expected =
        (2.0 / 6) * Math.log(6.0 * 2 / (3 * 2))
            + (1.0 / 6) * Math.log(6.0 * 1 / (3 * 4))
            + (3.0 / 6) * Math.log(6.0 * 3 / (3 * 4));
    FeatureSelection s = MutualInformationSelector.topK(1).withBins(2).select(columns(x), y);
    assertThat(s.scores()[0]).isCloseTo(expected, within(1e-15));
  }

  @Test
  void ranksInformativeFeaturesAboveNoiseIncludingSpreadOnlyDifferences() {
    Random rnd = new Random(42);
    int n = 2000;
    int[] y = new int[n];
    double[] noise = new double[n];
    double[] shifted = new double[n];
    double[] spread = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(2);
      noise[i] = rnd.nextGaussian();
      shifted[i] = y[i] * 1.5 + rnd.nextGaussian();
      spread[i] = rnd.nextGaussian() * (y[i] == 0 ? 1 : 6); // same mean, different spread
      if (i % 10 == 0) {
        noise[i] = NAN;
      }
    }
    double[][] rows = columns(noise, spread, shifted);
    FeatureSelection mi = MutualInformationSelector.topK(2).select(rows, y);
    assertThat(mi.selectedNames()).containsExactly("f1", "f2");
    assertThat(mi.scores()[1]).isGreaterThan(5 * mi.scores()[0]);
    assertThat(mi.scores()[2]).isGreaterThan(5 * mi.scores()[0]);
    // ANOVA F cannot see the spread-only feature: it ranks it with the noise
    FeatureSelection f = AnovaFSelector.topK(1).select(rows, y);
    assertThat(f.selectedNames()).containsExactly("f2");
    assertThat(f.scores()[1]).isLessThan(f.scores()[2] / 100);
  }

  @Test
  void boundedByLogOfClassesAndDeterministic() {
    Random rnd = new Random(5);
    double[] x = new double[500];
    int[] y = new int[500];
    for (int i = 0; i < x.length; i++) {
      y[i] = rnd.nextInt(3);
      x[i] = y[i] + 0.01 * rnd.nextGaussian();
    }
    FeatureSelection a = MutualInformationSelector.topK(1).select(columns(x), y);
    FeatureSelection b = MutualInformationSelector.topK(1).select(columns(x), y);
    assertThat(a).isEqualTo(b);
    // H(Y) = ln 3 bounds it; two of the ten decile bins straddle a class boundary, so binning loses
    // roughly 0.2 x ln 2 nats of the information
    assertThat(a.scores()[0]).isLessThanOrEqualTo(Math.log(3) + 1e-12).isGreaterThan(0.8 * Math.log(3));
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> MutualInformationSelector.topK(1).withBins(1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least 2 bins");
    assertThatThrownBy(() -> MutualInformationSelector.topK(-1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("k must be at least 1");
    assertThatThrownBy(
            () -> MutualInformationSelector.topK(1).select(columns(new double[] {1, 2}), new int[] {0, 0}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least 2 classes");
    assertThatThrownBy(
            () -> MutualInformationSelector.topK(1).select(columns(new double[] {1, 2}), new int[] {0, 1, 1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("3 labels for 2 rows");
    assertThat(MutualInformationSelector.topK(3).withBins(7).bins()).isEqualTo(7);
    assertThat(MutualInformationSelector.topK(3).withBins(7).k()).isEqualTo(3);
  }
}
