package io.aura.models.trees;

import java.util.Arrays;

/**
 * Exact SHAP values of a {@link TreeEnsemble}'s raw margin, by the path-dependent TreeSHAP
 * algorithm (Lundberg, Erion and Lee, "Consistent Individualized Feature Attribution for Tree
 * Ensembles", arXiv:1802.03888, 2018, Algorithm 2).
 *
 * <p>For each row and output group, {@code phi[f]} is feature {@code f}'s Shapley value of the
 * margin under the conditional expectation estimated from the training covers stored in the model
 * (XGBoost {@code sum_hessian}, LightGBM {@code internal_count}/{@code leaf_count}); the bias term
 * is the model's expected margin. By construction {@code sum(phi) + bias = margin} (local accuracy,
 * up to floating-point rounding). The layout of the output matches XGBoost's {@code pred_contribs}
 * and LightGBM's {@code pred_contrib}: for group {@code g}, entries {@code g·(F+1) .. g·(F+1)+F-1}
 * are the features and entry {@code g·(F+1)+F} is the bias.
 *
 * <p>The recursion of Algorithm 2 is run on an explicit stack, so trees of any accepted depth
 * ({@link TreeEnsemble#MAX_DEPTH}) cannot overflow the thread stack. NaN inputs follow the same
 * default directions as prediction.
 *
 * <p>Thread safety: immutable and thread-safe; the per-call scratch lives in a {@link Workspace},
 * one per thread. Allocation: none per call when a workspace is passed; a workspace holds O(D²)
 * doubles for maximum depth D. Complexity: O(T·L·D²) per row for T trees with L leaves of depth D.
 */
public final class TreeShap {
  private final TreeEnsemble model;
  private final double[] nodeMean; // cover-weighted mean leaf value under each node
  private final double[] expected; // per group
  private final int width;

  private TreeShap(TreeEnsemble model) {
    this.model = model;
    int nodes = model.numNodes();
    this.nodeMean = new double[nodes];
    this.expected = new double[model.numGroups()];
    for (int g = 0; g < model.numGroups(); g++) {
      expected[g] = model.baseScore(g);
    }
    for (int t = 0; t < model.treeCount(); t++) {
      int start = model.treeStart(t);
      int end = t + 1 < model.treeCount() ? model.treeStart(t + 1) : nodes;
      // pre-order: children have larger indices than their parent
      for (int n = end - 1; n >= start; n--) {
        if (model.nodeFeature(n) < 0) {
          nodeMean[n] = model.nodeValue(n);
        } else {
          int l = n + 1;
          int r = model.nodeRight(n);
          double c = model.nodeCover(n);
          double cl = model.nodeCover(l);
          double cr = model.nodeCover(r);
          double denom = c > 0 ? c : cl + cr;
          nodeMean[n] = denom > 0 ? (cl * nodeMean[l] + cr * nodeMean[r]) / denom
              : 0.5 * (nodeMean[l] + nodeMean[r]);
        }
      }
      expected[model.treeGroup(t)] += nodeMean[start];
    }
    this.width = model.featureCount() + 1;
  }

  /**
   * Prepares TreeSHAP for a model.
   *
   * @param model an ensemble whose nodes carry covers ({@link TreeEnsemble#hasCover()})
   * @return the explainer
   * @throws IllegalArgumentException if the model has no covers
   */
  public static TreeShap of(TreeEnsemble model) {
    if (!model.hasCover()) {
      throw new IllegalArgumentException(
          "TreeSHAP needs node covers; this model carries none (" + model + ")");
    }
    return new TreeShap(model);
  }

  /**
   * @param group output group
   * @return the expected raw margin over the training distribution (the SHAP bias term)
   */
  public double expectedValue(int group) {
    return expected[group];
  }

  /** @return the length of the output array: {@code numGroups × (numFeatures + 1)} */
  public int outputLength() {
    return model.numGroups() * width;
  }

  /** @return a new scratch workspace for one thread */
  public Workspace newWorkspace() {
    return new Workspace(model.maxDepth());
  }

