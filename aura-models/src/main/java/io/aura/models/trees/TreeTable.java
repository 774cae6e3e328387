package io.aura.models.trees;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * The node table of one tree under construction, behind {@link TreeEnsemble.TreeBuilder}: node
 * indices are the source model's, node 0 is the root, each node is defined once as a split or a
 * leaf. Every call validates its arguments and names the tree and node at fault; {@link
 * TreeCompiler} lays the table out in pre-order.
 *
 * <p>Thread safety: not thread-safe. Allocation: O(nodes) at creation. Complexity: O(1) per call,
 * O(nodes) for {@link #allDefinedHave} and {@link #checkDefined}.
 */
final class TreeTable {
  final int index;
  final int group;
  final int size;
  private final int numFeatures;
  final int[] feature;
  final float[] value;
  final int[] left;
  final int[] right;
  final byte[] flags;
  final boolean[] defined;
  double[] cover;
  float[] gain;
  int[][] cats;
  int catWords;

  TreeTable(int index, int group, int size, int numFeatures) {
    this.index = index;
    this.group = group;
    this.size = size;
    this.numFeatures = numFeatures;
    this.feature = new int[size];
    this.value = new float[size];
    this.left = new int[size];
    this.right = new int[size];
    this.flags = new byte[size];
    this.defined = new boolean[size];
  }

  private void define(int node) {
    if (node < 0 || node >= size) {
      throw new InvalidDataException(
          "tree " + index + ": node " + node + " outside [0, " + size + ")");
    }
    if (defined[node]) {
      throw new InvalidDataException("tree " + index + ": node " + node + " defined twice");
    }
    defined[node] = true;
  }

  private void checkSplit(int node, int feat, int l, int r) {
    if (feat < 0 || feat >= numFeatures) {
      throw new InvalidDataException("tree " + index + ", node " + node + ": feature " + feat
          + " outside [0, " + numFeatures + ")");
    }
    if (l < 0 || l >= size || r < 0 || r >= size || l == node || r == node || l == r) {
      throw new InvalidDataException("tree " + index + ", node " + node + ": children (" + l
          + ", " + r + ") invalid for a tree of " + size + " nodes");
    }
  }

  void split(int node, int feat, float threshold, int l, int r, boolean nanLeft) {
    define(node);
    checkSplit(node, feat, l, r);
    if (Float.isNaN(threshold)) {
      throw new InvalidDataException("tree " + index + ", node " + node + ": NaN threshold");
    }
    feature[node] = feat;
    value[node] = threshold;
    left[node] = l;
    right[node] = r;
    flags[node] = nanLeft ? TreeEnsemble.NAN_LEFT : 0;
  }

  void categorical(
      int node, int feat, int[] leftCategories, int l, int r, boolean nanLeft) {
    define(node);
    checkSplit(node, feat, l, r);
    if (leftCategories.length > 1 << 20) {
      throw new InvalidDataException(
          "tree " + index + ", node " + node + ": category bitset too large");
    }
    feature[node] = feat;
    left[node] = l;
    right[node] = r;
    flags[node] = (byte) (TreeEnsemble.CATEGORICAL | (nanLeft ? TreeEnsemble.NAN_LEFT : 0));
    if (cats == null) {
      cats = new int[size][];
    }
    cats[node] = leftCategories.clone();
    catWords += leftCategories.length + 1;
  }

  void negativeIsUnseen(int node) {
    if (node < 0 || node >= size || !defined[node] || (flags[node] & TreeEnsemble.CATEGORICAL) == 0) {
      throw new InvalidDataException(
          "tree " + index + ", node " + node + ": negativeIsUnseen needs a categorical split");
    }
    flags[node] |= TreeEnsemble.NEGATIVE_UNSEEN;
  }

  void zeroAsMissing(int node) {
    if (node < 0 || node >= size || !defined[node] || feature[node] < 0
        || (flags[node] & TreeEnsemble.CATEGORICAL) != 0) {
      throw new InvalidDataException(
          "tree " + index + ", node " + node + ": zeroAsMissing needs a numeric split");
    }
    flags[node] |= TreeEnsemble.ZERO_MISSING;
  }

  void leaf(int node, float output) {
    define(node);
    if (!Float.isFinite(output)) {
      throw new InvalidDataException(
          "tree " + index + ", node " + node + ": leaf value " + output + " is not finite");
    }
    feature[node] = -1;
    value[node] = output;
  }

  void cover(int node, double c) {
    if (node < 0 || node >= size || !(c >= 0) || Double.isInfinite(c)) {
      throw new InvalidDataException(
          "tree " + index + ", node " + node + ": invalid cover " + c);
    }
    if (cover == null) {
      cover = new double[size];
      Arrays.fill(cover, Double.NaN);
    }
    cover[node] = c;
  }

  void gain(int node, double g) {
    if (node < 0 || node >= size || !Double.isFinite(g)) {
      throw new InvalidDataException(
          "tree " + index + ", node " + node + ": invalid gain " + g);
    }
    if (gain == null) {
      gain = new float[size];
      Arrays.fill(gain, Float.NaN);
    }
    gain[node] = (float) g;
  }

  /** Whether every defined node has a cover (nodes=true) or every defined split a gain. */
  boolean allDefinedHave(boolean coverOfNodes) {
    if (coverOfNodes ? cover == null : gain == null) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!defined[i]) {
        continue;
      }
      if (coverOfNodes ? Double.isNaN(cover[i]) : feature[i] >= 0 && Float.isNaN(gain[i])) {
        return false;
      }
    }
    return true;
  }

  void checkDefined() {
    // Only nodes reachable from the root must be defined; the layout pass checks reachability.
    // Undefined nodes reachable from the root are caught here cheaply by scanning children.
    if (!defined[0]) {
      throw new InvalidDataException("tree " + index + ": root node 0 is not defined");
    }
    for (int i = 0; i < size; i++) {
      if (defined[i] && feature[i] >= 0 && (!defined[left[i]] || !defined[right[i]])) {
        throw new InvalidDataException("tree " + index + ", node " + i
            + ": child " + (!defined[left[i]] ? left[i] : right[i]) + " is not defined");
      }
    }
  }
}
