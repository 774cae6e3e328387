package io.aura.forecast;

import io.aura.features.InvalidDataException;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Shared argument checks and small numeric routines. Stateless. */
final class Checks {
  private static final NormalDistribution STD_NORMAL = new NormalDistribution(null, 0, 1);

  private Checks() {}

  /** Validates a series for fitting: finite values, length at least {@code min}. */
  static void series(double[] y, int period, int min, String method) {
    if (period < 1) {
      throw new IllegalArgumentException(method + ": period must be >= 1, got " + period);
    }
    if (y == null) {
      throw new InvalidDataException(method + ": series is null");
    }
    if (y.length < min) {
      throw new InvalidDataException(
          method
              + ": series too short: "
              + y.length
              + " observations, need at least "
              + min
              + " (period "
              + period
              + ")");
    }
    for (int i = 0; i < y.length; i++) {
      if (Double.isNaN(y[i])) {
        throw new InvalidDataException(
            method
                + ": missing value (NaN) at index "
                + i
                + "; fit needs a gap-free series (impute or cut the series first)");
      }
      if (Double.isInfinite(y[i])) {
        throw new InvalidDataException(method + ": infinite value at index " + i);
      }
    }
  }

  /** Rejects non-positive values (for multiplicative models). */
  static void positive(double[] y, String method) {
    for (int i = 0; i < y.length; i++) {
      if (!(y[i] > 0)) {
        throw new InvalidDataException(
            method
                + ": multiplicative components need positive data; value "
                + y[i]
                + " at index "
                + i);
      }
    }
  }

  static boolean allPositive(double[] y) {
    for (double v : y) {
      if (!(v > 0)) {
        return false;
      }
    }
    return true;
  }

  static boolean isConstant(double[] y) {
    for (double v : y) {
      if (v != y[0]) {
        return false;
      }
    }
    return true;
  }

  static void horizon(int h, double[] levels) {
    if (h < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + h);
    }
    for (double l : levels) {
      if (!(l > 0 && l < 1)) {
        throw new IllegalArgumentException("interval level must be in (0, 1), got " + l);
      }
    }
  }

  static void updateValue(double y) {
    if (Double.isInfinite(y)) {
      throw new InvalidDataException("update: infinite observation " + y);
    }
  }

  /** Two-sided standard normal quantile for a coverage level: z such that P(|Z| < z) = level. */
  static double z(double level) {
    return STD_NORMAL.inverseCumulativeProbability(0.5 + level / 2);
  }

  static double normalCdf(double x) {
    return STD_NORMAL.cumulativeProbability(x);
  }

  /** Builds a Gaussian forecast from means and per-step standard deviations. */
  static Forecast gaussian(double[] mean, double[] sd, double[] levels) {
    int h = mean.length;
    double[][] lo = new double[levels.length][h];
    double[][] up = new double[levels.length][h];
    for (int k = 0; k < levels.length; k++) {
      double z = z(levels[k]);
      for (int i = 0; i < h; i++) {
        lo[k][i] = mean[i] - z * sd[i];
        up[k][i] = mean[i] + z * sd[i];
      }
    }
    return Forecast.wrap(mean, levels.clone(), lo, up);
  }

  static double mean(double[] y, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += y[i];
    }
    return s / (to - from);
  }
}
