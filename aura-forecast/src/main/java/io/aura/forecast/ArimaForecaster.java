package io.aura.forecast;

import io.aura.features.InvalidDataException;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Seasonal ARIMA by exact Gaussian maximum likelihood (Kalman filter, see {@link ArimaModel}),
 * started from conditional sum of squares (CSS) estimates, as R's {@code arima(method = "CSS-ML")};
 * and automatic order selection after Hyndman &amp; Khandakar, "Automatic time series forecasting:
 * the forecast package for R", Journal of Statistical Software 27(3), 2008.
 *
 * <p>Estimation details: AR and seasonal AR coefficients are kept stationary by the partial
 * autocorrelation reparametrisation of Jones (1980) (tanh then Durbin-Levinson), MA parts are
 * unconstrained; Nelder-Mead (Commons Math) minimises CSS, then the concentrated exact -2 log
 * likelihood {@code n log(sigma^2) + sum log F_t}. The initial state covariance solves the
 * stationary Lyapunov equation by the doubling algorithm.
 *
 * <p>Automatic selection ({@link #auto()}): D = 1 when the STL seasonal strength {@code max(0, 1 -
 * Var(R)/Var(S + R))} exceeds 0.64 (R {@code nsdiffs(test = "seas")}); d from repeated KPSS level
 * tests at 5% (Kwiatkowski, Phillips, Schmidt &amp; Shin, J. Econometrics 54, 1992; lag {@code
 * trunc(4 (n/100)^0.25)}, critical value 0.463), at most 2; then the stepwise search from (2,d,2)
 * (1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1), moving one of p, q, P, Q (or p and q
 * together) by one or toggling the constant, with p, q &lt;= 5, P, Q &lt;= 2, p+q+P+Q &lt;= 5, by
 * AICc. As R does for long or highly seasonal series, the search ranks by CSS likelihood ({@code
 * approximation}) when {@code n > 150} or {@code m > 12}; the chosen order is then refitted by
 * exact ML.
 *
 * <p>Thread safety: immutable. Complexity: O(n r) per likelihood evaluation in the filter's steady
 * state (O(n r^2) before it), a few hundred evaluations per order, up to ~40 orders for {@code
 * auto}; {@code r = max(p + mP, q + mQ + 1)}.
 */
public final class ArimaForecaster implements Forecaster {
  private static final double KPSS_CRIT_5 = 0.463;

  private final ArimaOrder fixed;
  private final int maxP;
  private final int maxQ;
  private final boolean exactFinal;

  private ArimaForecaster(ArimaOrder fixed, int maxP, int maxQ, boolean exactFinal) {
    this.fixed = fixed;
    this.maxP = maxP;
    this.maxQ = maxQ;
    this.exactFinal = exactFinal;
  }

  /**
   * Whether the order chosen by an approximate (CSS) search is refitted by exact maximum likelihood
   * (default true, as R). With false the CSS estimates are kept, which is several times faster for
   * long seasonal series (m = 24: the exact filter's state has dimension up to 2m + 3) at some loss
   * of efficiency; the Kalman filter still supplies the final state.
   *
   * @param exact refit by exact ML
   * @return a copy with the setting
   */
  public ArimaForecaster withExactFinalFit(boolean exact) {
    return new ArimaForecaster(fixed, maxP, maxQ, exact);
  }

  /**
   * Automatic order selection (Hyndman-Khandakar stepwise).
   *
   * @return the forecaster
   */
  public static ArimaForecaster auto() {
    return new ArimaForecaster(null, 5, 5, true);
  }

  /**
   * A fixed order. The period of {@code fit} must equal {@code order.m()} when the order is
   * seasonal.
   *
   * @param order the order
   * @return the forecaster
   */
  public static ArimaForecaster of(ArimaOrder order) {
    return new ArimaForecaster(order, 5, 5, true);
  }

  @Override
  public String name() {
    return fixed == null ? (exactFinal ? "arima" : "arima-css") : fixed.toString();
  }

