package io.aura.forecast;

import io.aura.features.Quantiles;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fitted ETS state-space model (Hyndman, Koehler, Ord &amp; Snyder, "Forecasting with Exponential
 * Smoothing", Springer 2008, chapter 2, error-correction form of Table 2.3).
 *
 * <p>State: level {@code l}, trend {@code b}, the last {@code m} seasonal states. With {@code q = l
 * + phi b} and {@code s} the seasonal state for the current time, the one-step mean is {@code mu =
 * q}, {@code q + s} or {@code q s}; the innovation is {@code e = y - mu} (additive error) or {@code
 * (y - mu)/mu} (multiplicative error), and the states are corrected by {@code alpha, beta, gamma}
 * times e, scaled per the table.
 *
 * <p>Prediction intervals: analytic for the linear homoscedastic class (additive error, no
 * multiplicative season; Hyndman et al. 2008 Table 6.1, {@code var_h = sigma^2 (1 + sum_{j<h}
 * c_j^2)}); by simulation of 2,000 sample paths with a fixed seed otherwise (deterministic for a
 * given model), using the empirical quantiles. Point forecasts are the recursions with zero
 * innovation (for multiplicative-error models this is the conditional mean only approximately, as
 * in R's {@code forecast::ets}).
 *
 * <p>Thread safety: immutable. Complexity: forecast O(h) analytic, O(2000 h) simulated; update O(m)
 * (the seasonal state is copied).
 */
public final class EtsModel implements ForecastModel {
  private static final int PATHS = 2000;

  private final Ets type;
  private final int m;
  private final int period;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double phi;
  private final double level;
  private final double trend;
  private final double[] season; // season[(pos + j) % m] is the state for time t+1+j
  private final int pos;
  private final double sigma2;
  private final double aicc;
  private final long n;

  EtsModel(
      Ets type,
      int m,
      int period,
      double[] params,
      double level,
      double trend,
      double[] season,
      int pos,
      double sigma2,
      double aicc,
      long n) {
    this.type = type;
    this.m = m;
    this.period = period;
    this.alpha = params[0];
    this.beta = params[1];
    this.gamma = params[2];
    this.phi = params[3];
    this.level = level;
    this.trend = trend;
    this.season = season;
    this.pos = pos;
    this.sigma2 = sigma2;
    this.aicc = aicc;
    this.n = n;
  }

  /**
   * The model type.
   *
   * @return e.g. ETS(A,Ad,N)
   */
  public Ets type() {
    return type;
  }

  /**
   * Level smoothing parameter.
   *
   * @return alpha
   */
  public double alpha() {
    return alpha;
  }

  /**
   * Trend smoothing parameter (0 without trend).
   *
   * @return beta
   */
  public double beta() {
    return beta;
  }

  /**
   * Seasonal smoothing parameter (0 without season).
   *
   * @return gamma
   */
  public double gamma() {
    return gamma;
  }

  /**
   * Damping parameter (1 unless damped).
   *
   * @return phi
   */
  public double phi() {
    return phi;
  }

  /**
   * Innovation variance estimate, {@code SSE / (n - k)}.
   *
   * @return sigma squared
   */
  public double sigma2() {
    return sigma2;
  }

  /**
   * Corrected Akaike information criterion of the fit (NaN for the constant fallback).
   *
   * @return AICc
   */
  public double aicc() {
    return aicc;
  }

  /**
   * Current level state.
   *
   * @return the level
   */
  public double level() {
    return level;
  }

  /**
   * Current trend (slope) state.
   *
   * @return the trend, 0 without trend
   */
  public double slope() {
    return trend;
  }

  @Override
  public Forecast forecast(int horizon, double... levels) {
    Checks.horizon(horizon, levels);
    double[] mean = new double[horizon];
    double phiSum = 0;
    double phiPow = 1;
    for (int i = 0; i < horizon; i++) {
      phiPow *= phi;
      phiSum += phiPow;
      double q = level + (type.trend() == Ets.Trend.NONE ? 0 : phiSum * trend);
      mean[i] = combine(q, season[(pos + i) % m]);
    }
    if (levels.length == 0) {
      return Forecast.wrap(mean, new double[0], new double[0][], new double[0][]);
    }
    boolean linear =
        type.error() == Ets.Error.ADDITIVE && type.season() != Ets.Season.MULTIPLICATIVE;
    if (linear || sigma2 == 0) {
      double[] sd = new double[horizon];
      double acc = 0;
      double phiJ = 0;
      double pj = 1;
      for (int i = 0; i < horizon; i++) {
        sd[i] = Math.sqrt(sigma2 * (1 + acc));
        int j = i + 1; // c_j for the next step
        pj *= phi;
        phiJ += pj;
        double c =
            alpha
                + (type.trend() == Ets.Trend.NONE ? 0 : beta * phiJ)
                + (type.season() != Ets.Season.NONE && j % m == 0 ? gamma : 0);
        acc += c * c;
      }
      return Checks.gaussian(mean, sd, levels);
    }
    return simulate(mean, levels);
  }

  private Forecast simulate(double[] mean, double[] levels) {
    int h = mean.length;
    double[][] paths = new double[h][PATHS];
    SplittableRandom rnd = new SplittableRandom(0x5eed_e75L);
    double sigma = Math.sqrt(sigma2);
    double[] s = new double[m];
    double[] st = new double[3];
    for (int p = 0; p < PATHS; p++) {
      double l = level;
      double b = trend;
      System.arraycopy(season, 0, s, 0, m);
      int ps = pos;
      for (int i = 0; i < h; i++) {
        double e = rnd.nextGaussian() * sigma;
        double q = l + phi * b;
        double sv = s[ps];
        double mu = combine(q, sv);
        paths[i][p] = type.error() == Ets.Error.ADDITIVE ? mu + e : mu * (1 + e);
        step(type, alpha, beta, gamma, phi, q, b, sv, e, st);
        l = st[0];
        b = st[1];
        s[ps] = st[2];
        ps = (ps + 1) % m;
      }
    }
    double[][] lo = new double[levels.length][h];
    double[][] up = new double[levels.length][h];
    for (int i = 0; i < h; i++) {
      Arrays.sort(paths[i]);
      for (int k = 0; k < levels.length; k++) {
        lo[k][i] = Quantiles.ofSorted(paths[i], paths[i].length, 0.5 - levels[k] / 2);
        up[k][i] = Quantiles.ofSorted(paths[i], paths[i].length, 0.5 + levels[k] / 2);
      }
    }
    return Forecast.wrap(mean, levels.clone(), lo, up);
  }

  private double combine(double q, double sv) {
    switch (type.season()) {
      case ADDITIVE:
        return q + sv;
      case MULTIPLICATIVE:
        return q * sv;
      default:
        return q;
    }
  }

  /**
   * One error-correction step from predicted level q, previous trend b, seasonal state sv and
   * innovation e. Writes {new level, new trend, new seasonal state} into {@code out}.
   */
  static void step(
      Ets type,
      double a,
      double bt,
      double g,
      double phi,
      double q,
      double b,
      double sv,
      double e,
      double[] out) {
    double l;
    double nb;
    double ns = sv;
    if (type.error() == Ets.Error.ADDITIVE) {
      switch (type.season()) {
        case MULTIPLICATIVE:
          l = q + a * e / sv;
          nb = phi * b + bt * e / sv;
          ns = sv + g * e / q;
          break;
        case ADDITIVE:
          l = q + a * e;
          nb = phi * b + bt * e;
          ns = sv + g * e;
          break;
        default:
          l = q + a * e;
          nb = phi * b + bt * e;
      }
    } else {
      switch (type.season()) {
        case MULTIPLICATIVE:
          l = q * (1 + a * e);
          nb = phi * b + bt * q * e;
          ns = sv * (1 + g * e);
          break;
        case ADDITIVE:
          double r = q + sv;
          l = q + a * r * e;
          nb = phi * b + bt * r * e;
          ns = sv + g * r * e;
          break;
        default:
          l = q * (1 + a * e);
          nb = phi * b + bt * q * e;
      }
    }
    out[0] = l;
    out[1] = nb;
    out[2] = ns;
  }

  @Override
  public EtsModel update(double y) {
    Checks.updateValue(y);
    double q = level + phi * trend;
    double sv = season[pos];
    double e = 0;
    if (!Double.isNaN(y)) {
      double mu = combine(q, sv);
      if (type.multiplicative() && !(y > 0)) {
        throw new io.aura.features.InvalidDataException(
            type + ": multiplicative model needs positive observations, got " + y);
      }
      e = type.error() == Ets.Error.ADDITIVE ? y - mu : (y - mu) / mu;
    }
    double[] st = new double[3];
    step(type, alpha, beta, gamma, phi, q, trend, sv, e, st);
    double[] s = season.clone();
    s[pos] = st[2];
    return new EtsModel(
        type,
        m,
        period,
        new double[] {alpha, beta, gamma, phi},
        st[0],
        type.trend() == Ets.Trend.NONE ? 0 : st[1],
        s,
        (pos + 1) % m,
        sigma2,
        aicc,
        n + 1);
  }

  @Override
  public int period() {
    return period;
  }

  @Override
  public long observations() {
    return n;
  }

  @Override
  public String description() {
    StringBuilder sb = new StringBuilder(type.toString());
    sb.append(String.format(" alpha=%.4f", alpha));
    if (type.trend() != Ets.Trend.NONE) {
      sb.append(String.format(" beta=%.4f", beta));
    }
    if (type.trend() == Ets.Trend.DAMPED) {
      sb.append(String.format(" phi=%.4f", phi));
    }
    if (type.season() != Ets.Season.NONE) {
      sb.append(String.format(" gamma=%.4f m=%d", gamma, m));
    }
    sb.append(String.format(" sigma2=%.4g AICc=%.2f", sigma2, aicc));
    return sb.toString();
  }
}
