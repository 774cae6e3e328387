package io.aura.forecast;

/**
 * Sliding-window least-squares trend of one signal and the time until it reaches a threshold: the
 * streaming early-warning engine of Aura's detection pipeline (one per warning rule and entity,
 * {@code io.aura.ensemble.pipeline.TrendWarningMember}). Cheaper than {@link EarlyWarningMonitor}
 * (O(1) per sample, no model fit, no allocation), which it complements for long horizons.
 *
 * <p>Over the last {@code window} samples (equally spaced, one step apart) it keeps the sums of y,
 * x·y and y² with x the position in the window, so the ordinary least-squares slope, the fitted
 * current level and R² cost O(1) per sample (the sums are recomputed exactly once per window to
 * bound rounding drift: amortized O(1)). A warning <i>episode</i> opens at the first sample where
 * the window is full, the slope is positive, the line explains at least {@code minR2} of the
 * variance, the current value is at least {@code floor} and the extrapolated crossing of {@code
 * threshold} lies within {@code horizonSteps}, once those have held for {@code confirmSteps}
 * consecutive samples; it stays open while they hold and closes after {@code rearmSteps} samples
 * where they do not. A missing value (NaN) empties the window and closes the episode: a restart, an
 * OOM kill or an eviction starts a new regime.
 *
 * <p>Thread safety: not thread-safe (one per session). Allocation: the ring buffer at construction,
 * nothing per sample. Complexity: O(1) amortized per sample, O(window) memory.
 */
public final class TrendWatch {
  private final double[] ring;
  private final double threshold;
  private final double floor;
  private final double minR2;
  private final double horizonSteps;
  private final int rearmSteps;
  private final int confirmSteps;
  private final double sx;
  private final double sxxCentered; // m·Σx² − (Σx)² for a full window
  private int count;
  private int head; // index of the oldest value when full
  private double sy;
  private double sxy;
  private double syy;
  private int sinceRecompute;
  private boolean open;
  private int quiet;
  private int held;
  private double etaSteps = Double.NaN;

  /**
   * A trend watch that warns at once (no confirmation).
   *
   * @param window samples in the trend window, at least 3
   * @param threshold the value whose extrapolated crossing warns
   * @param floor the least current value to warn at
   * @param minR2 the least R² of the trend line
   * @param horizonSteps how many steps ahead a crossing may lie
   * @param rearmSteps quiet samples that close an episode
   */
  public TrendWatch(
      int window,
      double threshold,
      double floor,
      double minR2,
      double horizonSteps,
      int rearmSteps) {
    this(window, threshold, floor, minR2, horizonSteps, rearmSteps, 1);
  }

  /**
   * A trend watch.
   *
   * @param window samples in the trend window, at least 3
   * @param threshold the value whose extrapolated crossing warns
   * @param floor the least current value to warn at
   * @param minR2 the least R² of the trend line
   * @param horizonSteps how many steps ahead a crossing may lie
   * @param rearmSteps quiet samples that close an episode
   * @param confirmSteps consecutive samples the conditions must hold before an episode opens
   */
  public TrendWatch(
      int window,
      double threshold,
      double floor,
      double minR2,
      double horizonSteps,
      int rearmSteps,
      int confirmSteps) {
    if (window < 3) {
      throw new IllegalArgumentException(
          "trend window must hold at least 3 samples, got " + window);
    }
    this.ring = new double[window];
    this.threshold = threshold;
    this.floor = floor;
    this.minR2 = minR2;
    this.horizonSteps = horizonSteps;
    this.rearmSteps = rearmSteps;
    this.confirmSteps = confirmSteps;
    double m = window;
    this.sx = m * (m - 1) / 2;
    this.sxxCentered = m * ((m - 1) * m * (2 * m - 1) / 6) - sx * sx;
  }

  /**
   * Takes the next sample.
   *
   * @param y the value; NaN resets
   * @return true when this sample opens a new warning episode
   */
  public boolean update(double y) {
    if (Double.isNaN(y)) {
      reset();
      return false;
    }
    int m = ring.length;
    if (count < m) {
      ring[count] = y;
      sy += y;
      sxy += count * y;
      syy += y * y;
      count++;
    } else {
      double old = ring[head];
      ring[head] = y;
      head = head + 1 == m ? 0 : head + 1;
      sxy = sxy - (sy - old) + (m - 1) * y;
      sy = sy - old + y;
      syy = syy - old * old + y * y;
      if (++sinceRecompute >= m) {
        recompute();
      }
    }
    boolean warn = count == m && evaluate(y);
    if (warn) {
      quiet = 0;
      held++;
      if (!open && held >= confirmSteps) {
        open = true;
        return true;
      }
      if (!open) {
        etaSteps = Double.NaN; // not yet confirmed
      }
      return false;
    }
    held = 0;
    etaSteps = Double.NaN;
    if (open && ++quiet >= rearmSteps) {
      open = false;
    }
    return false;
  }

  private boolean evaluate(double y) {
    double m = ring.length;
    double num = m * sxy - sx * sy;
    double varY = m * syy - sy * sy;
    if (!(num > 0) || !(varY > 0) || y < floor) {
      return false;
    }
    double slope = num / sxxCentered;
    double r2 = num * num / (sxxCentered * varY);
    double level = (sy - slope * sx) / m + slope * (m - 1);
    double eta = (threshold - level) / slope;
    if (r2 < minR2 || eta > horizonSteps) {
      return false;
    }
    etaSteps = Math.max(0, eta);
    return true;
  }

  private void recompute() {
    int m = ring.length;
    sy = 0;
    sxy = 0;
    syy = 0;
    for (int i = 0; i < m; i++) {
      double v = ring[(head + i) % m];
      sy += v;
      sxy += i * v;
      syy += v * v;
    }
    sinceRecompute = 0;
  }

  /** Empties the window and closes the episode. */
  public void reset() {
    count = 0;
    head = 0;
    sy = 0;
    sxy = 0;
    syy = 0;
    sinceRecompute = 0;
    open = false;
    quiet = 0;
    held = 0;
    etaSteps = Double.NaN;
  }

  /**
   * @return whether an episode is open and the last sample met the warning conditions
   */
  public boolean warning() {
    return !Double.isNaN(etaSteps);
  }

  /**
   * @return steps until the extrapolated crossing at the last sample, NaN when not warning
   */
  public double etaSteps() {
    return etaSteps;
  }
}
