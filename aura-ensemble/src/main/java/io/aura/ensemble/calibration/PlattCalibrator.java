package io.aura.ensemble.calibration;

/**
 * A fitted Platt sigmoid {@code P(y = 1 | s) = 1 / (1 + exp(A·s + B))}; built by {@link
 * PlattScaling}. The sigmoid is evaluated in the form that cannot overflow (Lin, Lin &amp; Weng
 * 2007, §3).
 *
 * <p>Thread safety: immutable. Allocation: none. Complexity: O(1) per score.
 */
public final class PlattCalibrator implements Calibrator {
  private final double a;
  private final double b;
  private final int iterations;
  private final boolean converged;

  PlattCalibrator(double a, double b, int iterations, boolean converged) {
    this.a = a;
    this.b = b;
    this.iterations = iterations;
    this.converged = converged;
  }

  /**
   * A calibrator from known coefficients.
   *
   * @param a slope {@code A} (negative when higher scores mean class 1)
   * @param b intercept {@code B}
   * @return the calibrator
   */
  public static PlattCalibrator of(double a, double b) {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("coefficients must be finite, got A=" + a + ", B=" + b);
    }
    return new PlattCalibrator(a, b, 0, true);
  }

  @Override
  public double calibrate(double score) {
    double z = a * score + b;
    if (z >= 0) {
      double e = Math.exp(-z);
      return e / (1 + e);
    }
    return 1 / (1 + Math.exp(z));
  }

  /**
   * @return the slope {@code A}
   */
  public double a() {
    return a;
  }

  /**
   * @return the intercept {@code B}
   */
  public double b() {
    return b;
  }

  /**
   * @return Newton iterations used by the fit (0 for {@link #of})
   */
  public int iterations() {
    return iterations;
  }

  /**
   * @return whether the fit met its gradient tolerance
   */
  public boolean converged() {
    return converged;
  }

  @Override
  public String toString() {
    return "PlattCalibrator{A="
        + a
        + ", B="
        + b
        + ", iterations="
        + iterations
        + ", converged="
        + converged
        + "}";
  }
}
