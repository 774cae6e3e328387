package io.aura.forecast;

import java.util.SplittableRandom;

/** Simulated test series with known parameters. */
final class Series {
  private Series() {}

  /** ETS(A,N,N): l_t = l_{t-1} + alpha e_t, y_t = l_{t-1} + e_t. */
  static double[] localLevel(int n, double alpha, double sigma, double l0, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    double l = l0;
    for (int t = 0; t < n; t++) {
      double e = r.nextGaussian() * sigma;
      y[t] = l + e;
      l += alpha * e;
    }
    return y;
  }

  /** ETS(A,A,N). */
  static double[] localTrend(int n, double alpha, double beta, double sigma, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    double l = 100;
    double b = 0.5;
    for (int t = 0; t < n; t++) {
      double e = r.nextGaussian() * sigma;
      y[t] = l + b + e;
      l = l + b + alpha * e;
      b = b + beta * e;
    }
    return y;
  }

  /** ETS(A,N,A) with period m. */
  static double[] seasonal(int n, int m, double alpha, double gamma, double sigma, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[m];
    for (int j = 0; j < m; j++) {
      s[j] = 10 * Math.sin(2 * Math.PI * j / m);
    }
    double[] y = new double[n];
    double l = 50;
    for (int t = 0; t < n; t++) {
      double e = r.nextGaussian() * sigma;
      int j = t % m;
      y[t] = l + s[j] + e;
      l += alpha * e;
      s[j] += gamma * e;
    }
    return y;
  }

  static double[] ramp(int n, double a, double b) {
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = a + b * t;
    }
    return y;
  }

  static double[] whiteNoise(int n, double mean, double sigma, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] = mean + r.nextGaussian() * sigma;
    }
    return y;
  }
}
