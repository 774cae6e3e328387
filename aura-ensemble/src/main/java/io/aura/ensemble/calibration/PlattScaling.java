package io.aura.ensemble.calibration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link PlattCalibrator}: Platt scaling (Platt 1999, "Probabilistic outputs for support
 * vector machines and comparisons to regularized likelihood methods") as restated by Lin, Lin &amp;
 * Weng 2007 ("A note on Platt's probabilistic outputs for support vector machines", Machine
 * Learning 68): minimize the cross-entropy of {@code 1 / (1 + exp(A·s + B))} against the smoothed
 * targets {@code t₊ = (N₊ + 1) / (N₊ + 2)} for class 1 and {@code t₋ = 1 / (N₋ + 2)} for class 0,
 * by Newton's method with a backtracking (Armijo) line search and a tiny ridge {@code σ = 1e-12} on
 * the Hessian's diagonal. The targets keep {@code A} finite even on separable data.
 *
 * <p>Stops when both gradient components are below 1e-5, after {@code maxIterations} (default 100)
 * iterations, or when the line search cannot decrease the objective (step below 1e-10); the last
 * two cases are logged at WARN and reported by {@link PlattCalibrator#converged()}.
 *
 * <p>Thread safety: immutable; {@link #fit} may run concurrently. Allocation: O(n) for the targets.
 * Complexity: O(n) per Newton iteration; typically under 10 iterations.
 */
public final class PlattScaling {
  private static final Logger LOG = LoggerFactory.getLogger(PlattScaling.class);
  private static final double MIN_STEP = 1e-10;
  private static final double SIGMA = 1e-12;
  private static final double EPS = 1e-5;

  private final int maxIterations;

  private PlattScaling(int maxIterations) {
    this.maxIterations = maxIterations;
  }

  /**
   * @return a trainer with at most 100 Newton iterations
   */
  public static PlattScaling defaults() {
    return new PlattScaling(100);
  }

  /**
   * @param maxIterations Newton iterations, at least 1
   * @return a trainer with that limit
   */
  public static PlattScaling withMaxIterations(int maxIterations) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
    }
    return new PlattScaling(maxIterations);
  }

  /**
   * Fits the sigmoid.
   *
   * @param scores raw scores on a calibration set not used to train the model; finite
   * @param labels 0 or 1 per score
   * @return the calibrator
   * @throws io.aura.features.InvalidDataException on a length mismatch, an empty set, a non-finite
   *     score or a label other than 0/1
   */
  public PlattCalibrator fit(double[] scores, int[] labels) {
    Inputs.requireScoresAndLabels(scores, labels);
    int n = scores.length;
    int prior1 = 0;
    for (int y : labels) {
      prior1 += y;
    }
    int prior0 = n - prior1;
    double hi = (prior1 + 1.0) / (prior1 + 2.0);
    double lo = 1.0 / (prior0 + 2.0);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = labels[i] == 1 ? hi : lo;
    }
    double a = 0;
    double b = Math.log((prior0 + 1.0) / (prior1 + 1.0));
    double fval = objective(scores, t, a, b);
    int it = 0;
    boolean converged = false;
    while (it < maxIterations) {
      double h11 = SIGMA;
      double h22 = SIGMA;
      double h21 = 0;
      double g1 = 0;
      double g2 = 0;
      for (int i = 0; i < n; i++) {
        double z = scores[i] * a + b;
        double p;
        double q;
        if (z >= 0) {
          double e = Math.exp(-z);
          p = e / (1 + e);
          q = 1 / (1 + e);
        } else {
          double e = Math.exp(z);
          p = 1 / (1 + e);
          q = e / (1 + e);
        }
        double d2 = p * q;
        h11 += scores[i] * scores[i] * d2;
        h22 += d2;
        h21 += scores[i] * d2;
        double d1 = t[i] - p;
        g1 += scores[i] * d1;
        g2 += d1;
      }
      if (Math.abs(g1) < EPS && Math.abs(g2) < EPS) {
        converged = true;
        break;
      }
      it++;
      double det = h11 * h22 - h21 * h21;
      double da = -(h22 * g1 - h21 * g2) / det;
      double db = -(-h21 * g1 + h11 * g2) / det;
      double gd = g1 * da + g2 * db;
      double step = 1;
      boolean accepted = false;
      while (step >= MIN_STEP) {
        double na = a + step * da;
        double nb = b + step * db;
        double nf = objective(scores, t, na, nb);
        if (nf < fval + 1e-4 * step * gd) {
          a = na;
          b = nb;
          fval = nf;
          accepted = true;
          break;
        }
        step /= 2;
      }
      if (!accepted) {
        LOG.warn("Platt scaling: line search failed at iteration {} (A={}, B={})", it, a, b);
        break;
      }
    }
    if (!converged && it >= maxIterations) {
      LOG.warn("Platt scaling: no convergence in {} iterations (A={}, B={})", maxIterations, a, b);
    }
    return new PlattCalibrator(a, b, it, converged);
  }

  /** Cross-entropy of the sigmoid against targets, in the overflow-free form. */
  private static double objective(double[] s, double[] t, double a, double b) {
    double f = 0;
    for (int i = 0; i < s.length; i++) {
      double z = s[i] * a + b;
      if (z >= 0) {
        f += t[i] * z + Math.log1p(Math.exp(-z));
      } else {
        f += (t[i] - 1) * z + Math.log1p(Math.exp(z));
      }
    }
    return f;
  }

  @Override
  public String toString() {
    return "PlattScaling{maxIterations=" + maxIterations + "}";
  }
}
