package io.aura.models.detect;

import io.aura.features.RollingWindow;

/**
 * The robust z-score shared by the streaming detectors: {@code |x − median| / (1.4826 · MAD)},
 * where 1.4826 makes the MAD a consistent estimator of the standard deviation under normality
 * (Rousseeuw &amp; Croux 1993). When more than half the window holds one value the MAD is zero; the
 * scale then falls back to the window's standard deviation (as the modified z-score of Iglewicz
 * &amp; Hoaglin 1993 falls back to a mean deviation), and when that is zero too (a flat window) to
 * {@code 1e-9 · max(1, |median|)}, so a departure from a flat line gets a large but finite score
 * ordered by its size, and a value equal to the median scores 0.
 *
 * <p>Thread safety: stateless. Allocation: none. Complexity: that of the window's median and MAD.
 */
final class RobustScale {
  static final double MAD_TO_SIGMA = 1.4826;

  private RobustScale() {}

  /** A window with what {@link #z} needs: quantiles and second moments. */
  static RollingWindow window(int size) {
    return RollingWindow.of(size, 2, false, true);
  }

  static double z(double x, RollingWindow w) {
    double median = w.median();
    double scale = MAD_TO_SIGMA * w.medianAbsoluteDeviation();
    if (!(scale > 0)) {
      double sd = w.std();
      scale = sd > 0 ? sd : 0;
    }
    double floor = 1e-9 * Math.max(1, Math.abs(median));
    return Math.abs(x - median) / Math.max(scale, floor);
  }
}
