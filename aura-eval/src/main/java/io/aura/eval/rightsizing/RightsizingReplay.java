package io.aura.eval.rightsizing;

import io.aura.features.InvalidDataException;
import io.aura.rightsizing.ForecastRecommender;
import io.aura.rightsizing.HourlyPeaks;
import io.aura.rightsizing.KrrSimple;
import io.aura.rightsizing.Resource;
import io.aura.rightsizing.SplitConformal;
import io.aura.rightsizing.VpaRecommendation;
import io.aura.rightsizing.VpaRecommender;
import io.aura.rightsizing.VpaSettings;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Causal replay of the recommenders over one trace: every allocation in force during an hour was
 * decided from samples strictly before that hour.
 *
 * <ul>
 *   <li>{@code vpa} (and {@code vpa-5min}, whose confidence counts 288 samples a day instead of
 *       1440): the recommender gets every sample; at each hour VPA's updater rule decides, per
 *       pod, whether the recommendation is applied: when the applied request of either resource
 *       is outside [lower, upper], or when either target differs by at least 10 % and the last
 *       change is at least 12 h old. An applied change sets both resources (an eviction).
 *   <li>{@code krr}: KRR's simple strategy on the last 14 days, recomputed at 00:00 UTC, applied
 *       when it differs by at least 10 % from the allocation in force (KRR has no updater; this
 *       is the same threshold).
 *   <li>{@code forecast}: at 00:00 UTC each day, from {@code minHistoryDays} on, the hourly peaks
 *       before the day are forecast 24 h ahead; the day's scores are kept after it, so the
 *       calibration folds are the previous days' genuine out-of-sample forecasts (rolling origin,
 *       stride and horizon one day: the same folds {@link ForecastRecommender#recommend} refits);
 *       the conformal margin of the last {@code calibrationDays} folds sets the allocation (CPU an
 *       hourly in-place schedule, memory one value for the day), floored at VPA's lower bound (its
 *       default margin); the day falls back to VPA's allocation when the conformal quantile does
 *       not exist or there is no forecast.
 * </ul>
 *
 * Each method's allocation is computed for a sweep of multiplicative factors f of its margin
 * (factor 1 = its default): VPA's safety margin {@code 1.15 f - 1}; KRR's CPU buffer {@code f - 1}
 * and memory buffer {@code 1.15 f - 1}; the forecast's whole allocation {@code (forecast + margin) × f}. The replay does not
 * feed violations back (no OOM kill or throttling: the traces are VMs), so a violation is
 * counterfactual. Not thread-safe per instance of its result; {@link #run} is stateless.
 * Complexity: O(slots) samples per VPA variant, O(hours × factors × buckets) recommendations,
 * two forecaster fits per day.
 */
public final class RightsizingReplay {
  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;
  static final int PER_HOUR = (int) (HOUR / BitbrainsTrace.STEP_MILLIS);

  /** Method names. */
  public static final List<String> METHODS = List.of("vpa", "vpa-5min", "krr", "forecast");

  private RightsizingReplay() {}

  /**
   * The replay's settings.
   *
   * @param factors margin factors (1 must be among them: the default point)
   * @param vpa VPA settings (the default margin is scaled by the factors)
   * @param krr KRR settings
   * @param forecast the forecast-aware recommender
   * @param evalStartMillis first evaluated hour (00:00 UTC)
   * @param evalEndMillis end of the evaluation, exclusive (00:00 UTC)
   */
  public record Config(
      double[] factors,
      VpaSettings vpa,
      KrrSimple krr,
      ForecastRecommender forecast,
      long evalStartMillis,
      long evalEndMillis) {
    /**
     * Validates.
     *
     * @param factors factors
     * @param vpa vpa
     * @param krr krr
     * @param forecast forecast
     * @param evalStartMillis start
     * @param evalEndMillis end
     */
    public Config {
      factors = factors.clone();
      Objects.requireNonNull(vpa);
      Objects.requireNonNull(krr);
      Objects.requireNonNull(forecast);
      if (evalStartMillis % DAY != 0 || evalEndMillis % DAY != 0 || evalEndMillis <= evalStartMillis) {
        throw new IllegalArgumentException("evaluation bounds must be whole UTC days");
      }
      if (Arrays.stream(factors).noneMatch(f -> f == 1.0)) {
        throw new IllegalArgumentException("factors must include 1 (the default point)");
      }
    }

    /**
     * The index of factor 1.
     *
     * @return the index
     */
    public int defaultIndex() {
      for (int i = 0; i < factors.length; i++) {
        if (factors[i] == 1.0) {
          return i;
        }
      }
      throw new IllegalStateException();
    }

    /**
     * Evaluated hours.
     *
     * @return the count
     */
    public int hours() {
      return (int) ((evalEndMillis - evalStartMillis) / HOUR);
    }

    @Override
    public double[] factors() {
      return factors.clone();
    }
  }

  /**
   * Allocations of one method: {@code cpu[factor][hour]}, {@code memory[factor][hour]}, and the
   * evaluated hours in which it fell back to VPA.
   *
   * @param cpu cores in force per factor and hour
   * @param memory bytes in force per factor and hour
   * @param fallbackHours hours in which the forecast method used VPA's allocation (CPU, memory)
   */
  public record Allocation(double[][] cpu, double[][] memory, int[] fallbackHours) {}

  /**
   * Replays the methods over one trace.
   *
   * @param t the trace
   * @param c the settings
   * @param methods names from {@link #METHODS}
   * @return allocations per method, in the order given
   */
  public static Map<String, Allocation> run(BitbrainsTrace t, Config c, List<String> methods) {
    Map<String, Allocation> out = new LinkedHashMap<>();
    if (c.evalStartMillis() < t.startMillis()
        || c.evalEndMillis() > t.startMillis() + (long) t.slots() * BitbrainsTrace.STEP_MILLIS) {
      throw new InvalidDataException(
          t.vm() + ": evaluation period outside the trace");
    }
    double[][] vpaLower = null;
    Allocation vpa = null;
    for (String m : methods) {
      switch (m) {
        case "vpa" -> {
          double[][] lower = new double[2][c.hours()];
          vpa = vpa(t, c, c.vpa(), lower);
          vpaLower = lower;
          out.put(m, vpa);
        }
        case "vpa-5min" -> out.put(m,
            vpa(t, c, c.vpa().toBuilder().samplesPerConfidenceDay(288).build(), null));
        case "krr" -> out.put(m, krr(t, c));
        case "forecast" -> {
          if (vpa == null) {
            double[][] lower = new double[2][c.hours()];
            vpa = vpa(t, c, c.vpa(), lower);
            vpaLower = lower;
          }
          out.put(m, forecast(t, c, vpa, vpaLower));
        }
        default -> throw new IllegalArgumentException(
            "unknown method " + m + "; known: " + METHODS);
      }
    }
    return out;
  }

  private static int slotOf(BitbrainsTrace t, long millis) {
    return (int) ((millis - t.startMillis()) / BitbrainsTrace.STEP_MILLIS);
  }

  static Allocation vpa(BitbrainsTrace t, Config c, VpaSettings s, double[][] lowerOut) {
    double[] f = c.factors();
    int hours = c.hours();
    double[][] cpu = new double[f.length][hours];
    double[][] mem = new double[f.length][hours];
    double[] ac = new double[f.length];
    double[] am = new double[f.length];
    long[] last = new long[f.length];
    Arrays.fill(ac, Double.NaN);
    VpaRecommender v = new VpaRecommender(s, t.vm());
    int slot = 0;
    int def = c.defaultIndex();
    for (int h = 0; h < hours; h++) {
      long h0 = c.evalStartMillis() + h * HOUR;
      int upto = slotOf(t, h0);
      for (; slot < upto; slot++) {
        long ts = t.startMillis() + slot * BitbrainsTrace.STEP_MILLIS;
        v.addCpu(ts, t.cpu(slot));
        v.addMemory(ts, t.memory(slot));
      }
      for (int k = 0; k < f.length; k++) {
        VpaRecommendation r = v.recommend((1 + s.safetyMargin()) * f[k] - 1);
        if (lowerOut != null && k == def) {
          lowerOut[0][h] = r.cpuLower();
          lowerOut[1][h] = r.memoryLower();
        }
        boolean apply;
        if (Double.isNaN(ac[k])) {
          apply = true;
        } else {
          boolean outside = ac[k] < r.cpuLower() || ac[k] > r.cpuUpper()
              || am[k] < r.memoryLower() || am[k] > r.memoryUpper();
          boolean changed = Math.abs(r.cpuTarget() - ac[k]) >= 0.1 * ac[k]
              || Math.abs(r.memoryTarget() - am[k]) >= 0.1 * am[k];
          apply = outside || (changed && h0 - last[k] >= 12 * HOUR);
        }
        if (apply) {
          ac[k] = r.cpuTarget();
          am[k] = r.memoryTarget();
          last[k] = h0;
        }
        cpu[k][h] = ac[k];
        mem[k][h] = am[k];
      }
    }
    return new Allocation(cpu, mem, new int[2]);
  }

  static Allocation krr(BitbrainsTrace t, Config c) {
    double[] f = c.factors();
    int hours = c.hours();
    double[][] cpu = new double[f.length][hours];
    double[][] mem = new double[f.length][hours];
    double[] ac = new double[f.length];
    double[] am = new double[f.length];
    Arrays.fill(ac, Double.NaN);
    Arrays.fill(am, Double.NaN);
    double[] cs = t.cpuSeries();
    double[] ms = t.memorySeries();
    for (int h = 0; h < hours; h++) {
      long h0 = c.evalStartMillis() + h * HOUR;
      if (h % 24 == 0) {
        int to = slotOf(t, h0);
        int from = Math.max(0, to - 14 * 24 * PER_HOUR);
        double[] wc = Arrays.copyOfRange(cs, from, to);
        double[] wm = Arrays.copyOfRange(ms, from, to);
        for (int k = 0; k < f.length; k++) {
          KrrSimple krr = c.krr().withCpuBuffer(f[k] - 1).with(0.95, 1.15 * f[k] - 1);
          ac[k] = apply(ac[k], request(krr, Resource.CPU, wc));
          am[k] = apply(am[k], request(krr, Resource.MEMORY, wm));
        }
      }
      for (int k = 0; k < f.length; k++) {
        cpu[k][h] = Double.isNaN(ac[k]) ? 0.010 : ac[k];
        mem[k][h] = Double.isNaN(am[k]) ? 100e6 : am[k];
      }
    }
    return new Allocation(cpu, mem, new int[2]);
  }

  /** KRR's request, NaN when the window has no sample (the previous allocation stays). */
  private static double request(KrrSimple krr, Resource r, double[] w) {
    if (!hasSample(w)) {
      return Double.NaN;
    }
    return r == Resource.CPU ? krr.cpuRequest(w) : krr.memoryRequest(w);
  }

  private static double apply(double current, double rec) {
    if (Double.isNaN(rec)) {
      return current;
    }
    if (Double.isNaN(current) || Math.abs(rec - current) >= 0.1 * current) {
      return rec;
    }
    return current;
  }

  static Allocation forecast(BitbrainsTrace t, Config c, Allocation vpa, double[][] vpaLower) {
    ForecastRecommender fr = c.forecast();
    double[] f = c.factors();
    int hours = c.hours();
    double[][] cpu = new double[f.length][hours];
    double[][] mem = new double[f.length][hours];
    double[] prev = new double[f.length];
    Arrays.fill(prev, Double.NaN);
    int[] fallback = new int[2];
    double[] cs = t.cpuSeries();
    double[] ms = t.memorySeries();
    Deque<double[]> cpuScores = new ArrayDeque<>();
    Deque<double[]> memScores = new ArrayDeque<>();
    int firstDay = fr.minHistoryDays();
    int lastDay = (int) ((c.evalEndMillis() - t.startMillis()) / DAY);
    for (int d = firstDay; d < lastDay; d++) {
      long d0 = t.startMillis() + d * DAY;
      int s0 = slotOf(t, d0);
      double[] fc = peaksForecast(fr, Arrays.copyOf(cs, s0), fr.cpuPeakQuantile());
      double[] fm = peaksForecast(fr, Arrays.copyOf(ms, s0), 1.0);
      boolean eval = d0 >= c.evalStartMillis();
      if (eval) {
        int h0 = (int) ((d0 - c.evalStartMillis()) / HOUR);
        double rc = fc == null ? Double.NaN
            : SplitConformal.upper(concat(cpuScores), fr.budget(Resource.CPU));
        double rm = fm == null ? Double.NaN
            : SplitConformal.upper(concat(memScores), fr.budget(Resource.MEMORY));
        if (Double.isNaN(rc)) {
          fallback[0] += 24;
        }
        if (Double.isNaN(rm)) {
          fallback[1] += 24;
        }
        for (int k = 0; k < f.length; k++) {
          double[] a = Double.isNaN(rc) ? Arrays.copyOfRange(vpa.cpu()[k], h0, h0 + 24)
              : fr.allocation(Resource.CPU, fc, rc, f[k], vpaLower[0][h0], prev[k]);
          System.arraycopy(a, 0, cpu[k], h0, 24);
          prev[k] = a[23];
          double[] b = Double.isNaN(rm) ? Arrays.copyOfRange(vpa.memory()[k], h0, h0 + 24)
              : fr.allocation(Resource.MEMORY, fm, rm, f[k], vpaLower[1][h0], Double.NaN);
          System.arraycopy(b, 0, mem[k], h0, 24);
        }
      }
      int s1 = s0 + 24 * PER_HOUR;
      if (fc != null) {
        push(cpuScores, fr.scores(Resource.CPU, fc, Arrays.copyOfRange(cs, s0, s1), PER_HOUR),
            fr.calibrationDays());
      }
      if (fm != null) {
        push(memScores, fr.scores(Resource.MEMORY, fm, Arrays.copyOfRange(ms, s0, s1), PER_HOUR),
            fr.calibrationDays());
      }
    }
    return new Allocation(cpu, mem, fallback);
  }

  /** The next 24 h of peaks, or null when the history has no sample or the forecast is implausible. */
  private static double[] peaksForecast(ForecastRecommender fr, double[] history, double q) {
    if (!hasSample(history)) {
      return null;
    }
    return fr.forecastPeaks(HourlyPeaks.of(history, PER_HOUR, q).values(), 24);
  }

  private static boolean hasSample(double[] x) {
    for (double v : x) {
      if (!Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  private static void push(Deque<double[]> q, double[] s, int keep) {
    q.addLast(s);
    while (q.size() > keep) {
      q.removeFirst();
    }
  }

  private static double[] concat(Deque<double[]> q) {
    int n = 0;
    for (double[] s : q) {
      n += s.length;
    }
    double[] out = new double[n];
    int at = 0;
    for (double[] s : q) {
      System.arraycopy(s, 0, out, at, s.length);
      at += s.length;
    }
    return out;
  }
}
