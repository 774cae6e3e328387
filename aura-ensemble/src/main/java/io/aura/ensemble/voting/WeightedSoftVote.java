package io.aura.ensemble.voting;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Weighted soft voting: the ensemble's class probabilities are the weighted mean {@code Σ_m w_m ·
 * P_m(c | x)} of its members' probabilities, with non-negative weights summing to 1 (so the result
 * is again a probability vector). Weights come from {@link SoftVotingTrainer} or are given.
 *
 * <p>Missing members: a member whose row holds a NaN abstains for that sample; the remaining
 * weights are renormalized. If every member with positive weight abstains, the output is NaN.
 *
 * <p>Thread safety: immutable. Allocation: none in {@link #combine(double[][], double[])}.
 * Complexity: O(models · classes) per sample.
 */
public final class WeightedSoftVote {
  private final double[] weights;
  private final int classes;
  private final int iterations;

  WeightedSoftVote(double[] weights, int classes, int iterations) {
    this.weights = weights;
    this.classes = classes;
    this.iterations = iterations;
  }

  /**
   * A vote with given weights.
   *
   * @param weights one per member, non-negative, finite, not all 0; normalized to sum to 1
   * @param classes number of classes, at least 2
   * @return the vote
   */
  public static WeightedSoftVote of(double[] weights, int classes) {
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
    return new WeightedSoftVote(normalized(weights), classes, 0);
  }

  /**
   * Equal weights.
   *
   * @param models number of members, at least 1
   * @param classes number of classes, at least 2
   * @return the vote
   */
  public static WeightedSoftVote uniform(int models, int classes) {
    if (models < 1) {
      throw new IllegalArgumentException("models must be at least 1, got " + models);
    }
    double[] w = new double[models];
    Arrays.fill(w, 1.0 / models);
    return of(w, classes);
  }

  static double[] normalized(double[] weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("no weights");
    }
    double sum = 0;
    for (int m = 0; m < weights.length; m++) {
      if (!(weights[m] >= 0) || Double.isInfinite(weights[m])) {
        throw new IllegalArgumentException("weight " + m + " is " + weights[m] + "; weights must be finite and >= 0");
      }
      sum += weights[m];
    }
    if (sum == 0) {
      throw new IllegalArgumentException("all weights are 0");
    }
    double[] w = new double[weights.length];
    for (int m = 0; m < w.length; m++) {
      w[m] = weights[m] / sum;
    }
    return w;
  }

  /**
   * Combines one sample's member probabilities.
   *
   * @param memberProbs {@code models × classes}; a row with NaN abstains
   * @param out destination of length at least {@code classes}
   * @throws InvalidDataException if the shape is wrong
   */
  public void combine(double[][] memberProbs, double[] out) {
    if (memberProbs.length != weights.length) {
      throw new InvalidDataException("got probabilities of " + memberProbs.length + " models, the vote has "
          + weights.length);
    }
    Arrays.fill(out, 0, classes, 0.0);
    double used = 0;
    for (int m = 0; m < weights.length; m++) {
      double[] row = memberProbs[m];
      if (row.length != classes) {
        throw new InvalidDataException("model " + m + " gives " + row.length + " probabilities, expected " + classes);
      }
      double w = weights[m];
      if (w == 0 || hasNaN(row)) {
        continue;
      }
      used += w;
      for (int c = 0; c < classes; c++) {
        out[c] += w * row[c];
      }
    }
    for (int c = 0; c < classes; c++) {
      out[c] = used > 0 ? out[c] / used : Double.NaN;
    }
  }

  /**
   * Combines a batch.
   *
   * @param probs {@code models × samples × classes}
   * @return {@code samples × classes}
   */
  public double[][] combine(double[][][] probs) {
    if (probs.length != weights.length) {
      throw new InvalidDataException("got probabilities of " + probs.length + " models, the vote has " + weights.length);
    }
    int n = probs[0].length;
    double[][] out = new double[n][classes];
    double[][] sample = new double[weights.length][];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < weights.length; m++) {
        if (probs[m].length != n) {
          throw new InvalidDataException("model " + m + " has " + probs[m].length + " rows, model 0 has " + n);
        }
        sample[m] = probs[m][i];
      }
      combine(sample, out[i]);
    }
    return out;
  }

  /**
   * The mean log-likelihood {@code (1/n) Σ_i log(Σ_m w_m P_m(y_i | x_i))} of labels under this vote,
   * with the mixture probability floored at {@code floor} (to keep the value finite).
   *
   * @param probs {@code models × samples × classes}, validated
   * @param labels true classes
   * @param floor smallest probability used, e.g. 1e-12
   * @return the mean log-likelihood, at most 0
   */
  public double meanLogLikelihood(double[][][] probs, int[] labels, double floor) {
    int k = ProbabilityInputs.require(probs, labels);
    if (probs.length != weights.length || k != classes) {
      throw new InvalidDataException("got probabilities of " + probs.length + " models with " + k
          + " classes, the vote has " + weights.length + " models with " + classes);
    }
    double ll = 0;
    for (int i = 0; i < labels.length; i++) {
      double mix = 0;
      for (int m = 0; m < weights.length; m++) {
        mix += weights[m] * probs[m][i][labels[i]];
      }
      ll += Math.log(Math.max(mix, floor));
    }
    return ll / labels.length;
  }

  private static boolean hasNaN(double[] row) {
    for (double v : row) {
      if (Double.isNaN(v)) {
        return true;
      }
    }
    return false;
  }

  /** @return a copy of the weights, non-negative, summing to 1 */
  public double[] weights() {
    return weights.clone();
  }

  /** @return the number of members */
  public int models() {
    return weights.length;
  }

  /** @return the number of classes */
  public int classes() {
    return classes;
  }

  /** @return iterations the trainer used (0 when the weights were given) */
  public int iterations() {
    return iterations;
  }

  @Override
  public String toString() {
    return "WeightedSoftVote{weights=" + Arrays.toString(weights) + ", classes=" + classes + "}";
  }
}
