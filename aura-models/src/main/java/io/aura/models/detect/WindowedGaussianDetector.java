package io.aura.models.detect;

import io.aura.features.RollingWindow;

/**
 * Windowed Gaussian detector: the distance of the current value (or of its first difference) from
 * the mean of the previous {@code window} values, in units of their standard deviation.
 *
 * <p>This is the classic three-sigma rule on a sliding window, the model behind NAB's
 * "windowedGaussian" baseline (Lavin &amp; Ahmad 2015, "Evaluating real-time anomaly detection
 * algorithms — the Numenta Anomaly Benchmark", IEEE ICMLA), here recomputed every row rather than
 * every 2000 rows. With {@code differences = true} it scores {@code x_t − x_{t−1}} instead of
 * {@code x_t}, which reacts to sudden jumps and not to a level that stays shifted. Score: {@code
 * |y_t − mean| / std}, in [0, ∞), where the moments are over the window before {@code y_t} (the
 * current value never contributes to its own baseline). The standard deviation is floored at {@code
 * 1e-9 · max(1, |mean|)} and, for the differenced form, at 1e-9, so a constant series scores 0
 * until it changes. NaN during the first {@code warmUp} valid inputs and for a missing value, which
 * changes no state (the difference after a gap is taken from the last valid value).
 *
 * <p>Thread safety: not thread-safe. Allocation: none per update ({@code 8 × window} bytes at
 * construction). Complexity: O(1) per update (incremental moments of {@link RollingWindow}).
 */
public final class WindowedGaussianDetector implements StreamingDetector {
  private final int warmUp;
  private final boolean differences;
  private final RollingWindow window;
  private double last = Double.NaN;

  /**
   * Creates the detector.
   *
   * @param window the number of past values in the baseline, at least 2
   * @param warmUp valid inputs (values, or differences) observed before the first score, in [2,
   *     window]
   * @param differences whether to score first differences rather than values
   */
  public WindowedGaussianDetector(int window, int warmUp, boolean differences) {
    if (window < 2) {
      throw new IllegalArgumentException("window must be at least 2, got " + window);
    }
    if (warmUp < 2 || warmUp > window) {
      throw new IllegalArgumentException("warmUp must be in [2, window], got " + warmUp);
    }
    this.warmUp = warmUp;
    this.differences = differences;
    this.window = RollingWindow.of(window, 2, false, false);
  }

  @Override
  public double update(long epochMillis, double value) {
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    double y = value;
    if (differences) {
      double prev = last;
      last = value;
      if (Double.isNaN(prev)) {
        return Double.NaN;
      }
      y = value - prev;
    }
    double score = Double.NaN;
    if (window.validCount() >= warmUp) {
      double mean = window.mean();
      double sd = window.std();
      double floor = differences ? 1e-9 : 1e-9 * Math.max(1, Math.abs(mean));
      score = Math.abs(y - mean) / Math.max(sd, floor);
    }
    window.push(y);
    return score;
  }

  @Override
  public void reset() {
    window.clear();
    last = Double.NaN;
  }
}