  @Override
  public ArimaModel fit(double[] y, int period) {
    if (fixed != null) {
      if (fixed.m() > 1 && fixed.m() != period) {
        throw new IllegalArgumentException(
            "order period " + fixed.m() + " differs from series period " + period);
      }
      int minLen = fixed.lost() + fixed.p() + fixed.q() + fixed.m() * (fixed.sp() + fixed.sq()) + 3;
      Checks.series(y, period, minLen, name());
      ArimaModel m = fitOrder(y, fixed, period, false);
      if (m == null) {
        throw new InvalidDataException(name() + ": likelihood not finite for this series");
      }
      return m;
    }
    Checks.series(y, period, 4, name());
    if (Checks.isConstant(y)) {
      return fitOrder(y, ArimaOrder.of(0, 0, 0, true), period, false);
    }
    int n = y.length;
    int m = period > 1 && n >= 2 * period ? period : 1;
    int bigD = 0;
    if (m > 1 && n >= 3 * m && seasonalStrength(y, m) > 0.64) {
      bigD = 1;
    }
    double[] x = bigD == 1 ? difference(y, m) : y;
    int d = 0;
    while (d < 2 && x.length > 10 && !Checks.isConstant(x) && kpss(x) > KPSS_CRIT_5) {
      x = difference(x, 1);
      d++;
    }
    boolean approx = n > 150 || m > 12;
    boolean seasonal = m > 1;
    Map<String, ArimaModel> seen = new HashMap<>();
    ArimaModel best = null;
    int[][] starts =
        seasonal
            ? new int[][] {{2, 2, 1, 1}, {0, 0, 0, 0}, {1, 0, 1, 0}, {0, 1, 0, 1}}
            : new int[][] {{2, 2, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}};
    boolean allowConst = d + bigD <= 1;
    for (int[] s : starts) {
      best = better(best, tryOrder(y, s, d, bigD, m, allowConst, approx, period, seen));
    }
    if (best == null) {
      throw new InvalidDataException(name() + ": no ARIMA order could be fitted (n=" + n + ")");
    }
    boolean improved = true;
    int guard = 0;
    while (improved && guard++ < 60) {
      improved = false;
      ArimaOrder o = best.order();
      int[] cur = {o.p(), o.q(), o.sp(), o.sq()};
      int[][] moves =
          seasonal
              ? new int[][] {
                {-1, 0, 0, 0}, {1, 0, 0, 0}, {0, -1, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0},
                {1, 1, 0, 0}, {0, 0, -1, 0}, {0, 0, 1, 0}, {0, 0, 0, -1}, {0, 0, 0, 1}
              }
              : new int[][] {
                {-1, 0, 0, 0},
                {1, 0, 0, 0},
                {0, -1, 0, 0},
                {0, 1, 0, 0},
                {-1, -1, 0, 0},
                {1, 1, 0, 0}
              };
      for (int[] mv : moves) {
        int[] c = {cur[0] + mv[0], cur[1] + mv[1], cur[2] + mv[2], cur[3] + mv[3]};
        ArimaModel cand = tryOrder(y, c, d, bigD, m, o.constant(), approx, period, seen);
        if (cand != null && cand.aicc() < best.aicc() - 1e-9) {
          best = cand;
          improved = true;
          break;
        }
      }
      if (!improved && allowConst) {
        ArimaModel cand = tryOrder(y, cur, d, bigD, m, !o.constant(), approx, period, seen);
        if (cand != null && cand.aicc() < best.aicc() - 1e-9) {
          best = cand;
          improved = true;
        }
      }
    }
    if (approx && exactFinal) {
      ArimaModel exact = fitOrder(y, best.order(), period, false);
      if (exact != null) {
        best = exact;
      }
    }
    return best;
  }

  private static ArimaModel better(ArimaModel a, ArimaModel b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.aicc() < a.aicc() ? b : a;
  }

  private ArimaModel tryOrder(
      double[] y,
      int[] pq,
      int d,
      int bigD,
      int m,
      boolean constant,
      boolean approx,
      int period,
      Map<String, ArimaModel> seen) {
    int p = pq[0];
    int q = pq[1];
    int sp = pq[2];
    int sq = pq[3];
    if (p < 0 || q < 0 || sp < 0 || sq < 0 || p > maxP || q > maxQ || sp > 2 || sq > 2) {
      return null;
    }
    if (p + q + sp + sq > 5) {
      return null;
    }
    ArimaOrder o =
        new ArimaOrder(
            p,
            d,
            q,
            m > 1 ? sp : 0,
            m > 1 ? bigD : 0,
            m > 1 ? sq : 0,
            m,
            constant && d + bigD <= 1);
    String key = o.toString();
    if (seen.containsKey(key)) {
      return seen.get(key);
    }
    ArimaModel fit = null;
    int need = o.lost() + p + q + m * (o.sp() + o.sq()) + 3;
    if (y.length >= need) {
      fit = fitOrder(y, o, period, approx);
    }
    seen.put(key, fit);
    return fit;
  }

