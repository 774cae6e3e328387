package io.aura.forecast;

/**
 * The naive benchmarks: random walk ({@link #naive()}), seasonal random walk ({@link
 * #seasonalNaive()}) and the M4 Naive2 ({@link #naive2()}, a random walk on the M4 seasonally
 * adjusted series).
 *
 * <p>Prediction intervals follow Hyndman &amp; Athanasopoulos, "Forecasting: Principles and
 * Practice" (3rd ed., section 5.5): with residual standard deviation {@code sigma} of the one-step
 * (or one-season) differences, the naive h-step sd is {@code sigma sqrt(h)} and the seasonal naive
 * one is {@code sigma sqrt(floor((h-1)/m) + 1)}.
 *
 * <p>Thread safety: immutable. Complexity: fit O(n), forecast O(h), update O(1) (O(m) copy for the
 * seasonal variant).
 */
public final class NaiveForecaster implements Forecaster {
  private final boolean seasonal;
  private final int fixedLag; // > 0: seasonal naive at this lag, ignoring the fit period
  private final boolean selectLag;
  private final int window;

  private NaiveForecaster(boolean seasonal) {
    this(seasonal, 0, false, 0);
  }

  private NaiveForecaster(boolean seasonal, int fixedLag, boolean selectLag, int window) {
    this.seasonal = seasonal;
    this.fixedLag = fixedLag;
    this.selectLag = selectLag;
    this.window = window;
  }

  /**
   * Seasonal naive at a fixed lag, whatever period {@code fit} is given (e.g. 168 for the weekly
   * cycle of hourly data).
   *
   * @param lag the lag, {@code >= 1}
   * @return the forecaster
   */
  public static NaiveForecaster seasonalNaive(int lag) {
    if (lag < 1) {
      throw new IllegalArgumentException("lag must be >= 1, got " + lag);
    }
    return new NaiveForecaster(true, lag, false, 0);
  }

  /**
   * Seasonal naive at a lag chosen from the data: the lag L in {@code [max(2, m/2), 7m + 2]}
   * (capped at n/2) with the smallest mean absolute difference {@code |y_t - y_{t-L}|} over the
   * last {@code 14m} observations (ties to the shorter lag). It finds weekly cycles in hourly data
   * (L = 168) and cycles that are not exactly the nominal period (e.g. L = 23). The lag is chosen
   * in-sample only; cost O(n m) per fit.
   *
   * @return the forecaster
   */
  public static NaiveForecaster seasonalNaiveSelectedLag() {
    return new NaiveForecaster(true, 0, true, 0);
  }

  private int lag(double[] y, int period) {
    if (fixedLag > 0) {
      return fixedLag;
    }
    if (!selectLag) {
      return seasonal ? period : 1;
    }
    int n = y.length;
    int maxLag = Math.min(7 * Math.max(period, 1) + 2, n / 2);
    int win = window > 0 ? window * Math.max(period, 1) : n;
    int best = Math.max(1, Math.min(period, maxLag));
    double bestErr = Double.POSITIVE_INFINITY;
    for (int lag = Math.max(2, period / 2); lag <= maxLag; lag++) {
      int start = Math.max(lag, n - win);
      double s = 0;
      for (int t = start; t < n; t++) {
        s += Math.abs(y[t] - y[t - lag]);
      }
      double e = s / (n - start);
      if (e < bestErr - 1e-12 * (1 + Math.abs(e))) {
        bestErr = e;
        best = lag;
      }
    }
    return best;
  }

  /**
   * The random walk: every forecast equals the last observation.
   *
   * @return the forecaster
   */
  public static NaiveForecaster naive() {
    return new NaiveForecaster(false);
  }

  /**
   * The seasonal random walk: the forecast for step h is the observation one period earlier. With
   * period 1 it is the naive method.
   *
   * @return the forecaster
   */
  public static NaiveForecaster seasonalNaive() {
    return new NaiveForecaster(true);
  }

  /**
   * M4's Naive2: naive on the seasonally adjusted series, reseasonalised.
   *
   * @return the forecaster
   */
  public static Forecaster naive2() {
    return new Forecaster() {
      private final Forecaster inner = SeasonallyAdjusted.of(naive());

      @Override
      public ForecastModel fit(double[] y, int period) {
        return inner.fit(y, period);
      }

      @Override
      public String name() {
        return "naive2";
      }
    };
  }

  @Override
  public ForecastModel fit(double[] y, int period) {
    Checks.series(y, period, Math.max(2, fixedLag + 1), name());
    int m = lag(y, period);
    Checks.series(y, period, m + 1, name());
    int n = y.length;
    double ss = 0;
    for (int i = m; i < n; i++) {
      double d = y[i] - y[i - m];
      ss += d * d;
    }
    double sigma = Math.sqrt(ss / (n - m));
    double[] last = new double[m];
    System.arraycopy(y, n - m, last, 0, m);
    return new Model(last, 0, sigma, n, period, seasonal);
  }

  @Override
  public String name() {
    if (selectLag) {
      return "snaive-lag";
    }
    if (fixedLag > 0) {
      return "snaive" + fixedLag;
    }
    return seasonal ? "snaive" : "naive";
  }

  private static final class Model implements ForecastModel {
    private final double[] last; // circular: last[(start + j) % m] is y[n - m + j]
    private final int start;
    private final double sigma;
    private final long n;
    private final int period;
    private final boolean seasonal;

    Model(double[] last, int start, double sigma, long n, int period, boolean seasonal) {
      this.last = last;
      this.start = start;
      this.sigma = sigma;
      this.n = n;
      this.period = period;
      this.seasonal = seasonal;
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
      Checks.horizon(horizon, levels);
      int m = last.length;
      double[] mean = new double[horizon];
      double[] sd = new double[horizon];
      for (int i = 0; i < horizon; i++) {
        mean[i] = last[(start + i % m) % m];
        sd[i] = sigma * Math.sqrt(m == 1 ? i + 1 : i / m + 1);
      }
      return Checks.gaussian(mean, sd, levels);
    }

    @Override
    public ForecastModel update(double y) {
      Checks.updateValue(y);
      double[] next = last.clone();
      next[start] = Double.isNaN(y) ? last[start] : y;
      return new Model(next, (start + 1) % last.length, sigma, n + 1, period, seasonal);
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
      return (seasonal ? "seasonal naive (m=" + last.length + ")" : "naive")
          + String.format(" sigma=%.4g", sigma);
    }
  }
}
