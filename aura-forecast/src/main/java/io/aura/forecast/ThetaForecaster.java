package io.aura.forecast;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariateOptimizer;

/**
 * The Theta method (Assimakopoulos &amp; Nikolopoulos, "The theta model: a decomposition approach
 * to forecasting", IJF 16(4), 2000) on a non-seasonal series: the linear-regression line
 * ("theta = 0 line") {@code a + b t} and the theta line {@code Z_t = theta y_t + (1 - theta)(a + b
 * t)} extrapolated by simple exponential smoothing, combined with weights {@code 1 - 1/theta} and
 * {@code 1/theta}. For {@code theta = 2} this is SES with drift {@code b/2} (Hyndman &amp; Billah,
 * "Unmasking the Theta method", IJF 19(2), 2003). {@link #optimized()} also chooses theta in [1,
 * 5] by in-sample one-step mean squared error (after Fiorucci, Pellegrini, Louzada, Petropoulos
 * &amp; Koehler, "Models for optimising the theta method and their relationship to state space
 * models", IJF 32(4), 2016, with a grid over theta instead of a joint optimisation).
 *
 * <p>Seasonal series: wrap with {@link SeasonallyAdjusted} (M4's Theta benchmark does exactly
 * that; {@link Forecasters#byName} {@code "theta"} is the wrapped form). The forecaster itself
 * ignores the period. SES's alpha in [0.0001, 0.9999] minimises the one-step SSE on the theta line
 * with initial level {@code Z_0} (Brent's method, Commons Math).
 *
 * <p>Intervals: Gaussian, {@code sigma^2 (1 + (h - 1) alpha^2) / theta^2} from the SES model on
 * the theta line, with sigma from its one-step residuals (the regression line is treated as known,
 * so intervals are somewhat narrow for long horizons). {@code update} advances the SES level; the
 * regression line stays as fitted.
 *
 * <p>Thread safety: immutable. Complexity: O(n) per SSE evaluation, ~30 evaluations per theta; 9
 * thetas for the optimised variant.
 */
public final class ThetaForecaster implements Forecaster {
  private final boolean optimize;
  private final double theta;

  private ThetaForecaster(boolean optimize, double theta) {
    this.optimize = optimize;
    this.theta = theta;
  }

  /**
   * The standard Theta method, theta = 2.
   *
   * @return the forecaster
   */
  public static ThetaForecaster standard() {
    return new ThetaForecaster(false, 2);
  }

  /**
   * Theta with a fixed theta coefficient.
   *
   * @param theta coefficient, {@code >= 1}
   * @return the forecaster
   */
  public static ThetaForecaster withTheta(double theta) {
    if (!(theta >= 1)) {
      throw new IllegalArgumentException("theta must be >= 1, got " + theta);
    }
    return new ThetaForecaster(false, theta);
  }

  /**
   * The optimised Theta method: theta chosen on a grid 1, 1.5, ..., 5.
   *
   * @return the forecaster
   */
  public static ThetaForecaster optimized() {
    return new ThetaForecaster(true, Double.NaN);
  }

  @Override
  public String name() {
    return optimize ? "otm" : "theta";
  }

  @Override
  public ForecastModel fit(double[] y, int period) {
    Checks.series(y, period, 3, name());
    int n = y.length;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sx += i;
      sy += y[i];
      sxx += (double) i * i;
      sxy += i * y[i];
    }
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double a = (sy - b * sx) / n;
    if (!optimize) {
      return fitTheta(y, a, b, theta, period);
    }
    Model best = null;
    for (int step = 0; step <= 8; step++) {
      double th = 1 + 0.5 * step; // theta = 1, 1.5, ..., 5 (exact in binary)
      Model m = fitTheta(y, a, b, th, period);
      if (best == null || m.mse < best.mse) {
        best = m;
      }
    }
    return best;
  }

  private static Model fitTheta(double[] y, double a, double b, double theta, int period) {
    int n = y.length;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = theta * y[i] + (1 - theta) * (a + b * i);
    }
    UnivariateOptimizer opt = new BrentOptimizer(1e-8, 1e-10);
    double alpha =
        opt.optimize(
                new MaxEval(200),
                new UnivariateObjectiveFunction(al -> sesSse(z, al)),
                GoalType.MINIMIZE,
                new SearchInterval(1e-4, 0.9999))
            .getPoint();
    // One-step combined forecasts for the in-sample MSE and the residual variance of the line.
    double l = z[0];
    double sseZ = 0;
    double sseY = 0;
    for (int i = 1; i < n; i++) {
      double fz = l;
      double e = z[i] - fz;
      sseZ += e * e;
      double fy = (1 - 1 / theta) * (a + b * i) + fz / theta;
      sseY += (y[i] - fy) * (y[i] - fy);
      l = l + alpha * e;
    }
    return new Model(a, b, theta, alpha, l, sseZ / (n - 1), sseY / (n - 1), n, period);
  }

  private static double sesSse(double[] z, double alpha) {
    double l = z[0];
    double s = 0;
    for (int i = 1; i < z.length; i++) {
      double e = z[i] - l;
      s += e * e;
      l += alpha * e;
    }
    return s;
  }

  private static final class Model implements ForecastModel {
    private final double a;
    private final double b;
    private final double theta;
    private final double alpha;
    private final double level;
    private final double sigma2;
    private final double mse;
    private final long n;
    private final int period;

    Model(
        double a,
        double b,
        double theta,
        double alpha,
        double level,
        double sigma2,
        double mse,
        long n,
        int period) {
      this.a = a;
      this.b = b;
      this.theta = theta;
      this.alpha = alpha;
      this.level = level;
      this.sigma2 = sigma2;
      this.mse = mse;
      this.n = n;
      this.period = period;
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
      Checks.horizon(horizon, levels);
      double[] mean = new double[horizon];
      double[] sd = new double[horizon];
      for (int i = 0; i < horizon; i++) {
        double t = n + i;
        mean[i] = (1 - 1 / theta) * (a + b * t) + level / theta;
        sd[i] = Math.sqrt(sigma2 * (1 + i * alpha * alpha)) / theta;
      }
      return Checks.gaussian(mean, sd, levels);
    }

    @Override
    public ForecastModel update(double y) {
      Checks.updateValue(y);
      double l = level;
      if (!Double.isNaN(y)) {
        double z = theta * y + (1 - theta) * (a + b * n);
        l = level + alpha * (z - level);
      }
      return new Model(a, b, theta, alpha, l, sigma2, mse, n + 1, period);
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
      return String.format("Theta theta=%.2f alpha=%.4f drift=%.4g", theta, alpha, b);
    }
  }
}
