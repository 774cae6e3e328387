package io.aura.forecast;

import java.util.Arrays;
import java.util.Objects;

/**
 * Forecasting through a multi-seasonal decomposition: MSTL splits the series into seasonal
 * components (one per period) plus trend-and-remainder; each seasonal component is forecast by
 * repeating its last cycle (seasonal naive), and the seasonally adjusted series by a non-seasonal
 * method; the forecasts are added. This is R {@code forecast::stlf}/{@code mstl} + forecast
 * (Hyndman &amp; Athanasopoulos, FPP3 section 12.1; Bandara, Hyndman &amp; Bergmeir 2021 for
 * MSTL). Optional log transform (Box-Cox lambda 0) for positive series makes seasonality
 * multiplicative; forecasts and interval bounds are transformed back (the point forecast is then a
 * median).
 *
 * <p>Periods: those given by {@link #withPeriods}, else the period passed to {@code fit}; a period
 * {@code p} is used only when {@code n >= 2p} (as R's {@code mstl}), and with none left the inner
 * method runs on the raw series. Intervals: the inner method's, shifted by the seasonal forecast
 * (the seasonal components are treated as known).
 *
 * <p>Thread safety: immutable. Complexity: MSTL O(n &Sigma;(n_s + n_l + n_t)) plus the inner fit;
 * update O(&Sigma; p) plus the inner update.
 */
public final class MstlForecaster implements Forecaster {
  private final Forecaster inner;
  private final int[] periods; // empty: use fit's period
  private final boolean log;
  private final String name;

  private MstlForecaster(Forecaster inner, int[] periods, boolean log, String name) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.periods = periods;
    this.log = log;
    this.name = name;
  }

  /**
   * Decomposition with the fit period, no transform.
   *
   * @param inner non-seasonal method for the adjusted series (fitted with period 1)
   * @return the forecaster
   */
  public static MstlForecaster of(Forecaster inner) {
    return new MstlForecaster(inner, new int[0], false, "mstl-" + inner.name());
  }

  /**
   * Uses these seasonal periods (e.g. 24 and 168 for hourly data with daily and weekly cycles).
   *
   * @param periods periods, each {@code >= 2}
   * @return a copy with the periods
   */
  public MstlForecaster withPeriods(int... periods) {
    int[] p = periods.clone();
    for (int v : p) {
      if (v < 2) {
        throw new IllegalArgumentException("MSTL period must be >= 2, got " + v);
      }
    }
    Arrays.sort(p);
    return new MstlForecaster(inner, p, log, name);
  }

  /**
   * Decomposes the log of the series when all values are positive (non-positive series are used
   * untransformed).
   *
   * @param log whether to log-transform positive series
   * @return a copy with the setting
   */
  public MstlForecaster withLog(boolean log) {
    return new MstlForecaster(inner, periods, log, name);
  }

  /**
   * Renames the method (for evaluation output).
   *
   * @param name the new name
   * @return a copy with the name
   */
  public MstlForecaster named(String name) {
    return new MstlForecaster(inner, periods, log, name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ForecastModel fit(double[] y, int period) {
    Checks.series(y, period, 3, name);
    int n = y.length;
    int[] cand = periods.length > 0 ? periods : new int[] {period};
    int[] use = Arrays.stream(cand).filter(p -> p >= 2 && n >= 2 * p).sorted().toArray();
    boolean useLog = log && Checks.allPositive(y);
    double[] x = y.clone();
    if (useLog) {
      for (int i = 0; i < n; i++) {
        x[i] = Math.log(x[i]);
      }
    }
    double[][] lastCycles = new double[use.length][];
    double[] adj = x;
    if (use.length > 0) {
      Stl.Multi d = Stl.mstl(x, use);
      adj = x.clone();
      for (int i = 0; i < use.length; i++) {
        double[] s = d.seasonals()[i];
        for (int t = 0; t < n; t++) {
          adj[t] -= s[t];
        }
        lastCycles[i] = Arrays.copyOfRange(s, n - use[i], n);
      }
    }
    ForecastModel m = inner.fit(adj, 1);
    return new Model(m, use, lastCycles, new int[use.length], useLog, n, period);
  }

  private static final class Model implements ForecastModel {
    private final ForecastModel inner;
    private final int[] periods;
    private final double[][] cycles; // cycles[i][(start[i] + j) % p] = seasonal for step j+1
    private final int[] start;
    private final boolean log;
    private final long n;
    private final int period;

    Model(
        ForecastModel inner,
        int[] periods,
        double[][] cycles,
        int[] start,
        boolean log,
        long n,
        int period) {
      this.inner = inner;
      this.periods = periods;
      this.cycles = cycles;
      this.start = start;
      this.log = log;
      this.n = n;
      this.period = period;
    }

    private double seasonal(int step) {
      double s = 0;
      for (int i = 0; i < periods.length; i++) {
        s += cycles[i][(start[i] + step) % periods[i]];
      }
      return s;
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
      Forecast f = inner.forecast(horizon, levels);
      double[] mean = new double[horizon];
      double[][] lo = new double[levels.length][horizon];
      double[][] up = new double[levels.length][horizon];
      for (int i = 0; i < horizon; i++) {
        double s = seasonal(i);
        mean[i] = back(f.mean(i) + s);
        for (int k = 0; k < levels.length; k++) {
          lo[k][i] = back(f.lower(k, i) + s);
          up[k][i] = back(f.upper(k, i) + s);
        }
      }
      return Forecast.wrap(mean, levels.clone(), lo, up);
    }

    private double back(double v) {
      return log ? Math.exp(v) : v;
    }

    @Override
    public ForecastModel update(double y) {
      Checks.updateValue(y);
      double v = y;
      if (log && !Double.isNaN(y)) {
        if (!(y > 0)) {
          throw new io.aura.features.InvalidDataException(
              "MSTL model fitted on the log scale needs positive observations, got " + y);
        }
        v = Math.log(y);
      }
      double s = seasonal(0);
      int[] ns = new int[start.length];
      for (int i = 0; i < start.length; i++) {
        ns[i] = (start[i] + 1) % periods[i];
      }
      // The seasonal cycles repeat unchanged (seasonal naive), so only the start moves.
      return new Model(inner.update(v - s), periods, cycles, ns, log, n + 1, period);
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
      return "MSTL" + Arrays.toString(periods) + (log ? " log" : "") + " + " + inner.description();
    }
  }
}