  /**
   * Computes SHAP values for one row, allocating a workspace (convenience).
   *
   * @param row features; NaN means missing
   * @return {@link #outputLength()} values, layout as described in the class comment
   */
  public double[] explain(float[] row) {
    double[] out = new double[outputLength()];
    explain(row, out, newWorkspace());
    return out;
  }

  /**
   * Computes SHAP values for one row without allocating.
   *
   * @param row features; NaN means missing
   * @param out receives {@link #outputLength()} values (overwritten)
   * @param ws this thread's workspace (from {@link #newWorkspace()} of this explainer)
   */
  public void explain(float[] row, double[] out, Workspace ws) {
    if (row.length < model.featureCount()) {
      throw new IllegalArgumentException(
          "row has " + row.length + " features, model needs " + model.featureCount());
    }
    if (out.length < outputLength()) {
      throw new IllegalArgumentException(
          "output has length " + out.length + ", needs " + outputLength());
    }
    if (ws.maxDepth < model.maxDepth()) {
      throw new IllegalArgumentException("workspace was made for a shallower model");
    }
    Arrays.fill(out, 0, outputLength(), 0.0);
    for (int g = 0; g < model.numGroups(); g++) {
      out[g * width + width - 1] = expected[g];
    }
    for (int t = 0; t < model.treeCount(); t++) {
      tree(model.treeStart(t), row, out, model.treeGroup(t) * width, ws);
    }
  }

  private void tree(int root, float[] row, double[] phi, int phiOffset, Workspace w) {
    w.sp = 0;
    enter(root, 0, 0, 1.0, 1.0, -1, row, phi, phiOffset, w);
    while (w.sp > 0) {
      int top = w.sp - 1;
      int state = w.fState[top];
      if (state == 0) {
        w.fState[top] = 1;
        enter(w.fHot[top], w.fDepth[top] + 1, w.fOffset[top], w.fHotZero[top], w.fIncomingOne[top],
            w.fSplit[top], row, phi, phiOffset, w);
      } else if (state == 1) {
        w.fState[top] = 2;
        enter(w.fCold[top], w.fDepth[top] + 1, w.fOffset[top], w.fColdZero[top], 0.0,
            w.fSplit[top], row, phi, phiOffset, w);
      } else {
        w.sp--;
      }
    }
  }

  /**
   * One "RECURSE" call of Algorithm 2: extends the parent's path with (zero, one, feature); for a
   * leaf adds contributions; for a split, pushes a frame whose children the main loop visits.
   */
  private void enter(int node, int depth, int parentOffset, double zero, double one, int feat,
      float[] row, double[] phi, int phiOffset, Workspace w) {
    int off = parentOffset + depth + 1;
    System.arraycopy(w.pFeature, parentOffset, w.pFeature, off, depth + 1);
    System.arraycopy(w.pZero, parentOffset, w.pZero, off, depth + 1);
    System.arraycopy(w.pOne, parentOffset, w.pOne, off, depth + 1);
    System.arraycopy(w.pWeight, parentOffset, w.pWeight, off, depth + 1);
    extend(w, off, depth, zero, one, feat);
    int split = model.nodeFeature(node);
    if (split < 0) {
      double v = model.nodeValue(node);
      for (int i = 1; i <= depth; i++) {
        double s = unwoundSum(w, off, depth, i);
        phi[phiOffset + w.pFeature[off + i]] += s * (w.pOne[off + i] - w.pZero[off + i]) * v;
      }
      return;
    }
    int l = node + 1;
    int r = model.nodeRight(node);
    boolean left = model.goesLeft(node, row[split]);
    int hot = left ? l : r;
    int cold = left ? r : l;
    double c = model.nodeCover(node);
    double hotZero = c > 0 ? model.nodeCover(hot) / c : 0.0;
    double coldZero = c > 0 ? model.nodeCover(cold) / c : 0.0;
    double incomingZero = 1.0;
    double incomingOne = 1.0;
    int d = depth;
    for (int k = 0; k <= d; k++) {
      if (w.pFeature[off + k] == split) {
        incomingZero = w.pZero[off + k];
        incomingOne = w.pOne[off + k];
        unwind(w, off, d, k);
        d--;
        break;
      }
    }
    int f = w.sp++;
    w.fState[f] = 0;
    w.fDepth[f] = d;
    w.fOffset[f] = off;
    w.fHot[f] = hot;
    w.fCold[f] = cold;
    w.fHotZero[f] = hotZero * incomingZero;
    w.fColdZero[f] = coldZero * incomingZero;
    w.fIncomingOne[f] = incomingOne;
    w.fSplit[f] = split;
  }