  // ---------------------------------------------------------------- estimation

  /** Fits one order; css-only when {@code cssOnly}. Returns null when nothing finite. */
  static ArimaModel fitOrder(double[] y, ArimaOrder o, int period, boolean cssOnly) {
    double[] delta = differencingPolynomial(o);
    int lost = delta.length - 1;
    final double[] w = applyDifferencing(y, delta);
    int nw = w.length;
    int np = o.p() + o.q() + o.sp() + o.sq();
    int k = np + (o.constant() ? 1 : 0);
    double wMean = Checks.mean(w, 0, nw);
    double wSd = 0;
    for (double v : w) {
      wSd += (v - wMean) * (v - wMean);
    }
    wSd = Math.sqrt(wSd / nw);
    final double muScale = Math.max(wSd / Math.sqrt(nw), 1e-12 * (Math.abs(wMean) + 1));
    double[] x0 = new double[k];
    double[] cssPar;
    if (k == 0) {
      cssPar = x0;
    } else {
      cssPar = minimize(x -> css(w, o, decode(x, o, wMean, muScale)), x0);
    }
    double[] par = cssPar;
    if (!cssOnly && k > 0) {
      double[] start = cssPar;
      if (!Double.isFinite(exactLik(w, o, decode(start, o, wMean, muScale), null))) {
        start = x0;
      }
      par = minimize(x -> exactLik(w, o, decode(x, o, wMean, muScale), null), start);
    }
    double[] coef = decode(par, o, wMean, muScale);
    double[][] polys = expand(coef, o);
    double[] arFull = polys[0];
    double[] maFull = polys[1];
    double mu = o.constant() ? coef[np] : 0;
    double[] state = new double[arFull.length * arFull.length + arFull.length + 3];
    double lik;
    double sigma2;
    if (cssOnly) {
      double v = css(w, o, coef);
      if (!Double.isFinite(v)) {
        return null;
      }
      int used = nw - (o.p() + o.m() * o.sp());
      sigma2 = Math.exp(v / used);
      lik = used * (Math.log(2 * Math.PI * sigma2) + 1);
      exactLik(w, o, coef, state); // state for forecasting
    } else {
      double v = exactLik(w, o, coef, state);
      if (!Double.isFinite(v)) {
        return null;
      }
      sigma2 = state[state.length - 1];
      lik = v + nw * (Math.log(2 * Math.PI) + 1);
    }
    int kk = k + 1;
    double nEff = nw;
    double aicc = lik + 2 * kk + (nEff - kk - 1 > 0 ? 2.0 * kk * (kk + 1) / (nEff - kk - 1) : 1e10);
    int r = arFull.length;
    double[] a = new double[r];
    System.arraycopy(state, 0, a, 0, r);
    double[] pcov = new double[r * r];
    System.arraycopy(state, r, pcov, 0, r * r);
    boolean steady = state[r + r * r] > 0.5;
    double[] hist = new double[lost];
    System.arraycopy(y, y.length - lost, hist, 0, lost);
    return new ArimaModel(
        o, coef, arFull, maFull, mu, sigma2, aicc, a, pcov, steady, hist, y.length, period);
  }

  private static double[] minimize(
      org.apache.commons.math3.analysis.MultivariateFunction f, double[] x0) {
    double[] best = {Double.POSITIVE_INFINITY};
    double[] bestX = x0.clone();
    org.apache.commons.math3.analysis.MultivariateFunction g =
        x -> {
          double v = f.value(x);
          if (!Double.isFinite(v)) {
            v = 1e100;
          }
          if (v < best[0]) {
            best[0] = v;
            System.arraycopy(x, 0, bestX, 0, x.length);
          }
          return v;
        };
    double[] step = new double[x0.length];
    java.util.Arrays.fill(step, 0.3);
    try {
      new SimplexOptimizer(1e-8, 1e-10)
          .optimize(
              new MaxEval(600 + 200 * x0.length),
              new ObjectiveFunction(g),
              GoalType.MINIMIZE,
              new InitialGuess(x0),
              new NelderMeadSimplex(step));
    } catch (TooManyEvaluationsException ignored) {
      // best point seen is kept
    }
    return bestX;
  }

