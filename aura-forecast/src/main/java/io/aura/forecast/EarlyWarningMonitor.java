package io.aura.forecast;

import io.aura.features.InvalidDataException;
import io.aura.features.Quantiles;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches many series (one per pod and resource) and emits {@link Warning}s before a resource runs
 * out: a disk reaching 90 % usage, a container's working set reaching its memory limit (an OOM
 * kill), CPU usage reaching its limit (throttling).
 *
 * <pre>{@code
 * EarlyWarningMonitor monitor = EarlyWarningMonitor.builder()
 *     .step(Duration.ofMinutes(1)).horizon(Duration.ofHours(6)).build();
 * monitor.register("shop/web-1", EarlyWarningMonitor.MetricKind.MEMORY_OVER_LIMIT);
 * for (each scrape) {
 *   for (EarlyWarningMonitor.Warning w : monitor.observe("shop/web-1", tMillis, workingSet / limit)) {
 *     alert(w.message());
 *   }
 * }
 * }</pre>
 *
 * <p><b>Two kinds of signal.</b>
 *
 * <ol>
 *   <li><b>Forecast</b> ({@link Source#FORECAST}). Each series keeps the last {@code fitWindow} of
 *       gap-free samples. Once {@code minFit} samples have arrived the configured {@link
 *       Forecaster} (default Holt's linear method, ETS(A,A,N)) is fitted on them; after that each
 *       new sample is absorbed by {@link ForecastModel#update} (one state step) and the model is
 *       refitted every {@code refitEvery}. At every sample {@link TimeToThreshold} searches the
 *       forecast over the horizon; a warning is emitted when the point forecast crosses the
 *       threshold within the horizon and the crossing probability (the lower bound of {@link
 *       TimeToThreshold.Result#probability()}) is at least {@code minProbability}. Its {@link
 *       Warning#confidence()} is that probability.
 *   <li><b>Precursor rules</b>, cheap first-line detectors that usually fire before the forecast
 *       does because they need no model: {@link Source#STEADY_GROWTH} (memory and disk) fits a
 *       robust line (Theil–Sen: the median of pairwise slopes, Sen 1968; intercept the median of
 *       residuals) to the last {@code slopeWindow} of samples; when the slope is positive, the line
 *       explains at least {@code minR2} of the variance (R² of the robust line) and its
 *       extrapolation reaches the threshold within the horizon, it warns, with the R² as the
 *       confidence. {@link Source#CPU_RISE} (CPU only) warns when the Theil–Sen slope over {@code
 *       cpuRiseWindow} is at least {@code cpuRisePerHour} (fraction of the limit per hour) and the
 *       current usage is at least {@code cpuRiseFloor} of the limit.
 * </ol>
 *
 * <p><b>Repeats and gaps.</b> After a warning, the same series and source stays silent for {@code
 * cooldown}. A missing sample (NaN) or a gap longer than 1.5 steps ends the series' current
 * stretch: the model and the window are dropped (a restart, an OOM kill or an eviction starts a new
 * regime; {@link Forecaster#fit} needs gap-free data) and the cooldowns are cleared. Values are
 * assumed equally spaced at {@code step}; the timestamps are used to detect gaps and to date the
 * warnings, not to resample.
 *
 * <p><b>Thread safety.</b> Registration and observation may be called from any thread; each series
 * has its own lock, so different series can be observed concurrently, and samples of one series are
 * processed one at a time (they must arrive in time order). <b>Allocation.</b> A series holds
 * {@code O(fitWindow + slopeWindow²)} doubles, allocated at registration. {@code observe} allocates
 * the updated model, the forecast of the horizon (O(h)) and its crossing result per sample, a copy
 * of the window per refit, and one object per emitted warning; it returns an immutable empty list
 * (no allocation) when nothing fires. <b>Complexity</b> per sample: one model update, one forecast
 * of h steps, and O(k²) expected for the Theil–Sen slope over k = slopeWindow samples
 * (quickselect); a refit costs what the forecaster's {@code fit} costs.
 */
public final class EarlyWarningMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyWarningMonitor.class);

  /** What a series measures, with its default threshold. */
  public enum MetricKind {
    /** Disk used / disk capacity; default threshold 0.9 (the kubelet's eviction threshold). */
    DISK_USAGE_FRACTION(EarlyWarning.DISK_FULL_FRACTION),
    /** Container working-set bytes / memory limit; default threshold 1.0 (OOM kill). */
    MEMORY_OVER_LIMIT(1.0),
    /** CPU usage (cores) / CPU limit; default threshold 1.0 (throttling). */
    CPU_OVER_LIMIT(1.0);

    private final double defaultThreshold;

    MetricKind(double defaultThreshold) {
      this.defaultThreshold = defaultThreshold;
    }

    /**
     * The threshold used by {@link EarlyWarningMonitor#register(String, MetricKind)}.
     *
     * @return the fraction
     */
    public double defaultThreshold() {
      return defaultThreshold;
    }
  }

  /** Which detector produced a warning. */
  public enum Source {
    /** The fitted forecast crosses the threshold within the horizon. */
    FORECAST,
    /** A steady (robust, high-R²) linear rise reaches the threshold within the horizon. */
    STEADY_GROWTH,
    /** CPU usage rising fast towards the limit. */
    CPU_RISE
  }

  /**
   * One warning.
   *
   * @param seriesId the series, as registered
   * @param metric what the series measures
   * @param source the detector that fired
   * @param timeMillis time of the sample that triggered it, epoch milliseconds
   * @param value that sample's value
   * @param threshold the series' threshold
   * @param predictedCrossingMillis when the threshold is expected to be reached (epoch ms); for
   *     {@link Source#CPU_RISE} without a crossing within the horizon, {@code timeMillis} plus the
   *     horizon
   * @param confidence for {@link Source#FORECAST} the crossing probability (a lower bound, see
   *     {@link TimeToThreshold}); for precursor rules the R² of the robust line
   * @param severity {@link TimeToThreshold#severityOf} the lead
   * @param message a one-line description
   */
  public record Warning(
      String seriesId,
      MetricKind metric,
      Source source,
      long timeMillis,
      double value,
      double threshold,
      long predictedCrossingMillis,
      double confidence,
      Severity severity,
      String message) {
    /**
     * Time from the warning to the predicted crossing.
     *
     * @return the predicted lead time
     */
    public Duration lead() {
      return Duration.ofMillis(predictedCrossingMillis - timeMillis);
    }
  }

  private final long stepMillis;
  private final int horizonSteps;
  private final Forecaster forecaster;
  private final int fitWindow;
  private final int minFit;
  private final int refitEvery;
  private final double level;
  private final double minProbability;
  private final long cooldownMillis;
  private final int slopeWindow;
  private final double minR2;
  private final int cpuRiseWindow;
  private final double cpuRisePerStep;
  private final double cpuRiseFloor;
  private final ConcurrentHashMap<String, SeriesState> series = new ConcurrentHashMap<>();

  private EarlyWarningMonitor(Builder b) {
    this.stepMillis = b.step.toMillis();
    this.horizonSteps = steps(b.horizon, "horizon");
    this.forecaster = b.forecaster;
    this.fitWindow = steps(b.fitWindow, "fitWindow");
    this.minFit = Math.max(steps(b.minFit, "minFit"), 8);
    this.refitEvery = steps(b.refitEvery, "refitEvery");
    this.level = b.level;
    this.minProbability = b.minProbability;
    this.cooldownMillis = b.cooldown.toMillis();
    this.slopeWindow = Math.max(steps(b.slopeWindow, "slopeWindow"), 4);
    this.minR2 = b.minR2;
    this.cpuRiseWindow = Math.max(steps(b.cpuRiseWindow, "cpuRiseWindow"), 4);
    this.cpuRisePerStep = b.cpuRisePerHour * stepMillis / 3_600_000.0;
    this.cpuRiseFloor = b.cpuRiseFloor;
    if (minFit > fitWindow) {
      throw new IllegalArgumentException(
          "minFit (" + minFit + " steps) must not exceed fitWindow (" + fitWindow + " steps)");
    }
  }

  private int steps(Duration d, String what) {
    long s = d.toMillis() / stepMillis;
    if (s < 1 || s > 1_000_000) {
      throw new IllegalArgumentException(
          what
              + " must be between one step and 10^6 steps, got "
              + d
              + " at step "
              + stepMillis
              + " ms");
    }
    return (int) s;
  }

  /**
   * A builder with the defaults listed on each setter.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers a series with its kind's default threshold.
   *
   * @param id a unique id, e.g. {@code namespace/pod}
   * @param kind what it measures
   * @throws IllegalArgumentException if the id is already registered
   */
  public void register(String id, MetricKind kind) {
    register(id, kind, kind.defaultThreshold());
  }

  /**
   * Registers a series with an explicit threshold (values at or above it are trouble).
   *
   * @param id a unique id
   * @param kind what it measures
   * @param threshold finite threshold
   * @throws IllegalArgumentException if the id is already registered or the threshold is not finite
   */
  public void register(String id, MetricKind kind, double threshold) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold for " + id + " must be finite: " + threshold);
    }
    SeriesState s =
        new SeriesState(
            id,
            kind,
            threshold,
            fitWindow,
            Math.max(slopeWindow, kind == MetricKind.CPU_OVER_LIMIT ? cpuRiseWindow : 0));
    if (series.putIfAbsent(id, s) != null) {
      throw new IllegalArgumentException("series " + id + " is already registered");
    }
  }

  /**
   * Number of registered series.
   *
   * @return the count
   */
  public int size() {
    return series.size();
  }

  /**
   * Feeds one sample of a series and returns the warnings it triggers.
   *
   * @param id a registered series
   * @param timeMillis sample time, epoch ms, later than the series' previous sample
   * @param value the value (NaN = missing)
   * @return the warnings, usually empty (an immutable list)
   * @throws IllegalArgumentException if the series is not registered
   * @throws InvalidDataException if the value is infinite or the time is not after the previous
   *     sample's
   */
  public List<Warning> observe(String id, long timeMillis, double value) {
    SeriesState s = series.get(id);
    if (s == null) {
      throw new IllegalArgumentException("series " + id + " is not registered");
    }
    synchronized (s) {
      return s.observe(timeMillis, value);
    }
  }

  private final class SeriesState {
    final String id;
    final MetricKind kind;
    final double threshold;
    final double[] ring;
    int head; // next write position
    int count; // samples in the current stretch (capped at ring length)
    long lastTime = Long.MIN_VALUE;
    ForecastModel model;
    int sinceFit;
    final long[] lastWarn = new long[Source.values().length];
    final double[] win;
    final double[] pairs;
    final double[] resid;
    double fittedLast;

    SeriesState(String id, MetricKind kind, double threshold, int window, int slopeMax) {
      this.id = id;
      this.kind = kind;
      this.threshold = threshold;
      this.ring = new double[Math.max(window, slopeMax)];
      this.win = new double[slopeMax];
      this.pairs = new double[slopeMax * (slopeMax - 1) / 2];
      this.resid = new double[slopeMax];
      reset();
    }

    void reset() {
      count = 0;
      model = null;
      sinceFit = 0;
      java.util.Arrays.fill(lastWarn, Long.MIN_VALUE);
    }

    List<Warning> observe(long t, double v) {
      if (Double.isInfinite(v)) {
        throw new InvalidDataException("series " + id + ": infinite value at time " + t);
      }
      if (lastTime != Long.MIN_VALUE && t <= lastTime) {
        throw new InvalidDataException(
            "series "
                + id
                + ": sample time "
                + t
                + " is not after the previous sample's "
                + lastTime);
      }
      boolean gap = lastTime != Long.MIN_VALUE && (t - lastTime) * 2 > 3 * stepMillis;
      lastTime = t;
      if (Double.isNaN(v) || gap) {
        reset();
        if (Double.isNaN(v)) {
          return List.of();
        }
      }
      ring[head] = v;
      head = (head + 1) % ring.length;
      if (count < ring.length) {
        count++;
      }
      List<Warning> out = null;
      out = forecastRule(t, v, out);
      if (kind == MetricKind.CPU_OVER_LIMIT) {
        out = cpuRule(t, v, out);
      } else {
        out = growthRule(t, v, out);
      }
      return out == null ? List.of() : out;
    }

    private List<Warning> forecastRule(long t, double v, List<Warning> out) {
      int avail = Math.min(count, fitWindow);
      if (model != null) {
        model = model.update(v);
        sinceFit++;
      }
      if ((model == null && avail >= minFit) || (model != null && sinceFit >= refitEvery)) {
        double[] y = last(avail, new double[avail]);
        try {
          model = forecaster.fit(y, 1);
          sinceFit = 0;
        } catch (InvalidDataException e) {
          LOG.warn(
              "series {}: refit with {} failed, keeping the previous model: {}",
              id,
              forecaster.name(),
              e.getMessage());
          sinceFit = 0;
        }
      }
      if (model == null || !quiet(Source.FORECAST, t)) {
        return out;
      }
      TimeToThreshold.Result r =
          TimeToThreshold.estimate(
              model,
              threshold,
              TimeToThreshold.Direction.RISING,
              Duration.ofMillis(stepMillis),
              horizonSteps,
              level);
      if (r.expected().isPresent() && r.probability() >= minProbability) {
        long cross = t + r.expected().get().toMillis();
        return add(out, warning(Source.FORECAST, t, v, cross, r.probability()));
      }
      return out;
    }

    private List<Warning> growthRule(long t, double v, List<Warning> out) {
      if (count < slopeWindow || !quiet(Source.STEADY_GROWTH, t)) {
        return out;
      }
      int k = slopeWindow;
      last(k, win);
      double slope = theilSen(win, k);
      if (!(slope > 0)) {
        return out;
      }
      double r2 = robustR2(win, k, slope);
      if (r2 < minR2) {
        return out;
      }
      double stepsToCross = v >= threshold ? 0 : Math.ceil((threshold - fittedLast) / slope);
      if (stepsToCross > horizonSteps) {
        return out;
      }
      long cross = t + (long) Math.max(0, stepsToCross) * stepMillis;
      return add(out, warning(Source.STEADY_GROWTH, t, v, cross, r2));
    }

    private List<Warning> cpuRule(long t, double v, List<Warning> out) {
      if (count < cpuRiseWindow || v < cpuRiseFloor * threshold || !quiet(Source.CPU_RISE, t)) {
        return out;
      }
      int k = cpuRiseWindow;
      last(k, win);
      double slope = theilSen(win, k);
      if (!(slope >= cpuRisePerStep)) {
        return out;
      }
      double r2 = robustR2(win, k, slope);
      double stepsToCross = v >= threshold ? 0 : Math.ceil((threshold - fittedLast) / slope);
      long cross = t + (long) Math.min(Math.max(0, stepsToCross), horizonSteps) * stepMillis;
      return add(out, warning(Source.CPU_RISE, t, v, cross, Math.max(0, r2)));
    }

    /** Copies the last {@code k} samples of the stretch, oldest first, into {@code dst}. */
    private double[] last(int k, double[] dst) {
      int start = head - k;
      for (int i = 0; i < k; i++) {
        dst[i] = ring[Math.floorMod(start + i, ring.length)];
      }
      return dst;
    }

    /** Theil–Sen slope (per step) of y[0..k) against 0..k-1. */
    private double theilSen(double[] y, int k) {
      int n = 0;
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          pairs[n++] = (y[j] - y[i]) / (j - i);
        }
      }
      return Quantiles.median(pairs, n);
    }

    /**
     * R² of the robust line with the given slope and the median-of-residuals intercept; leaves the
     * line's value at the last sample in {@link #fittedLast}.
     */
    private double robustR2(double[] y, int k, double slope) {
      for (int i = 0; i < k; i++) {
        resid[i] = y[i] - slope * i;
      }
      // median() permutes its input; the residuals are recomputed below.
      double intercept = Quantiles.median(resid, k);
      double mean = 0;
      for (int i = 0; i < k; i++) {
        mean += y[i];
      }
      mean /= k;
      double ssr = 0;
      double sst = 0;
      for (int i = 0; i < k; i++) {
        double e = y[i] - (intercept + slope * i);
        ssr += e * e;
        double d = y[i] - mean;
        sst += d * d;
      }
      fittedLast = intercept + slope * (k - 1);
      return sst > 0 ? 1 - ssr / sst : 0;
    }

    private boolean quiet(Source src, long t) {
      long w = lastWarn[src.ordinal()];
      return w == Long.MIN_VALUE || t - w >= cooldownMillis;
    }

    private Warning warning(Source src, long t, double v, long cross, double confidence) {
      lastWarn[src.ordinal()] = t;
      Duration lead = Duration.ofMillis(cross - t);
      String what =
          switch (kind) {
            case DISK_USAGE_FRACTION -> "disk full";
            case MEMORY_OVER_LIMIT -> "OOM";
            case CPU_OVER_LIMIT -> "CPU limit";
          };
      String msg =
          String.format(
              Locale.ROOT,
              "%s: %s in ~%s (%s, value %.3f, threshold %.3f, %s %.2f)",
              id,
              what,
              EarlyWarning.human(lead),
              src.name().toLowerCase(Locale.ROOT),
              v,
              threshold,
              src == Source.FORECAST ? "probability" : "R²",
              confidence);
      return new Warning(
          id, kind, src, t, v, threshold, cross, confidence, TimeToThreshold.severityOf(lead), msg);
    }
  }

  private static List<Warning> add(List<Warning> out, Warning w) {
    List<Warning> l = out == null ? new ArrayList<>(2) : out;
    l.add(w);
    return l;
  }

  /** Builder; every setting has a default suited to minute-step Kubernetes metrics. */
  public static final class Builder {
    private Duration step = Duration.ofMinutes(1);
    private Duration horizon = Duration.ofHours(6);
    private Forecaster forecaster =
        EtsForecaster.of(new Ets(Ets.Error.ADDITIVE, Ets.Trend.ADDITIVE, Ets.Season.NONE));
    private Duration fitWindow = Duration.ofHours(2);
    private Duration minFit = Duration.ofMinutes(20);
    private Duration refitEvery = Duration.ofMinutes(15);
    private double level = 0.8;
    private double minProbability = 0.8;
    private Duration cooldown = Duration.ofHours(1);
    private Duration slopeWindow = Duration.ofMinutes(30);
    private double minR2 = 0.9;
    private Duration cpuRiseWindow = Duration.ofMinutes(10);
    private double cpuRisePerHour = 1.0;
    private double cpuRiseFloor = 0.5;

    private Builder() {}

    /**
     * Time between samples (default 1 minute).
     *
     * @param step positive, whole milliseconds
     * @return this builder
     */
    public Builder step(Duration step) {
      if (step.isNegative() || step.toMillis() < 1) {
        throw new IllegalArgumentException("step must be at least 1 ms, got " + step);
      }
      this.step = step;
      return this;
    }

    /**
     * How far ahead to look for a crossing (default 6 hours).
     *
     * @param horizon at least one step
     * @return this builder
     */
    public Builder horizon(Duration horizon) {
      this.horizon = Objects.requireNonNull(horizon, "horizon");
      return this;
    }

    /**
     * The forecasting method (default Holt's linear trend, ETS(A,A,N)), fitted with period 1.
     *
     * @param forecaster the method
     * @return this builder
     */
    public Builder forecaster(Forecaster forecaster) {
      this.forecaster = Objects.requireNonNull(forecaster, "forecaster");
      return this;
    }

    /**
     * How much history a fit uses (default 2 hours), and how much must have arrived before the
     * first fit (default 20 minutes, at least 8 samples).
     *
     * @param window the fit window
     * @param minimum the minimum history for a first fit
     * @return this builder
     */
    public Builder fitWindow(Duration window, Duration minimum) {
      this.fitWindow = Objects.requireNonNull(window, "window");
      this.minFit = Objects.requireNonNull(minimum, "minimum");
      return this;
    }

    /**
     * Refit period (default 15 minutes); between refits each sample is one model update.
     *
     * @param every the period
     * @return this builder
     */
    public Builder refitEvery(Duration every) {
      this.refitEvery = Objects.requireNonNull(every, "every");
      return this;
    }

    /**
     * Interval level for the crossing probability (default 0.8) and the probability a forecast
     * crossing needs to warn (default 0.8).
     *
     * @param level in (0, 1)
     * @param minProbability in [0, 1]
     * @return this builder
     */
    public Builder probability(double level, double minProbability) {
      if (!(level > 0 && level < 1) || !(minProbability >= 0 && minProbability <= 1)) {
        throw new IllegalArgumentException(
            "level must be in (0,1) and minProbability in [0,1], got "
                + level
                + ", "
                + minProbability);
      }
      this.level = level;
      this.minProbability = minProbability;
      return this;
    }

    /**
     * Silence after a warning, per series and source (default 1 hour).
     *
     * @param cooldown non-negative
     * @return this builder
     */
    public Builder cooldown(Duration cooldown) {
      if (cooldown.isNegative()) {
        throw new IllegalArgumentException("cooldown must not be negative: " + cooldown);
      }
      this.cooldown = cooldown;
      return this;
    }

    /**
     * The steady-growth rule: window of the robust slope (default 30 minutes, at least 4 samples)
     * and the R² it needs (default 0.9).
     *
     * @param window the window
     * @param minR2 in [0, 1]; above 1 disables the rule
     * @return this builder
     */
    public Builder steadyGrowth(Duration window, double minR2) {
      this.slopeWindow = Objects.requireNonNull(window, "window");
      if (!(minR2 >= 0)) {
        throw new IllegalArgumentException("minR2 must be >= 0, got " + minR2);
      }
      this.minR2 = minR2;
      return this;
    }

    /**
     * The CPU-rise rule: window (default 10 minutes), the rise rate that fires it, in fractions of
     * the limit per hour (default 1.0), and the usage it needs (default 0.5 of the threshold).
     *
     * @param window the window
     * @param risePerHour positive rate
     * @param floor fraction of the threshold
     * @return this builder
     */
    public Builder cpuRise(Duration window, double risePerHour, double floor) {
      this.cpuRiseWindow = Objects.requireNonNull(window, "window");
      if (!(risePerHour > 0) || !(floor >= 0)) {
        throw new IllegalArgumentException(
            "risePerHour must be > 0 and floor >= 0, got " + risePerHour + ", " + floor);
      }
      this.cpuRisePerHour = risePerHour;
      this.cpuRiseFloor = floor;
      return this;
    }

    /**
     * Builds the monitor.
     *
     * @return the monitor
     * @throws IllegalArgumentException if a window is shorter than one step
     */
    public EarlyWarningMonitor build() {
      return new EarlyWarningMonitor(this);
    }
  }
}
