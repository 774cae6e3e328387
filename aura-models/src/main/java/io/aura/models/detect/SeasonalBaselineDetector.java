package io.aura.models.detect;

import io.aura.features.RollingWindow;
import java.time.Duration;
import java.util.Arrays;

/**
 * Seasonal-baseline deviation: compares each value with the values observed one season ago (e.g.
 * the same time yesterday and the same time last week), then scores the residual against the recent
 * residuals with a robust z-score. A classic operations baseline (cf. the "same time last week"
 * comparisons of Holt-Winters-free monitoring; Hyndman &amp; Athanasopoulos, <i>Forecasting:
 * Principles and Practice</i>, §5.2 on the seasonal naive method).
 *
 * <p>For a value at time {@code t}, each period {@code P} contributes the stored value whose
 * timestamp is nearest to {@code t − P}, if within {@code tolerance}; the baseline is the median of
 * those contributions (the mean of two). The residual {@code r = x − baseline} is scored as {@code
 * |r − median(R)| / (1.4826 MAD(R))} over the previous {@code residualWindow} residuals {@code R},
 * then joins them. Score in [0, ∞); NaN when no period has a value yet, before {@code minValid}
 * residuals, or for a missing value.
 *
 * <p>History: values are kept for the longest period plus the tolerance, in a ring that grows while
 * the first season fills (amortized, then no allocation). A timestamp earlier than the previous one
 * (NAB's files have a few around clock changes) is scored but not stored, so the history stays
 * ordered; a repeated timestamp is stored.
 *
 * <p>Thread safety: not thread-safe. Allocation: none once the history has reached its steady size.
 * Complexity: O(p log h) per update for {@code p} periods and {@code h} stored values, plus
 * O(residualWindow) for the MAD.
 */
public final class SeasonalBaselineDetector implements StreamingDetector {
  private final long[] periods;
  private final long tolerance;
  private final long keep;
  private final RollingWindow residuals;
  private final int minValid;
  private final double[] lagValues;
  private long[] times = new long[256];
  private double[] values = new double[256];
  private int head; // index of the oldest entry
  private int size;

  /**
   * Creates the detector.
   *
   * @param periods the seasonal lags, e.g. {@code Duration.ofDays(1), Duration.ofDays(7)}
   * @param tolerance how far from {@code t − P} a stored value may be (e.g. half the sampling step)
   * @param residualWindow the residuals the score is relative to, at least 2
   * @param minValid residuals needed before scoring, in [1, residualWindow]
   */
  public SeasonalBaselineDetector(
      Duration[] periods, Duration tolerance, int residualWindow, int minValid) {
    if (periods.length == 0) {
      throw new IllegalArgumentException("at least one period is needed");
    }
    this.periods = new long[periods.length];
    long max = 0;
    for (int i = 0; i < periods.length; i++) {
      long p = periods[i].toMillis();
      if (p <= 0) {
        throw new IllegalArgumentException("periods must be positive, got " + periods[i]);
      }
      this.periods[i] = p;
      max = Math.max(max, p);
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative");
    }
    if (residualWindow < 2 || minValid < 1 || minValid > residualWindow) {
      throw new IllegalArgumentException(
          "need residualWindow >= 2 and 1 <= minValid <= residualWindow, got "
              + residualWindow
              + ", "
              + minValid);
    }
    this.tolerance = tolerance.toMillis();
    this.keep = max + this.tolerance;
    this.residuals = RobustScale.window(residualWindow);
    this.minValid = minValid;
    this.lagValues = new double[periods.length];
  }

  @Override
  public double update(long epochMillis, double value) {
    double baseline = baseline(epochMillis);
    double score = Double.NaN;
    if (!Double.isNaN(value) && !Double.isNaN(baseline)) {
      double r = value - baseline;
      if (residuals.validCount() >= minValid) {
        score = RobustScale.z(r, residuals);
      }
      residuals.push(r);
    }
    store(epochMillis, value);
    return score;
  }

  private double baseline(long t) {
    int k = 0;
    for (long p : periods) {
      double v = nearest(t - p);
      if (!Double.isNaN(v)) {
        lagValues[k++] = v;
      }
    }
    if (k == 0) {
      return Double.NaN;
    }
    Arrays.sort(lagValues, 0, k);
    return k % 2 == 1 ? lagValues[k / 2] : (lagValues[k / 2 - 1] + lagValues[k / 2]) / 2;
  }

  private long timeAt(int i) {
    return times[(head + i) % times.length];
  }

  /** The valid stored value nearest to {@code target} within the tolerance, else NaN. */
  private double nearest(long target) {
    int lo = 0;
    int hi = size; // first index with time >= target
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (timeAt(mid) < target) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    double best = Double.NaN;
    long bestDist = Long.MAX_VALUE;
    for (int i = Math.max(0, lo - 2); i < Math.min(size, lo + 2); i++) {
      int at = (head + i) % times.length;
      long dist = Math.abs(times[at] - target);
      if (dist <= tolerance && dist < bestDist && !Double.isNaN(values[at])) {
        best = values[at];
        bestDist = dist;
      }
    }
    return best;
  }

  private void store(long t, double v) {
    if (size > 0 && t < timeAt(size - 1)) {
      return; // out of order: keep the history sorted (documented)
    }
    while (size > 0 && timeAt(0) < t - keep) {
      head = (head + 1) % times.length;
      size--;
    }
    if (size == times.length) {
      long[] nt = new long[times.length * 2];
      double[] nv = new double[times.length * 2];
      for (int i = 0; i < size; i++) {
        nt[i] = times[(head + i) % times.length];
        nv[i] = values[(head + i) % times.length];
      }
      times = nt;
      values = nv;
      head = 0;
    }
    int at = (head + size) % times.length;
    times[at] = t;
    values[at] = v;
    size++;
  }

  @Override
  public void reset() {
    residuals.clear();
    head = 0;
    size = 0;
  }
}
