package io.aura.rightsizing;

import io.aura.features.InvalidDataException;
import io.aura.forecast.EtsForecaster;
import io.aura.forecast.Forecaster;
import io.aura.forecast.MstlForecaster;
import io.aura.forecast.NaiveForecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The forecast-aware recommender: forecasts the hourly peak series (a high within-hour quantile
 * of CPU, the maximum of memory) with an aura-forecast {@link Forecaster}, and scales the
 * forecast by a per-container margin calibrated on the container's own rolling-origin backtests
 * (Tashman 2000; one-day folds) so that a violation budget holds: split-conformal ({@link
 * SplitConformal}) on the residuals {@code usage - forecast} of 5-minute windows for CPU and
 * {@code day's peak - forecast peak of the day} for memory. The margin is additive, in cores or
 * bytes (ratios were tried first: they explode where the forecast approaches zero). A forecast
 * above {@code 10 ×} the largest peak of its fit window, or not finite, is implausible: that day
 * falls back to VPA.
 *
 * <p>Output: CPU as an hourly schedule for in-place resize (rise at once, fall at most {@code
 * fallPerHour} per hour, rounded up to {@code cpuQuantum}) or a static request; memory as a
 * static request = limit valid for the horizon ({@link LimitPolicy#FORECAST_PEAK}). Guards: never
 * below VPA's lower bound, never below the working set since the last restart × 1.1, VPA's OOM
 * bump after a recent OOM. Fallback to VPA's target with {@link Confidence#LOW} when the history
 * is shorter than {@code minHistoryDays + 1} days or the backtests cannot certify the budget
 * (too few scores for the conformal quantile).
 *
 * <p>Immutable and thread-safe (the forecaster must be immutable, as all Aura forecasters are).
 * Cost of {@link #recommend}: {@code calibrationDays + 1} forecaster fits on at most {@code
 * fitDays × 24} hourly values plus O(n log n) for the scores; allocation O(n).
 */
public final class ForecastRecommender {
  /** How the CPU allocation varies over the horizon. */
  public enum Shape {
    /** One value for the whole horizon. */
    STATIC,
    /** One value per hour (in-place resize). */
    HOURLY_SCHEDULE
  }

  private static final double MIB = 1024.0 * 1024;

  private final Forecaster forecaster;
  private final int fitDays;
  private final int calibrationDays;
  private final int minHistoryDays;
  private final double cpuBudget;
  private final double memoryBudget;
  private final double cpuPeakQuantile;
  private final double fallPerHour;
  private final double cpuQuantum;
  private final double memoryQuantum;
  private final double workingSetGuard;
  private final Shape cpuShape;
  private final double maxRatioForHighConfidence;
  private final VpaSettings vpaSettings;

  private ForecastRecommender(Builder b) {
    forecaster = b.forecaster;
    fitDays = b.fitDays;
    calibrationDays = b.calibrationDays;
    minHistoryDays = b.minHistoryDays;
    cpuBudget = b.cpuBudget;
    memoryBudget = b.memoryBudget;
    cpuPeakQuantile = b.cpuPeakQuantile;
    fallPerHour = b.fallPerHour;
    cpuQuantum = b.cpuQuantum;
    memoryQuantum = b.memoryQuantum;
    workingSetGuard = b.workingSetGuard;
    cpuShape = b.cpuShape;
    maxRatioForHighConfidence = b.maxRatioForHighConfidence;
    vpaSettings = b.vpaSettings;
  }

  /**
   * A builder with the defaults (see {@link Builder}).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * MSTL (periods 24 and 168) on the log scale with non-seasonal ETS, without MSTL's own interval
   * calibration (the margin is calibrated here): the smoother candidate to the default seasonal
   * naive forecaster (docs/rightsizing.md compares them).
   *
   * @return the forecaster
   */
  public static Forecaster mstlForecaster() {
    return MstlForecaster.of(EtsForecaster.autoNonSeasonal())
        .withPeriods(24, 168)
        .withLog(true)
        .withCalibration(0, 0)
        .named("mstl-log-ets");
  }

  /**
   * The violation budget of a resource.
   *
   * @param r the resource
   * @return fraction of 5-minute windows (CPU) or of days (memory)
   */
  public double budget(Resource r) {
    return r == Resource.CPU ? cpuBudget : memoryBudget;
  }

  /**
   * The within-hour quantile of the CPU peak series.
   *
   * @return the quantile
   */
  public double cpuPeakQuantile() {
    return cpuPeakQuantile;
  }

  /**
   * The CPU allocation's shape.
   *
   * @return the shape
   */
  public Shape cpuShape() {
    return cpuShape;
  }

  /**
   * Days of history the forecaster is fitted on.
   *
   * @return days
   */
  public int fitDays() {
    return fitDays;
  }

  /**
   * Days of one-day backtest folds used for calibration.
   *
   * @return days
   */
  public int calibrationDays() {
    return calibrationDays;
  }

  /**
   * Days of history needed before a fold or a recommendation is made.
   *
   * @return days
   */
  public int minHistoryDays() {
    return minHistoryDays;
  }

  /**
   * Forecasts the peaks of the next {@code hours} hours from the last {@code fitDays} days of
   * hourly peaks, floored at 0.
   *
   * @param hourlyPeaks hourly peaks, oldest first, gap-free ({@link HourlyPeaks})
   * @param hours hours ahead, {@code >= 1}
   * @return the forecast, or null when it is implausible (not finite, or above 10 × the largest
   *     peak of the fit window)
   */
  public double[] forecastPeaks(double[] hourlyPeaks, int hours) {
    int from = Math.max(0, hourlyPeaks.length - fitDays * 24);
    double[] y = Arrays.copyOfRange(hourlyPeaks, from, hourlyPeaks.length);
    double max = 0;
    for (double v : y) {
      max = Math.max(max, v);
    }
    double[] f = forecaster.fit(y, 24).forecast(hours).mean();
    for (int i = 0; i < f.length; i++) {
      if (!Double.isFinite(f[i]) || f[i] > 10 * max) {
        return null;
      }
      f[i] = Math.max(f[i], 0);
    }
    return f;
  }

  /**
   * Calibration scores of one period: CPU one per 5-minute window ({@code usage - forecast} of its
   * hour, or of the period's largest forecast for a static shape), memory one per day ({@code the
   * day's peak - the forecast's peak}); NaN where the usage is missing.
   *
   * @param r the resource
   * @param forecast the forecast made at the period's start, one value per hour
   * @param samples the usage in the period, {@code forecast.length × perHour} values
   * @param perHour samples per hour
   * @return the scores
   */
  public double[] scores(Resource r, double[] forecast, double[] samples, int perHour) {
    if (samples.length != forecast.length * perHour) {
      throw new InvalidDataException(
          "scores: " + samples.length + " samples for " + forecast.length + " hours of "
              + perHour);
    }
    if (r == Resource.CPU) {
      double[] s = new double[samples.length];
      double peak = max(forecast);
      for (int i = 0; i < s.length; i++) {
        double d = cpuShape == Shape.HOURLY_SCHEDULE ? forecast[i / perHour] : peak;
        s[i] = samples[i] - d;
      }
      return s;
    }
    int days = (forecast.length + 23) / 24;
    double[] s = new double[days];
    for (int d = 0; d < days; d++) {
      int h0 = d * 24;
      int h1 = Math.min(forecast.length, h0 + 24);
      double fPeak = max(Arrays.copyOfRange(forecast, h0, h1));
      double uPeak = Double.NaN;
      for (int i = h0 * perHour; i < h1 * perHour; i++) {
        if (!Double.isNaN(samples[i])) {
          uPeak = Double.isNaN(uPeak) ? samples[i] : Math.max(uPeak, samples[i]);
        }
      }
      s[d] = uPeak - fPeak;
    }
    return s;
  }

  /**
   * The allocation over a forecast: {@code (forecast + margin) × scale} per hour (CPU schedule)
   * or {@code (its peak + margin) × scale} (static), at least {@code floor}, falling at most
   * {@code fallPerHour} per hour from {@code previous} and the hour before, rounded up to the
   * quantum. {@code scale} is 1 for the recommendation; evaluations sweep it.
   *
   * @param r the resource
   * @param forecast the forecast, one value per hour
   * @param margin the calibrated additive margin
   * @param scale the multiplier of the whole allocation (1 by default)
   * @param floor the guard floor
   * @param previous the allocation in force before the first hour (NaN when none)
   * @return one allocation per hour
   */
  public double[] allocation(Resource r, double[] forecast, double margin, double scale,
      double floor, double previous) {
    double[] a = new double[forecast.length];
    double peak = (max(forecast) + margin) * scale;
    boolean hourly = r == Resource.CPU && cpuShape == Shape.HOURLY_SCHEDULE;
    double q = r == Resource.CPU ? cpuQuantum : memoryQuantum;
    double prev = previous;
    for (int h = 0; h < a.length; h++) {
      double t = Math.max(hourly ? (forecast[h] + margin) * scale : peak, floor);
      if (hourly && !Double.isNaN(prev)) {
        t = Math.max(t, prev * (1 - fallPerHour));
      }
      t = Math.ceil(t / q - 1e-9) * q;
      a[h] = t;
      prev = t;
    }
    return a;
  }

  /**
   * The floor of the guards for a resource.
   *
   * @param r the resource
   * @param g the guards
   * @return the floor
   */
  public double floor(Resource r, Guards g) {
    double f = g.vpa().lower(r);
    if (r == Resource.MEMORY) {
      if (!Double.isNaN(g.workingSetSinceRestart())) {
        f = Math.max(f, g.workingSetSinceRestart() * workingSetGuard);
      }
      if (!Double.isNaN(g.oomRequestBytes())) {
        double used = g.oomRequestBytes();
        f = Math.max(
            f, Math.max(used + vpaSettings.oomMinBumpBytes, used * vpaSettings.oomBumpRatio));
      }
    }
    return f;
  }

  /**
   * A recommendation for the next {@code horizonHours} from a container's history, with its own
   * rolling-origin backtests (the last {@code calibrationDays} days, one fold per day).
   *
   * @param container name
   * @param r resource
   * @param samples usage, oldest first, whole hours of {@code perHour} samples; NaN = missing
   * @param perHour samples per hour
   * @param horizonHours hours ahead (168 for a week)
   * @param g the guards
   * @return the recommendation
   */
  public Recommendation recommend(
      String container, Resource r, double[] samples, int perHour, int horizonHours, Guards g) {
    Objects.requireNonNull(g, "guards");
    for (int i = 0; i < samples.length; i++) {
      if (samples[i] < 0 || Double.isInfinite(samples[i])) {
        throw new InvalidDataException(
            container + ": " + r + " sample " + i + " must be finite and >= 0, got " + samples[i]);
      }
      if (r == Resource.MEMORY && samples[i] == 0) {
        throw new InvalidDataException(
            container + ": memory sample " + i + " is 0 (missing data: pass NaN)");
      }
    }
    HourlyPeaks hp =
        HourlyPeaks.of(samples, perHour, r == Resource.CPU ? cpuPeakQuantile : 1.0);
    double[] peaks = hp.values();
    int days = peaks.length / 24;
    double floor = floor(r, g);
    if (days < minHistoryDays + 1) {
      return fallback(container, r, g, floor,
          "history " + days + " d < " + (minHistoryDays + 1) + " d needed");
    }
    int folds = Math.min(calibrationDays, days - minHistoryDays);
    List<double[]> all = new ArrayList<>();
    int n = 0;
    for (int k = folds; k >= 1; k--) {
      int origin = peaks.length - k * 24;
      double[] f = forecastPeaks(Arrays.copyOf(peaks, origin), 24);
      if (f == null) {
        continue; // an implausible forecast is no fold: that day would have fallen back
      }
      double[] s =
          scores(r, f, Arrays.copyOfRange(samples, origin * perHour, (origin + 24) * perHour),
              perHour);
      all.add(s);
      n += s.length;
    }
    double[] scores = new double[n];
    int at = 0;
    for (double[] s : all) {
      System.arraycopy(s, 0, scores, at, s.length);
      at += s.length;
    }
    double budget = budget(r);
    double ratio = SplitConformal.upper(scores, budget);
    if (Double.isNaN(ratio)) {
      return fallback(container, r, g, floor, String.format(Locale.ROOT,
          "backtests (%d one-day folds) cannot certify a %.4g budget", folds, budget));
    }
    double[] f = forecastPeaks(peaks, horizonHours);
    if (f == null) {
      return fallback(container, r, g, floor, "implausible forecast of the peaks");
    }
    double[] a = allocation(r, f, ratio, 1.0, floor, g.previousAllocation());
    double rate = SplitConformal.exceedance(scores, ratio);
    List<String> reasons = new ArrayList<>();
    if (folds < calibrationDays) {
      reasons.add("only " + folds + " of " + calibrationDays + " backtest days");
    }
    if (hp.filled() > peaks.length / 20) {
      reasons.add(hp.filled() + " of " + peaks.length + " hours without data (filled)");
    }
    double fmax = max(f);
    if (fmax > 0 && (fmax + ratio) / fmax > maxRatioForHighConfidence) {
      reasons.add(String.format(Locale.ROOT, "wide margin: %.4g on a peak forecast of %.4g", ratio,
          fmax));
    }
    if (!Double.isNaN(g.oomRequestBytes()) && r == Resource.MEMORY) {
      reasons.add("recent OOM kill: OOM bump applied");
    }
    reasons.add(String.format(Locale.ROOT,
        "backtest violation rate %.4f over %d one-day folds (budget %.4g)", rate, folds, budget));
    Confidence c = reasons.size() == 1 ? Confidence.HIGH
        : reasons.size() == 2 ? Confidence.MEDIUM : Confidence.LOW;
    String prov = describe();
    if (r == Resource.CPU) {
      boolean hourly = cpuShape == Shape.HOURLY_SCHEDULE;
      return new Recommendation(container, r, hourly ? a[0] : max(a), Double.NaN,
          LimitPolicy.NONE, floor, g.vpa().upper(r), rate, c, reasons,
          hourly ? a : new double[0], prov);
    }
    double m = max(a);
    return new Recommendation(container, r, m, m, LimitPolicy.FORECAST_PEAK, floor,
        g.vpa().upper(r), rate, c, reasons, new double[0], prov);
  }

  private Recommendation fallback(
      String container, Resource r, Guards g, double floor, String why) {
    double t = Math.max(g.vpa().target(r), floor);
    return new Recommendation(container, r, t, Double.NaN, LimitPolicy.PROPORTIONAL_TO_REQUEST,
        g.vpa().lower(r), g.vpa().upper(r), Double.NaN, Confidence.LOW,
        List.of("fallback to VPA: " + why), new double[0], "fallback " + vpaSettings.describe());
  }

  /**
   * Describes the settings (for provenance).
   *
   * @return the description
   */
  public String describe() {
    return String.format(Locale.ROOT,
        "forecast(%s, fit=%dd, calibration=%dd, cpu-budget=%.4g, memory-budget=%.4g, "
            + "cpu-peak-q=%.3g, cpu-shape=%s, fall/h=%.3g)",
        forecaster.name(), fitDays, calibrationDays, cpuBudget, memoryBudget, cpuPeakQuantile,
        cpuShape, fallPerHour);
  }

  private static double max(double[] x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      m = Math.max(m, v);
    }
    return m;
  }

  /**
   * Builder of {@link ForecastRecommender}; not thread-safe. Defaults, chosen on the Bitbrains July
   * replay (docs/rightsizing.md): seasonal naive at the lag with the smallest recent error ({@link
   * NaiveForecaster#seasonalNaiveSelectedLag()}), the CPU series = the within-hour 0.25 quantile
   * (the conformal margin covers the rest), an hourly schedule falling at most 50 % an hour; fitted
   * on 28 days, calibrated on 20 one-day folds after at least 7
   * days; budgets 1 % of 5-minute windows (CPU) and 5 % of days (memory: with 20 folds 5 % is the
   * smallest budget the conformal quantile certifies, with the largest of the 20 day scores); CPU
   * quantum 0.01 core; memory quantum 16 MiB; working-set
   * guard 1.1; high confidence needs a margin ratio at most 2.
   */
  public static final class Builder {
    private Forecaster forecaster = NaiveForecaster.seasonalNaiveSelectedLag();
    private int fitDays = 28;
    private int calibrationDays = 20;
    private int minHistoryDays = 7;
    private double cpuBudget = 0.01;
    private double memoryBudget = 0.05;
    private double cpuPeakQuantile = 0.25;
    private double fallPerHour = 0.5;
    private double cpuQuantum = 0.01;
    private double memoryQuantum = 16 * MIB;
    private double workingSetGuard = 1.1;
    private Shape cpuShape = Shape.HOURLY_SCHEDULE;
    private double maxRatioForHighConfidence = 2.0;
    private VpaSettings vpaSettings = VpaSettings.defaults();

    private Builder() {}

    /**
     * The forecaster of the hourly peaks.
     *
     * @param f the forecaster
     * @return this
     */
    public Builder forecaster(Forecaster f) {
      forecaster = Objects.requireNonNull(f, "forecaster");
      return this;
    }

    /**
     * History lengths.
     *
     * @param fit days the forecaster is fitted on, {@code >= 2}
     * @param calibration one-day backtest folds, {@code >= 1}
     * @param minHistory days of history before the first fold, {@code >= 2}
     * @return this
     */
    public Builder days(int fit, int calibration, int minHistory) {
      if (fit < 2 || calibration < 1 || minHistory < 2) {
        throw new IllegalArgumentException("days: fit >= 2, calibration >= 1, min history >= 2");
      }
      fitDays = fit;
      calibrationDays = calibration;
      minHistoryDays = minHistory;
      return this;
    }

    /**
     * Violation budgets.
     *
     * @param cpu fraction of 5-minute windows above the CPU allocation, in (0, 1)
     * @param memory fraction of days whose peak exceeds the memory limit, in (0, 1)
     * @return this
     */
    public Builder budgets(double cpu, double memory) {
      if (!(cpu > 0 && cpu < 1) || !(memory > 0 && memory < 1)) {
        throw new IllegalArgumentException("budgets must be in (0, 1): " + cpu + ", " + memory);
      }
      cpuBudget = cpu;
      memoryBudget = memory;
      return this;
    }

    /**
     * The within-hour quantile of the CPU peak series.
     *
     * @param q in (0, 1]
     * @return this
     */
    public Builder cpuPeakQuantile(double q) {
      if (!(q > 0 && q <= 1)) {
        throw new IllegalArgumentException("cpu peak quantile must be in (0, 1], got " + q);
      }
      cpuPeakQuantile = q;
      return this;
    }

    /**
     * The CPU allocation's shape and how fast an hourly schedule may fall.
     *
     * @param shape the shape
     * @param fallPerHour largest relative decrease per hour, in [0, 1]
     * @return this
     */
    public Builder cpuShape(Shape shape, double fallPerHour) {
      if (!(fallPerHour >= 0 && fallPerHour <= 1)) {
        throw new IllegalArgumentException("fall per hour must be in [0, 1], got " + fallPerHour);
      }
      cpuShape = Objects.requireNonNull(shape, "shape");
      this.fallPerHour = fallPerHour;
      return this;
    }

    /**
     * Rounding quanta (allocations are rounded up).
     *
     * @param cpuCores CPU quantum, {@code > 0}
     * @param memoryBytes memory quantum, {@code > 0}
     * @return this
     */
    public Builder quanta(double cpuCores, double memoryBytes) {
      if (!(cpuCores > 0) || !(memoryBytes > 0)) {
        throw new IllegalArgumentException("quanta must be > 0");
      }
      cpuQuantum = cpuCores;
      memoryQuantum = memoryBytes;
      return this;
    }

    /**
     * The working-set guard factor (memory never below the working set since restart × it).
     *
     * @param factor {@code >= 1}
     * @return this
     */
    public Builder workingSetGuard(double factor) {
      if (!(factor >= 1)) {
        throw new IllegalArgumentException("working-set guard must be >= 1, got " + factor);
      }
      workingSetGuard = factor;
      return this;
    }

    /**
     * The largest (peak forecast + margin) / peak forecast that still allows high confidence.
     *
     * @param ratio {@code >= 1}
     * @return this
     */
    public Builder maxRatioForHighConfidence(double ratio) {
      if (!(ratio >= 1)) {
        throw new IllegalArgumentException("ratio must be >= 1, got " + ratio);
      }
      maxRatioForHighConfidence = ratio;
      return this;
    }

    /**
     * The VPA settings of the OOM bump and the fallback's provenance.
     *
     * @param s the settings
     * @return this
     */
    public Builder vpaSettings(VpaSettings s) {
      vpaSettings = Objects.requireNonNull(s, "vpa settings");
      return this;
    }

    /**
     * Builds the recommender.
     *
     * @return the recommender
     */
    public ForecastRecommender build() {
      return new ForecastRecommender(this);
    }
  }
}
