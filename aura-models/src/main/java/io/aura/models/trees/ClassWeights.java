package io.aura.models.trees;

import java.util.Arrays;

/**
 * Per-class training weights for imbalanced labels (anomalies are rare): every row of class {@code
 * k} gets weight {@code w_k} in the loss.
 *
 * <p>{@link #balanced()} uses {@code w_k = n / (K · n_k)} (King and Zeng, "Logistic Regression in
 * Rare Events Data", Political Analysis 9(2), 2001; the same rule as scikit-learn's {@code
 * class_weight="balanced"}).
 *
 * <p>Thread safety: immutable. Allocation: {@link #rowWeights} returns a new array. Complexity:
 * O(rows).
 */
public final class ClassWeights {
  private static final ClassWeights NONE = new ClassWeights(null, false);
  private static final ClassWeights BALANCED = new ClassWeights(null, true);
  private final double[] weights;
  private final boolean balanced;

  private ClassWeights(double[] weights, boolean balanced) {
    this.weights = weights;
    this.balanced = balanced;
  }

  /**
   * @return equal weights (no reweighting)
   */
  public static ClassWeights none() {
    return NONE;
  }

  /**
   * @return weights inversely proportional to class frequency in the training rows
   */
  public static ClassWeights balanced() {
    return BALANCED;
  }

  /**
   * @param perClass weight of each class, finite and positive
   * @return explicit weights
   */
  public static ClassWeights of(double... perClass) {
    for (int k = 0; k < perClass.length; k++) {
      if (!(perClass[k] > 0) || Double.isInfinite(perClass[k])) {
        throw new IllegalArgumentException(
            "class " + k + " weight must be finite and positive, " + "got " + perClass[k]);
      }
    }
    return new ClassWeights(perClass.clone(), false);
  }

  /**
   * @return whether every row weighs 1
   */
  public boolean isNone() {
    return weights == null && !balanced;
  }

  /**
   * @param rows training rows
   * @return one weight per row, or null when {@link #isNone()}
   */
  public float[] rowWeights(LabeledRows rows) {
    if (isNone()) {
      return null;
    }
    double[] w;
    if (balanced) {
      int[] counts = rows.classCounts();
      w = new double[counts.length];
      for (int k = 0; k < counts.length; k++) {
        w[k] = counts[k] == 0 ? 0 : (double) rows.size() / (counts.length * (double) counts[k]);
      }
    } else {
      if (weights.length != rows.numClasses()) {
        throw new IllegalArgumentException(
            weights.length + " class weights for " + rows.numClasses() + " classes");
      }
      w = weights;
    }
    float[] out = new float[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) w[rows.label(i)];
    }
    return out;
  }

  @Override
  public String toString() {
    return isNone()
        ? "ClassWeights.none"
        : balanced ? "ClassWeights.balanced" : "ClassWeights" + Arrays.toString(weights);
  }
}
