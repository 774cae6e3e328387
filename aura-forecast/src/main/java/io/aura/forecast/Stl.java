package io.aura.forecast;

/**
 * STL and MSTL decomposition. STL: Cleveland, Cleveland, McRae &amp; Terpenning, "STL: A
 * Seasonal-Trend Decomposition Procedure Based on Loess", Journal of Official Statistics 6(1), 1990
 * (inner loop only: two passes, no robustness iterations; seasonal loess of degree 1, trend and
 * low-pass loess of degree 1, windows {@code n_l = nextodd(p)}, {@code n_t = nextodd(1.5 p / (1 -
 * 1.5 / n_s))}). MSTL: Bandara, Hyndman &amp; Bergmeir, "MSTL: A Seasonal-Trend Decomposition
 * Algorithm for Time Series with Multiple Seasonal Patterns", 2021 (periods ascending, seasonal
 * windows {@code 7 + 4 i}, two refinement passes).
 *
 * <p>Thread safety: stateless. Complexity: O(n (n_s + n_l + n_t)) per STL pass.
 */
final class Stl {
  private Stl() {}

  /** Result of one STL: seasonal and trend, same length as the input. */
  record Parts(double[] seasonal, double[] trend) {}

  /** MSTL: seasonal components per period (ascending) and the trend. */
  record Multi(int[] periods, double[][] seasonals, double[] trend) {}

  static Multi mstl(double[] y, int[] periodsAsc) {
    int n = y.length;
    int k = periodsAsc.length;
    double[][] seas = new double[k][n];
    double[] deseas = y.clone();
    double[] trend = new double[n];
    int iters = k == 1 ? 1 : 2;
    for (int it = 0; it < iters; it++) {
      for (int i = 0; i < k; i++) {
        for (int t = 0; t < n; t++) {
          deseas[t] += seas[i][t];
        }
        Parts p = stl(deseas, periodsAsc[i], 7 + 4 * (i + 1));
        seas[i] = p.seasonal();
        trend = p.trend();
        for (int t = 0; t < n; t++) {
          deseas[t] -= seas[i][t];
        }
      }
    }
    return new Multi(periodsAsc.clone(), seas, trend);
  }

  static Parts stl(double[] y, int np, int ns) {
    int n = y.length;
    if (ns % 2 == 0) {
      ns++;
    }
    int nl = nextOdd(np);
    int nt = nextOdd((int) Math.ceil(1.5 * np / (1 - 1.5 / ns)));
    double[] trend = new double[n];
    double[] seasonal = new double[n];
    double[] d = new double[n];
    double[] c = new double[n + 2 * np];
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        d[i] = y[i] - trend[i];
      }
      // Cycle-subseries smoothing, extended one period at each end.
      for (int ph = 0; ph < np; ph++) {
        int nk = (n - ph + np - 1) / np;
        if (nk <= 0) {
          continue;
        }
        double[] sub = new double[nk];
        for (int j = 0; j < nk; j++) {
          sub[j] = d[ph + j * np];
        }
        for (int j = -1; j <= nk; j++) {
          int idx = ph + (j + 1) * np;
          if (idx < c.length) {
            c[idx] = loess(sub, ns, 1, j);
          }
        }
      }
      // Low-pass filter of the cycle-subseries.
      double[] l1 = movingAverage(c, np);
      double[] l2 = movingAverage(l1, np);
      double[] l3 = movingAverage(l2, 3);
      double[] low = new double[n];
      for (int i = 0; i < n; i++) {
        low[i] = loess(l3, nl, 1, i);
      }
      for (int i = 0; i < n; i++) {
        seasonal[i] = c[np + i] - low[i];
        d[i] = y[i] - seasonal[i];
      }
      for (int i = 0; i < n; i++) {
        trend[i] = loess(d, nt, 1, i);
      }
    }
    return new Parts(seasonal, trend);
  }

  private static int nextOdd(int x) {
    return x % 2 == 0 ? x + 1 : x;
  }

  private static double[] movingAverage(double[] x, int w) {
    int m = x.length - w + 1;
    double[] out = new double[m];
    double s = 0;
    for (int i = 0; i < w; i++) {
      s += x[i];
    }
    out[0] = s / w;
    for (int i = 1; i < m; i++) {
      s += x[i + w - 1] - x[i - 1];
      out[i] = s / w;
    }
    return out;
  }

  /** Local weighted regression (tricube weights) of y over x = 0..n-1, evaluated at xs. */
  static double loess(double[] y, int q, int degree, double xs) {
    int n = y.length;
    int left;
    int right;
    double h;
    if (q >= n) {
      left = 0;
      right = n - 1;
      h = Math.max(xs - left, right - xs) + (q - n) / 2.0;
    } else {
      left = (int) Math.round(xs) - (q - 1) / 2;
      left = Math.max(0, Math.min(n - q, left));
      right = left + q - 1;
      h = Math.max(xs - left, right - xs);
    }
    h = Math.max(h, 1e-9);
    double sw = 0;
    double swx = 0;
    double swy = 0;
    for (int i = left; i <= right; i++) {
      double r = Math.abs(i - xs);
      double w;
      if (r > 0.999 * h) {
        continue;
      } else if (r <= 0.001 * h) {
        w = 1;
      } else {
        double u = r / h;
        double t = 1 - u * u * u;
        w = t * t * t;
      }
      sw += w;
      swx += w * i;
      swy += w * y[i];
    }
    if (sw <= 0) {
      return y[Math.max(0, Math.min(n - 1, (int) Math.round(xs)))];
    }
    double xbar = swx / sw;
    double ybar = swy / sw;
    if (degree == 0) {
      return ybar;
    }
    double sxx = 0;
    double sxy = 0;
    for (int i = left; i <= right; i++) {
      double r = Math.abs(i - xs);
      if (r > 0.999 * h) {
        continue;
      }
      double w;
      if (r <= 0.001 * h) {
        w = 1;
      } else {
        double u = r / h;
        double t = 1 - u * u * u;
        w = t * t * t;
      }
      double dx = i - xbar;
      sxx += w * dx * dx;
      sxy += w * dx * (y[i] - ybar);
    }
    double range = n - 1;
    if (Math.sqrt(sxx / sw) <= 0.001 * range) {
      return ybar;
    }
    return ybar + sxy / sxx * (xs - xbar);
  }
}
