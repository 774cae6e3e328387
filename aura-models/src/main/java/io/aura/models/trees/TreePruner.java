package io.aura.models.trees;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * Shrinks a {@link TreeEnsemble} without changing what it says on data that matters.
 *
 * <ul>
 *   <li>{@link #dropTrees}: backward elimination of whole trees. Trees are visited from the
 *       smallest mean absolute contribution on the given rows upward; a tree is replaced by its
 *       mean contribution (folded into the base score) whenever doing so keeps <em>every</em> given
 *       row's margin, in every group, within {@code tolerance} of the original model's. The result
 *       therefore carries a checked guarantee on those rows (typically a validation set), not an
 *       estimate.
 *   <li>{@link #removeUnusedFeatures}: drops features no split uses and renumbers the rest, so
 *       callers can stop computing them.
 * </ul>
 *
 * <p>Thread safety: stateless static methods. Allocation: O(T × rows) doubles for {@link
 * #dropTrees}. Complexity: O(T × rows × D) to evaluate every tree on every row, plus O(T × rows × K)
 * for the elimination.
 *
 * <p>Reference: the contribution-ranked, fidelity-bounded elimination is a simple variant of
 * ensemble pruning by ordered aggregation (G. Martínez-Muñoz, D. Hernández-Lobato and A. Suárez,
 * "An Analysis of Ensemble Pruning Techniques Based on Ordered Aggregation", IEEE TPAMI 31(2),
 * 2009).
 */
public final class TreePruner {
  private TreePruner() {}

  /**
   * Drops trees while every row's margins stay within {@code tolerance} of the original.
   *
   * @param model the ensemble
   * @param rows rows on which fidelity is enforced (a validation set), at least one
   * @param tolerance largest allowed absolute change of any margin, non-negative
   * @return the pruned ensemble (possibly the same number of trees)
   */
  public static TreeEnsemble dropTrees(TreeEnsemble model, float[][] rows, double tolerance) {
    Objects.requireNonNull(model, "model");
    if (rows.length == 0) {
      throw new IllegalArgumentException("need at least one row to check fidelity on");
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
    }
    int trees = model.treeCount();
    int n = rows.length;
    float[][] contribution = new float[trees][n];
    double[] mean = new double[trees];
    double[] meanAbs = new double[trees];
    for (int i = 0; i < n; i++) {
      if (rows[i].length < model.featureCount()) {
        throw new IllegalArgumentException("row " + i + " has " + rows[i].length
            + " features, model needs " + model.featureCount());
      }
    }
    for (int t = 0; t < trees; t++) {
      int root = model.treeStart(t);
      for (int i = 0; i < n; i++) {
        float c = model.nodeValue(model.leafOf(root, rows[i], 0));
        contribution[t][i] = c;
        mean[t] += c;
        meanAbs[t] += Math.abs(c);
      }
      mean[t] /= n;
      meanAbs[t] /= n;
    }
    Integer[] order = new Integer[trees];
    for (int t = 0; t < trees; t++) {
      order[t] = t;
    }
    Arrays.sort(order, (a, b) -> Double.compare(meanAbs[a], meanAbs[b]));
    int groups = model.numGroups();
    double[][] delta = new double[groups][n]; // change of each row's margin so far
    double[] baseShift = new double[groups];
    BitSet keep = new BitSet(trees);
    keep.set(0, trees);
    for (int t : order) {
      int g = model.treeGroup(t);
      double[] d = delta[g];
      boolean ok = true;
      for (int i = 0; i < n && ok; i++) {
        ok = Math.abs(d[i] + mean[t] - contribution[t][i]) <= tolerance;
      }
      if (ok) {
        keep.clear(t);
        baseShift[g] += mean[t];
        for (int i = 0; i < n; i++) {
          d[i] += mean[t] - contribution[t][i];
        }
      }
    }
    return model.rebuild(keep, baseShift, null, model.featureCount());
  }

  /**
   * A size / fidelity curve: for each tolerance, {@link #dropTrees} on the original model followed
   * by {@link #removeUnusedFeatures}. Callers score each point on held-out rows (projected with
   * {@link FeatureSubset#select}) to get the size / accuracy trade-off; {@code TreesCommand} in
   * the examples prints it.
   *
   * <p>Complexity: O(P × T × rows × D) for P tolerances.
   *
   * @param model the ensemble
   * @param rows rows on which fidelity is enforced (a validation set), at least one
   * @param tolerances largest allowed absolute margin change of each point, each finite and >= 0
   * @return one point per tolerance, in the given order
   */
  public static List<CurvePoint> curve(TreeEnsemble model, float[][] rows, double... tolerances) {
    Objects.requireNonNull(model, "model");
    List<CurvePoint> points = new ArrayList<>(tolerances.length);
    for (double tolerance : tolerances) {
      TreeEnsemble pruned = dropTrees(model, rows, tolerance);
      points.add(new CurvePoint(tolerance, removeUnusedFeatures(pruned)));
    }
    return List.copyOf(points);
  }

  /**
   * One point of a {@link #curve}: the tolerance, and the pruned model restricted to the features
   * it still uses.
   *
   * <p>Thread safety: immutable.
   */
  public static final class CurvePoint {
    private final double tolerance;
    private final FeatureSubset subset;

    CurvePoint(double tolerance, FeatureSubset subset) {
      this.tolerance = tolerance;
      this.subset = subset;
    }

    /** @return the largest margin change allowed on the fidelity rows */
    public double tolerance() {
      return tolerance;
    }

    /** @return the pruned model over its used features, with the original index of each */
    public FeatureSubset subset() {
      return subset;
    }

    /** @return the pruned model (shortcut for {@code subset().model()}) */
    public TreeEnsemble model() {
      return subset.model();
    }
  }

  /**
   * Removes features that no split uses and renumbers the others in their original order.
   *
   * @param model the ensemble
   * @return the compacted model and, for each of its features, the original feature index
   */
  public static FeatureSubset removeUnusedFeatures(TreeEnsemble model) {
    boolean[] used = new boolean[model.featureCount()];
    for (int n = 0; n < model.numNodes(); n++) {
      int f = model.nodeFeature(n);
      if (f >= 0) {
        used[f] = true;
      }
    }
    int[] map = new int[used.length];
    List<Integer> kept = new ArrayList<>();
    for (int f = 0; f < used.length; f++) {
      map[f] = used[f] ? kept.size() : -1;
      if (used[f]) {
        kept.add(f);
      }
    }
    int[] original = kept.stream().mapToInt(Integer::intValue).toArray();
    BitSet all = new BitSet();
    all.set(0, model.treeCount());
    TreeEnsemble compact = model.rebuild(all, new double[model.numGroups()], map,
        Math.max(1, original.length));
    return new FeatureSubset(compact, original);
  }

  /**
   * A model restricted to a subset of the original features.
   *
   * <p>Thread safety: immutable. Allocation: {@link #select} allocates the projected row.
   */
  public static final class FeatureSubset {
    private final TreeEnsemble model;
    private final int[] originalIndex;

    FeatureSubset(TreeEnsemble model, int[] originalIndex) {
      this.model = model;
      this.originalIndex = originalIndex;
    }

    /** @return the model over the kept features */
    public TreeEnsemble model() {
      return model;
    }

    /** @return for each kept feature, its index in the original rows (a copy) */
    public int[] originalIndex() {
      return originalIndex.clone();
    }

    /**
     * Projects an original row onto the kept features.
     *
     * @param originalRow a row for the original model
     * @param out receives the kept features, length at least {@code model().featureCount()}
     */
    public void select(float[] originalRow, float[] out) {
      for (int i = 0; i < originalIndex.length; i++) {
        out[i] = originalRow[originalIndex[i]];
      }
    }
  }
}
