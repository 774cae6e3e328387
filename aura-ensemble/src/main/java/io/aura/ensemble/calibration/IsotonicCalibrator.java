package io.aura.ensemble.calibration;

import java.util.Arrays;

/**
 * A fitted non-decreasing step-and-ramp function; built by {@link IsotonicRegression}. Each block
 * of the pool-adjacent-violators solution covers the training scores {@code [lo_k, hi_k]} and maps
 * them to its value {@code v_k}; between two blocks the map interpolates linearly from {@code
 * (hi_k, v_k)} to {@code (lo_{k+1}, v_{k+1})}; below the first and above the last block it is
 * constant. The result is monotone, continuous between blocks, and reproduces the fitted values on
 * the training scores.
 *
 * <p>Thread safety: immutable. Allocation: none. Complexity: O(log blocks) per score (binary
 * search). Memory: three doubles per block.
 */
public final class IsotonicCalibrator implements Calibrator {
  private final double[] lo;
  private final double[] hi;
  private final double[] value;

  IsotonicCalibrator(double[] lo, double[] hi, double[] value) {
    this.lo = lo;
    this.hi = hi;
    this.value = value;
  }

  @Override
  public double calibrate(double score) {
    if (Double.isNaN(score)) {
      return Double.NaN;
    }
    // last block whose lower end is <= score
    int l = 0;
    int h = lo.length - 1;
    if (score < lo[0]) {
      return value[0];
    }
    while (l < h) {
      int mid = (l + h + 1) >>> 1;
      if (lo[mid] <= score) {
        l = mid;
      } else {
        h = mid - 1;
      }
    }
    if (score <= hi[l] || l == lo.length - 1) {
      return value[l];
    }
    double w = (score - hi[l]) / (lo[l + 1] - hi[l]);
    return value[l] + w * (value[l + 1] - value[l]);
  }

  /**
   * @return the number of blocks
   */
  public int blocks() {
    return value.length;
  }

  /**
   * @return a copy of the blocks' values, non-decreasing
   */
  public double[] values() {
    return value.clone();
  }

  /**
   * @return a copy of the blocks' lowest training scores
   */
  public double[] lowerBounds() {
    return lo.clone();
  }

  /**
   * @return a copy of the blocks' highest training scores
   */
  public double[] upperBounds() {
    return hi.clone();
  }

  @Override
  public String toString() {
    return "IsotonicCalibrator{blocks="
        + value.length
        + ", values="
        + (value.length <= 8
            ? Arrays.toString(value)
            : "[" + value[0] + " .. " + value[value.length - 1] + "]")
        + "}";
  }
}
