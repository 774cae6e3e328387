package io.aura.models.trees;

import java.util.Objects;

/**
 * An immutable tree-ensemble classifier backed by a {@link TreeEnsemble}, in one of three forms:
 *
 * <ul>
 *   <li>binary gradient boosting: one margin, {@link Link#SIGMOID};
 *   <li>K-class gradient boosting: K margins, {@link Link#SOFTMAX};
 *   <li>averaged probability forests (random forests, extra trees): K groups, {@link
 *       Link#IDENTITY}, each group already the class probability (every tree's leaf holds its class
 *       distribution divided by the number of trees, so the sum over trees is the forest's average,
 *       not a boosted sum). {@code io.aura.models.trees.tribuo.TribuoForestTrainer} builds these,
 *       for two classes as well.
 * </ul>
 *
 * <p>Thread safety: immutable, every method may be called concurrently. Allocation: {@link
 * #predict} and {@link #probabilities} allocate nothing. Complexity: one ensemble evaluation,
 * O(T·D) for T trees of depth D.
 */
public final class Classifier {
  private final TreeEnsemble ensemble;
  private final int numClasses;
  private final String origin;
  private final int rounds;

  private Classifier(TreeEnsemble ensemble, int numClasses, String origin, int rounds) {
    this.ensemble = ensemble;
    this.numClasses = numClasses;
    this.origin = origin;
    this.rounds = rounds;
  }

  /**
   * Wraps an ensemble.
   *
   * @param ensemble a binary model (1 group, {@link Link#SIGMOID}), a K-class model (K groups,
   *     {@link Link#SOFTMAX}) or an averaged probability forest (K groups, {@link Link#IDENTITY})
   * @param numClasses number of classes, at least 2
   * @param origin where the model came from (for {@link #toString()}), e.g. {@code "xgboost4j"}
   * @param rounds boosting rounds kept (trees per class for a forest)
   * @return the classifier
   * @throws IllegalArgumentException if the ensemble's groups or link do not fit
   */
  public static Classifier of(TreeEnsemble ensemble, int numClasses, String origin, int rounds) {
    Objects.requireNonNull(ensemble, "ensemble");
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
    }
    boolean binary =
        numClasses == 2 && ensemble.numGroups() == 1 && ensemble.link() == Link.SIGMOID;
    boolean multi =
        ensemble.numGroups() == numClasses
            && (ensemble.link() == Link.SOFTMAX || ensemble.link() == Link.IDENTITY);
    if (!binary && !multi) {
      throw new IllegalArgumentException(
          "ensemble with "
              + ensemble.numGroups()
              + " groups and "
              + ensemble.link()
              + " link is not a "
              + numClasses
              + "-class classifier");
    }
    return new Classifier(ensemble, numClasses, Objects.requireNonNull(origin, "origin"), rounds);
  }

  /**
   * @return number of classes
   */
  public int numClasses() {
    return numClasses;
  }

  /**
   * @return number of input features
   */
  public int featureCount() {
    return ensemble.featureCount();
  }

  /**
   * @return boosting rounds kept (after early stopping)
   */
  public int rounds() {
    return rounds;
  }

  /**
   * @return the underlying compiled ensemble (raw margins, SHAP, importance)
   */
  public TreeEnsemble ensemble() {
    return ensemble;
  }

  /**
   * Most probable class (ties go to the lowest index).
   *
   * @param row features; NaN means missing
   * @return the class in {@code [0, numClasses())}
   */
  public int predict(float[] row) {
    if (ensemble.numGroups() == 1) {
      return ensemble.predictRaw(row) > 0 ? 1 : 0;
    }
    int best = 0;
    float bestMargin = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < numClasses; k++) {
      float m = ensemble.predictRaw(row, k);
      if (m > bestMargin) {
        bestMargin = m;
        best = k;
      }
    }
    return best;
  }

  /**
   * Class probabilities.
   *
   * @param row features; NaN means missing
   * @param out receives {@link #numClasses()} probabilities summing to 1 (for a forest, up to
   *     float32 rounding of its leaves)
   */
  public void probabilities(float[] row, float[] out) {
    if (out.length < numClasses) {
      throw new IllegalArgumentException(
          "output has length " + out.length + ", need " + numClasses);
    }
    if (ensemble.numGroups() == 1) {
      double p = 1.0 / (1.0 + Math.exp(-ensemble.linkScale() * ensemble.predictRaw(row)));
      out[1] = (float) p;
      out[0] = (float) (1.0 - p);
    } else {
      ensemble.predict(row, out);
    }
  }

  @Override
  public String toString() {
    return "Classifier{classes="
        + numClasses
        + ", origin="
        + origin
        + ", rounds="
        + rounds
        + ", "
        + ensemble
        + "}";
  }
}