  /** Maps optimiser coordinates to coefficients (phi, theta, Phi, Theta, mu). */
  private static double[] decode(double[] x, ArimaOrder o, double wMean, double muScale) {
    double[] c = new double[x.length];
    int i = 0;
    double[] phi = partrans(x, 0, o.p());
    System.arraycopy(phi, 0, c, 0, o.p());
    i += o.p();
    for (int j = 0; j < o.q(); j++) {
      c[i + j] = x[i + j];
    }
    i += o.q();
    double[] sphi = partrans(x, i, o.sp());
    System.arraycopy(sphi, 0, c, i, o.sp());
    i += o.sp();
    for (int j = 0; j < o.sq(); j++) {
      c[i + j] = x[i + j];
    }
    i += o.sq();
    if (o.constant()) {
      c[i] = wMean + x[i] * muScale;
    }
    return c;
  }

  /** Jones (1980): unconstrained values to stationary AR coefficients via PACF. */
  private static double[] partrans(double[] raw, int off, int p) {
    double[] nw = new double[p];
    double[] work = new double[p];
    for (int j = 0; j < p; j++) {
      nw[j] = Math.tanh(raw[off + j]);
      work[j] = nw[j];
    }
    for (int j = 1; j < p; j++) {
      double a = nw[j];
      for (int k = 0; k < j; k++) {
        work[k] -= a * nw[j - k - 1];
      }
      System.arraycopy(work, 0, nw, 0, j);
    }
    return nw;
  }

  /** Full AR (zero-padded to r) and MA (R vector, length r, [0] = 1) polynomials. */
  static double[][] expand(double[] c, ArimaOrder o) {
    int m = o.m();
    double[] ar1 = new double[o.p() + 1];
    ar1[0] = 1;
    for (int j = 0; j < o.p(); j++) {
      ar1[j + 1] = -c[j];
    }
    double[] ar2 = new double[o.sp() * m + 1];
    ar2[0] = 1;
    for (int j = 0; j < o.sp(); j++) {
      ar2[(j + 1) * m] = -c[o.p() + o.q() + j];
    }
    double[] ma1 = new double[o.q() + 1];
    ma1[0] = 1;
    for (int j = 0; j < o.q(); j++) {
      ma1[j + 1] = c[o.p() + j];
    }
    double[] ma2 = new double[o.sq() * m + 1];
    ma2[0] = 1;
    for (int j = 0; j < o.sq(); j++) {
      ma2[(j + 1) * m] = c[o.p() + o.q() + o.sp() + j];
    }
    double[] ar = multiply(ar1, ar2);
    double[] ma = multiply(ma1, ma2);
    int pp = ar.length - 1;
    int qq = ma.length - 1;
    int r = Math.max(pp, qq + 1);
    double[] arFull = new double[r];
    for (int j = 0; j < pp; j++) {
      arFull[j] = -ar[j + 1];
    }
    double[] maFull = new double[r];
    maFull[0] = 1;
    for (int j = 1; j <= qq; j++) {
      maFull[j] = ma[j];
    }
    return new double[][] {arFull, maFull};
  }

  static double[] multiply(double[] a, double[] b) {
    double[] c = new double[a.length + b.length - 1];
    for (int i = 0; i < a.length; i++) {
      if (a[i] == 0) {
        continue;
      }
      for (int j = 0; j < b.length; j++) {
        c[i + j] += a[i] * b[j];
      }
    }
    return c;
  }

  /** Coefficients of (1-B)^d (1-B^m)^D, index = lag. */
  static double[] differencingPolynomial(ArimaOrder o) {
    double[] poly = {1};
    for (int i = 0; i < o.d(); i++) {
      poly = multiply(poly, new double[] {1, -1});
    }
    for (int i = 0; i < o.sd(); i++) {
      double[] s = new double[o.m() + 1];
      s[0] = 1;
      s[o.m()] = -1;
      poly = multiply(poly, s);
    }
    return poly;
  }

