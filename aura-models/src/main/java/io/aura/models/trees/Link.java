package io.aura.models.trees;

/**
 * The function that turns a tree ensemble's raw margins into the model's output scale
 * (probabilities for classifiers, the response for log-link regressions).
 *
 * <p>Thread safety: immutable constants. Allocation: none. Complexity: O(K) for K output groups.
 *
 * <p>References: XGBoost objective documentation ({@code binary:logistic}, {@code multi:softprob},
 * {@code count:poisson}); LightGBM parameter documentation ({@code sigmoid}, {@code
 * multiclassova}).
 */
public enum Link {
  /** Output equals margin (regression, ranking, {@code binary:logitraw}). */
  IDENTITY,
  /** Logistic function {@code 1 / (1 + exp(-scale * m))}, applied to each group independently. */
  SIGMOID,
  /** Softmax across all groups: {@code exp(m_k) / sum_j exp(m_j)}, computed stably. */
  SOFTMAX,
  /** Exponential (log link of Poisson, Gamma and Tweedie objectives). */
  EXP;

  /**
   * Transforms {@code margins} in place.
   *
   * @param margins raw margins, one per output group; overwritten with outputs
   * @param count number of groups (leading entries of {@code margins}) to transform
   * @param scale the sigmoid scale (LightGBM's {@code sigmoid} parameter; 1 for XGBoost); ignored
   *     by the other links
   */
  public void apply(float[] margins, int count, double scale) {
    switch (this) {
      case IDENTITY:
        return;
      case SIGMOID:
        for (int i = 0; i < count; i++) {
          margins[i] = (float) (1.0 / (1.0 + Math.exp(-scale * margins[i])));
        }
        return;
      case EXP:
        for (int i = 0; i < count; i++) {
          margins[i] = (float) Math.exp(margins[i]);
        }
        return;
      case SOFTMAX:
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
          max = Math.max(max, margins[i]);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
          sum += Math.exp(margins[i] - max);
        }
        for (int i = 0; i < count; i++) {
          margins[i] = (float) (Math.exp(margins[i] - max) / sum);
        }
        return;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Maps a value on the output scale back to a margin, for a single group; used to turn a base
   * score stored in probability space (XGBoost 2) into a margin.
   *
   * @param output the value on the output scale
   * @param scale the sigmoid scale
   * @return the margin whose {@link #apply} image is {@code output}
   * @throws IllegalArgumentException if {@code output} is outside the link's range, or the link is
   *     {@link #SOFTMAX} (which has no per-group inverse)
   */
  public double inverse(double output, double scale) {
    switch (this) {
      case IDENTITY:
        return output;
      case SIGMOID:
        if (!(output > 0 && output < 1)) {
          throw new IllegalArgumentException("sigmoid inverse needs 0 < p < 1, got " + output);
        }
        return -Math.log(1.0 / output - 1.0) / scale;
      case EXP:
        if (!(output > 0)) {
          throw new IllegalArgumentException(
              "log link inverse needs a positive value, got " + output);
        }
        return Math.log(output);
      default:
        throw new IllegalArgumentException("link " + this + " has no per-group inverse");
    }
  }
}
