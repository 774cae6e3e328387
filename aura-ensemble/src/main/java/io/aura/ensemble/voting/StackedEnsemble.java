package io.aura.ensemble.voting;

import io.aura.features.InvalidDataException;

/**
 * A stacked ensemble: a multinomial logistic-regression meta-learner over the concatenated class
 * probabilities of the base models, {@code P(c | x) = softmax_c(b_c + Σ_{m,j} W_{c,(m,j)} P_m(j |
 * x))}; built by {@link StackingTrainer}.
 *
 * <p>NaN policy: a NaN base probability makes the output NaN (the meta-learner was trained on
 * complete rows and has no rule for a missing member).
 *
 * <p>Thread safety: immutable. Allocation: none in {@link #predict(double[][], double[])}.
 * Complexity: O(classes · models · classes) per sample.
 */
public final class StackedEnsemble {
  private final int models;
  private final int classes;
  /** {@code classes × (1 + models·classes)}: intercept first. */
  private final double[][] coef;
  private final int iterations;
  private final boolean converged;

  StackedEnsemble(int models, int classes, double[][] coef, int iterations, boolean converged) {
    this.models = models;
    this.classes = classes;
    this.coef = coef;
    this.iterations = iterations;
    this.converged = converged;
  }

  /**
   * Predicts one sample.
   *
   * @param memberProbs {@code models × classes} base-model probabilities
   * @param out destination of length at least {@code classes}
   * @throws InvalidDataException if the shape is wrong
   */
  public void predict(double[][] memberProbs, double[] out) {
    if (memberProbs.length != models) {
      throw new InvalidDataException("got probabilities of " + memberProbs.length + " models, the ensemble has " + models);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      double[] w = coef[c];
      double z = w[0];
      int col = 1;
      for (int m = 0; m < models; m++) {
        double[] row = memberProbs[m];
        if (row.length != classes) {
          throw new InvalidDataException("model " + m + " gives " + row.length + " probabilities, expected " + classes);
        }
        for (int j = 0; j < classes; j++) {
          z += w[col++] * row[j];
        }
      }
      out[c] = z;
      max = Math.max(max, z);
    }
    if (Double.isNaN(max)) {
      for (int c = 0; c < classes; c++) {
        out[c] = Double.NaN;
      }
      return;
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < classes; c++) {
      out[c] /= sum;
    }
  }

  /**
   * Predicts a batch.
   *
   * @param probs {@code models × samples × classes}
   * @return {@code samples × classes}
   */
  public double[][] predict(double[][][] probs) {
    if (probs.length != models) {
      throw new InvalidDataException("got probabilities of " + probs.length + " models, the ensemble has " + models);
    }
    int n = probs[0].length;
    double[][] out = new double[n][classes];
    double[][] sample = new double[models][];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < models; m++) {
        if (probs[m].length != n) {
          throw new InvalidDataException("model " + m + " has " + probs[m].length + " rows, model 0 has " + n);
        }
        sample[m] = probs[m][i];
      }
      predict(sample, out[i]);
    }
    return out;
  }

  /** @return the number of base models */
  public int models() {
    return models;
  }

  /** @return the number of classes */
  public int classes() {
    return classes;
  }

  /**
   * The meta-learner's coefficients.
   *
   * @return a copy, {@code classes × (1 + models·classes)}: per class the intercept, then the
   *     weight of model 0 class 0, model 0 class 1, ..., model 1 class 0, ...
   */
  public double[][] coefficients() {
    double[][] c = new double[classes][];
    for (int k = 0; k < classes; k++) {
      c[k] = coef[k].clone();
    }
    return c;
  }

  /** @return L-BFGS iterations used */
  public int iterations() {
    return iterations;
  }

  /** @return whether L-BFGS met its gradient tolerance */
  public boolean converged() {
    return converged;
  }

  @Override
  public String toString() {
    return "StackedEnsemble{models=" + models + ", classes=" + classes + ", iterations=" + iterations
        + ", converged=" + converged + "}";
  }
}
