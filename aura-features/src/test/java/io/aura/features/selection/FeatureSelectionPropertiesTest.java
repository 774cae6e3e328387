package io.aura.features.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.FeatureSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FeatureSelectionPropertiesTest {

  @Provide
  Arbitrary<double[]> scoreArrays() {
    Arbitrary<Double> score =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.doubles().between(-5, 5)),
            net.jqwik.api.Tuple.of(2, Arbitraries.of(0.0, 1.0, 2.0)), // ties
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.POSITIVE_INFINITY)));
    return score.array(double[].class).ofMinSize(1).ofMaxSize(12);
  }

  private static FeatureSchema schema(int d) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("f" + j);
    }
    return FeatureSchema.of(names);
  }

  @Property(tries = 300)
  void topKKeepsTheHighestScoresNaNLastTiesToLowerIndex(
      @ForAll("scoreArrays") double[] scores, @ForAll("fractions") double frac) {
    int d = scores.length;
    int k = 1 + (int) Math.floor(frac * (d - 1));
    int[] sel = ScoringData.topK(scores, k, schema(d), "test");
    assertThat(sel).hasSize(k).isSorted();
    boolean[] in = new boolean[d];
    for (int j : sel) {
      in[j] = true;
    }
    // every kept feature beats or ties-with-lower-index every dropped one
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        if (in[a] && !in[b]) {
          double sa = scores[a];
          double sb = scores[b];
          boolean better =
              !Double.isNaN(sa) && (Double.isNaN(sb) || sa > sb || (sa == sb && a < b))
                  || Double.isNaN(sa) && Double.isNaN(sb) && a < b;
          assertThat(better).as("kept %d (%s) vs dropped %d (%s)", a, sa, b, sb).isTrue();
        }
      }
    }
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Property(tries = 300)
  void applyInPlaceEqualsApplyIntoFreshArray(
      @ForAll("scoreArrays") double[] row, @ForAll long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    int d = row.length;
    int[] idx = java.util.stream.IntStream.range(0, d).filter(j -> rnd.nextBoolean()).toArray();
    if (idx.length == 0) {
      idx = new int[] {rnd.nextInt(d)};
    }
    FeatureSelection s = FeatureSelection.of(schema(d), idx, new double[d], "test");
    double[] fresh = new double[idx.length];
    s.apply(row, fresh);
    double[] inPlace = row.clone();
    s.apply(inPlace, inPlace);
    assertThat(Arrays.copyOf(inPlace, idx.length)).containsExactly(fresh);
    for (int j = 0; j < idx.length; j++) {
      assertThat(Double.compare(fresh[j], row[idx[j]])).isZero(); // NaN-safe identity
    }
  }
}
