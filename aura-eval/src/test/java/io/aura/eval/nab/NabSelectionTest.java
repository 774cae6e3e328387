package io.aura.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.models.detect.StreamingDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NabSelectionTest {
  private static final long MINUTE = 60_000L;

  /** Scores 9 above a level, else 0. */
  record Above(double level) implements StreamingDetector {
    @Override
    public double update(long t, double v) {
      return v > level ? 9 : 0;
    }

    @Override
    public void reset() {}
  }

  /**
   * Four files of 100 rows with a window at rows 55..64. Even positions: a spike of 50 at row 60
   * and a value of 8 at row 30 (outside the window, after probation); odd positions: a spike of 8.
   */
  static List<NabFile> corpus() {
    List<NabFile> files = new ArrayList<>();
    for (int f = 0; f < 4; f++) {
      long[] ts = new long[100];
      double[] vs = new double[100];
      for (int i = 0; i < 100; i++) {
        ts[i] = i * MINUTE;
        vs[i] = 1 + (i % 3);
      }
      if (f % 2 == 0) {
        vs[60] = 50;
        vs[30] = 8;
      } else {
        vs[60] = 8;
      }
      files.add(new NabFile("cat/f" + f + ".csv", ts, vs, List.of(new NabFile.Window(55 * MINUTE, 64 * MINUTE))));
    }
    return files;
  }

  static List<NabSelection.Candidate> candidates() {
    return List.of(new NabSelection.Candidate("above10", () -> new Above(10)),
        new NabSelection.Candidate("above6", () -> new Above(6)));
  }

  @Test
  void halvesAlternateInPathOrder() {
    List<Integer> idx = List.of(0, 1, 2, 3, 4);
    assertThat(NabSelection.part(idx, NabSelection.Half.EVEN)).containsExactly(0, 2, 4);
    assertThat(NabSelection.part(idx, NabSelection.Half.ODD)).containsExactly(1, 3);
    assertThat(NabSelection.Half.EVEN.other()).isEqualTo(NabSelection.Half.ODD);
  }

  @Test
  void choosesOnTheSelectionHalfOnlyAndReportsTheOthers() {
    List<NabFile> files = corpus();
    // On the even half the spike of 50 is found by both, but above6 also fires at row 30.
    NabSelection.Outcome even = NabSelection.select(files, candidates(), NabSelection.Half.EVEN);
    assertThat(even.chosen()).isEqualTo("above10");
    assertThat(even.selectionStandard()).containsOnlyKeys("above10", "above6");
    assertThat(even.selectionStandard().get("above10")).isGreaterThan(even.selectionStandard().get("above6"));
    // On the odd half only above6 sees the spike of 8: selecting there picks it.
    NabSelection.Outcome odd = NabSelection.select(files, candidates(), NabSelection.Half.ODD);
    assertThat(odd.chosen()).isEqualTo("above6");

    // The figures are NAB's on the parts, recomputed independently.
    List<NabFile> evenFiles = List.of(files.get(0), files.get(2));
    List<NabFile> oddFiles = List.of(files.get(1), files.get(3));
    List<double[]> scores = NabBenchmark.score(files, () -> new Above(10));
    List<double[]> evenScores = List.of(scores.get(0), scores.get(2));
    List<double[]> oddScores = List.of(scores.get(1), scores.get(3));
    for (NabProfile p : NabProfile.ALL) {
      NabScorer.Result sel = NabScorer.evaluate(evenFiles, evenScores, p);
      assertThat(even.onSelection().get(p.name()).normalizedScore()).isEqualTo(sel.normalizedScore());
      assertThat(even.heldOutSwept().get(p.name()).normalizedScore())
          .isEqualTo(NabScorer.evaluate(oddFiles, oddScores, p).normalizedScore());
      assertThat(even.full().get(p.name()).normalizedScore())
          .isEqualTo(NabScorer.evaluate(files, scores, p).normalizedScore());
      double raw = NabScorer.scoreCorpus(oddFiles, oddScores, p, sel.threshold());
      assertThat(even.heldOutTransferred().get(p.name())).isEqualTo(
          NabScorer.normalize(raw, NabScorer.nullScore(oddFiles, p), NabScorer.perfectScore(oddFiles, p)));
    }
    // above10 finds both even windows early, misses both odd ones: the held-out half shows it.
    assertThat(even.onSelection().get("standard").normalizedScore()).isGreaterThan(90);
    assertThat(even.heldOutTransferred().get("standard")).isLessThanOrEqualTo(0.0);
    assertThat(even.scores()).hasSize(4);
    assertThat(even.scores().get(0)[60]).isEqualTo(0.9);
  }

  @Test
  void rejectsWhatCannotBeSplitOrTold() {
    List<NabFile> files = corpus();
    assertThatThrownBy(() -> NabSelection.select(files.subList(0, 1), candidates(), NabSelection.Half.EVEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 files");
    assertThatThrownBy(() -> NabSelection.select(files, List.of(), NabSelection.Half.EVEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate");
    List<NabFile> noOddWindow = new ArrayList<>(files);
    NabFile f1 = files.get(1);
    noOddWindow.set(1, new NabFile(f1.name(), f1.timestamps(), f1.values(), List.of()));
    noOddWindow.set(3, new NabFile(files.get(3).name(), f1.timestamps(), f1.values(), List.of()));
    assertThatThrownBy(() -> NabSelection.select(noOddWindow, candidates(), NabSelection.Half.EVEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("odd half has no labelled window");
    List<NabSelection.Candidate> dup = List.of(candidates().get(0), candidates().get(0));
    assertThatThrownBy(() -> NabSelection.select(files, dup, NabSelection.Half.EVEN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate candidate name 'above10'");
    assertThatThrownBy(() -> new NabSelection.Candidate(" ", () -> new Above(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bothDirectionsAtOnceEqualTwoSelections() {
    List<NabFile> files = corpus();
    List<NabSelection.Outcome> both = NabSelection.selectBoth(files, candidates(), NabProtocol.CAUSAL);
    for (NabSelection.Outcome o : both) {
      NabSelection.Outcome one = NabSelection.select(files, candidates(), o.half());
      assertThat(o.chosen()).isEqualTo(one.chosen());
      assertThat(o.selectionStandard()).isEqualTo(one.selectionStandard());
      assertThat(o.heldOutTransferred()).isEqualTo(one.heldOutTransferred());
      assertThat(o.full()).isEqualTo(one.full());
      assertThat(o.scores()).usingRecursiveComparison().isEqualTo(one.scores());
    }
    assertThat(both).extracting(NabSelection.Outcome::half).containsExactly(NabSelection.Half.EVEN, NabSelection.Half.ODD);
  }
}
