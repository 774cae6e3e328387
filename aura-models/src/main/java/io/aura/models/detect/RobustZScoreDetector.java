package io.aura.models.detect;

import io.aura.features.RollingWindow;

/**
 * Rolling robust z-score: the distance of each value from the median of the previous {@code window}
 * rows, in units of their scaled median absolute deviation (Hampel 1974; Rousseeuw &amp; Croux
 * 1993). The value being scored is not part of its own baseline, so one spike cannot hide itself;
 * it joins the window after it is scored.
 *
 * <p>Score: {@code |x − median| / (1.4826 · MAD)} in [0, ∞). When the MAD is 0 the window's
 * standard deviation is the scale, and when that is 0 too (a flat window) the scale is {@code 1e-9
 * · max(1, |median|)}, so any departure from a flat line scores very high; NaN until the window
 * holds {@code minValid} valid values, and NaN for a missing value (which still occupies a row of
 * the window, as {@link RollingWindow} counts rows).
 *
 * <p>Thread safety: not thread-safe; one instance per series. Allocation: none per update (the
 * window is allocated once). Complexity: O(window) per update for the MAD, O(log window) for the
 * median.
 */
public final class RobustZScoreDetector implements StreamingDetector {
  private final RollingWindow window;
  private final int minValid;

  /**
   * Creates the detector.
   *
   * @param window the baseline length in rows, at least 2
   * @param minValid the valid values needed before scoring, in [1, window]
   */
  public RobustZScoreDetector(int window, int minValid) {
    if (window < 2) {
      throw new IllegalArgumentException("window must be at least 2, got " + window);
    }
    if (minValid < 1 || minValid > window) {
      throw new IllegalArgumentException(
          "minValid must be in [1, " + window + "], got " + minValid);
    }
    this.window = RobustScale.window(window);
    this.minValid = minValid;
  }

  @Override
  public double update(long epochMillis, double value) {
    double score = Double.NaN;
    if (!Double.isNaN(value) && window.validCount() >= minValid) {
      score = RobustScale.z(value, window);
    }
    window.push(value);
    return score;
  }

  @Override
  public void reset() {
    window.clear();
  }
}
