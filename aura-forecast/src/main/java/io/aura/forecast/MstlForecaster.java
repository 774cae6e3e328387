package io.aura.forecast;

import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Forecasting through a multi-seasonal decomposition: MSTL splits the series into seasonal
 * components (one per period) plus trend-and-remainder; each seasonal component is forecast by
 * repeating its last cycle (seasonal naive), and the seasonally adjusted series by a non-seasonal
 * method; the forecasts are added. This is R {@code forecast::stlf}/{@code mstl} + forecast
 * (Hyndman &amp; Athanasopoulos, FPP3 section 12.1; Bandara, Hyndman &amp; Bergmeir 2021 for MSTL).
 * Optional log transform (Box-Cox lambda 0) for positive series makes seasonality multiplicative;
 * forecasts and interval bounds are transformed back (the point forecast is then a median).
 *
 * <p>Periods: those given by {@link #withPeriods}, else the period passed to {@code fit}; a period
 * {@code p} is used only when {@code n >= 2p} (as R's {@code mstl}), and with none left the inner
 * method runs on the raw series.
 *
 * <p>Intervals. The inner method's intervals shifted by the seasonal forecast treat the seasonal
 * components as known and the adjusted series' noise as all the noise; both are wrong when there
 * are few cycles (a weekly component estimated from four weeks absorbs much of the noise and is
 * itself noisy), and they under-cover badly: on generated hourly series with daily and weekly
 * cycles and unit Gaussian noise (four weeks, h = 48), 80% intervals covered 0.42 and 95% intervals
 * 0.60 ({@code MstlCoverageTest}). They are therefore calibrated empirically, as in the empirical
 * prediction intervals of Williams &amp; Goodman (1971) and Lee &amp; Scholtes (2014): at {@code
 * folds} origins inside the training data ({@code n - H}, {@code n - H - H/folds}, ..., each prefix
 * long enough for every period used) the uncalibrated method is refitted and its errors over the
 * next {@code H} steps are standardised by its own standard deviation (95% half-width / 1.96, on
 * the transformed scale). At forecast time each level's half-widths (both sides, on the transformed
 * scale) are multiplied by {@code max(1, q_level(|z|) / z_level)}, the empirical quantile of those
 * |z| over the Gaussian one. Default: 3 folds, {@code H} twice the smallest period used; {@link
 * #withCalibration} changes or disables it. Same generated series afterwards: 0.83 and 0.95
 * (MSTL-log-Theta: 0.84 and 0.96). With no origin available (too short) the intervals stay
 * uncalibrated. Point forecasts are never changed by calibration.
 *
 * <p>Thread safety: immutable. Complexity: MSTL O(n &Sigma;(n_s + n_l + n_t)) plus the inner fit,
 * times {@code 1 + folds} with calibration; forecast adds O(levels) quantile look-ups; update
 * O(&Sigma; p) plus the inner update (the calibration is kept).
 */
public final class MstlForecaster implements Forecaster {
  private final Forecaster inner;
  private final int[] periods; // empty: use fit's period
  private final boolean log;
  private final String name;
  private final int calFolds;
  private final int calHorizon; // 0: twice the smallest period used

  private MstlForecaster(
      Forecaster inner, int[] periods, boolean log, String name, int calFolds, int calHorizon) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.periods = periods;
    this.log = log;
    this.name = name;
    this.calFolds = calFolds;
    this.calHorizon = calHorizon;
  }

  /**
   * Decomposition with the fit period, no transform.
   *
   * @param inner non-seasonal method for the adjusted series (fitted with period 1)
   * @return the forecaster
   */
  public static MstlForecaster of(Forecaster inner) {
    return new MstlForecaster(inner, new int[0], false, "mstl-" + inner.name(), 3, 0);
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
    return new MstlForecaster(inner, p, log, name, calFolds, calHorizon);
  }

  /**
   * Decomposes the log of the series when all values are positive (non-positive series are used
   * untransformed).
   *
   * @param log whether to log-transform positive series
   * @return a copy with the setting
   */
  public MstlForecaster withLog(boolean log) {
    return new MstlForecaster(inner, periods, log, name, calFolds, calHorizon);
  }

  /**
   * Sets the interval calibration (see the class comment): {@code folds} rolling origins inside the
   * training data, the last {@code horizon} steps before the end and the others {@code horizon /
   * folds} steps apart, each scored over {@code horizon} steps; {@code horizon = 0} means twice the
   * smallest period used; {@code folds = 0} turns calibration off (the inner method's intervals,
   * shifted, as before: they under-cover).
   *
   * @param folds number of calibration origins, {@code >= 0}
   * @param horizon steps per origin, {@code >= 0}
   * @return a copy with the setting
   */
  public MstlForecaster withCalibration(int folds, int horizon) {
    if (folds < 0 || horizon < 0) {
      throw new IllegalArgumentException(
          "calibration folds and horizon must be >= 0, got " + folds + ", " + horizon);
    }
    return new MstlForecaster(inner, periods, log, name, folds, horizon);
  }

  /**
   * Renames the method (for evaluation output).
   *
   * @param name the new name
   * @return a copy with the name
   */
  public MstlForecaster named(String name) {
    return new MstlForecaster(inner, periods, log, name, calFolds, calHorizon);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ForecastModel fit(double[] y, int period) {
    Checks.series(y, period, 3, name);
    int n = y.length;
    int[] use = usable(n, period);
    boolean useLog = log && Checks.allPositive(y);
    Model m = fitModel(y, period, use, useLog);
    if (calFolds == 0 || use.length == 0) {
      return m;
    }
    return m.withCalibration(calibrate(y, period, use, useLog));
  }

  private int[] usable(int n, int period) {
    int[] cand = periods.length > 0 ? periods : new int[] {period};
    return Arrays.stream(cand).filter(p -> p >= 2 && n >= 2 * p).sorted().toArray();
  }

  /**
   * Calibration errors from rolling origins inside the training data: for origins {@code n - H - k
   * stride} ({@code k = 0..folds-1}, {@code stride = max(1, H / folds)}) whose prefix still
   * supports every period used, the uncalibrated model is refitted on the prefix and its errors
   * over the next H values are divided by its own standard deviation (95% half-width / 1.96,
   * transformed scale). Returns the sorted absolute ratios (empty when no origin qualifies). A
   * prefix on which the inner method rejects the data ({@link InvalidDataException}) contributes no
   * errors; the other origins still count.
   */
  private double[] calibrate(double[] y, int period, int[] use, boolean useLog) {
    int n = y.length;
    int h = calHorizon > 0 ? calHorizon : 2 * use[0];
    double z95 = 1.959963984540054;
    double[] z = new double[calFolds * h];
    int cnt = 0;
    int stride = Math.max(1, h / calFolds);
    for (int k = 0; k < calFolds; k++) {
      int origin = n - h - k * stride;
      if (origin < 2 * use[use.length - 1] || origin < 3) {
        break;
      }
      double[] prefix = Arrays.copyOf(y, origin);
      Model m;
      try {
        m = fitModel(prefix, period, use, useLog);
      } catch (InvalidDataException e) {
        continue;
      }
      double[][] f = m.transformed(h, 0.95);
      for (int j = 0; j < h; j++) {
        double sd = (f[2][j] - f[1][j]) / (2 * z95);
        double actual = useLog ? Math.log(y[origin + j]) : y[origin + j];
        if (sd > 0 && Double.isFinite(sd)) {
          z[cnt++] = Math.abs(actual - f[0][j]) / sd;
        }
      }
    }
    double[] out = Arrays.copyOf(z, cnt);
    Arrays.sort(out);
    return out;
  }

  private Model fitModel(double[] y, int period, int[] use, boolean useLog) {
    int n = y.length;
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
    return new Model(m, use, lastCycles, new int[use.length], useLog, n, period, new double[0]);
  }

  private static final org.apache.commons.math3.distribution.NormalDistribution GAUSS =
      new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1);

  private static final class Model implements ForecastModel {
    private final ForecastModel inner;
    private final int[] periods;
    private final double[][] cycles; // cycles[i][(start[i] + j) % p] = seasonal for step j+1
    private final int[] start;
    private final boolean log;
    private final long n;
    private final int period;
    private final double[] absZ; // sorted |standardised| calibration errors; empty: none

    Model(
        ForecastModel inner,
        int[] periods,
        double[][] cycles,
        int[] start,
        boolean log,
        long n,
        int period,
        double[] absZ) {
      this.inner = inner;
      this.periods = periods;
      this.cycles = cycles;
      this.start = start;
      this.log = log;
      this.n = n;
      this.period = period;
      this.absZ = absZ;
    }

    Model withCalibration(double[] z) {
      return new Model(inner, periods, cycles, start, log, n, period, z);
    }

    /** Half-width multiplier for a level: empirical |z| quantile over the Gaussian one, >= 1. */
    double scale(double level) {
      if (absZ.length == 0) {
        return 1.0;
      }
      double pos = level * (absZ.length - 1);
      int i = (int) Math.floor(pos);
      double q = i + 1 < absZ.length ? absZ[i] + (pos - i) * (absZ[i + 1] - absZ[i]) : absZ[i];
      double zg = GAUSS.inverseCumulativeProbability(0.5 + level / 2);
      return Math.max(1.0, q / zg);
    }

    /** Mean, lower, upper on the transformed scale, uncalibrated, at one level. */
    double[][] transformed(int horizon, double level) {
      Forecast f = inner.forecast(horizon, level);
      double[][] out = new double[3][horizon];
      for (int i = 0; i < horizon; i++) {
        double s = seasonal(i);
        out[0][i] = f.mean(i) + s;
        out[1][i] = f.lower(0, i) + s;
        out[2][i] = f.upper(0, i) + s;
      }
      return out;
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
      double[] sc = new double[levels.length];
      for (int k = 0; k < levels.length; k++) {
        sc[k] = scale(levels[k]);
      }
      double[] mean = new double[horizon];
      double[][] lo = new double[levels.length][horizon];
      double[][] up = new double[levels.length][horizon];
      for (int i = 0; i < horizon; i++) {
        double s = seasonal(i);
        double mu = f.mean(i);
        mean[i] = back(mu + s);
        for (int k = 0; k < levels.length; k++) {
          lo[k][i] = back(mu - sc[k] * (mu - f.lower(k, i)) + s);
          up[k][i] = back(mu + sc[k] * (f.upper(k, i) - mu) + s);
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
          throw new InvalidDataException(
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
      return new Model(inner.update(v - s), periods, cycles, ns, log, n + 1, period, absZ);
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
      return "MSTL"
          + Arrays.toString(periods)
          + (log ? " log" : "")
          + " + "
          + inner.description()
          + (absZ.length > 0
              ? String.format(java.util.Locale.ROOT, ", 95%% intervals x%.3f", scale(0.95))
              : "");
    }
  }
}
