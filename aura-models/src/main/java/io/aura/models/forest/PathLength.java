package io.aura.models.forest;

/**
 * The average path length of an unsuccessful binary-search-tree search, {@code c(n)}, which Liu,
 * Ting &amp; Zhou (2008, eq. 1) use to normalize Isolation Forest path lengths and to correct a
 * path that ends in a leaf still holding {@code n} points: {@code c(n) = 2 H(n−1) − 2(n−1)/n}, with
 * {@code H(i)} the harmonic number, {@code c(2) = 1} and {@code c(n) = 0} for {@code n ≤ 1}.
 *
 * <p>Thread safety: stateless. Allocation: none. Complexity: O(1) (exact harmonic sums up to 64,
 * the asymptotic {@code ln i + γ + 1/(2i) − 1/(12 i²)} beyond).
 */
final class PathLength {
  private static final double EULER_GAMMA = 0.5772156649015329;
  private static final double[] HARMONIC = new double[65];

  static {
    for (int i = 1; i < HARMONIC.length; i++) {
      HARMONIC[i] = HARMONIC[i - 1] + 1.0 / i;
    }
  }

  private PathLength() {}

  static double harmonic(long i) {
    if (i < HARMONIC.length) {
      return HARMONIC[(int) i];
    }
    double x = i;
    return Math.log(x) + EULER_GAMMA + 1 / (2 * x) - 1 / (12 * x * x);
  }

  static double c(long n) {
    if (n <= 1) {
      return 0;
    }
    if (n == 2) {
      return 1;
    }
    return 2 * harmonic(n - 1) - 2.0 * (n - 1) / n;
  }
}
