package io.aura.ensemble.calibration;

/**
 * A fitted, monotone map from a raw score (a classifier's margin or probability, a detector's
 * anomaly score) to a calibrated value, usually a probability in [0, 1].
 *
 * <p>Implementations are immutable and thread-safe; {@link #calibrate} allocates nothing. A NaN
 * score (missing) maps to NaN.
 */
@FunctionalInterface
public interface Calibrator {
  /**
   * Maps one score.
   *
   * @param score the raw score; NaN = missing
   * @return the calibrated value, NaN for a NaN score
   */
  double calibrate(double score);

  /**
   * Maps every score into {@code out}.
   *
   * @param scores raw scores
   * @param out destination, at least as long as {@code scores}
   */
  default void calibrate(double[] scores, double[] out) {
    if (out.length < scores.length) {
      throw new IllegalArgumentException(
          "out has " + out.length + " slots for " + scores.length + " scores");
    }
    for (int i = 0; i < scores.length; i++) {
      out[i] = calibrate(scores[i]);
    }
  }
}
