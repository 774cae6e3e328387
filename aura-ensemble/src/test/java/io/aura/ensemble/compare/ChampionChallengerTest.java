package io.aura.ensemble.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.ensemble.compare.ChampionChallenger.Direction;
import io.aura.ensemble.compare.ComparisonVerdict.Outcome;
import io.aura.features.InvalidDataException;
import java.util.Random;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class ChampionChallengerTest {
  @Test
  void welchAndCohenByHand() {
    double[] champion = {1, 2, 3, 4};
    double[] challenger = {2, 4, 6, 8};
    ComparisonVerdict v = ChampionChallenger.builder().build().compare(champion, challenger);
    // means 2.5 and 5, variances 5/3 and 20/3, n = 4
    double a = (5.0 / 3) / 4;
    double b = (20.0 / 3) / 4;
    double t = 2.5 / Math.sqrt(a + b);
    double df = (a + b) * (a + b) / (a * a / 3 + b * b / 3);
    assertThat(v.meanDifference()).isEqualTo(2.5);
    assertThat(v.welchT()).isCloseTo(t, within(1e-12));
    assertThat(v.welchDf()).isCloseTo(df, within(1e-12));
    assertThat(v.cohensD()).isCloseTo(2.5 / Math.sqrt((5.0 + 20.0) / 6), within(1e-12));
    assertThat(v.welchPValue()).isCloseTo(new TTest().tTest(challenger, champion), within(1e-12));
  }

  @Test
  void welchAgreesWithCommonsMathTTestOnRandomData() {
    Random rnd = new Random(1);
    double[] x = new double[80];
    double[] y = new double[80];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian();
      y[i] = rnd.nextGaussian() * 3 + 0.4;
    }
    ComparisonVerdict v = ChampionChallenger.builder().build().compare(x, y);
    TTest tt = new TTest();
    assertThat(v.welchT()).isCloseTo(tt.t(y, x), within(1e-12));
    assertThat(v.welchPValue()).isCloseTo(tt.tTest(y, x), within(1e-12));
  }

  @Test
  void clearlyBetterChallengerIsPromotedAndIntervalCoversTheShift() {
    Random rnd = new Random(2);
    double[] champion = new double[400];
    double[] challenger = new double[400];
    for (int i = 0; i < champion.length; i++) {
      double common = rnd.nextGaussian();
      champion[i] = 1 + common + 0.3 * rnd.nextGaussian();
      challenger[i] = 0.8 + common + 0.3 * rnd.nextGaussian();
    }
    ComparisonVerdict v = ChampionChallenger.builder().build().compare(champion, challenger);
    assertThat(v.outcome()).isEqualTo(Outcome.CHALLENGER_BETTER);
    assertThat(v.promoteChallenger()).isTrue();
    assertThat(v.ciLower()).isLessThanOrEqualTo(-0.2); // the interval covers the true shift -0.2
    assertThat(v.ciUpper()).isGreaterThanOrEqualTo(-0.2).isLessThan(0);
    assertThat(v.meanDifference()).isCloseTo(-0.2, within(0.05));
    ComparisonVerdict asScores =
        ChampionChallenger.builder()
            .direction(Direction.HIGHER_IS_BETTER)
            .build()
            .compare(champion, challenger);
    assertThat(asScores.outcome()).isEqualTo(Outcome.CHAMPION_BETTER);
  }

  @Test
  void sameDistributionGivesNoSignificantDifference() {
    Random rnd = new Random(3);
    double[] a = new double[200];
    double[] b = new double[200];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextGaussian();
      b[i] = rnd.nextGaussian();
    }
    ComparisonVerdict v = ChampionChallenger.builder().build().compare(a, b);
    assertThat(v.outcome()).isEqualTo(Outcome.NO_SIGNIFICANT_DIFFERENCE);
    assertThat(v.ciLower()).isLessThan(0);
    assertThat(v.ciUpper()).isGreaterThan(0);
  }

  @Test
  void bootstrapIsSeededAndCoversAtAboutNominalRate() {
    ChampionChallenger cc = ChampionChallenger.builder().resamples(400).seed(9).build();
    Random rnd = new Random(4);
    int covered = 0;
    int trials = 200;
    for (int t = 0; t < trials; t++) {
      double[] a = new double[60];
      double[] b = new double[60];
      for (int i = 0; i < a.length; i++) {
        a[i] = rnd.nextGaussian();
        b[i] = rnd.nextGaussian() + 0.5;
      }
      ComparisonVerdict v = cc.compare(a, b);
      if (v.ciLower() <= 0.5 && 0.5 <= v.ciUpper()) {
        covered++;
      }
      if (t == 0) {
        ComparisonVerdict again = cc.compare(a, b);
        assertThat(again.ciLower()).isEqualTo(v.ciLower());
        assertThat(again.ciUpper()).isEqualTo(v.ciUpper());
      }
    }
    // nominal 95%; the percentile interval under-covers slightly for n = 60
    assertThat(covered).isBetween(170, 198);
  }

  @Test
  void blockBootstrapWidensIntervalForAutocorrelatedStream() {
    Random rnd = new Random(5);
    double[] a = new double[500];
    double[] b = new double[500];
    double ar = 0;
    for (int i = 0; i < a.length; i++) {
      ar = 0.9 * ar + rnd.nextGaussian();
      a[i] = 0;
      b[i] = ar;
    }
    ComparisonVerdict iid = ChampionChallenger.builder().build().compare(a, b);
    ComparisonVerdict blocks = ChampionChallenger.builder().blockLength(50).build().compare(a, b);
    assertThat(blocks.ciUpper() - blocks.ciLower())
        .isGreaterThan(2 * (iid.ciUpper() - iid.ciLower()));
  }

  @Test
  void nanPairsAreDroppedAndCounted() {
    double[] a = {1, 2, Double.NaN, 4, 5};
    double[] b = {1, 2, 3, Double.NaN, 5};
    ComparisonVerdict v = ChampionChallenger.builder().build().compare(a, b);
    assertThat(v.pairs()).isEqualTo(3);
    assertThat(v.missingPairs()).isEqualTo(2);
    assertThat(v.meanDifference()).isEqualTo(0.0);
    assertThat(v.welchPValue()).isEqualTo(1.0);
  }

  @Test
  void badInputsAreRejected() {
    ChampionChallenger cc = ChampionChallenger.builder().build();
    assertThatThrownBy(() -> cc.compare(new double[3], new double[4]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("champion has 3 values, challenger has 4");
    assertThatThrownBy(() -> cc.compare(new double[] {1, Double.NaN}, new double[] {1, 2}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least 2 samples")
        .hasMessageContaining("got 1 of 2");
    assertThatThrownBy(() -> cc.compare(new double[0], new double[0]))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(
            () -> cc.compare(new double[] {1, Double.POSITIVE_INFINITY}, new double[] {1, 2}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("sample 1 is infinite");
    assertThatThrownBy(
            () ->
                ChampionChallenger.builder()
                    .blockLength(3)
                    .build()
                    .compare(new double[5], new double[5]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("at least 2 blocks: 5 complete pairs, block length 3");
  }
}