  private static void extend(Workspace w, int off, int d, double zero, double one, int feat) {
    double[] pw = w.pWeight;
    w.pFeature[off + d] = feat;
    w.pZero[off + d] = zero;
    w.pOne[off + d] = one;
    pw[off + d] = d == 0 ? 1.0 : 0.0;
    for (int i = d - 1; i >= 0; i--) {
      pw[off + i + 1] += one * pw[off + i] * (i + 1) / (d + 1);
      pw[off + i] = zero * pw[off + i] * (d - i) / (d + 1);
    }
  }

  private static void unwind(Workspace w, int off, int d, int k) {
    double[] pw = w.pWeight;
    double one = w.pOne[off + k];
    double zero = w.pZero[off + k];
    double next = pw[off + d];
    for (int i = d - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = pw[off + i];
        pw[off + i] = next * (d + 1) / ((i + 1) * one);
        next = tmp - pw[off + i] * zero * (d - i) / (d + 1);
      } else {
        pw[off + i] = pw[off + i] * (d + 1) / (zero * (d - i));
      }
    }
    for (int i = k; i < d; i++) {
      w.pFeature[off + i] = w.pFeature[off + i + 1];
      w.pZero[off + i] = w.pZero[off + i + 1];
      w.pOne[off + i] = w.pOne[off + i + 1];
    }
  }

  private static double unwoundSum(Workspace w, int off, int d, int k) {
    double[] pw = w.pWeight;
    double one = w.pOne[off + k];
    double zero = w.pZero[off + k];
    double next = pw[off + d];
    double total = 0;
    for (int i = d - 1; i >= 0; i--) {
      if (one != 0) {
        double tmp = next * (d + 1) / ((i + 1) * one);
        total += tmp;
        next = pw[off + i] - tmp * zero * (d - i) / (d + 1);
      } else if (zero != 0) {
        total += pw[off + i] * (d + 1) / (zero * (d - i));
      }
    }
    return total;
  }

  /**
   * Per-thread scratch for {@link TreeShap#explain(float[], double[], Workspace)}: the unique-path
   * segments of Algorithm 2 (O(D²) doubles) and the explicit recursion stack (O(D)).
   *
   * <p>Thread safety: not thread-safe; one per thread. Allocation: at creation only.
   */
  public static final class Workspace {
    final int maxDepth;
    final int[] pFeature;
    final double[] pZero;
    final double[] pOne;
    final double[] pWeight;
    final int[] fState;
    final int[] fDepth;
    final int[] fOffset;
    final int[] fHot;
    final int[] fCold;
    final double[] fHotZero;
    final double[] fColdZero;
    final double[] fIncomingOne;
    final int[] fSplit;
    int sp;

    Workspace(int maxDepth) {
      this.maxDepth = maxDepth;
      int levels = maxDepth + 2;
      int path = (levels + 1) * (levels + 2) / 2 + levels + 2;
      pFeature = new int[path];
      pZero = new double[path];
      pOne = new double[path];
      pWeight = new double[path];
      fState = new int[levels];
      fDepth = new int[levels];
      fOffset = new int[levels];
      fHot = new int[levels];
      fCold = new int[levels];
      fHotZero = new double[levels];
      fColdZero = new double[levels];
      fIncomingOne = new double[levels];
      fSplit = new int[levels];
    }
  }
}
