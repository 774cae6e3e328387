package io.aura.ensemble.voting;

import io.aura.features.InvalidDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link StackedEnsemble} (Wolpert 1992, "Stacked generalization"; Ting &amp; Witten
 * 1999, "Issues in stacked generalization", JAIR 10, who recommend class probabilities as
 * meta-features and a linear meta-learner): a multinomial logistic regression on the base models'
 * <em>out-of-fold</em> probabilities (build them with {@link KFold}), minimizing
 *
 * <pre>{@code (1/n) Σ_i −log softmax(W x_i + b)_{y_i} + (λ/2) ‖W‖²}</pre>
 *
 * (intercepts {@code b} not penalized; {@code λ} default 1e-3) with L-BFGS (Liu &amp; Nocedal 1989,
 * memory 10, gradient tolerance 1e-6, at most 500 iterations). The objective is convex, and
 * strictly convex in {@code W} for {@code λ > 0}; a run that hits the iteration limit is logged at
 * WARN and reported by {@link StackedEnsemble#converged()}.
 *
 * <p>Thread safety: immutable; {@link #fit} may run concurrently. Allocation: O(n · classes) per
 * objective evaluation. Complexity: O(n · classes² · models) per objective evaluation.
 */
public final class StackingTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(StackingTrainer.class);

  private final double lambda;
  private final int maxIterations;
  private final double tolerance;

  private StackingTrainer(double lambda, int maxIterations, double tolerance) {
    this.lambda = lambda;
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /** @return a trainer with λ = 1e-3, 500 iterations, gradient tolerance 1e-6 */
  public static StackingTrainer defaults() {
    return new StackingTrainer(1e-3, 500, 1e-6);
  }

  /**
   * A trainer with explicit settings.
   *
   * @param lambda L2 penalty on the weights, at least 0
   * @param maxIterations L-BFGS iterations, at least 1
   * @param tolerance gradient infinity-norm at which to stop, positive
   * @return the trainer
   */
  public static StackingTrainer of(double lambda, int maxIterations, double tolerance) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
    }
    return new StackingTrainer(lambda, maxIterations, tolerance);
  }

  /**
   * Fits the meta-learner.
   *
   * @param outOfFoldProbs {@code models × samples × classes}: each base model's out-of-fold
   *     probabilities
   * @param labels true class of each sample
   * @return the stacked ensemble
   * @throws InvalidDataException on ragged shapes, invalid probabilities or labels out of range
   */
  public StackedEnsemble fit(double[][][] outOfFoldProbs, int[] labels) {
    int k = ProbabilityInputs.require(outOfFoldProbs, labels);
    int models = outOfFoldProbs.length;
    int n = labels.length;
    int p = 1 + models * k;
    double[][] x = new double[n][p];
    for (int i = 0; i < n; i++) {
      x[i][0] = 1;
      int col = 1;
      for (int m = 0; m < models; m++) {
        for (int j = 0; j < k; j++) {
          x[i][col++] = outOfFoldProbs[m][i][j];
        }
      }
    }
    double[] theta = new double[k * p];
    Lbfgs.Objective objective = (t, grad) -> value(t, grad, x, labels, k, p);
    Lbfgs.Result r = Lbfgs.minimize(objective, theta, maxIterations, tolerance, 10);
    if (!r.converged()) {
      LOG.warn("stacking meta-learner: L-BFGS stopped after {} iterations without meeting tolerance {} (loss {})",
          r.iterations(), tolerance, r.value());
    }
    double[][] coef = new double[k][p];
    for (int c = 0; c < k; c++) {
      System.arraycopy(theta, c * p, coef[c], 0, p);
    }
    return new StackedEnsemble(models, k, coef, r.iterations(), r.converged());
  }

  private double value(double[] t, double[] grad, double[][] x, int[] y, int k, int p) {
    int n = y.length;
    java.util.Arrays.fill(grad, 0);
    double[] z = new double[k];
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double[] xi = x[i];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double s = 0;
        int off = c * p;
        for (int j = 0; j < p; j++) {
          s += t[off + j] * xi[j];
        }
        z[c] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        sum += Math.exp(z[c] - max);
      }
      double logSum = max + Math.log(sum);
      loss += logSum - z[y[i]];
      for (int c = 0; c < k; c++) {
        double r = Math.exp(z[c] - logSum) - (c == y[i] ? 1 : 0);
        int off = c * p;
        for (int j = 0; j < p; j++) {
          grad[off + j] += r * xi[j];
        }
      }
    }
    loss /= n;
    for (int g = 0; g < grad.length; g++) {
      grad[g] /= n;
    }
    for (int c = 0; c < k; c++) {
      int off = c * p;
      for (int j = 1; j < p; j++) {
        loss += 0.5 * lambda * t[off + j] * t[off + j];
        grad[off + j] += lambda * t[off + j];
      }
    }
    return loss;
  }

  @Override
  public String toString() {
    return "StackingTrainer{lambda=" + lambda + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance + "}";
  }
}
