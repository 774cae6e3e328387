package io.aura.models.detect;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Fits a {@link RobustCovariance} with FAST-MCD (Rousseeuw &amp; Van Driessen 1999, "A Fast
 * Algorithm for the Minimum Covariance Determinant Estimator", Technometrics 41(3)): the location
 * and scatter of the {@code h} rows whose covariance has the smallest determinant, so up to {@code
 * n − h} outliers cannot move the estimate.
 *
 * <p>Steps: {@code starts} random {@code (d+1)}-subsets (enlarged while singular), each improved by
 * two C-steps (refit on the {@code h} rows closest in Mahalanobis distance; the determinant never
 * increases) on a random subsample of at most {@code 1500} rows; the 10 best are iterated to
 * convergence on all rows (the paper's nested-subsample scheme simplified to one merged subsample);
 * the winner is made consistent at the normal model (scaled by {@code median(d²) / χ²_d(0.5)}) and
 * reweighted: the mean and covariance of the rows with {@code d² ≤ χ²_d(0.975)}.
 *
 * <p>Thread safety: immutable. Allocation: O(n + d²) working arrays. Complexity: O(starts · m · d²
 * + 10 · k · n · d²) for a subsample of {@code m} rows and {@code k} C-steps to convergence.
 */
public final class RobustCovarianceTrainer implements AnomalyTrainer<RobustCovariance> {
  private static final int MERGED = 1500;
  private static final int BEST = 10;
  private static final int MAX_STEPS = 100;

  private final double supportFraction; // NaN = (n + d + 1) / 2
  private final int starts;
  private final long seed;

  /**
   * A trainer with the paper's defaults: {@code h = ⌊(n + d + 1)/2⌋} (maximal breakdown), 500
   * starts.
   *
   * @param seed the random seed
   */
  public RobustCovarianceTrainer(long seed) {
    this(Double.NaN, 500, seed);
  }

  /**
   * A trainer.
   *
   * @param supportFraction {@code h / n} in [0.5, 1], or NaN for {@code ⌊(n + d + 1)/2⌋}
   * @param starts the random initial subsets, at least 1
   * @param seed the random seed
   */
  public RobustCovarianceTrainer(double supportFraction, int starts, long seed) {
    if (!Double.isNaN(supportFraction) && !(supportFraction >= 0.5 && supportFraction <= 1)) {
      throw new IllegalArgumentException(
          "supportFraction must be in [0.5, 1], got " + supportFraction);
    }
    if (starts < 1) {
      throw new IllegalArgumentException("starts must be at least 1, got " + starts);
    }
    this.supportFraction = supportFraction;
    this.starts = starts;
    this.seed = seed;
  }

  @Override
  public RobustCovariance fit(Frame frame) {
    if (frame.rows() == 0) {
      throw new InvalidDataException(
          "robust covariance training frame " + frame.labels() + " is empty");
    }
    return fit(frame.toRowMajor(), frame.columnNames());
  }

  @Override
  public RobustCovariance fit(double[][] rows) {
    int d = TrainingRows.check(rows, "robust covariance training data");
    return fit(rows, TrainingRows.defaultNames(d));
  }

  /** Mean and covariance of a subset, and the Cholesky factor of the covariance. */
  private static final class Fit {
    final double[] mean;
    final double[] cov;
    final double[] chol;
    double logDet;

    Fit(int d) {
      mean = new double[d];
      cov = new double[d * d];
      chol = new double[d * d];
    }
  }

  /**
   * Fits on a matrix with named features.
   *
   * @param rows the rows, no NaN, more rows than features
   * @param featureNames one per column
   * @return the model
   * @throws InvalidDataException on bad data or when more than {@code h} rows lie on a hyperplane
   */
  public RobustCovariance fit(double[][] rows, List<String> featureNames) {
    int d = TrainingRows.check(rows, "robust covariance training data", featureNames);
    if (featureNames.size() != d) {
      throw new IllegalArgumentException(
          featureNames.size() + " feature names for " + d + " features");
    }
    int n = rows.length;
    if (n <= d + 1) {
      throw new InvalidDataException(
          "robust covariance needs more than d + 1 = " + (d + 1) + " rows, got " + n);
    }
    int h =
        Double.isNaN(supportFraction)
            ? (n + d + 1) / 2
            : Math.max((n + d + 1) / 2, (int) Math.ceil(supportFraction * n));
    h = Math.min(h, n);
    SplittableRandom rnd = new SplittableRandom(seed);
    // Merged subsample for the cheap first C-steps.
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    int m = Math.min(n, MERGED);
    shuffleFirst(all, m, rnd);
    int[] merged = Arrays.copyOf(all, m);
    int hm = Math.max(d + 1, (int) Math.round((double) h * m / n));
    double[] dist = new double[n];
    int[][] bestSets = new int[BEST][];
    double[] bestDet = new double[BEST];
    Arrays.fill(bestDet, Double.POSITIVE_INFINITY);
    Fit fit = new Fit(d);
    for (int s = 0; s < starts; s++) {
      // Initial (d+1)-subset, enlarged while singular.
      int[] pool = merged.clone();
      int k = d + 1;
      shuffleFirst(pool, k, rnd);
      while (!estimate(rows, pool, k, fit) && k < m) {
        int j = k + rnd.nextInt(m - k);
        int t = pool[k];
        pool[k] = pool[j];
        pool[j] = t;
        k++;
      }
      if (Double.isInfinite(fit.logDet)) {
        continue;
      }
      int[] set = null;
      for (int step = 0; step < 2; step++) {
        set = closest(rows, merged, hm, fit, dist, d);
        if (!estimate(rows, set, hm, fit)) {
          break;
        }
      }
      if (set == null || Double.isInfinite(fit.logDet)) {
        continue;
      }
      insertBest(bestSets, bestDet, set, fit.logDet);
    }
    if (bestSets[0] == null) {
      throw new InvalidDataException(
          "robust covariance: every subset of the data is singular (rows lie on a hyperplane; "
              + "drop constant or linearly dependent features)");
    }
    // Iterate the best starts to convergence on all rows.
    double bestLogDet = Double.POSITIVE_INFINITY;
    int[] winner = null;
    for (int b = 0; b < BEST && bestSets[b] != null; b++) {
      int[] set = bestSets[b];
      if (!estimate(rows, set, set.length, fit)) {
        continue;
      }
      double prev = Double.POSITIVE_INFINITY;
      for (int step = 0; step < MAX_STEPS; step++) {
        set = closest(rows, all, h, fit, dist, d);
        if (!estimate(rows, set, h, fit)) {
          break;
        }
        if (fit.logDet >= prev - 1e-12) {
          break;
        }
        prev = fit.logDet;
      }
      if (Double.isFinite(fit.logDet) && fit.logDet < bestLogDet) {
        bestLogDet = fit.logDet;
        winner = set;
      }
    }
    if (winner == null) {
      throw new InvalidDataException(
          "robust covariance: more than h = "
              + h
              + " rows lie on a hyperplane; the MCD scatter is singular");
    }
    estimate(rows, winner, h, fit);
    // Consistency at the normal model.
    mahalanobis(rows, all, n, fit, dist, d);
    double[] sorted = dist.clone();
    Arrays.sort(sorted);
    double med = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    ChiSquaredDistribution chi2 = new ChiSquaredDistribution(null, d);
    double factor = med / chi2.inverseCumulativeProbability(0.5);
    if (!(factor > 0) || !Double.isFinite(factor)) {
      factor = 1; // more than half the rows sit on the location: keep the raw scatter
    }
    for (int i = 0; i < d * d; i++) {
      fit.cov[i] *= factor;
    }
    for (int i = 0; i < n; i++) {
      dist[i] /= factor;
    }
    // Reweighting.
    double cut = chi2.inverseCumulativeProbability(0.975);
    int[] inliers = new int[n];
    int ni = 0;
    for (int i = 0; i < n; i++) {
      if (dist[i] <= cut) {
        inliers[ni++] = i;
      }
    }
    if (ni > d + 1) {
      Fit re = new Fit(d);
      if (estimate(rows, inliers, ni, re)) {
        fit = re;
      }
    }
    double[] precision = inverse(fit.chol, d);
    SeverityScale scale =
        new SeverityScale(
            cut,
            chi2.inverseCumulativeProbability(0.99),
            chi2.inverseCumulativeProbability(0.999),
            chi2.inverseCumulativeProbability(0.9999));
    return new RobustCovariance(fit.mean.clone(), fit.cov.clone(), precision, featureNames, scale);
  }

  private static void shuffleFirst(int[] a, int k, SplittableRandom rnd) {
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void insertBest(int[][] sets, double[] dets, int[] set, double det) {
    for (int b = 0; b < sets.length; b++) {
      if (det < dets[b]) {
        System.arraycopy(sets, b, sets, b + 1, sets.length - b - 1);
        System.arraycopy(dets, b, dets, b + 1, dets.length - b - 1);
        sets[b] = set.clone();
        dets[b] = det;
        return;
      }
    }
  }

  /** Mean, covariance (n − 1) and Cholesky of rows idx[0..k); false if singular. */
  private static boolean estimate(double[][] rows, int[] idx, int k, Fit f) {
    int d = f.mean.length;
    Arrays.fill(f.mean, 0);
    Arrays.fill(f.cov, 0);
    for (int a = 0; a < k; a++) {
      double[] r = rows[idx[a]];
      for (int j = 0; j < d; j++) {
        f.mean[j] += r[j];
      }
    }
    for (int j = 0; j < d; j++) {
      f.mean[j] /= k;
    }
    for (int a = 0; a < k; a++) {
      double[] r = rows[idx[a]];
      for (int i = 0; i < d; i++) {
        double di = r[i] - f.mean[i];
        for (int j = 0; j <= i; j++) {
          f.cov[i * d + j] += di * (r[j] - f.mean[j]);
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        f.cov[i * d + j] /= (k - 1);
        f.cov[j * d + i] = f.cov[i * d + j];
      }
    }
    f.logDet = cholesky(f.cov, f.chol, d);
    return Double.isFinite(f.logDet);
  }

  /** Lower Cholesky factor; returns log det, or +∞ when not positive definite. */
  static double cholesky(double[] a, double[] l, int d) {
    Arrays.fill(l, 0);
    double logDet = 0;
    double scaleRef = 0;
    for (int i = 0; i < d; i++) {
      scaleRef = Math.max(scaleRef, Math.abs(a[i * d + i]));
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i * d + j];
        for (int k = 0; k < j; k++) {
          s -= l[i * d + k] * l[j * d + k];
        }
        if (i == j) {
          if (!(s > 1e-12 * Math.max(scaleRef, Double.MIN_NORMAL))) {
            return Double.POSITIVE_INFINITY;
          }
          l[i * d + i] = Math.sqrt(s);
          logDet += Math.log(s);
        } else {
          l[i * d + j] = s / l[j * d + j];
        }
      }
    }
    return logDet;
  }

  /** Squared distances of rows idx[0..k) into dist (indexed by row). */
  private static void mahalanobis(double[][] rows, int[] idx, int k, Fit f, double[] dist, int d) {
    double[] y = new double[d];
    for (int a = 0; a < k; a++) {
      double[] r = rows[idx[a]];
      double s = 0;
      for (int i = 0; i < d; i++) { // forward substitution L y = r − μ
        double v = r[i] - f.mean[i];
        for (int j = 0; j < i; j++) {
          v -= f.chol[i * d + j] * y[j];
        }
        y[i] = v / f.chol[i * d + i];
        s += y[i] * y[i];
      }
      dist[idx[a]] = s;
    }
  }

  /** The h rows among candidates closest to the fit (a C-step's selection). */
  private static int[] closest(
      double[][] rows, int[] candidates, int h, Fit f, double[] dist, int d) {
    mahalanobis(rows, candidates, candidates.length, f, dist, d);
    double[] dd = new double[candidates.length];
    Integer[] order = new Integer[candidates.length];
    for (int a = 0; a < candidates.length; a++) {
      order[a] = a;
      dd[a] = dist[candidates[a]];
    }
    Arrays.sort(order, (x, y) -> Double.compare(dd[x], dd[y]));
    int[] out = new int[h];
    for (int a = 0; a < h; a++) {
      out[a] = candidates[order[a]];
    }
    return out;
  }

  /** Inverse from a Cholesky factor. */
  private static double[] inverse(double[] l, int d) {
    double[] inv = new double[d * d];
    double[] e = new double[d];
    double[] y = new double[d];
    for (int c = 0; c < d; c++) {
      Arrays.fill(e, 0);
      e[c] = 1;
      for (int i = 0; i < d; i++) {
        double v = e[i];
        for (int j = 0; j < i; j++) {
          v -= l[i * d + j] * y[j];
        }
        y[i] = v / l[i * d + i];
      }
      for (int i = d - 1; i >= 0; i--) {
        double v = y[i];
        for (int j = i + 1; j < d; j++) {
          v -= l[j * d + i] * inv[j * d + c];
        }
        inv[i * d + c] = v / l[i * d + i];
      }
    }
    return inv;
  }
}
