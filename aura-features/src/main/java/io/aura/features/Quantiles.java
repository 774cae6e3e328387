package io.aura.features;

/**
 * Aura's one definition of an empirical quantile, for every module: linear interpolation between
 * order statistics, Hyndman &amp; Fan (1996) definition 7 ({@code h = (n − 1) q}), as R, NumPy and
 * pandas do by default; and the median by Hoare's selection for unsorted scratch arrays.
 *
 * <p>Thread safety: stateless. Allocation: none. Complexity: {@link #ofSorted} O(1); {@link
 * #median} expected O(n), worst case O(n²).
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * The {@code q}-quantile of the first {@code n} values of a sorted array.
   *
   * @param sorted ascending values, no NaN
   * @param n how many of them count, at least 1
   * @param q the probability in [0, 1]
   * @return the interpolated quantile; exactly an order statistic when {@code (n − 1) q} is whole
   */
  public static double ofSorted(double[] sorted, int n, double q) {
    double h = (n - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double frac = h - lo;
    return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
  }

  /**
   * The median of {@code a[0..n)}, permuting those values (use a scratch copy).
   *
   * @param a the values, no NaN
   * @param n how many, at least 1
   * @return the middle value, or the mean of the two middle values when {@code n} is even
   */
  public static double median(double[] a, int n) {
    if ((n & 1) == 1) {
      return select(a, n, n / 2);
    }
    double hi = select(a, n, n / 2);
    double lo = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n / 2; i++) { // after select, a[0..n/2) holds the lower half
      lo = Math.max(lo, a[i]);
    }
    return (lo + hi) / 2;
  }

  /** The k-th smallest of a[0..n) (Hoare's selection), leaving smaller values before index k. */
  private static double select(double[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double tmp = a[i];
          a[i] = a[j];
          a[j] = tmp;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }
}
