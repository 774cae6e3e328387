package io.aura.ensemble.calibration;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Rank normalization: maps a score to the fraction of a reference sample at or below it, {@code
 * F(s) = #{r ≤ s} / n}, so scores of detectors on different scales become comparable values in [0,
 * 1] (the empirical CDF; for anomaly scores, {@code 1 − F(s)} is the empirical upper-tail
 * probability, cf. Aggarwal &amp; Sathe 2015, "Theoretical foundations and algorithms for outlier
 * ensembles", SIGKDD Explorations 17).
 *
 * <p>NaN reference values are ignored (their count is kept in {@link #missing()}); infinite ones
 * are rejected.
 *
 * <p>Thread safety: immutable. Allocation: none per score. Complexity: O(log n) per score; O(n log
 * n) to build. Memory: the sorted reference, 8 bytes per value.
 */
public final class EmpiricalCdf implements Calibrator {
  private final double[] sorted;
  private final int missing;

  private EmpiricalCdf(double[] sorted, int missing) {
    this.sorted = sorted;
    this.missing = missing;
  }

  /**
   * Builds the normalizer.
   *
   * @param reference reference scores (e.g. the detector's scores on training data); NaN = missing
   * @return the normalizer
   * @throws InvalidDataException if no value is valid or one is infinite
   */
  public static EmpiricalCdf of(double[] reference) {
    double[] v = new double[reference.length];
    int n = 0;
    for (int i = 0; i < reference.length; i++) {
      double r = reference[i];
      if (Double.isInfinite(r)) {
        throw new InvalidDataException("reference score " + i + " is " + r);
      }
      if (!Double.isNaN(r)) {
        v[n++] = r;
      }
    }
    if (n == 0) {
      throw new InvalidDataException(
          "reference has no valid score (" + reference.length + " values, all NaN)");
    }
    double[] s = Arrays.copyOf(v, n);
    Arrays.sort(s);
    return new EmpiricalCdf(s, reference.length - n);
  }

  @Override
  public double calibrate(double score) {
    if (Double.isNaN(score)) {
      return Double.NaN;
    }
    int l = 0;
    int h = sorted.length;
    while (l < h) {
      int mid = (l + h) >>> 1;
      if (sorted[mid] <= score) {
        l = mid + 1;
      } else {
        h = mid;
      }
    }
    return (double) l / sorted.length;
  }

  /**
   * @return the number of valid reference values
   */
  public int size() {
    return sorted.length;
  }

  /**
   * @return the number of NaN reference values ignored
   */
  public int missing() {
    return missing;
  }

  @Override
  public String toString() {
    return "EmpiricalCdf{n=" + sorted.length + ", missing=" + missing + "}";
  }
}
