package io.aura.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NabScorerTest {
  private static final long MINUTE = 60_000L;

  /** A file of n rows one minute apart with windows given as [firstRow, lastRow] pairs. */
  static NabFile file(String name, int n, int... windowRows) {
    long[] ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = 1_400_000_000_000L + i * MINUTE;
    }
    List<NabFile.Window> w = new ArrayList<>();
    for (int k = 0; k < windowRows.length; k += 2) {
      w.add(new NabFile.Window(ts[windowRows[k]], ts[windowRows[k + 1]]));
    }
    return new NabFile(name, ts, new double[n], w);
  }

  static double[] scores(int n, int... hotRowsAndPercent) {
    double[] s = new double[n];
    for (int k = 0; k < hotRowsAndPercent.length; k += 2) {
      s[hotRowsAndPercent[k]] = hotRowsAndPercent[k + 1] / 100.0;
    }
    return s;
  }

  /** NAB's scaled sigmoid written independently: 2/(1+e^{5y}) − 1 = tanh(−5y/2). */
  static double sigma(double y) {
    return y > 3 ? -1 : Math.tanh(-2.5 * y);
  }

  @Test
  void probationIsFifteenPercentCappedAt750() {
    assertThat(NabScorer.probationLength(20)).isEqualTo(3);
    assertThat(NabScorer.probationLength(19)).isEqualTo(2);
    assertThat(NabScorer.probationLength(1000)).isEqualTo(150);
    assertThat(NabScorer.probationLength(5000)).isEqualTo(750);
    assertThat(NabScorer.probationLength(22_695)).isEqualTo(750);
  }

  @Test
  void scaledSigmoidMatchesNabsDocumentedValues() {
    assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.98661, within(1e-5));
    assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
    assertThat(NabScorer.scaledSigmoid(0.0)).isEqualTo(0.0);
    assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.98661, within(1e-5));
    assertThat(NabScorer.scaledSigmoid(3.01)).isEqualTo(-1.0);
  }

  @Test
  void earliestDetectionEarnsTheFullTruePositiveWeight() {
    NabFile f = file("a/one.csv", 20, 10, 13); // probation: rows 0..2
    NabScorer.ThresholdScore best =
        NabScorer.optimize(List.of(f), List.of(scores(20, 10, 100)), NabProfile.STANDARD);
    assertThat(best.threshold()).isEqualTo(1.0);
    assertThat(best.score()).isCloseTo(1.0, within(1e-12));
    assertThat(best.tp()).isEqualTo(1);
    assertThat(best.fn()).isEqualTo(3);
    assertThat(best.fp()).isZero();
    assertThat(best.tn()).isEqualTo(17 - 4);
  }

  @Test
  void laterDetectionEarnsTheScaledSigmoidOfItsPosition() {
    NabFile f = file("a/one.csv", 20, 10, 13);
    // Row 12 of window 10..13 (width 4): position −(13 − 12 + 1)/4 = −0.5.
    double s = NabScorer.scoreFile(f, scores(20, 12, 100), NabProfile.STANDARD, 1.0).score();
    assertThat(s).isCloseTo(sigma(-0.5) / sigma(-1.0), within(1e-12));
  }

  @Test
  void falsePositivesCostByDistanceFromThePreviousWindow() {
    NabFile f = file("a/one.csv", 40, 10, 13);
    // Detection at row 10 (0.8), false positive at row 16 (0.9): |13 − 16| / (4 − 1) = 1.
    double[] s = scores(40, 10, 80, 16, 90);
    List<NabScorer.ThresholdScore> sweep =
        NabScorer.sweep(List.of(f), List.of(s), NabProfile.STANDARD);
    assertThat(sweep.get(0).threshold()).isEqualTo(1.1);
    assertThat(sweep.get(0).score()).isCloseTo(-1.0, within(1e-12));
    assertThat(sweep.get(1).threshold()).isEqualTo(0.9);
    assertThat(sweep.get(1).score()).isCloseTo(-1.0 + 0.11 * sigma(1.0), within(1e-12));
    assertThat(sweep.get(2).threshold()).isEqualTo(0.8);
    assertThat(sweep.get(2).score()).isCloseTo(1.0 + 0.11 * sigma(1.0), within(1e-12));
    assertThat(NabScorer.optimize(List.of(f), List.of(s), NabProfile.REWARD_LOW_FP_RATE).score())
        .isCloseTo(1.0 + 0.22 * sigma(1.0), within(1e-12));
    // Far after the window (position > 3) and before any window: the full −fp.
    NabFile g = file("a/two.csv", 60, 30, 33);
    assertThat(NabScorer.scoreFile(g, scores(60, 50, 100), NabProfile.STANDARD, 1.0).score())
        .isCloseTo(-1.0 - 0.11, within(1e-12));
    assertThat(NabScorer.scoreFile(g, scores(60, 20, 100), NabProfile.STANDARD, 1.0).score())
        .isCloseTo(-1.0 - 0.11, within(1e-12));
  }

  @Test
  void probationRowsAndWindowsInsideProbationAreNotScored() {
    NabFile f = file("a/p.csv", 100, 2, 5, 50, 60); // probation rows 0..14: first window inside
    double[] s = scores(100, 3, 100, 8, 100);
    NabScorer.ThresholdScore best = NabScorer.optimize(List.of(f), List.of(s), NabProfile.STANDARD);
    assertThat(best.score()).isCloseTo(-1.0, within(1e-12)); // only window 2 counts, missed
    assertThat(best.tp() + best.fp() + best.tn() + best.fn()).isEqualTo(85);
    assertThat(NabScorer.nullScore(List.of(f), NabProfile.STANDARD)).isEqualTo(-1.0);
    assertThat(NabScorer.perfectScore(List.of(f), NabProfile.STANDARD)).isEqualTo(2.0);
  }

  @Test
  void nullAndPerfectDetectorsAndNormalization() {
    List<NabFile> corpus =
        List.of(
            file("a/x.csv", 200, 50, 70, 120, 140),
            file("b/y.csv", 100, 60, 69),
            file("b/z.csv", 80));
    assertThat(NabScorer.nullScore(corpus, NabProfile.STANDARD)).isEqualTo(-3.0);
    assertThat(NabScorer.nullScore(corpus, NabProfile.REWARD_LOW_FN_RATE)).isEqualTo(-6.0);
    assertThat(NabScorer.perfectScore(corpus, NabProfile.STANDARD)).isEqualTo(3.0);
    // A detector firing exactly at each window start is perfect: normalized 100.
    List<double[]> perfect =
        List.of(scores(200, 50, 100, 120, 100), scores(100, 60, 100), scores(80));
    NabScorer.Result r = NabScorer.evaluate(corpus, perfect, NabProfile.REWARD_LOW_FN_RATE);
    assertThat(r.rawScore()).isCloseTo(3.0, within(1e-12));
    assertThat(r.normalizedScore()).isCloseTo(100.0, within(1e-9));
    // NAB's published arithmetic for the numenta detector on the real corpus (null −116 / −116 /
    // −232, perfect 116 = 116 windows): raw 46.634 / 30.431 / 26.634 → 70.101 / 63.117 / 74.320.
    assertThat(NabScorer.normalize(46.6344501971, -116, 116)).isCloseTo(70.101, within(5e-4));
    assertThat(NabScorer.normalize(30.4310725171, -116, 116)).isCloseTo(63.117, within(5e-4));
    assertThat(NabScorer.normalize(26.6344501971, -232, 116)).isCloseTo(74.320, within(5e-4));
  }

  @Test
  void sweepAgreesWithABruteForceScorerOnRandomCorpora() {
    Random rnd = new Random(5);
    for (int trial = 0; trial < 30; trial++) {
      List<NabFile> corpus = new ArrayList<>();
      List<double[]> scores = new ArrayList<>();
      for (int f = 0; f < 3; f++) {
        int n = 40 + rnd.nextInt(80);
        List<Integer> w = new ArrayList<>();
        int at = rnd.nextInt(10);
        while (true) {
          int start = at + 2 + rnd.nextInt(30);
          int end = start + 1 + rnd.nextInt(8);
          if (end >= n) {
            break;
          }
          w.add(start);
          w.add(end);
          at = end;
        }
        corpus.add(file("c/f" + f + ".csv", n, w.stream().mapToInt(Integer::intValue).toArray()));
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
          s[i] = rnd.nextInt(20) / 20.0; // many ties
        }
        scores.add(s);
      }
      for (NabProfile p : NabProfile.ALL) {
        TreeSet<Double> thresholds = new TreeSet<>();
        for (double[] s : scores) {
          for (double v : s) {
            thresholds.add(v);
          }
        }
        thresholds.add(1.1);
        double bestBrute = Double.NEGATIVE_INFINITY;
        for (double t : thresholds) {
          bestBrute = Math.max(bestBrute, bruteForce(corpus, scores, p, t));
        }
        NabScorer.ThresholdScore best = NabScorer.optimize(corpus, scores, p);
        assertThat(best.score()).isCloseTo(bestBrute, within(1e-9));
        assertThat(NabScorer.scoreCorpus(corpus, scores, p, best.threshold()))
            .isCloseTo(best.score(), within(1e-9));
        assertThat(bruteForce(corpus, scores, p, best.threshold()))
            .isCloseTo(best.score(), within(1e-9));
      }
    }
  }

  /** NAB's score at one threshold, computed row by row from the README's definitions. */
  static double bruteForce(List<NabFile> corpus, List<double[]> scores, NabProfile p, double t) {
    double total = 0;
    for (int f = 0; f < corpus.size(); f++) {
      NabFile file = corpus.get(f);
      double[] s = scores.get(f);
      int n = file.rows();
      int probation = (int) Math.min(Math.floor(0.15 * n), 750);
      int[] start = new int[file.windows().size()];
      int[] end = new int[start.length];
      for (int k = 0; k < start.length; k++) {
        start[k] = Arrays.binarySearch(file.timestamps(), file.windows().get(k).start());
        end[k] = Arrays.binarySearch(file.timestamps(), file.windows().get(k).end());
        if (end[k] < probation) {
          continue; // window entirely in probation: not scored
        }
        double best = -p.fnWeight();
        for (int i = Math.max(start[k], probation); i <= end[k]; i++) {
          if (s[i] >= t) {
            double width = end[k] - start[k] + 1;
            best = Math.max(best, p.tpWeight() * sigma(-(end[k] - i + 1) / width) / sigma(-1));
          }
        }
        total += best;
      }
      for (int i = probation; i < n; i++) {
        if (s[i] < t) {
          continue;
        }
        boolean inside = false;
        int prev = -1;
        for (int k = 0; k < start.length; k++) {
          if (i >= start[k] && i <= end[k]) {
            inside = true;
          }
          if (end[k] < i) {
            prev = k;
          }
        }
        if (inside) {
          continue;
        }
        double u =
            prev < 0 ? -1 : sigma(Math.abs(end[prev] - i) / (double) (end[prev] - start[prev]));
        total += p.fpWeight() * u;
      }
    }
    return total;
  }
}
