package io.aura.ensemble.voting;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Learns soft-voting weights on a validation split: the weights {@code w} on the probability
 * simplex ({@code w_m >= 0, Σ w_m = 1}) that maximize the mean log-likelihood {@code L(w) = (1/n)
 * Σ_i log Σ_m w_m q_mi}, {@code q_mi = P_m(y_i | x_i)}.
 *
 * <p>{@code L} is concave on the simplex, so any local maximum is global. It is maximized by the
 * EM / multiplicative update for mixture proportions (Dempster, Laird &amp; Rubin 1977, §4.3; the
 * same iteration as Cover's 1984 log-optimal portfolio algorithm, "An algorithm for maximizing
 * expected log investment return", IEEE Trans. Inf. Theory 30): {@code w_m ← w_m · (1/n) Σ_i q_mi
 * / Σ_k w_k q_ki}. Each step keeps {@code w} on the simplex and never decreases {@code L}. It
 * starts from uniform weights and stops when no weight moves by more than {@code tolerance}
 * (default 1e-9) or after {@code maxIterations} (default 10 000). Probabilities below {@code
 * floor} (default 1e-12) are raised to it so a member that gives a true class probability 0 does
 * not make the likelihood −∞.
 *
 * <p>Thread safety: immutable; {@link #fit} may run concurrently. Allocation: O(models · n) for
 * the true-class probabilities. Complexity: O(models · n) per iteration.
 */
public final class SoftVotingTrainer {
  private final int maxIterations;
  private final double tolerance;
  private final double floor;

  private SoftVotingTrainer(int maxIterations, double tolerance, double floor) {
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
    this.floor = floor;
  }

  /** @return a trainer with the default settings */
  public static SoftVotingTrainer defaults() {
    return new SoftVotingTrainer(10_000, 1e-9, 1e-12);
  }

  /**
   * A trainer with explicit settings.
   *
   * @param maxIterations iterations, at least 1
   * @param tolerance largest weight change that counts as converged, positive
   * @param floor smallest true-class probability used, in (0, 1e-3]
   * @return the trainer
   */
  public static SoftVotingTrainer of(int maxIterations, double tolerance, double floor) {
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, got " + maxIterations);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
    }
    if (!(floor > 0 && floor <= 1e-3)) {
      throw new IllegalArgumentException("floor must be in (0, 1e-3], got " + floor);
    }
    return new SoftVotingTrainer(maxIterations, tolerance, floor);
  }

  /**
   * Learns the weights.
   *
   * @param validationProbs {@code models × samples × classes}: each member's probabilities on the
   *     validation samples (not its training samples)
   * @param labels true class of each validation sample
   * @return the weighted vote
   * @throws InvalidDataException on ragged shapes, probabilities outside [0, 1] or NaN, rows not
   *     summing to 1, or labels out of range
   */
  public WeightedSoftVote fit(double[][][] validationProbs, int[] labels) {
    int k = ProbabilityInputs.require(validationProbs, labels);
    int models = validationProbs.length;
    int n = labels.length;
    double[][] q = new double[models][n];
    for (int m = 0; m < models; m++) {
      for (int i = 0; i < n; i++) {
        q[m][i] = Math.max(validationProbs[m][i][labels[i]], floor);
      }
    }
    double[] w = new double[models];
    Arrays.fill(w, 1.0 / models);
    double[] g = new double[models];
    int it = 0;
    while (it < maxIterations) {
      it++;
      Arrays.fill(g, 0);
      for (int i = 0; i < n; i++) {
        double mix = 0;
        for (int m = 0; m < models; m++) {
          mix += w[m] * q[m][i];
        }
        for (int m = 0; m < models; m++) {
          g[m] += q[m][i] / mix;
        }
      }
      double change = 0;
      double sum = 0;
      for (int m = 0; m < models; m++) {
        double nw = w[m] * g[m] / n;
        change = Math.max(change, Math.abs(nw - w[m]));
        w[m] = nw;
        sum += nw;
      }
      for (int m = 0; m < models; m++) {
        w[m] /= sum; // exact in theory; removes rounding drift
      }
      if (change < tolerance) {
        break;
      }
    }
    return new WeightedSoftVote(w, k, it);
  }

  @Override
  public String toString() {
    return "SoftVotingTrainer{maxIterations=" + maxIterations + ", tolerance=" + tolerance + ", floor=" + floor + "}";
  }
}
