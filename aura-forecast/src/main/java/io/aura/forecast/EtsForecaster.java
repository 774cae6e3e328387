package io.aura.forecast;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Exponential smoothing in state-space form (ETS), fitted by maximum likelihood, with automatic
 * model selection by AICc (Hyndman, Koehler, Snyder &amp; Grose, "A state space framework for
 * automatic forecasting using exponential smoothing methods", IJF 18(3), 2002; Hyndman, Koehler,
 * Ord &amp; Snyder, "Forecasting with Exponential Smoothing", Springer 2008, chapters 2, 5, 7).
 *
 * <p>Estimation: the smoothing parameters and the initial level (and slope) maximise the Gaussian
 * likelihood, i.e. minimise {@code n log(SSE) + 2 sum log|r_t|} with {@code r_t = 1} (additive
 * error) or {@code mu_t} (multiplicative error), by Nelder-Mead (Commons Math) on a logistic
 * reparametrisation enforcing the usual bounds {@code 0 < alpha < 1}, {@code 0 < beta < alpha},
 * {@code 0 < gamma < 1 - alpha}, {@code 0.8 <= phi <= 0.98}, intersected with the admissible
 * (forecastable) region of Hyndman et al. 2008, chapter 10 (R {@code forecast::ets} with {@code
 * bounds = "both"}): every root of the characteristic polynomial of the discount matrix {@code D =
 * F - g w'}, apart from the unit root of the redundant seasonal state, lies in the closed unit disk
 * (tolerance 1e-8; tested by a Schur-Cohn recursion). Points outside it get an infinite objective.
 * For non-seasonal types the usual region lies inside the admissible one; for trended seasonal
 * types it does not (e.g. ETS(A,A,A), m = 12, alpha 0.37, beta 0.2, gamma 0.44 is usual but not
 * admissible), so the check matters there. As in R, the linear-model conditions are applied to
 * multiplicative types as well. Initial seasonal states come from a classical decomposition of the
 * whole series (R {@code forecast::ets} uses the first three seasons as a starting point and then
 * optimises them; here they are held fixed, which was more accurate than the three-season heuristic
 * on a validation split of M4 Hourly: OWA 1.12 against 1.30); the information criterion still
 * counts them as parameters. Holt-Winters is ETS(A,A,A) / ETS(M,A,M); simple exponential smoothing
 * is ETS(A,N,N).
 *
 * <p>{@link #auto()} fits every admissible type (additive-error models with a multiplicative season
 * are excluded, as in R's default {@code restrict = TRUE}; multiplicative types only for positive
 * data; seasonal types only when {@code period > 1} and {@code n >= 2 period}) and keeps the
 * smallest AICc. Constant series: documented fallback to a flat ETS(A,N,N) with zero variance.
 *
 * <p>Thread safety: immutable. Complexity: O(n) per likelihood evaluation, a few hundred
 * evaluations per type (at most 2,000), up to 15 types for {@code auto}.
 */
public final class EtsForecaster implements Forecaster {
  private static final double PHI_LO = 0.8;
  private static final double PHI_HI = 0.98;
  private static final double P_LO = 1e-4;

  private final Ets fixed; // null: automatic
  private final boolean allowSeasonal;

  private EtsForecaster(Ets fixed, boolean allowSeasonal) {
    this.fixed = fixed;
    this.allowSeasonal = allowSeasonal;
  }

  /**
   * Automatic selection over the ETS taxonomy by AICc.
   *
   * @return the forecaster
   */
  public static EtsForecaster auto() {
    return new EtsForecaster(null, true);
  }

  /**
   * Automatic selection among the non-seasonal types only (for deseasonalised series).
   *
   * @return the forecaster
   */
  public static EtsForecaster autoNonSeasonal() {
    return new EtsForecaster(null, false);
  }

  /**
   * A fixed model type.
   *
   * @param type the type, e.g. {@code new Ets(ADDITIVE, ADDITIVE, ADDITIVE)} for additive
   *     Holt-Winters
   * @return the forecaster
   */
  public static EtsForecaster of(Ets type) {
    return new EtsForecaster(type, true);
  }

  /**
   * Simple exponential smoothing, ETS(A,N,N).
   *
   * @return the forecaster
   */
  public static EtsForecaster ses() {
    return of(new Ets(Ets.Error.ADDITIVE, Ets.Trend.NONE, Ets.Season.NONE));
  }

  @Override
  public String name() {
    return fixed == null ? (allowSeasonal ? "ets" : "ets-nonseasonal") : fixed.toString();
  }

  @Override
  public EtsModel fit(double[] y, int period) {
    if (fixed != null) {
      int minLen = minLength(fixed, period);
      Checks.series(y, period, minLen, name());
      if (fixed.multiplicative()) {
        Checks.positive(y, name());
      }
      if (Checks.isConstant(y)) {
        return constant(y, period);
      }
      EtsModel fit = fitType(y, fixed, period);
      if (fit == null) {
        throw new io.aura.features.InvalidDataException(
            name() + ": likelihood could not be evaluated (non-finite states) for this series");
      }
      return fit;
    }
    Checks.series(y, period, 3, name());
    if (Checks.isConstant(y)) {
      return constant(y, period);
    }
    boolean positive = Checks.allPositive(y);
    List<Ets> types = new ArrayList<>();
    for (Ets.Error e : Ets.Error.values()) {
      if (e == Ets.Error.MULTIPLICATIVE && !positive) {
        continue;
      }
      for (Ets.Trend t : Ets.Trend.values()) {
        for (Ets.Season s : Ets.Season.values()) {
          if (s != Ets.Season.NONE && (!allowSeasonal || period <= 1 || y.length < 2 * period)) {
            continue;
          }
          if (s == Ets.Season.MULTIPLICATIVE && (e == Ets.Error.ADDITIVE || !positive)) {
            continue;
          }
          Ets type = new Ets(e, t, s);
          if (y.length >= minLength(type, period)) {
            types.add(type);
          }
        }
      }
    }
    EtsModel best = null;
    for (Ets type : types) {
      EtsModel fit = fitType(y, type, period);
      if (fit != null && (best == null || fit.aicc() < best.aicc())) {
        best = fit;
      }
    }
    if (best == null) {
      throw new io.aura.features.InvalidDataException(
          name() + ": no ETS type could be fitted to this series (n=" + y.length + ")");
    }
    return best;
  }

  private static int minLength(Ets type, int period) {
    int k = freeParams(type, period);
    int min = Math.max(k + 2, 4);
    if (type.season() != Ets.Season.NONE) {
      min = Math.max(min, 2 * period);
    }
    return min;
  }

  private static int freeParams(Ets type, int period) {
    int k = 2; // alpha, l0
    if (type.trend() != Ets.Trend.NONE) {
      k += 2;
    }
    if (type.trend() == Ets.Trend.DAMPED) {
      k++;
    }
    if (type.season() != Ets.Season.NONE) {
      k += period; // gamma + m-1 seasonal states
    }
    return k;
  }

  private static EtsModel constant(double[] y, int period) {
    return new EtsModel(
        new Ets(Ets.Error.ADDITIVE, Ets.Trend.NONE, Ets.Season.NONE),
        1,
        period,
        new double[] {P_LO, 0, 0, 1},
        y[0],
        0,
        new double[] {0},
        0,
        0,
        Double.NaN,
        y.length);
  }

  /**
   * Whether smoothing parameters lie in the admissible region (Hyndman, Koehler, Ord &amp; Snyder
   * 2008, chapter 10): the discount matrix {@code D = F - g w'} of the linear innovations model
   * must have no eigenvalue outside the unit circle, the unit eigenvalue that the redundant m-th
   * seasonal state always contributes excepted. By the matrix determinant lemma, {@code det(lambda
   * I - D) = (lambda - 1) r(lambda)} with
   *
   * <ul>
   *   <li>no trend: {@code r = S(lambda) (lambda - 1 + alpha) + gamma},
   *   <li>(damped) trend: {@code r = S(lambda) Q(lambda) + gamma (lambda - phi)}, {@code Q =
   *       (lambda - 1)(lambda - phi) + alpha (lambda - phi) + phi beta lambda},
   * </ul>
   *
   * where {@code S(lambda) = 1 + lambda + ... + lambda^(m-1)} ({@code S = 1}, {@code gamma = 0}
   * without season). For ETS(A,N,N) this is {@code 0 < alpha < 2}; for ETS(A,A,N) {@code 0 < alpha
   * < 2}, {@code 0 < beta < 4 - 2 alpha} (the book's Table 10.1 in this parametrisation). The roots
   * are tested by the Schur-Cohn recursion on {@code r(rho z)}, {@code rho = 1 + 1e-8}, in O(m^2),
   * without computing them.
   *
   * @param type the model type (only trend and season matter)
   * @param m seasonal period of the model (ignored without season)
   * @param alpha level smoothing
   * @param beta trend smoothing (ignored without trend)
   * @param gamma seasonal smoothing (ignored without season)
   * @param phi damping (1 for an undamped trend; ignored without trend)
   * @return true when admissible
   */
  static boolean admissible(Ets type, int m, double alpha, double beta, double gamma, double phi) {
    boolean trend = type.trend() != Ets.Trend.NONE;
    boolean seasonal = type.season() != Ets.Season.NONE && m > 1;
    double ph = type.trend() == Ets.Trend.DAMPED ? phi : 1;
    double[] q =
        trend
            ? new double[] {ph * (1 - alpha), alpha + ph * beta - 1 - ph, 1}
            : new double[] {alpha - 1, 1};
    int ms = seasonal ? m : 1;
    double[] r = new double[ms + q.length - 1];
    for (int i = 0; i < ms; i++) {
      for (int j = 0; j < q.length; j++) {
        r[i + j] += q[j];
      }
    }
    if (seasonal) {
      if (trend) {
        r[0] -= gamma * ph;
        r[1] += gamma;
      } else {
        r[0] += gamma;
      }
    }
    return rootsInUnitDisk(r, 1 + 1e-8);
  }

  /**
   * Schur-Cohn test: whether every root of {@code sum a[k] z^k} has modulus below {@code rho}.
   * Step: with {@code p} of degree d, {@code |p(0)| < |a_d|} is necessary, and then p is stable iff
   * {@code (a_d p(z) - a_0 p*(z)) / z} (degree d-1, {@code p*} the reversed polynomial) is.
   */
  static boolean rootsInUnitDisk(double[] coeffs, double rho) {
    int d = coeffs.length - 1;
    double[] a = new double[d + 1];
    double sc = 1;
    for (int k = 0; k <= d; k++) {
      a[k] = coeffs[k] * sc;
      sc *= rho;
    }
    double[] b = new double[d + 1];
    while (d >= 1) {
      if (!Double.isFinite(a[0]) || !Double.isFinite(a[d]) || a[d] == 0) {
        return false;
      }
      if (!(Math.abs(a[0]) < Math.abs(a[d]))) {
        return false;
      }
      double big = 0;
      for (int j = 0; j < d; j++) {
        b[j] = a[d] * a[j + 1] - a[0] * a[d - 1 - j];
        big = Math.max(big, Math.abs(b[j]));
      }
      if (!(big > 0)) {
        return false;
      }
      for (int j = 0; j < d; j++) {
        a[j] = b[j] / big;
      }
      d--;
    }
    return true;
  }

  /** Returns the fitted model or null if the likelihood is not finite anywhere tried. */
  static EtsModel fitType(double[] y, Ets type, int period) {
    return fitType(y, type, period, true);
  }

  /**
   * As {@link #fitType(double[], Ets, int)}; {@code restrict = false} drops the admissibility
   * restriction (usual bounds only), for tests that show the restriction is not vacuous.
   */
  static EtsModel fitType(double[] y, Ets type, int period, boolean restrict) {
    int n = y.length;
    boolean seasonal = type.season() != Ets.Season.NONE;
    int m = seasonal ? period : 1;
    boolean trend = type.trend() != Ets.Trend.NONE;
    boolean damped = type.trend() == Ets.Trend.DAMPED;
    boolean multSeason = type.season() == Ets.Season.MULTIPLICATIVE;

    // Initial states (Hyndman et al. 2008, section 2.6.1).
    double[] s0 = new double[m];
    double[] sa = y.clone();
    if (seasonal) {
      double[] head = y;
      s0 =
          multSeason
              ? M4Seasonality.multiplicativeIndices(head, m)
              : M4Seasonality.additiveEffects(head, m);
      for (int i = 0; i < n; i++) {
        sa[i] = multSeason ? y[i] / s0[i % m] : y[i] - s0[i % m];
      }
    } else {
      s0[0] = 0;
    }
    int maxn = Math.min(Math.max(10, 2 * m), n);
    double l0;
    double b0 = 0;
    if (trend) {
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double sxy = 0;
      for (int i = 0; i < maxn; i++) {
        double x = i + 1;
        sx += x;
        sy += sa[i];
        sxx += x * x;
        sxy += x * sa[i];
      }
      b0 = (maxn * sxy - sx * sy) / (maxn * sxx - sx * sx);
      l0 = (sy - b0 * sx) / maxn;
    } else {
      l0 = Checks.mean(sa, 0, maxn);
    }
    double scale = 0;
    for (int i = 1; i < n; i++) {
      scale += Math.abs(sa[i] - sa[i - 1]);
    }
    scale = Math.max(scale / (n - 1), 1e-8 * (Math.abs(l0) + 1));

    // Parameter vector layout: alpha, [beta frac], [gamma frac], [phi], l0 offset, [b0 offset].
    int dim = 2 + (trend ? 2 : 0) + (seasonal ? 1 : 0) + (damped ? 1 : 0);
    double[] x0 = new double[dim];
    double[] step = new double[dim];
    int k = 0;
    x0[k] = logit(seasonal ? 0.1 : 0.3);
    step[k++] = 1;
    if (trend) {
      x0[k] = logit(0.1);
      step[k++] = 1;
    }
    if (seasonal) {
      x0[k] = logit(0.05);
      step[k++] = 1;
    }
    if (damped) {
      x0[k] = logit((0.97 - PHI_LO) / (PHI_HI - PHI_LO));
      step[k++] = 1;
    }
    x0[k] = 0;
    step[k++] = 1;
    if (trend) {
      x0[k] = 0;
      step[k] = 1;
    }
    // Start inside the admissible region: shrink beta and gamma towards 0 if needed.
    for (int tries = 0; restrict && tries < 20; tries++) {
      double[] p0 = decode(x0, trend, seasonal, damped);
      if (admissible(type, m, p0[0], p0[1], p0[2], p0[3])) {
        break;
      }
      int j = 1;
      if (trend) {
        x0[j++] -= 1;
      }
      if (seasonal) {
        x0[j] -= 1;
      }
    }
    final double fl0 = l0;
    final double fb0 = b0;
    final double fscale = scale;
    final double[] fs0 = s0;
    double[] best = {Double.POSITIVE_INFINITY};
    double[] bestX = x0.clone();
    org.apache.commons.math3.analysis.MultivariateFunction objective =
        x -> {
          double[] p = decode(x, trend, seasonal, damped);
          if (restrict && !admissible(type, m, p[0], p[1], p[2], p[3])) {
            return Double.POSITIVE_INFINITY;
          }
          double ll0 = fl0 + x[x.length - (trend ? 2 : 1)] * fscale;
          double bb0 = trend ? fb0 + x[x.length - 1] * fscale / Math.max(10, m) : 0;
          double v = likelihood(y, type, m, p, ll0, bb0, fs0, null);
          if (v < best[0]) {
            best[0] = v;
            System.arraycopy(x, 0, bestX, 0, x.length);
          }
          return v;
        };
    SimplexOptimizer opt = new SimplexOptimizer(1e-7, 1e-9);
    try {
      opt.optimize(
          new MaxEval(2000),
          new ObjectiveFunction(objective),
          GoalType.MINIMIZE,
          new InitialGuess(x0),
          new NelderMeadSimplex(step));
    } catch (TooManyEvaluationsException ignored) {
      // keep the best point seen
    }
    if (!Double.isFinite(best[0])) {
      return null;
    }
    double[] p = decode(bestX, trend, seasonal, damped);
    double ll0 = fl0 + bestX[bestX.length - (trend ? 2 : 1)] * fscale;
    double bb0 = trend ? fb0 + bestX[bestX.length - 1] * fscale / Math.max(10, m) : 0;
    double[] out = new double[4 + m + 1];
    double lik = likelihood(y, type, m, p, ll0, bb0, s0, out);
    double sse = out[3];
    int np = freeParams(type, period) + 1;
    double aic = lik + 2 * np;
    double aicc =
        n - np - 1 > 0 ? aic + 2.0 * np * (np + 1) / (n - np - 1) : Double.POSITIVE_INFINITY;
    double sigma2 = sse / Math.max(1, n - np + 1);
    double[] season = new double[m];
    System.arraycopy(out, 4, season, 0, m);
    int pos = (int) out[4 + m];
    return new EtsModel(type, m, period, p, out[0], out[1], season, pos, sigma2, aicc, n);
  }

  private static double[] decode(double[] x, boolean trend, boolean seasonal, boolean damped) {
    int k = 0;
    double a = P_LO + (1 - 2 * P_LO) * logistic(x[k++]);
    double b = 0;
    double g = 0;
    double phi = 1;
    if (trend) {
      b = P_LO + (a - P_LO) * logistic(x[k++]);
    }
    if (seasonal) {
      g = P_LO + (1 - a - P_LO) * logistic(x[k++]);
    }
    if (damped) {
      phi = PHI_LO + (PHI_HI - PHI_LO) * logistic(x[k]);
    }
    return new double[] {a, b, g, phi};
  }

  /**
   * -2 log likelihood (without the constant). If {@code out} is given, it receives the final level,
   * trend, (unused), SSE, seasonal states and the circular position.
   */
  static double likelihood(
      double[] y, Ets type, int m, double[] p, double l, double b, double[] s0, double[] out) {
    double a = p[0];
    double bt = p[1];
    double g = p[2];
    double phi = p[3];
    double[] s = s0.clone();
    int pos = 0;
    double sse = 0;
    double logSum = 0;
    boolean addErr = type.error() == Ets.Error.ADDITIVE;
    Ets.Season st = type.season();
    double[] nx = new double[3];
    for (double v : y) {
      double q = l + phi * b;
      double sv = s[pos];
      double mu = st == Ets.Season.ADDITIVE ? q + sv : st == Ets.Season.MULTIPLICATIVE ? q * sv : q;
      double e;
      if (addErr) {
        e = v - mu;
      } else {
        if (!(mu > 0)) {
          return Double.POSITIVE_INFINITY;
        }
        e = (v - mu) / mu;
        logSum += Math.log(mu);
      }
      if (st == Ets.Season.MULTIPLICATIVE && !(q > 0 && sv > 0)) {
        return Double.POSITIVE_INFINITY;
      }
      sse += e * e;
      EtsModel.step(type, a, bt, g, phi, q, b, sv, e, nx);
      l = nx[0];
      b = nx[1];
      s[pos] = nx[2];
      pos = (pos + 1) % m;
    }
    int n = y.length;
    double sigma2 = sse / n;
    if (!Double.isFinite(sigma2)) {
      return Double.POSITIVE_INFINITY;
    }
    double floor = 1e-20 * (Math.abs(l) + 1) * (Math.abs(l) + 1);
    if (!addErr) {
      floor = 1e-20;
    }
    double lik = n * Math.log(2 * Math.PI * Math.max(sigma2, floor)) + n + 2 * logSum;
    if (out != null) {
      out[0] = l;
      out[1] = b;
      out[3] = sse;
      System.arraycopy(s, 0, out, 4, m);
      out[4 + m] = pos;
    }
    return lik;
  }

  private static double logistic(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  private static double logit(double p) {
    return Math.log(p / (1 - p));
  }
}
