package io.aura.ensemble.drift;

import io.aura.features.InvalidDataException;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Distances between two one-dimensional samples, computed exactly from <em>sorted</em> arrays in
 * one merge pass: the two-sample Kolmogorov–Smirnov statistic with its p-value, the 1-Wasserstein
 * (earth mover's) distance, and the Population Stability Index of a binned sample.
 *
 * <ul>
 *   <li>KS statistic {@code D = sup_x |F_a(x) - F_b(x)|} of the two empirical CDFs, evaluated after
 *       each distinct value so ties are handled exactly (Massey 1951, "The Kolmogorov-Smirnov test
 *       for goodness of fit", JASA 46). The p-value comes from Apache Commons Math 3.6.1 {@link
 *       KolmogorovSmirnovTest}: for {@code m·n < 10000} the exact null distribution ({@code
 *       exactP}, two-sided, {@code P(D >= d)}), otherwise the asymptotic Kolmogorov distribution
 *       ({@code approximateP}; Marsaglia, Tsang &amp; Wang 2003, "Evaluating Kolmogorov's
 *       distribution", J. Stat. Softw. 8(18)). Both assume continuous data; with ties the exact
 *       statistic is tested against that distribution, which is conservative (p-values too large;
 *       Noether 1963, "Note on the Kolmogorov statistic in the discrete case"). Unlike Commons
 *       Math's own two-sample test we do not add random jitter to break ties, so the p-value does
 *       not depend on the order of the input.
 *   <li>{@code W1 = ∫ |F_a(x) - F_b(x)| dx}, exact for empirical distributions (Vallender 1974,
 *       "Calculation of the Wasserstein distance between probability distributions on the line").
 *   <li>{@code PSI = Σ (c_i - r_i) ln(c_i / r_i)} over bins, with empty-bin proportions raised to a
 *       caller-given epsilon (Siddiqi 2006, "Credit Risk Scorecards", ch. 8; Yurdakul 2018,
 *       "Statistical properties of population stability index").
 * </ul>
 *
 * <p>Thread safety: stateless. Allocation: none. Complexity: O(m + n) for the distances, O(m·n) for
 * an exact p-value.
 */
public final class TwoSampleStatistics {
  /** Below this {@code m·n} the p-value is Commons Math's exact/tie-corrected test. */
  static final long EXACT_PRODUCT = 10_000L;

  private static final KolmogorovSmirnovTest KS = new KolmogorovSmirnovTest();

  private TwoSampleStatistics() {}

  /**
   * The two-sample Kolmogorov–Smirnov statistic.
   *
   * @param a first sample, sorted ascending, finite, not empty
   * @param b second sample, sorted ascending, finite, not empty
   * @return {@code D} in [0, 1]
   * @throws InvalidDataException if a sample is empty, unsorted or holds NaN or infinity
   */
  public static double ksStatistic(double[] a, double[] b) {
    requireSorted(a, "first sample");
    requireSorted(b, "second sample");
    return ks(a, a.length, b, b.length);
  }

  /**
   * The two-sample Kolmogorov–Smirnov p-value of statistic {@code d} for samples {@code a} and
   * {@code b} (two-sided, non-strict inequality), as Commons Math computes it.
   *
   * @param a first sample, sorted ascending, finite, not empty
   * @param b second sample, sorted ascending, finite, not empty
   * @return the p-value in [0, 1]
   * @throws InvalidDataException if a sample is empty, unsorted or holds NaN or infinity
   */
  public static double ksPValue(double[] a, double[] b) {
    requireSorted(a, "first sample");
    requireSorted(b, "second sample");
    return ksPValue(a.length, b.length, ks(a, a.length, b, b.length));
  }

  /**
   * The 1-Wasserstein distance between the empirical distributions of two samples.
   *
   * @param a first sample, sorted ascending, finite, not empty
   * @param b second sample, sorted ascending, finite, not empty
   * @return {@code W1 >= 0}, in the samples' unit
   * @throws InvalidDataException if a sample is empty, unsorted or holds NaN or infinity
   */
  public static double wasserstein1(double[] a, double[] b) {
    requireSorted(a, "first sample");
    requireSorted(b, "second sample");
    return wasserstein(a, a.length, b, b.length);
  }

  /**
   * The Population Stability Index of observed bin counts against expected bin proportions.
   * Proportions below {@code epsilon} (on either side) are raised to {@code epsilon} before the
   * logarithm, so an empty bin adds a large but finite term.
   *
   * @param expected reference proportions, each in [0, 1], summing to 1 (within 1e-9)
   * @param observed counts per bin, same length, non-negative, at least one positive
   * @param epsilon floor for a proportion, in (0, 1)
   * @return {@code PSI >= 0}
   * @throws InvalidDataException if the lengths differ or the values break the rules above
   */
  public static double psi(double[] expected, long[] observed, double epsilon) {
    if (expected.length != observed.length || expected.length == 0) {
      throw new InvalidDataException(
          "PSI needs as many observed counts as expected proportions (got "
              + observed.length
              + " and "
              + expected.length
              + ", at least 1)");
    }
    if (!(epsilon > 0 && epsilon < 1)) {
      throw new IllegalArgumentException("epsilon must be in (0, 1), got " + epsilon);
    }
    long total = 0;
    double sum = 0;
    for (int i = 0; i < observed.length; i++) {
      if (observed[i] < 0) {
        throw new InvalidDataException(
            "observed count of bin " + i + " is negative: " + observed[i]);
      }
      if (!(expected[i] >= 0 && expected[i] <= 1)) {
        throw new InvalidDataException(
            "expected proportion of bin " + i + " is not in [0, 1]: " + expected[i]);
      }
      total += observed[i];
      sum += expected[i];
    }
    if (total == 0) {
      throw new InvalidDataException("PSI needs at least one observed value; all bins are empty");
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new InvalidDataException("expected proportions sum to " + sum + ", not 1");
    }
    return psiUnchecked(expected, observed, total, epsilon);
  }

  /** PSI over the first {@code expected.length} counts. */
  static double psiUnchecked(double[] expected, long[] observed, long total, double epsilon) {
    double psi = 0;
    for (int i = 0; i < expected.length; i++) {
      double r = Math.max(expected[i], epsilon);
      double c = Math.max((double) observed[i] / total, epsilon);
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }

  /** D over the first {@code m} of {@code a} and first {@code n} of {@code b}; both sorted. */
  static double ks(double[] a, int m, double[] b, int n) {
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < m && j < n) {
      double v = Math.min(a[i], b[j]);
      while (i < m && a[i] == v) {
        i++;
      }
      while (j < n && b[j] == v) {
        j++;
      }
      double diff = Math.abs((double) i / m - (double) j / n);
      if (diff > d) {
        d = diff;
      }
    }
    return d;
  }

  static double ksPValue(int m, int n, double d) {
    return (long) m * n < EXACT_PRODUCT ? KS.exactP(d, m, n, false) : KS.approximateP(d, m, n);
  }

  /** W1 over the first {@code m} of {@code a} and first {@code n} of {@code b}; both sorted. */
  static double wasserstein(double[] a, int m, double[] b, int n) {
    int i = 0;
    int j = 0;
    double prev = Math.min(a[0], b[0]);
    double area = 0;
    while (i < m || j < n) {
      double v;
      if (i == m) {
        v = b[j];
      } else if (j == n) {
        v = a[i];
      } else {
        v = Math.min(a[i], b[j]);
      }
      area += Math.abs((double) i / m - (double) j / n) * (v - prev);
      while (i < m && a[i] == v) {
        i++;
      }
      while (j < n && b[j] == v) {
        j++;
      }
      prev = v;
    }
    return area;
  }

  private static void requireSorted(double[] x, String what) {
    if (x.length == 0) {
      throw new InvalidDataException(what + " is empty");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new InvalidDataException(
            what
                + " holds "
                + x[i]
                + " at index "
                + i
                + "; remove missing (NaN) and infinite values first");
      }
      if (i > 0 && x[i] < x[i - 1]) {
        throw new InvalidDataException(
            what
                + " is not sorted ascending at index "
                + i
                + " ("
                + x[i - 1]
                + " then "
                + x[i]
                + ")");
      }
    }
  }
}
