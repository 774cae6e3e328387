package io.aura.eval.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The headline of the honest NAB protocol: the mean of the two held-out halves (choose on even,
 * report odd at the threshold chosen on even; choose on odd, report even likewise), with a
 * percentile bootstrap interval over files.
 *
 * <p>Bootstrap: each resample draws, independently for each held-out half, as many files as the
 * half holds, uniformly with replacement, and recomputes that half's normalized score at the
 * transferred threshold — NAB's raw total, the null detector's total (the better of its two
 * thresholds over the resample, as NAB's sweep picks it) and the perfect total are sums over files,
 * so each resample costs O(files) after one pass of O(rows) per file. The interval is the 2.5 and
 * 97.5 percentiles of the resampled means. A resample with no labelled window has no normalization
 * and is drawn again. What is held fixed: the selection (the chosen candidate and its threshold),
 * so the interval is the noise of which files make up the held-out halves, not of the choice
 * itself.
 *
 * <p>Thread safety: stateless. Allocation: O(files + resamples). Complexity: O(rows + resamples ·
 * files) per profile.
 */
public final class NabTwoFold {
  private NabTwoFold() {}

  /**
   * The two-fold held-out estimate under one profile. Immutable; O(1).
   *
   * @param profile the profile's name
   * @param mean the mean of the two held-out halves' normalized scores
   * @param heldOutOdd the odd half's score, selection made on even
   * @param heldOutEven the even half's score, selection made on odd
   * @param lower the bootstrap interval's 2.5 percentile
   * @param upper the bootstrap interval's 97.5 percentile
   * @param resamples the number of bootstrap resamples
   * @param seed the resampling seed
   */
  public record Estimate(
      String profile,
      double mean,
      double heldOutOdd,
      double heldOutEven,
      double lower,
      double upper,
      int resamples,
      long seed) {}

  /** Per-file additive parts of one held-out half's normalized score. */
  private record Parts(double[] raw, double[] nullNone, double[] nullAll, double[] perfect) {
    double normalized(int[] pick) {
      double r = 0;
      double none = 0;
      double all = 0;
      double perf = 0;
      for (int i : pick) {
        r += raw[i];
        none += nullNone[i];
        all += nullAll[i];
        perf += perfect[i];
      }
      double nul = Math.max(none, all);
      // A resample whose perfect and null scores coincide has no scale: its normalized score is
      // undefined.
      return !(perf > nul) && !(perf < nul) ? Double.NaN : NabScorer.normalize(r, nul, perf);
    }
  }

  /**
   * The two-fold held-out mean and its bootstrap interval.
   *
   * @param selectedOnEven the selection made on the even half
   * @param selectedOnOdd the selection made on the odd half, over the same files
   * @param profile the profile
   * @param resamples bootstrap resamples, at least 100
   * @param seed the resampling seed
   * @return the estimate
   */
  public static Estimate heldOutMean(
      NabSelection.Outcome selectedOnEven,
      NabSelection.Outcome selectedOnOdd,
      NabProfile profile,
      int resamples,
      long seed) {
    if (selectedOnEven.half() != NabSelection.Half.EVEN
        || selectedOnOdd.half() != NabSelection.Half.ODD) {
      throw new IllegalArgumentException(
          "need one selection on the even half and one on the odd half, got "
              + selectedOnEven.half()
              + " and "
              + selectedOnOdd.half());
    }
    if (!selectedOnEven.files().equals(selectedOnOdd.files())) {
      throw new IllegalArgumentException("the two selections were run on different corpora");
    }
    if (resamples < 100) {
      throw new IllegalArgumentException("need at least 100 resamples, got " + resamples);
    }
    Parts odd = parts(selectedOnEven, profile);
    Parts even = parts(selectedOnOdd, profile);
    double oddScore = odd.normalized(identity(odd.raw.length));
    double evenScore = even.normalized(identity(even.raw.length));
    SplittableRandom rng = new SplittableRandom(seed);
    double[] means = new double[resamples];
    int[] pickOdd = new int[odd.raw.length];
    int[] pickEven = new int[even.raw.length];
    for (int b = 0; b < resamples; b++) {
      double o;
      double e;
      do {
        draw(rng, pickOdd);
        o = odd.normalized(pickOdd);
      } while (Double.isNaN(o));
      do {
        draw(rng, pickEven);
        e = even.normalized(pickEven);
      } while (Double.isNaN(e));
      means[b] = (o + e) / 2;
    }
    Arrays.sort(means);
    double lower = means[(int) Math.floor(0.025 * resamples)];
    double upper = means[(int) Math.ceil(0.975 * resamples) - 1];
    return new Estimate(
        profile.name(),
        (oddScore + evenScore) / 2,
        oddScore,
        evenScore,
        lower,
        upper,
        resamples,
        seed);
  }

  private static Parts parts(NabSelection.Outcome o, NabProfile profile) {
    NabSelection.Half held = o.half().other();
    List<NabFile> files = NabSelection.part(o.files(), held);
    List<double[]> scores = NabSelection.part(o.scores(), held);
    double threshold = o.onSelection().get(profile.name()).threshold();
    int n = files.size();
    Parts p = new Parts(new double[n], new double[n], new double[n], new double[n]);
    List<NabFile> one = new ArrayList<>(1);
    for (int i = 0; i < n; i++) {
      NabFile f = files.get(i);
      p.raw[i] = NabScorer.scoreFile(f, scores.get(i), profile, threshold).score();
      double[] constant = new double[f.rows()];
      Arrays.fill(constant, 0.5);
      p.nullNone[i] = NabScorer.scoreFile(f, constant, profile, NabScorer.START_THRESHOLD).score();
      p.nullAll[i] = NabScorer.scoreFile(f, constant, profile, 0.5).score();
      one.clear();
      one.add(f);
      p.perfect[i] = NabScorer.perfectScore(one, profile);
    }
    return p;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static void draw(SplittableRandom rng, int[] pick) {
    for (int i = 0; i < pick.length; i++) {
      pick[i] = rng.nextInt(pick.length);
    }
  }
}
