package io.aura.ensemble.voting;

import io.aura.features.InvalidDataException;
import java.util.Objects;

/** Shared checks of per-model probability matrices ({@code model × sample × class}). */
final class ProbabilityInputs {
  static final double SUM_TOLERANCE = 1e-4;

  private ProbabilityInputs() {}

  /**
   * Checks {@code probs[m][i][c]}: at least one model, equal sample counts matching the labels,
   * {@code k >= 2} classes everywhere, probabilities in [0, 1] summing to 1 within 1e-4, labels in
   * [0, k).
   *
   * @return the number of classes
   */
  static int require(double[][][] probs, int[] labels) {
    Objects.requireNonNull(probs, "probabilities");
    Objects.requireNonNull(labels, "labels");
    if (probs.length == 0) {
      throw new InvalidDataException("no models: the probability array is empty");
    }
    int n = labels.length;
    if (n == 0) {
      throw new InvalidDataException("no samples: labels are empty");
    }
    int k = -1;
    for (int m = 0; m < probs.length; m++) {
      if (probs[m] == null || probs[m].length != n) {
        throw new InvalidDataException("model " + m + " has " + (probs[m] == null ? "no" : probs[m].length)
            + " rows of probabilities, labels has " + n);
      }
      for (int i = 0; i < n; i++) {
        double[] row = probs[m][i];
        if (k < 0) {
          k = row == null ? 0 : row.length;
          if (k < 2) {
            throw new InvalidDataException("model 0 row 0 has " + k + " classes; at least 2 are needed");
          }
        }
        requireRow(row, k, m, i);
      }
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new InvalidDataException("label " + i + " is " + labels[i] + "; classes are 0.." + (k - 1));
      }
    }
    return k;
  }

  static void requireRow(double[] row, int k, int model, int sample) {
    if (row == null || row.length != k) {
      throw new InvalidDataException("model " + model + " row " + sample + " has "
          + (row == null ? "no" : String.valueOf(row.length)) + " probabilities, expected " + k + " classes");
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      double p = row[c];
      if (!(p >= 0 && p <= 1)) {
        throw new InvalidDataException("model " + model + " row " + sample + " class " + c + " has probability "
            + p + "; probabilities must be in [0, 1] (no NaN)");
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new InvalidDataException("model " + model + " row " + sample + " sums to " + sum + ", not 1");
    }
  }
}
