package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AlarmPolicyTest {
  private static final long MINUTE = 60_000L;

  private static AlarmTransition[] replay(AlarmPolicy p, double... scores) {
    AlarmTracker t = p.newTracker();
    AlarmTransition[] out = new AlarmTransition[scores.length];
    for (int i = 0; i < scores.length; i++) {
      out[i] = t.update(scores[i]);
    }
    return out;
  }

  @Test
  void hysteresisKeepsAnEpisodeOpenBetweenReleaseAndThreshold() {
    AlarmPolicy p = AlarmPolicy.of(5, 2, 1);
    assertThat(replay(p, 1, 5, 3, 2, 1.9, 4, 6))
        .containsExactly(
            AlarmTransition.QUIET,
            AlarmTransition.OPENED,
            AlarmTransition.CONTINUED, // 3 ≥ release
            AlarmTransition.CONTINUED, // 2 is not below the release level
            AlarmTransition.CLOSED, // 1.9 < 2
            AlarmTransition.QUIET, // 4 < threshold: does not reopen
            AlarmTransition.OPENED);
  }

  @Test
  void minimumGapMergesShortLullsAndRestartsOnARelapse() {
    AlarmPolicy p = AlarmPolicy.of(5, 5, 3);
    assertThat(replay(p, 9, 0, 0, 9, 0, 0, 0, 9))
        .containsExactly(
            AlarmTransition.OPENED,
            AlarmTransition.CONTINUED,
            AlarmTransition.CONTINUED,
            AlarmTransition.CONTINUED, // relapse: the lull count restarts
            AlarmTransition.CONTINUED,
            AlarmTransition.CONTINUED,
            AlarmTransition.CLOSED, // third consecutive step below release
            AlarmTransition.OPENED);
  }

  @Test
  void nanChangesNothing() {
    AlarmPolicy p = AlarmPolicy.of(5, 5, 2);
    assertThat(replay(p, Double.NaN, 9, 0, Double.NaN, 0, Double.NaN))
        .containsExactly(
            AlarmTransition.QUIET,
            AlarmTransition.OPENED,
            AlarmTransition.CONTINUED,
            AlarmTransition.CONTINUED, // NaN: no verdict, the lull count stays at 1
            AlarmTransition.CLOSED,
            AlarmTransition.QUIET);
    assertThat(AlarmTransition.OPENED.inAlarm()).isTrue();
    assertThat(AlarmTransition.CLOSED.inAlarm()).isFalse();
  }

  @Test
  void resetClosesSilently() {
    AlarmTracker t = AlarmPolicy.of(1, 1, 1).newTracker();
    assertThat(t.update(2)).isEqualTo(AlarmTransition.OPENED);
    t.reset();
    assertThat(t.isOpen()).isFalse();
    assertThat(t.update(2)).isEqualTo(AlarmTransition.OPENED);
  }

  @Test
  void calibrationMeetsTheBudgetOnItsTrainingScores() {
    Random rnd = new Random(3);
    double[][] scores = new double[3][7 * 1440]; // 3 entities, a week of minutes each
    for (double[] s : scores) {
      for (int i = 0; i < s.length; i++) {
        s[i] = rnd.nextGaussian();
      }
    }
    for (double budget : new double[] {0, 0.5, 2, 10, 100}) {
      AlarmPolicy p = AlarmPolicy.calibration().minGapSteps(5).calibrate(scores, MINUTE, budget);
      double rate = p.episodesPerEntityDay(scores, MINUTE);
      assertThat(rate).as("budget %s", budget).isLessThanOrEqualTo(budget);
      assertThat(p.releaseLevel()).isLessThanOrEqualTo(p.threshold());
      assertThat(p.threshold()).isGreaterThan(0); // never below the training median
      if (budget >= 2 && budget <= 10) {
        // Not far below the budget either: the next lower training score breaks it.
        assertThat(rate).as("budget %s", budget).isGreaterThan(budget / 2);
      }
    }
    AlarmPolicy none = AlarmPolicy.calibrate(scores, MINUTE, 0);
    assertThat(none.episodesPerEntityDay(scores, MINUTE)).isZero();
  }

  @Test
  void releaseLevelIsRankBased() {
    double[][] scores = {new double[1000]};
    for (int i = 0; i < 1000; i++) {
      scores[0][i] = (i * 7919) % 1000; // a permutation of 0..999
    }
    AlarmPolicy p = AlarmPolicy.calibration().releaseRatio(3).calibrate(scores, MINUTE, 14.4);
    // 14.4 episodes/day over 1000 minutes allows 10 episodes: threshold where ≤ 10 open.
    int above = 0;
    int aboveRelease = 0;
    for (double v : scores[0]) {
      above += v >= p.threshold() ? 1 : 0;
      aboveRelease += v >= p.releaseLevel() ? 1 : 0;
    }
    assertThat(aboveRelease).isEqualTo(Math.min(1000, 3 * above));
    // Invariant to an increasing transform.
    double[][] exp = {new double[1000]};
    for (int i = 0; i < 1000; i++) {
      exp[0][i] = Math.exp(scores[0][i] / 100);
    }
    AlarmPolicy q = AlarmPolicy.calibration().releaseRatio(3).calibrate(exp, MINUTE, 14.4);
    assertThat(q.threshold()).isEqualTo(Math.exp(p.threshold() / 100));
    assertThat(q.releaseLevel()).isEqualTo(Math.exp(p.releaseLevel() / 100));
  }

  @Property(tries = 60)
  void calibratedPoliciesNeverExceedTheBudget(
      @ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll @DoubleRange(min = 0, max = 500) double budget,
      @ForAll @IntRange(min = 1, max = 6) int gap,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    Random rnd = new Random(seed);
    double[][] s = new double[2][n];
    for (double[] row : s) {
      for (int i = 0; i < n; i++) {
        row[i] = rnd.nextInt(10) == 0 ? Double.NaN : Math.floor(rnd.nextGaussian() * 4);
      }
      row[0] = 1; // at least one finite score
    }
    AlarmPolicy p = AlarmPolicy.calibration().minGapSteps(gap).calibrate(s, MINUTE, budget);
    assertThat(p.episodesPerEntityDay(s, MINUTE)).isLessThanOrEqualTo(budget);
    // The tracker and the calibration count the same episodes.
    int opened = 0;
    for (double[] row : s) {
      AlarmTracker t = p.newTracker();
      for (double v : row) {
        opened += t.update(v) == AlarmTransition.OPENED ? 1 : 0;
      }
    }
    assertThat(opened / (2.0 * n / 1440))
        .isCloseTo(p.episodesPerEntityDay(s, MINUTE), within(1e-9));
  }

  @Test
  void badInputIsRefused() {
    assertThatThrownBy(() -> AlarmPolicy.calibrate(new double[][] {{Double.NaN}}, MINUTE, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(
            () -> AlarmPolicy.calibrate(new double[][] {{1, Double.POSITIVE_INFINITY}}, MINUTE, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("entity 0, step 1");
    assertThatThrownBy(() -> AlarmPolicy.calibrate(new double[0][], MINUTE, 1))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> AlarmPolicy.calibrate(new double[][] {{1}}, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlarmPolicy.calibrate(new double[][] {{1}}, MINUTE, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlarmPolicy.of(1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlarmPolicy.of(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlarmPolicy.calibration().releaseRatio(0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
