package io.aura.eval.nab;

import io.aura.features.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Numenta Anomaly Benchmark scorer, reproducing NAB's reference implementation ({@code
 * nab/sweeper.py}, {@code nab/optimizer.py}, {@code nab/scorer.py} and the normalization in {@code
 * nab/runner.py}; Lavin &amp; Ahmad 2015) operation for operation.
 *
 * <ol>
 *   <li>Probation: in each file the first {@code min(floor(0.15·n), 750)} rows are not scored.
 *   <li>Row weights: a row inside a window at index {@code i} (window rows {@code l..r}, width
 *       {@code w = r − l + 1}) has position {@code y = −(r − i + 1)/w} and weight {@code tp ·
 *       σ(y)/σ(−1)}, where {@code σ(y) = 2/(1 + e^{5y}) − 1} (so the earliest detection weighs
 *       {@code tp}); a row after a window has {@code fp · σ(|r_prev − i| / (w_prev − 1))} ({@code σ
 *       = −1} beyond 3 window widths); a row before any window {@code −fp}.
 *   <li>Score at a threshold: rows with anomaly score {@code ≥} threshold are detections. Each
 *       window (with at least one scored row) contributes {@code −fn} if undetected, else the
 *       largest weight among its detections; every false-positive detection adds its (negative)
 *       weight.
 *   <li>Threshold: swept over every distinct anomaly score of the whole corpus (highest first,
 *       starting from 1.1 = "nothing detected"), one threshold per profile; the best total wins
 *       (ties: the highest threshold, as Python's stable sort keeps).
 *   <li>Normalization: {@code 100 · (S − S_null) / (S_perfect − S_null)}, where {@code S_null} is
 *       the best total of the null detector (constant score 0.5) and {@code S_perfect = tp ×} the
 *       number of windows.
 * </ol>
 *
 * Floating-point sums are taken in NAB's order (false positives first, then windows in the order
 * they first appear among the rows sorted by score). Where NAB itself would fail (a window of a
 * single row followed by a false positive divides by zero; a threshold below every score of a
 * file), this scorer returns the limit ({@code −fp}) and "all rows detected" respectively.
 *
 * <p>Thread safety: stateless. Allocation: O(total rows). Complexity: O(N log N + T·W) for N rows,
 * T distinct scores and W windows.
 */
public final class NabScorer {
  /** NAB's probationary fraction of each file. */
  public static final double PROBATION_PERCENT = 0.15;

  /** The threshold NAB starts its sweep from: above every score, nothing is detected. */
  public static final double START_THRESHOLD = 1.1;

  private static final int OUTSIDE = -1;
  private static final int PROBATION = -2;

  private NabScorer() {}

  /**
   * One threshold of a sweep and the counts and score it gives. Immutable; O(1).
   *
   * @param threshold the threshold (rows with score {@code >=} it are detections)
   * @param score the raw NAB score
   * @param tp detected rows inside windows
   * @param tn undetected rows outside windows
   * @param fp detected rows outside windows
   * @param fn undetected rows inside windows
   */
  public record ThresholdScore(
      double threshold, double score, long tp, long tn, long fp, long fn) {}

  /**
   * A detector's result on a corpus under one profile. Immutable; O(1).
   *
   * @param profile the profile
   * @param threshold the threshold chosen by the sweep
   * @param rawScore NAB's total at that threshold (sum of per-file scores)
   * @param nullScore the null detector's total
   * @param perfectScore the perfect detector's total
   * @param normalizedScore {@code 100 (raw − null) / (perfect − null)}
   */
  public record Result(
      NabProfile profile,
      double threshold,
      double rawScore,
      double nullScore,
      double perfectScore,
      double normalizedScore) {}

  /**
   * NAB's probation length for a file of {@code rows} rows.
   *
   * @param rows the row count
   * @return {@code min(floor(0.15 rows), 750)}
   */
  public static double probationLength(int rows) {
    return Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
  }

  /**
   * NAB's scaled sigmoid {@code 2/(1 + e^{5y}) − 1}, and {@code −1} for {@code y > 3}.
   *
   * @param y the relative position
   * @return the value in (−1, 1)
   */
  public static double scaledSigmoid(double y) {
    if (y > 3.0) {
      return -1.0;
    }
    return 2 * (1 / (1 + Math.exp(5 * y))) - 1.0;
  }

  /** Per-row weights and window membership of one file (NAB's calcSweepScore). */
  static final class Rows {
    final double[] weight;
    final int[] window; // global window id, OUTSIDE or PROBATION

    Rows(int n) {
      weight = new double[n];
      window = new int[n];
    }
  }

