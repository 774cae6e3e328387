package io.aura.forecast;

/**
 * A fitted (seasonal) ARIMA model with its Kalman filter state.
 *
 * <p>The differenced series {@code w} minus its constant follows an ARMA(p + mP, q + mQ) written in
 * Harvey's state-space form (Harvey, "Forecasting, Structural Time Series Models and the Kalman
 * Filter", 1989, section 3.3; Durbin &amp; Koopman, "Time Series Analysis by State Space Methods",
 * 2nd ed. 2012, section 3.4): state dimension {@code r = max(p', q' + 1)}, transition with the AR
 * coefficients in the first column, the state covariance initialised at its stationary value. The
 * filter gives the exact Gaussian likelihood; once the one-step variance has converged (to 1e-9)
 * the covariance recursion is skipped, so a step costs O(r) in steady state and O(r^2) before.
 *
 * <p>Forecasts: the ARMA state is projected forward and the differencing is undone recursively; the
 * h-step variance is {@code sigma^2 sum_{j<h} psi_j^2} with the psi weights of the full integrated
 * model (Box, Jenkins &amp; Reinsel, "Time Series Analysis", 4th ed., section 5.2), which ignores
 * parameter uncertainty and the residual state uncertainty (negligible for long series with an
 * invertible MA part).
 *
 * <p>Thread safety: immutable. Complexity: forecast O(h (r + lost + h)); update O(r^2 + lost).
 */
public final class ArimaModel implements ForecastModel {
  private final ArimaOrder order;
  private final double[] coef; // phi, theta, Phi, Theta, [mu]
  private final double[] arFull; // length r (zero-padded)
  private final double[] maFull; // R vector, length r, maFull[0] = 1
  private final double mu;
  private final double sigma2;
  private final double aicc;
  private final double[] a; // predicted state a_{n+1|n}
  private final double[] pcov; // predicted covariance, r*r row-major
  private final boolean steady;
  private final double[] history; // last `lost` observations, oldest first
  private final long n;
  private final int period;

  ArimaModel(
      ArimaOrder order,
      double[] coef,
      double[] arFull,
      double[] maFull,
      double mu,
      double sigma2,
      double aicc,
      double[] a,
      double[] pcov,
      boolean steady,
      double[] history,
      long n,
      int period) {
    this.order = order;
    this.coef = coef;
    this.arFull = arFull;
    this.maFull = maFull;
    this.mu = mu;
    this.sigma2 = sigma2;
    this.aicc = aicc;
    this.a = a;
    this.pcov = pcov;
    this.steady = steady;
    this.history = history;
    this.n = n;
    this.period = period;
  }

  /**
   * The model order.
   *
   * @return the order
   */
  public ArimaOrder order() {
    return order;
  }

  /**
   * Estimated coefficients in the order phi_1..p, theta_1..q, Phi_1..P, Theta_1..Q, then the
   * constant (mean of the differenced series) if any.
   *
   * @return a copy of the coefficients
   */
  public double[] coefficients() {
    return coef.clone();
  }

  /**
   * The constant: mean of the differenced series (the mean, or the drift per step).
   *
   * @return the constant, 0 without one
   */
  public double constant() {
    return mu;
  }

  /**
   * Innovation variance (maximum-likelihood estimate).
   *
   * @return sigma squared
   */
  public double sigma2() {
    return sigma2;
  }

  /**
   * Corrected AIC of the fit.
   *
   * @return AICc
   */
  public double aicc() {
    return aicc;
  }

  @Override
  public Forecast forecast(int horizon, double... levels) {
    Checks.horizon(horizon, levels);
    int r = a.length;
    double[] st = a.clone();
    double[] wf = new double[horizon];
    for (int i = 0; i < horizon; i++) {
      wf[i] = mu + st[0];
      double s0 = st[0];
      for (int k = 0; k < r - 1; k++) {
        st[k] = arFull[k] * s0 + st[k + 1];
      }
      st[r - 1] = arFull[r - 1] * s0;
    }
    double[] delta = ArimaForecaster.differencingPolynomial(order);
    int lost = delta.length - 1;
    double[] ext = new double[lost + horizon];
    System.arraycopy(history, 0, ext, 0, lost);
    double[] mean = new double[horizon];
    for (int i = 0; i < horizon; i++) {
      double v = wf[i];
      for (int k = 1; k <= lost; k++) {
        v -= delta[k] * ext[lost + i - k];
      }
      ext[lost + i] = v;
      mean[i] = v;
    }
    // psi weights of the integrated model: AR* = phi(B)Phi(B^m)delta(B).
    double[] arPoly = new double[r + 1];
    arPoly[0] = 1;
    for (int k = 0; k < r; k++) {
      arPoly[k + 1] = -arFull[k];
    }
    double[] full = ArimaForecaster.multiply(arPoly, delta);
    double[] psi = new double[horizon];
    double[] sd = new double[horizon];
    double acc = 0;
    for (int j = 0; j < horizon; j++) {
      double v = j == 0 ? 1 : (j < maFull.length ? maFull[j] : 0);
      for (int k = 1; k <= Math.min(j, full.length - 1); k++) {
        v -= full[k] * psi[j - k];
      }
      psi[j] = v;
      acc += v * v;
      sd[j] = Math.sqrt(sigma2 * acc);
    }
    return Checks.gaussian(mean, sd, levels);
  }

  @Override
  public ArimaModel update(double y) {
    Checks.updateValue(y);
    double[] delta = ArimaForecaster.differencingPolynomial(order);
    int lost = delta.length - 1;
    int r = a.length;
    double[] na = a.clone();
    double[] np = pcov.clone();
    double yv = y;
    double f = pcov[0];
    if (!Double.isNaN(y)) {
      double w = y;
      for (int k = 1; k <= lost; k++) {
        w += delta[k] * history[lost - k];
      }
      double v = w - mu - a[0];
      for (int i = 0; i < r; i++) {
        na[i] += pcov[i * r] / f * v;
      }
    } else {
      // missing: the observation is replaced by its forecast, the state only propagates
      double w = mu + a[0];
      yv = w;
      for (int k = 1; k <= lost; k++) {
        yv -= delta[k] * history[lost - k];
      }
    }
    boolean st = steady;
    if (!steady || Double.isNaN(y)) {
      st = ArimaForecaster.kalmanCovarianceStep(np, arFull, maFull, r, !Double.isNaN(y));
    }
    double s0 = na[0];
    for (int k = 0; k < r - 1; k++) {
      na[k] = arFull[k] * s0 + na[k + 1];
    }
    na[r - 1] = arFull[r - 1] * s0;
    double[] h = new double[lost];
    if (lost > 0) {
      System.arraycopy(history, 1, h, 0, lost - 1);
      h[lost - 1] = yv;
    }
    return new ArimaModel(
        order, coef, arFull, maFull, mu, sigma2, aicc, na, np, st, h, n + 1, period);
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
    StringBuilder sb = new StringBuilder(order.toString()).append(" coef=[");
    for (int i = 0; i < coef.length; i++) {
      sb.append(i > 0 ? ", " : "").append(String.format("%.4f", coef[i]));
    }
    return sb.append(String.format("] sigma2=%.4g AICc=%.2f", sigma2, aicc)).toString();
  }
}