  private static double[] applyDifferencing(double[] y, double[] delta) {
    int lost = delta.length - 1;
    double[] w = new double[y.length - lost];
    for (int t = lost; t < y.length; t++) {
      double v = 0;
      for (int k = 0; k <= lost; k++) {
        v += delta[k] * y[t - k];
      }
      w[t - lost] = v;
    }
    return w;
  }

  static double[] difference(double[] y, int lag) {
    double[] out = new double[y.length - lag];
    for (int i = lag; i < y.length; i++) {
      out[i - lag] = y[i] - y[i - lag];
    }
    return out;
  }

  /** CSS objective: n_used log(SSE / n_used). */
  static double css(double[] w, ArimaOrder o, double[] c) {
    double[][] polys = expand(c, o);
    double[] ar = polys[0];
    double[] ma = polys[1];
    double mu = o.constant() ? c[c.length - 1] : 0;
    int pp = o.p() + o.m() * o.sp();
    int n = w.length;
    double[] e = new double[n];
    double sse = 0;
    int used = 0;
    for (int t = pp; t < n; t++) {
      double v = w[t] - mu;
      for (int j = 0; j < pp; j++) {
        v -= ar[j] * (w[t - j - 1] - mu);
      }
      for (int j = 1; j < ma.length && j <= t; j++) {
        v -= ma[j] * e[t - j];
      }
      e[t] = v;
      sse += v * v;
      used++;
    }
    if (used == 0 || !Double.isFinite(sse)) {
      return Double.POSITIVE_INFINITY;
    }
    return used * Math.log(Math.max(sse, 1e-300) / used);
  }

  /**
   * Concentrated exact -2 log likelihood (without the 2 pi constant) by the Kalman filter. If
   * {@code out} is given: predicted state, predicted covariance, steady flag, sigma^2 (last).
   */
  static double exactLik(double[] w, ArimaOrder o, double[] c, double[] out) {
    double[][] polys = expand(c, o);
    double[] ar = polys[0];
    double[] ma = polys[1];
    double mu = o.constant() ? c[c.length - 1] : 0;
    int r = ar.length;
    double[] p = stationaryCovariance(ar, ma);
    if (p == null) {
      return Double.POSITIVE_INFINITY;
    }
    double[] a = new double[r];
    double ssq = 0;
    double sumLogF = 0;
    boolean steady = false;
    int n = w.length;
    for (int t = 0; t < n; t++) {
      double f = p[0];
      if (!(f > 0) || !Double.isFinite(f)) {
        return Double.POSITIVE_INFINITY;
      }
      double v = w[t] - mu - a[0];
      ssq += v * v / f;
      sumLogF += Math.log(f);
      for (int i = 0; i < r; i++) {
        a[i] += p[i * r] / f * v;
      }
      if (!steady) {
        steady = kalmanCovarianceStep(p, ar, ma, r, true);
      }
      double s0 = a[0];
      for (int k = 0; k < r - 1; k++) {
        a[k] = ar[k] * s0 + a[k + 1];
      }
      a[r - 1] = ar[r - 1] * s0;
    }
    double sigma2 = ssq / n;
    if (!(sigma2 > 0) || !Double.isFinite(sigma2)) {
      sigma2 = Math.max(sigma2, 1e-300);
    }
    if (out != null) {
      System.arraycopy(a, 0, out, 0, r);
      System.arraycopy(p, 0, out, r, r * r);
      out[r + r * r] = steady ? 1 : 0;
      out[out.length - 1] = sigma2;
    }
    return n * Math.log(sigma2) + sumLogF;
  }