  static Rows sweepRows(NabFile file, NabProfile p, int firstWindowId) {
    long[] ts = file.timestamps();
    int n = ts.length;
    Rows rows = new Rows(n);
    double maxTp = scaledSigmoid(-1.0);
    double probation = probationLength(n);
    List<NabFile.Window> windows = file.windows();
    int next = 0;
    int cur = -1; // index into windows when inside
    int curRight = -1;
    double curWidth = 0;
    int prevRight = -1;
    double prevWidth = 0;
    for (int i = 0; i < n; i++) {
      if (cur < 0 && next < windows.size() && ts[i] == windows.get(next).start()) {
        cur = next++;
        curRight = NabFile.indexOf(ts, windows.get(cur).end());
        curWidth = curRight - NabFile.indexOf(ts, windows.get(cur).start()) + 1;
      }
      double w;
      if (cur >= 0) {
        double position = -(curRight - i + 1) / curWidth;
        w = scaledSigmoid(position) * p.tpWeight() / maxTp;
      } else {
        double u;
        if (prevRight < 0) {
          u = -1.0;
        } else {
          u = scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1));
        }
        w = u * p.fpWeight();
      }
      rows.weight[i] = w;
      rows.window[i] = i >= probation ? (cur >= 0 ? firstWindowId + cur : OUTSIDE) : PROBATION;
      if (cur >= 0 && ts[i] == windows.get(cur).end()) {
        prevRight = i;
        prevWidth = curWidth;
        cur = -1;
      }
    }
    return rows;
  }

  private static void checkScores(List<NabFile> files, List<double[]> anomalyScores) {
    if (files.size() != anomalyScores.size()) {
      throw new InvalidDataException(
          files.size() + " files but " + anomalyScores.size() + " score arrays");
    }
    for (int f = 0; f < files.size(); f++) {
      double[] s = anomalyScores.get(f);
      if (s.length != files.get(f).rows()) {
        throw new InvalidDataException(
            files.get(f).name() + ": " + s.length + " scores for " + files.get(f).rows() + " rows");
      }
      for (int i = 0; i < s.length; i++) {
        if (Double.isNaN(s[i])) {
          throw new InvalidDataException(
              files.get(f).name()
                  + ": anomaly score of row "
                  + i
                  + " is NaN; NAB needs a score per row");
        }
      }
    }
  }

  /**
   * Sweeps every threshold over the whole corpus (NAB's optimizer) and returns the best.
   *
   * @param files the corpus
   * @param anomalyScores one score per row of each file (conventionally in [0, 1]), no NaN
   * @param profile the profile
   * @return the best threshold and its score
   */
  public static ThresholdScore optimize(
      List<NabFile> files, List<double[]> anomalyScores, NabProfile profile) {
    List<ThresholdScore> all = sweep(files, anomalyScores, profile);
    ThresholdScore best = all.get(0);
    for (ThresholdScore t : all) {
      if (t.score() > best.score()) {
        best = t;
      }
    }
    return best;
  }

  /**
   * The score at every threshold of the sweep, highest threshold first (NAB's calcScoreByThreshold
   * over the concatenated corpus).
   *
   * @param files the corpus
   * @param anomalyScores one score per row of each file
   * @param profile the profile
   * @return the threshold scores
   */
  public static List<ThresholdScore> sweep(
      List<NabFile> files, List<double[]> anomalyScores, NabProfile profile) {
    checkScores(files, anomalyScores);
    int total = 0;
    int windowCount = 0;
    List<Rows> perFile = new ArrayList<>();
    for (NabFile f : files) {
      perFile.add(sweepRows(f, profile, windowCount));
      windowCount += f.windows().size();
      total += f.rows();
    }
    double[] score = new double[total];
    double[] weight = new double[total];
    int[] window = new int[total];
    int m = 0;
    for (int f = 0; f < files.size(); f++) {
      Rows r = perFile.get(f);
      double[] s = anomalyScores.get(f);
      for (int i = 0; i < s.length; i++) {
        if (r.window[i] != PROBATION) {
          score[m] = s[i];
          weight[m] = r.weight[i];
          window[m] = r.window[i];
          m++;
        }
      }
    }
    return sweepSorted(
        Arrays.copyOf(score, m),
        Arrays.copyOf(weight, m),
        Arrays.copyOf(window, m),
        windowCount,
        profile);
  }

  private static Integer[] stableDescending(double[] score) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a])); // TimSort: stable
    return order;
  }

  private static List<ThresholdScore> sweepSorted(
      double[] score, double[] weight, int[] window, int windowCount, NabProfile profile) {
    Integer[] order = stableDescending(score);
    // Score parts in NAB's dict order: "fp", then windows by first appearance in sorted order.
    double[] part = new double[windowCount];
    int[] partOrder = new int[windowCount];
    boolean[] seen = new boolean[windowCount];
    int parts = 0;
    long tn = 0;
    long fn = 0;
    for (Integer k : order) {
      int w = window[k];
      if (w >= 0) {
        fn++;
        if (!seen[w]) {
          seen[w] = true;
          part[w] = -profile.fnWeight();
          partOrder[parts++] = w;
        }
      } else {
        tn++;
      }
    }
    long tp = 0;
    long fp = 0;
    double fpPart = 0;
    double threshold = START_THRESHOLD;
    List<ThresholdScore> out = new ArrayList<>();
    for (Integer k : order) {
      if (score[k] != threshold) {
        out.add(new ThresholdScore(threshold, sum(fpPart, part, partOrder, parts), tp, tn, fp, fn));
        threshold = score[k];
      }
      int w = window[k];
      if (w >= 0) {
        tp++;
        fn--;
        part[w] = Math.max(part[w], weight[k]);
      } else {
        fp++;
        tn--;
        fpPart += weight[k];
      }
    }
    out.add(new ThresholdScore(threshold, sum(fpPart, part, partOrder, parts), tp, tn, fp, fn));
    return out;
  }

  private static double sum(double fpPart, double[] part, int[] partOrder, int parts) {
    double s = 0;
    s += fpPart;
    for (int i = 0; i < parts; i++) {
      s += part[partOrder[i]];
    }
    return s;
  }

  /**
   * The score of one file at a fixed threshold (NAB's scoreDataSet).
   *
   * @param file the file
   * @param anomalyScores its per-row scores
   * @param profile the profile
   * @param threshold rows with score {@code >=} threshold are detections
   * @return the file's score and counts
   */
  public static ThresholdScore scoreFile(
      NabFile file, double[] anomalyScores, NabProfile profile, double threshold) {
    List<ThresholdScore> rows = sweep(List.of(file), List.of(anomalyScores), profile);
    ThresholdScore prev = null;
    for (ThresholdScore t : rows) {
      if (t.threshold() == threshold) {
        return t;
      }
      if (t.threshold() < threshold) {
        return prev != null ? prev : t;
      }
      prev = t;
    }
    return rows.get(rows.size() - 1); // threshold below every score: everything detected
  }

  /**
   * The total of per-file scores at a threshold (NAB's scoreCorpus "Totals" row).
   *
   * @param files the corpus
   * @param anomalyScores per-row scores of each file
   * @param profile the profile
   * @param threshold the threshold
   * @return the total raw score
   */
  public static double scoreCorpus(
      List<NabFile> files, List<double[]> anomalyScores, NabProfile profile, double threshold) {
    checkScores(files, anomalyScores);
    double total = 0;
    for (int f = 0; f < files.size(); f++) {
      total += scoreFile(files.get(f), anomalyScores.get(f), profile, threshold).score();
    }
    return total;
  }

  /**
   * The perfect detector's total: {@code tp ×} the number of windows.
   *
   * @param files the corpus
   * @param profile the profile
   * @return the perfect score
   */
  public static double perfectScore(List<NabFile> files, NabProfile profile) {
    int windows = 0;
    for (NabFile f : files) {
      windows += f.windows().size();
    }
    return windows * profile.tpWeight();
  }

  /**
   * The null detector's total: NAB's constant-0.5 detector, optimized and scored like any other.
   *
   * @param files the corpus
   * @param profile the profile
   * @return the null score
   */
  public static double nullScore(List<NabFile> files, NabProfile profile) {
    List<double[]> constant = new ArrayList<>();
    for (NabFile f : files) {
      double[] s = new double[f.rows()];
      Arrays.fill(s, 0.5);
      constant.add(s);
    }
    ThresholdScore best = optimize(files, constant, profile);
    return scoreCorpus(files, constant, profile, best.threshold());
  }

  /**
   * NAB's normalization.
   *
   * @param raw the detector's total
   * @param nullScore the null detector's total
   * @param perfect the perfect detector's total
   * @return {@code 100 (raw − null) / (perfect − null)}
   */
  public static double normalize(double raw, double nullScore, double perfect) {
    return 100 * (raw - nullScore) / (perfect - nullScore);
  }

  /**
   * Optimizes, scores and normalizes a detector's scores under one profile.
   *
   * @param files the corpus
   * @param anomalyScores per-row scores of each file
   * @param profile the profile
   * @return the result
   */
  public static Result evaluate(
      List<NabFile> files, List<double[]> anomalyScores, NabProfile profile) {
    ThresholdScore best = optimize(files, anomalyScores, profile);
    double raw = scoreCorpus(files, anomalyScores, profile, best.threshold());
    double nul = nullScore(files, profile);
    double perfect = perfectScore(files, profile);
    return new Result(profile, best.threshold(), raw, nul, perfect, normalize(raw, nul, perfect));
  }
}