  /**
   * In place: measurement update (when {@code measured}) then time update of the predicted
   * covariance {@code p} (r*r). Returns true when the one-step variance has converged to 1.
   */
  static boolean kalmanCovarianceStep(
      double[] p, double[] ar, double[] ma, int r, boolean measured) {
    if (measured) {
      double f = p[0];
      double[] col = new double[r];
      for (int i = 0; i < r; i++) {
        col[i] = p[i * r];
      }
      for (int i = 0; i < r; i++) {
        double ci = col[i] / f;
        for (int j = 0; j < r; j++) {
          p[i * r + j] -= ci * col[j];
        }
      }
    }
    // M = T P: row i = ar[i] * P[0,:] + P[i+1,:]
    double[] mrow = new double[r * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        mrow[i * r + j] = ar[i] * p[j] + (i + 1 < r ? p[(i + 1) * r + j] : 0);
      }
    }
    // P' = M T' + R R': P'[i][j] = M[i][0] ar[j] + M[i][j+1]
    double old = p[0];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        p[i * r + j] = mrow[i * r] * ar[j] + (j + 1 < r ? mrow[i * r + j + 1] : 0) + ma[i] * ma[j];
      }
    }
    return measured && Math.abs(p[0] - 1) < 1e-9 && Math.abs(p[0] - old) < 1e-12;
  }

  /** Stationary state covariance (sigma^2 = 1) by the doubling algorithm; null if explosive. */
  static double[] stationaryCovariance(double[] ar, double[] ma) {
    int r = ar.length;
    double[] t = new double[r * r];
    for (int i = 0; i < r; i++) {
      t[i * r] = ar[i];
      if (i + 1 < r) {
        t[i * r + i + 1] = 1;
      }
    }
    double[] p = new double[r * r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        p[i * r + j] = ma[i] * ma[j];
      }
    }
    double[] tmp = new double[r * r];
    for (int it = 0; it < 60; it++) {
      // p += t p t'
      mul(t, p, tmp, r, false);
      double[] add = new double[r * r];
      mul(tmp, t, add, r, true);
      double change = 0;
      double norm = 0;
      for (int i = 0; i < r * r; i++) {
        p[i] += add[i];
        change += Math.abs(add[i]);
        norm += Math.abs(p[i]);
      }
      if (!Double.isFinite(norm) || norm > 1e12) {
        return null;
      }
      double[] t2 = new double[r * r];
      mul(t, t, t2, r, false);
      t = t2;
      if (change <= 1e-12 * norm) {
        return p;
      }
    }
    return null;
  }

  private static void mul(double[] a, double[] b, double[] out, int r, boolean transposeB) {
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        double s = 0;
        for (int k = 0; k < r; k++) {
          s += a[i * r + k] * (transposeB ? b[j * r + k] : b[k * r + j]);
        }
        out[i * r + j] = s;
      }
    }
  }

  // ---------------------------------------------------------------- tests for d and D

  /**
   * KPSS level-stationarity statistic (Kwiatkowski et al. 1992) with Bartlett-weighted long-run
   * variance, lag {@code trunc(4 (n/100)^0.25)}.
   *
   * @param x the series
   * @return the statistic; compare with 0.463 at 5%
   */
  static double kpss(double[] x) {
    int n = x.length;
    double mean = Checks.mean(x, 0, n);
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = x[i] - mean;
    }
    double s = 0;
    double eta = 0;
    for (int i = 0; i < n; i++) {
      s += e[i];
      eta += s * s;
    }
    eta /= (double) n * n;
    int lag = (int) Math.floor(4 * Math.pow(n / 100.0, 0.25));
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      s2 += e[i] * e[i];
    }
    s2 /= n;
    for (int l = 1; l <= lag; l++) {
      double c = 0;
      for (int i = l; i < n; i++) {
        c += e[i] * e[i - l];
      }
      s2 += 2 * (1 - l / (lag + 1.0)) * c / n;
    }
    return s2 <= 0 ? 0 : eta / s2;
  }

  /** Seasonal strength from STL (Wang, Smith &amp; Hyndman 2006): max(0, 1 - Var(R)/Var(S+R)). */
  static double seasonalStrength(double[] y, int m) {
    Stl.Parts p = Stl.stl(y, m, 13);
    int n = y.length;
    double[] rem = new double[n];
    double[] sr = new double[n];
    for (int i = 0; i < n; i++) {
      rem[i] = y[i] - p.trend()[i] - p.seasonal()[i];
      sr[i] = rem[i] + p.seasonal()[i];
    }
    double vr = variance(rem);
    double vsr = variance(sr);
    return vsr <= 0 ? 0 : Math.max(0, 1 - vr / vsr);
  }

  private static double variance(double[] x) {
    double m = Checks.mean(x, 0, x.length);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }
}
