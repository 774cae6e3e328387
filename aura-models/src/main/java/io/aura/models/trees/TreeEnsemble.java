package io.aura.models.trees;

import io.aura.features.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A compiled, immutable ensemble of binary decision trees evaluated in float32: the inference
 * engine behind every gradient-boosted model Aura imports (XGBoost, LightGBM, CatBoost) or trains.
 *
 * <h2>Layout</h2>
 *
 * Structure of arrays, all trees concatenated; inside a tree nodes are stored in pre-order, so the
 * left child of node {@code n} is always {@code n + 1} and only the right child index is stored.
 * Per node: {@code int feature} ({@code -1} marks a leaf), {@code float value} (split threshold for
 * a split, output for a leaf), {@code int right}, {@code byte flags}. Trees are grouped by output
 * group (class) so a prediction accumulates one group at a time in a local {@code double}.
 *
 * <p>When no split is categorical or zero-as-missing (every XGBoost/LightGBM model without
 * categorical features), at most {@value #MAX_PACKED_FEATURES} features are read and no split has
 * its right child more than 32,767 nodes after it, predictions run on a second, packed copy: two
 * {@code int}s per node, the threshold as an order-preserving integer key (or, for a leaf, the leaf
 * value), then the offset of the right child and a <em>key slot</em>. Before the walk, the row is
 * turned once into {@code 2F + 1} integer keys: slot {@code f} holds feature {@code f}'s key with
 * NaN mapped above every threshold, slot {@code F + f} the same key with NaN mapped below every
 * threshold, and slot {@code 2F} a key above everything. A split reads the slot of its feature and
 * NaN direction, so a step is two node loads, one key load, one integer comparison and one
 * conditional move; NaN needs no test of its own. Leaves read slot {@code 2F} and point to
 * themselves, so each tree is walked for exactly its depth without a leaf test, twelve trees at a
 * time (independent dependency chains the CPU overlaps). Batches run the same walk row by row. The
 * packed path takes the same decisions and sums in the same order as the general one, so results
 * are identical. Walking to the deepest tree of a run costs extra steps when depths differ widely
 * (unbounded leaf-wise LightGBM trees); depth-limited models lose nothing.
 *
 * <h2>Split semantics</h2>
 *
 * Every numeric split is normalised to <em>{@code x < threshold} goes left</em>, compared in
 * float32:
 *
 * <ul>
 *   <li>XGBoost already uses {@code x < t} with float32 {@code t}: thresholds are kept as they are.
 *   <li>LightGBM uses {@code x <= t} with a double {@code t}. For every float32 {@code x}, {@code x
 *       <= t} holds exactly when {@code x <= f}, where {@code f} is the largest float not above
 *       {@code t}; and {@code x <= f} holds exactly when {@code x < nextUp(f)}. The importer stores
 *       {@code nextUp(f)}; decisions are then <em>identical</em> to LightGBM's for float32 inputs.
 *       They can differ only when the caller's original data are doubles that are not
 *       float32-representable and lie within one float32 ulp of a threshold (rounding the input to
 *       float moves it across the threshold), see {@code docs/trees.md}.
 * </ul>
 *
 * Missing values are NaN. A NaN follows the node's default direction (XGBoost {@code default_left};
 * LightGBM missing type NaN with {@code default_left}; LightGBM missing type None maps NaN to 0,
 * which is resolved at import time into the direction 0 would take). LightGBM missing type Zero
 * additionally sends {@code |x| <= 1e-35f} the default way. Categorical splits send {@code x} left
 * when {@code (int) x} is a non-negative category whose bit is set in the node's bitset; NaN
 * (unless the node says otherwise), negative and out-of-range categories go right. Nodes imported
 * from XGBoost also count every {@code x < 0} (even -0.5) as unseen.
 *
 * <h2>Summation</h2>
 *
 * Margins accumulate in double by default. Ensembles built with {@link
 * Builder#float32Accumulation(boolean)} (every XGBoost import) add float32 leaves to a float32
 * margin, base score first and then tree by tree, as XGBoost's CPU predictor does, which makes them
 * bit-identical to XGBoost's own margins (verified against XGBoost4J 2.1.3 on Linux x86-64).
 *
 * <h2>Contract</h2>
 *
 * <p>Thread safety: immutable after construction; every method may be called concurrently.
 * Allocation: no {@code predict*} method allocates per call. The packed path keeps one scratch
 * array of row keys per thread (a {@code ThreadLocal int[]} of the next power of two above {@code
 * 2F + 1} ints, created on a thread's first prediction and grown, never shrunk, when a model with
 * more features comes along); the general path needs none. On short-lived threads (a virtual thread
 * per request, JDK 21+) that is one small allocation per thread, i.e. per request. Complexity: a
 * single-row prediction is O(F + T·D) for F features and T trees of depth D (on the packed path,
 * each run of twelve trees takes as many steps as its deepest tree); memory is about 13 bytes per
 * node plus 8 for the packed copy (plus 12 more if covers and gains are kept).
 *
 * <p>References: T. Chen and C. Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016; G.
 * Ke et al., "LightGBM: A Highly Efficient Gradient Boosting Decision Tree", NeurIPS 2017; the
 * pre-order/structure-of-arrays layout follows the "compiled tree" idea of Treelite (Cho and Li,
 * 2018).
 */
public final class TreeEnsemble {
  /** Deepest tree accepted, in edges from the root; bounds SHAP's O(D²) path memory. */
  public static final int MAX_DEPTH = 1024;

  /** Most nodes accepted in one ensemble. */
  public static final int MAX_NODES = 1 << 27;

  static final byte NAN_LEFT = 1;
  static final byte CATEGORICAL = 2;
  static final byte ZERO_MISSING = 4;
  static final byte NEGATIVE_UNSEEN = 8;
  static final float ZERO_THRESHOLD = 1e-35f;

  private final int numFeatures;
  private final int numGroups;
  private final int[] feature;
  private final float[] value;
  private final int[] right;
  private final byte[] flags;
  private final int[] catStart; // null when no categorical split; else per node start in catBits
  private final int[] catBits; // [len, word0, word1, ...] per categorical node
  private final double[] cover; // null when unknown
  private final float[] gain; // null when unknown
  private final int[] treeStart; // T + 1 entries, in group-major order
  private final int[] treeGroup;
  private final int[] groupTreeStart; // K + 1 entries
  private final double[] baseScore;
  private final Link link;
  private final double linkScale;
  private final int maxDepth;
  private final List<String> featureNames;
  private final boolean float32Sum;
  // Packed fast-path layout, two ints per node as TreeCompiler.pack describes; null when the
  // general rule
  // is needed.
  private final int[] packed;
  // Steps of the packed walk for the run of trees (12, 4 or 1, as packedMargin groups them) that
  // starts at each tree index: the deepest of the run's trees, in edges from the root.
  private final int[] runSteps;

  private TreeEnsemble(Builder b, TreeCompiler.Layout c) {
    this.numFeatures = b.numFeatures;
    this.numGroups = b.numGroups;
    this.feature = c.feature;
    this.value = c.value;
    this.right = c.right;
    this.flags = c.flags;
    this.catStart = c.catStart;
    this.catBits = c.catBits;
    this.cover = c.cover;
    this.gain = c.gain;
    this.treeStart = c.treeStart;
    this.treeGroup = c.treeGroup;
    this.groupTreeStart = c.groupTreeStart;
    this.baseScore = b.baseScore.clone();
    this.link = b.link;
    this.linkScale = b.linkScale;
    this.maxDepth = c.maxDepth;
    this.featureNames = b.featureNames == null ? List.of() : List.copyOf(b.featureNames);
    this.float32Sum = b.float32Sum;
    this.runSteps = TreeCompiler.runSteps(c.treeDepth, c.groupTreeStart);
    this.packed = TreeCompiler.pack(numFeatures, c.feature, c.value, c.right, c.flags);
  }

  /** Most features the packed path serves: {@code 2F + 1} key slots must fit in 16 bits. */
  public static final int MAX_PACKED_FEATURES = (1 << 15) - 1;

  /** Farthest a right child may lie after its parent on the packed path (twice it fits 16 bits). */
  static final int MAX_PACKED_OFFSET = (1 << 15) - 1;

  /**
   * Starts building an ensemble.
   *
   * @param numFeatures number of input features (row length); at least 1
   * @param numGroups number of output groups (1 for regression/binary, K for K-class softmax)
   * @return a new builder
   */
  public static Builder builder(int numFeatures, int numGroups) {
    return new Builder(numFeatures, numGroups);
  }

  /**
   * @return the number of input features a row must have (at least)
   */
  public int featureCount() {
    return numFeatures;
  }

  /**
   * @return the number of output groups (margins per row)
   */
  public int numGroups() {
    return numGroups;
  }

  /**
   * @return the number of trees
   */
  public int treeCount() {
    return treeGroup.length;
  }

  /**
   * @return the total number of nodes (splits and leaves)
   */
  public int numNodes() {
    return feature.length;
  }

  /**
   * @return the depth of the deepest tree (edges from root to the deepest leaf)
   */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * @return the link applied by {@link #predict}
   */
  public Link link() {
    return link;
  }

  /**
   * @return the link's scale (sigmoid slope; 1 unless LightGBM's {@code sigmoid} says otherwise)
   */
  public double linkScale() {
    return linkScale;
  }

  /**
   * @param group output group
   * @return the margin added to every prediction of that group
   */
  public double baseScore(int group) {
    return baseScore[group];
  }

  /**
   * @return the feature names the source model carried, or an empty list
   */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * @return whether margins are accumulated in float32 (XGBoost-exact) rather than double
   */
  public boolean float32Accumulation() {
    return float32Sum;
  }

  /**
   * Bytes of the primitive arrays this ensemble holds: node tables, the packed fast-path copy,
   * category bitsets, tree and group indices, base scores, and covers and gains when present.
   * Object headers, array headers and feature names are not counted. This is the figure {@link
   * BinnedTreeEnsemble#sizeBytes()} is compared with.
   *
   * @return the byte count; O(1)
   */
  public long sizeBytes() {
    return 4L * feature.length
        + 4L * value.length
        + 4L * right.length
        + flags.length
        + (catStart == null ? 0 : 4L * catStart.length)
        + (catBits == null ? 0 : 4L * catBits.length)
        + explanationBytes()
        + 4L * treeStart.length
        + 4L * treeGroup.length
        + 4L * groupTreeStart.length
        + 8L * baseScore.length
        + (packed == null ? 0 : 4L * packed.length)
        + 4L * runSteps.length;
  }

  /**
   * The part of {@link #sizeBytes()} taken by covers and gains, which only {@link TreeShap} and
   * {@link #featureImportance} read; prediction never touches them.
   *
   * @return the byte count (0 when the model carries neither); O(1)
   */
  public long explanationBytes() {
    return (cover == null ? 0 : 8L * cover.length) + (gain == null ? 0 : 4L * gain.length);
  }

  /**
   * @return whether every node carries a cover (hessian sum or sample count)
   */
  public boolean hasCover() {
    return cover != null;
  }

  /**
   * @return whether every split carries a gain
   */
  public boolean hasGain() {
    return gain != null;
  }

  /**
   * @param tree tree index in this ensemble's (group-major) order
   * @return the output group the tree contributes to
   */
  public int treeGroup(int tree) {
    return treeGroup[tree];
  }

  /**
   * Raw margins for one row: base score plus the sum of the leaves the row reaches.
   *
   * @param row features, length at least {@link #featureCount()}; NaN means missing
   * @param outMargins receives {@link #numGroups()} margins
   * @throws IllegalArgumentException if an array is too short
   */
  public void predictRaw(float[] row, float[] outMargins) {
    checkRow(row);
    if (outMargins.length < numGroups) {
      throw new IllegalArgumentException(
          "output has length " + outMargins.length + ", ensemble has " + numGroups + " groups");
    }
    if (packed != null) {
      int[] keys = rowKeys(row, 0);
      for (int g = 0; g < numGroups; g++) {
        outMargins[g] = (float) packedMargin(keys, g);
      }
      return;
    }
    for (int g = 0; g < numGroups; g++) {
      outMargins[g] = (float) groupMargin(row, 0, g);
    }
  }

  /**
   * Raw margin of a single-group ensemble.
   *
   * @param row features; NaN means missing
   * @return the margin
   * @throws IllegalStateException if the ensemble has more than one group
   */
  public float predictRaw(float[] row) {
    if (numGroups != 1) {
      throw new IllegalStateException(
          "ensemble has " + numGroups + " groups; pass an output array");
    }
    checkRow(row);
    return (float) groupMargin(row, 0, 0);
  }

  /**
   * Raw margin of one output group.
   *
   * @param row features; NaN means missing
   * @param group output group in {@code [0, numGroups())}
   * @return the group's margin
   */
  public float predictRaw(float[] row, int group) {
    if (group < 0 || group >= numGroups) {
      throw new IllegalArgumentException("group " + group + " outside [0, " + numGroups + ")");
    }
    checkRow(row);
    return (float) groupMargin(row, 0, group);
  }

  /**
   * Raw margins for many rows.
   *
   * @param rows rows of features
   * @param out {@code out[i]} receives the margins of {@code rows[i]}
   */
  public void predictRaw(float[][] rows, float[][] out) {
    if (out.length < rows.length) {
      throw new IllegalArgumentException(
          "output has " + out.length + " rows, input " + rows.length);
    }
    for (int i = 0; i < rows.length; i++) {
      predictRaw(rows[i], out[i]);
    }
  }

  /**
   * Raw margins for many rows stored row-major in one flat array.
   *
   * @param rows {@code rowCount × stride} features, row-major
   * @param stride number of values per row; at least {@link #featureCount()}
   * @param rowCount number of rows
   * @param out receives {@code rowCount × numGroups()} margins, row-major
   */
  public void predictRaw(float[] rows, int stride, int rowCount, float[] out) {
    if (stride < numFeatures || (long) stride * rowCount > rows.length) {
      throw new IllegalArgumentException(
          "flat input of length "
              + rows.length
              + " cannot hold "
              + rowCount
              + " rows of stride "
              + stride
              + " (model needs "
              + numFeatures
              + " features)");
    }
    if ((long) rowCount * numGroups > out.length) {
      throw new IllegalArgumentException("output of length " + out.length + " is too short");
    }
    if (packed != null) {
      for (int i = 0; i < rowCount; i++) {
        int[] keys = rowKeys(rows, i * stride);
        for (int g = 0; g < numGroups; g++) {
          out[i * numGroups + g] = (float) packedMargin(keys, g);
        }
      }
      return;
    }
    for (int i = 0; i < rowCount; i++) {
      int offset = i * stride;
      for (int g = 0; g < numGroups; g++) {
        out[i * numGroups + g] = (float) groupMargin(rows, offset, g);
      }
    }
  }

  /**
   * Model outputs (probabilities for classifiers): raw margins passed through {@link #link()}.
   *
   * @param row features; NaN means missing
   * @param out receives {@link #numGroups()} outputs
   */
  public void predict(float[] row, float[] out) {
    predictRaw(row, out);
    link.apply(out, numGroups, linkScale);
  }

  private void checkRow(float[] row) {
    if (row.length < numFeatures) {
      throw new IllegalArgumentException(
          "row has " + row.length + " features, model needs " + numFeatures);
    }
  }

  private double groupMargin(float[] row, int offset, int g) {
    if (packed != null) {
      return packedMargin(rowKeys(row, offset), g);
    }
    double sum = float32Sum ? (float) baseScore[g] : baseScore[g];
    final int[] feature = this.feature;
    final float[] value = this.value;
    int t = groupTreeStart[g];
    final int end = groupTreeStart[g + 1];
    // Four trees at a time: their root-to-leaf walks are independent dependency chains, so the
    // CPU overlaps their loads instead of waiting for one node after another.
    for (; t + 4 <= end; t += 4) {
      int a = treeStart[t];
      int b = treeStart[t + 1];
      int c = treeStart[t + 2];
      int d = treeStart[t + 3];
      while ((feature[a] | feature[b] | feature[c] | feature[d]) >= 0) {
        a = step(a, row, offset);
        b = step(b, row, offset);
        c = step(c, row, offset);
        d = step(d, row, offset);
      }
      while (feature[a] >= 0) {
        a = step(a, row, offset);
      }
      while (feature[b] >= 0) {
        b = step(b, row, offset);
      }
      while (feature[c] >= 0) {
        c = step(c, row, offset);
      }
      while (feature[d] >= 0) {
        d = step(d, row, offset);
      }
      if (float32Sum) {
        float f = (float) sum;
        f += value[a];
        f += value[b];
        f += value[c];
        f += value[d];
        sum = f;
      } else {
        sum += (double) value[a] + value[b] + value[c] + value[d];
      }
    }
    for (; t < end; t++) {
      float leaf = value[leafOf(treeStart[t], row, offset)];
      sum = float32Sum ? (float) sum + leaf : sum + leaf;
    }
    return sum;
  }

  /** Per-thread scratch for {@link #rowKeys}; holds {@code int[]} only, so it pins no class. */
  private static final ThreadLocal<int[]> ROW_KEYS = ThreadLocal.withInitial(() -> new int[0]);

  /**
   * The row's key slots for the packed walk, in this thread's scratch array (its length a power of
   * two, so a slot index masked with {@code length - 1} needs no bounds check): slot {@code f} =
   * {@link #orderKey} of feature {@code f}, NaN as {@code Integer.MAX_VALUE} (above every
   * threshold: goes right); slot {@code F + f} the same with NaN as {@code Integer.MIN_VALUE}
   * (below every threshold key, the smallest of which is {@code -∞}'s: goes left); slot {@code 2F}
   * = {@code Integer.MAX_VALUE} for leaves. O(F), no allocation after a thread's first call.
   */
  private int[] rowKeys(float[] row, int offset) {
    final int nf = numFeatures;
    int[] keys = ROW_KEYS.get();
    if (keys.length < 2 * nf + 1) {
      keys = new int[Integer.highestOneBit(2 * nf) << 1];
      ROW_KEYS.set(keys);
    }
    for (int f = 0; f < nf; f++) {
      int bits = Float.floatToRawIntBits(row[offset + f]);
      int key = orderKey(bits);
      boolean nan = (bits & Integer.MAX_VALUE) > 0x7F800000;
      keys[f] = nan ? Integer.MAX_VALUE : key;
      keys[nf + f] = nan ? Integer.MIN_VALUE : key;
    }
    keys[2 * nf] = Integer.MAX_VALUE;
    return keys;
  }

  /**
   * {@link #groupMargin} on the packed layout: twelve trees at a time, each walked for the deepest
   * of the twelve trees' depths (a leaf steps to itself). The summation order is exactly {@link
   * #groupMargin}'s general path: in double, each run of four leaves is added up first and then to
   * the sum; in float32, one leaf after another.
   */
  private double packedMargin(int[] keys, int g) {
    final int[] p = this.packed;
    final int[] steps = this.runSteps;
    final int[] start = this.treeStart;
    double sum = float32Sum ? (float) baseScore[g] : baseScore[g];
    int t = groupTreeStart[g];
    final int end = groupTreeStart[g + 1];
    for (; t + 12 <= end; t += 12) {
      int a = 2 * start[t];
      int b = 2 * start[t + 1];
      int c = 2 * start[t + 2];
      int d = 2 * start[t + 3];
      int e = 2 * start[t + 4];
      int f = 2 * start[t + 5];
      int h = 2 * start[t + 6];
      int k = 2 * start[t + 7];
      int a2 = 2 * start[t + 8];
      int b2 = 2 * start[t + 9];
      int c2 = 2 * start[t + 10];
      int d2 = 2 * start[t + 11];
      for (int s = steps[t]; s > 0; s--) {
        a = down(p, keys, a);
        b = down(p, keys, b);
        c = down(p, keys, c);
        d = down(p, keys, d);
        e = down(p, keys, e);
        f = down(p, keys, f);
        h = down(p, keys, h);
        k = down(p, keys, k);
        a2 = down(p, keys, a2);
        b2 = down(p, keys, b2);
        c2 = down(p, keys, c2);
        d2 = down(p, keys, d2);
      }
      sum = add4(sum, leaf(p, a), leaf(p, b), leaf(p, c), leaf(p, d));
      sum = add4(sum, leaf(p, e), leaf(p, f), leaf(p, h), leaf(p, k));
      sum = add4(sum, leaf(p, a2), leaf(p, b2), leaf(p, c2), leaf(p, d2));
    }
    for (; t + 4 <= end; t += 4) {
      int a = 2 * start[t];
      int b = 2 * start[t + 1];
      int c = 2 * start[t + 2];
      int d = 2 * start[t + 3];
      for (int s = steps[t]; s > 0; s--) {
        a = down(p, keys, a);
        b = down(p, keys, b);
        c = down(p, keys, c);
        d = down(p, keys, d);
      }
      sum = add4(sum, leaf(p, a), leaf(p, b), leaf(p, c), leaf(p, d));
    }
    for (; t < end; t++) {
      int a = 2 * start[t];
      for (int s = steps[t]; s > 0; s--) {
        a = down(p, keys, a);
      }
      float leaf = leaf(p, a);
      sum = float32Sum ? (float) sum + leaf : sum + leaf;
    }
    return sum;
  }

  /** Adds four leaves in {@link #groupMargin}'s order and precision. */
  private double add4(double sum, float la, float lb, float lc, float ld) {
    if (float32Sum) {
      float s = (float) sum;
      s += la;
      s += lb;
      s += lc;
      s += ld;
      return s;
    }
    return sum + ((double) la + lb + lc + ld);
  }

  /** Leaf output at packed index {@code i} (twice the node index). */
  private static float leaf(int[] p, int i) {
    return Float.intBitsToFloat(p[i]);
  }

  /**
   * One step down the packed layout from packed index {@code i} (twice the node index): to {@code i
   * + 2} (the left child) when the row's key in the node's slot is below the node's threshold key,
   * else by the stored doubled offset to the right child; C2 compiles the selection to a
   * conditional move. A leaf reads the slot above every key and has offset 0, so it stays put and a
   * walk may take more steps than its path is long.
   */
  private static int down(int[] p, int[] keys, int i) {
    int threshold = p[i];
    int word = p[i + 1];
    int key = keys[word & (keys.length - 1)];
    return i + (key < threshold ? 2 : word >>> 16);
  }

  /**
   * Maps float bits to an int whose signed order is the floats' order with -0 just below +0: for
   * non-NaN {@code x} and {@code t != ±0}, {@code x < t} iff {@code orderKey(x) < orderKey(t)}; for
   * {@code t = ±0}, {@code x < t} iff {@code orderKey(x) < -1} (the key of -0), which is why zero
   * thresholds are stored as -1.
   */
  static int orderKey(int bits) {
    return bits ^ ((bits >> 31) & Integer.MAX_VALUE);
  }

  /** One move down from node {@code n}; a leaf stays where it is. */
  private int step(int n, float[] row, int offset) {
    int f = feature[n];
    if (f < 0) {
      return n;
    }
    float x = row[offset + f];
    byte fl = flags[n];
    boolean left;
    if (fl <= NAN_LEFT) {
      left = x < value[n] || (fl != 0 && x != x);
    } else {
      left = specialDecision(n, x, fl);
    }
    return left ? n + 1 : right[n];
  }

  /** Index of the leaf that {@code row} (starting at {@code offset}) reaches from {@code n}. */
  int leafOf(int n, float[] row, int offset) {
    final int[] feature = this.feature;
    final float[] value = this.value;
    final byte[] flags = this.flags;
    int f;
    while ((f = feature[n]) >= 0) {
      float x = row[offset + f];
      byte fl = flags[n];
      boolean left;
      if (fl <= NAN_LEFT) {
        left = x < value[n] || (fl != 0 && x != x);
      } else {
        left = specialDecision(n, x, fl);
      }
      n = left ? n + 1 : right[n];
    }
    return n;
  }

  /** The direction {@code x} takes at split node {@code n}: true for left. */
  boolean goesLeft(int n, float x) {
    byte fl = flags[n];
    if (fl <= NAN_LEFT) {
      return x < value[n] || (fl != 0 && x != x);
    }
    return specialDecision(n, x, fl);
  }

  private boolean specialDecision(int n, float x, byte fl) {
    if ((fl & CATEGORICAL) != 0) {
      if (x != x) {
        return (fl & NAN_LEFT) != 0;
      }
      if ((fl & NEGATIVE_UNSEEN) != 0 && x < 0) {
        return false;
      }
      int cat = (int) x;
      if (cat < 0) {
        return false;
      }
      int start = catStart[n];
      int words = catBits[start];
      int word = cat >>> 5;
      return word < words && ((catBits[start + 1 + word] >>> (cat & 31)) & 1) != 0;
    }
    // ZERO_MISSING
    if (x != x || (x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD)) {
      return (fl & NAN_LEFT) != 0;
    }
    return x < value[n];
  }

  // ---- package-private structure access for TreeShap, importance and pruning ----

  int treeStart(int tree) {
    return treeStart[tree];
  }

  int nodeFeature(int n) {
    return feature[n];
  }

  float nodeValue(int n) {
    return value[n];
  }

  int nodeRight(int n) {
    return right[n];
  }

  byte nodeFlags(int n) {
    return flags[n];
  }

  double nodeCover(int n) {
    return cover[n];
  }

  float nodeGain(int n) {
    return gain[n];
  }

  /** The category bitset of categorical split {@code n} (a copy). */
  int[] nodeCategories(int n) {
    int s = catStart[n];
    return Arrays.copyOfRange(catBits, s + 1, s + 1 + catBits[s]);
  }

  /**
   * Total importance of each feature over all splits.
   *
   * @param type what to sum
   * @return one value per feature (a new array)
   * @throws IllegalStateException if the source model carried no gains (or covers) and they are
   *     asked for
   */
  public double[] featureImportance(Importance type) {
    Objects.requireNonNull(type, "type");
    if (type == Importance.GAIN && gain == null) {
      throw new IllegalStateException("this model carries no split gains");
    }
    if (type == Importance.COVER && cover == null) {
      throw new IllegalStateException("this model carries no node covers");
    }
    double[] out = new double[numFeatures];
    for (int n = 0; n < feature.length; n++) {
      int f = feature[n];
      if (f >= 0) {
        out[f] += type == Importance.SPLITS ? 1 : type == Importance.GAIN ? gain[n] : cover[n];
      }
    }
    return out;
  }

  /**
   * Kinds of per-feature importance, summed over every split on the feature by {@link
   * TreeEnsemble#featureImportance}. Thread safety: immutable constants.
   */
  public enum Importance {
    /** Number of splits. */
    SPLITS,
    /** Sum of the loss reduction (gain) of the splits. */
    GAIN,
    /** Sum of the cover (hessian sum or sample count) reaching the splits. */
    COVER
  }

  /**
   * Returns a copy of this ensemble keeping only the trees whose index is set in {@code keep}.
   *
   * @param keep tree indices (this ensemble's order) to keep
   * @return the smaller ensemble, with the same base scores and link
   */
  public TreeEnsemble selectTrees(java.util.BitSet keep) {
    return rebuild(keep, new double[numGroups], null, numFeatures);
  }

  /**
   * Copies the kept trees, shifting base scores and renumbering features.
   *
   * @param keep trees to keep
   * @param baseShift added to each group's base score
   * @param featureMap new index of each old feature (-1 if unused), or null for identity
   * @param newFeatureCount number of features of the result
   */
  TreeEnsemble rebuild(
      java.util.BitSet keep, double[] baseShift, int[] featureMap, int newFeatureCount) {
    double[] base = baseScore.clone();
    for (int g = 0; g < numGroups; g++) {
      base[g] += baseShift[g];
    }
    Builder b =
        builder(newFeatureCount, numGroups)
            .link(link, linkScale)
            .baseScore(base)
            .float32Accumulation(float32Sum);
    if (!featureNames.isEmpty()) {
      if (featureMap == null) {
        b.featureNames(featureNames);
      } else {
        String[] names = new String[newFeatureCount];
        for (int f = 0; f < featureMap.length; f++) {
          if (featureMap[f] >= 0) {
            names[featureMap[f]] = featureNames.get(f);
          }
        }
        b.featureNames(java.util.Arrays.asList(names));
      }
    }
    for (int t = 0; t < treeCount(); t++) {
      if (!keep.get(t)) {
        continue;
      }
      int start = treeStart[t];
      int count = treeStart[t + 1] - start;
      TreeBuilder tb = b.addTree(treeGroup[t], count);
      for (int i = 0; i < count; i++) {
        int n = start + i;
        int f = feature[n] < 0 || featureMap == null ? feature[n] : featureMap[feature[n]];
        if (feature[n] < 0) {
          tb.leaf(i, value[n]);
        } else if ((flags[n] & CATEGORICAL) != 0) {
          int s = catStart[n];
          tb.categorical(
              i,
              f,
              Arrays.copyOfRange(catBits, s + 1, s + 1 + catBits[s]),
              i + 1,
              right[n] - start,
              (flags[n] & NAN_LEFT) != 0);
          if ((flags[n] & NEGATIVE_UNSEEN) != 0) {
            tb.negativeIsUnseen(i);
          }
        } else {
          tb.split(i, f, value[n], i + 1, right[n] - start, (flags[n] & NAN_LEFT) != 0);
          if ((flags[n] & ZERO_MISSING) != 0) {
            tb.zeroAsMissing(i);
          }
        }
        if (cover != null) {
          tb.cover(i, cover[n]);
        }
        if (gain != null && feature[n] >= 0) {
          tb.gain(i, gain[n]);
        }
      }
    }
    return b.build();
  }

  /**
   * @return whether any split is categorical or treats zero as missing
   */
  boolean hasSpecialSplits() {
    for (byte f : flags) {
      if ((f & (CATEGORICAL | ZERO_MISSING)) != 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "TreeEnsemble{trees="
        + treeCount()
        + ", nodes="
        + numNodes()
        + ", features="
        + numFeatures
        + ", groups="
        + numGroups
        + ", maxDepth="
        + maxDepth
        + ", link="
        + link
        + "}";
  }

  /** The most features a model may declare (4,194,304): a safety limit for untrusted files. */
  public static final int MAX_FEATURES = 1 << 22;

  /**
   * Assembles a {@link TreeEnsemble} from trees described node by node in any order (node 0 is each
   * tree's root). {@link #build()} validates every index, rejects cycles, shared children, missing
   * nodes on a root path and trees deeper than {@link #MAX_DEPTH}, then lays nodes out in pre-order
   * with an explicit stack (no recursion; {@code TreeCompiler}).
   *
   * <p>Thread safety: not thread-safe; use from one thread. Allocation: O(nodes). Complexity of
   * {@link #build()}: O(nodes).
   */
  public static final class Builder {
    private final int numFeatures;
    private final int numGroups;
    private final List<TreeTable> trees = new ArrayList<>();
    private double[] baseScore;
    private Link link = Link.IDENTITY;
    private double linkScale = 1.0;
    private List<String> featureNames;
    private long nodeTotal;
    private boolean float32Sum;

    private Builder(int numFeatures, int numGroups) {
      if (numFeatures < 1 || numFeatures > MAX_FEATURES) {
        throw new InvalidDataException(
            "numFeatures must be in [1, "
                + MAX_FEATURES
                + "], got "
                + numFeatures
                + " (callers size rows by it, so an untrusted model may not declare more)");
      }
      if (numGroups < 1 || numGroups > 1 << 16) {
        throw new InvalidDataException("numGroups must be in [1, 65536], got " + numGroups);
      }
      this.numFeatures = numFeatures;
      this.numGroups = numGroups;
      this.baseScore = new double[numGroups];
    }

    /**
     * @param link link for {@link TreeEnsemble#predict}
     * @param scale sigmoid slope (finite, positive)
     * @return this builder
     */
    public Builder link(Link link, double scale) {
      this.link = Objects.requireNonNull(link, "link");
      if (!(scale > 0) || Double.isInfinite(scale)) {
        throw new InvalidDataException("link scale must be finite and positive, got " + scale);
      }
      this.linkScale = scale;
      return this;
    }

    /**
     * @param margins base margin per group (one value is broadcast to every group)
     * @return this builder
     */
    public Builder baseScore(double... margins) {
      if (margins.length != 1 && margins.length != numGroups) {
        throw new InvalidDataException(
            "base score needs 1 or " + numGroups + " values, got " + margins.length);
      }
      for (double m : margins) {
        if (!Double.isFinite(m)) {
          throw new InvalidDataException("base score must be finite, got " + m);
        }
      }
      for (int g = 0; g < numGroups; g++) {
        baseScore[g] = margins.length == 1 ? margins[0] : margins[g];
      }
      return this;
    }

    /**
     * Accumulates each group's margin in float32, base score first and then the trees in the order
     * they were added, instead of in double. This reproduces XGBoost's own summation (its CPU
     * predictor adds float leaves to a float margin tree by tree), so margins are bit-identical to
     * XGBoost's rather than slightly more accurate. Default false (double accumulation).
     *
     * @param on whether to sum in float32
     * @return this builder
     */
    public Builder float32Accumulation(boolean on) {
      this.float32Sum = on;
      return this;
    }

    /**
     * @param names feature names, one per feature, or null for none
     * @return this builder
     */
    public Builder featureNames(List<String> names) {
      if (names != null && !names.isEmpty() && names.size() != numFeatures) {
        throw new InvalidDataException(
            names.size() + " feature names for " + numFeatures + " features");
      }
      this.featureNames = names;
      return this;
    }

    /**
     * Adds a tree and returns its node table to fill in.
     *
     * @param group output group the tree contributes to
     * @param nodeCount number of nodes (splits plus leaves)
     * @return the tree's node table
     */
    public TreeBuilder addTree(int group, int nodeCount) {
      if (group < 0 || group >= numGroups) {
        throw new InvalidDataException(
            "tree " + trees.size() + ": group " + group + " outside [0, " + numGroups + ")");
      }
      if (nodeCount < 1) {
        throw new InvalidDataException("tree " + trees.size() + ": no nodes");
      }
      nodeTotal += nodeCount;
      if (nodeTotal > MAX_NODES) {
        throw new InvalidDataException(
            "ensemble exceeds " + MAX_NODES + " nodes at tree " + trees.size());
      }
      TreeTable t = new TreeTable(trees.size(), group, nodeCount, numFeatures);
      trees.add(t);
      return new TreeBuilder(t);
    }

    /**
     * @return the number of trees added so far
     */
    public int treeCount() {
      return trees.size();
    }

    /**
     * Validates and compiles the ensemble.
     *
     * @return the immutable ensemble
     * @throws InvalidDataException naming the tree and node at fault
     */
    public TreeEnsemble build() {
      return new TreeEnsemble(this, TreeCompiler.compile(numGroups, trees, nodeTotal));
    }
  }

  /**
   * Node table of one tree under construction. Node indices are the source model's; node 0 is the
   * root. Each node must be defined exactly once as a split or a leaf.
   *
   * <p>Thread safety: not thread-safe. Allocation: O(nodes) at creation. Complexity: O(1) per call.
   * The table itself (and its validation) is {@code TreeTable}; this is its public face.
   */
  public static final class TreeBuilder {
    private final TreeTable table;

    private TreeBuilder(TreeTable table) {
      this.table = table;
    }

    /**
     * Defines a numeric split: {@code x < threshold} goes to {@code left}, NaN goes left iff {@code
     * nanLeft}.
     *
     * @param node node index
     * @param feat feature index
     * @param threshold float32 threshold ({@code x < threshold} semantics); not NaN
     * @param l left child node index
     * @param r right child node index
     * @param nanLeft whether NaN (missing) goes left
     * @return this table
     */
    public TreeBuilder split(int node, int feat, float threshold, int l, int r, boolean nanLeft) {
      table.split(node, feat, threshold, l, r, nanLeft);
      return this;
    }

    /**
     * Defines a categorical split: {@code (int) x} goes left when it is non-negative and its bit is
     * set in {@code leftCategories} (bit {@code c & 31} of word {@code c >>> 5}); everything else,
     * including NaN unless {@code nanLeft}, goes right.
     *
     * @param node node index
     * @param feat feature index
     * @param leftCategories bitset of the categories that go left
     * @param l left child
     * @param r right child
     * @param nanLeft whether NaN goes left
     * @return this table
     */
    public TreeBuilder categorical(
        int node, int feat, int[] leftCategories, int l, int r, boolean nanLeft) {
      table.categorical(node, feat, leftCategories, l, r, nanLeft);
      return this;
    }

    /**
     * Marks a categorical split so that every negative value, including fractions such as -0.5 that
     * truncate to category 0, counts as an unseen category and goes right (XGBoost's rule; LightGBM
     * truncates first and only rejects values whose truncation is negative).
     *
     * @param node an already defined categorical split
     * @return this table
     */
    public TreeBuilder negativeIsUnseen(int node) {
      table.negativeIsUnseen(node);
      return this;
    }

    /**
     * Marks a numeric split so that values with {@code |x| <= 1e-35f} are treated as missing
     * (LightGBM missing type Zero).
     *
     * @param node an already defined numeric split
     * @return this table
     */
    public TreeBuilder zeroAsMissing(int node) {
      table.zeroAsMissing(node);
      return this;
    }

    /**
     * Defines a leaf.
     *
     * @param node node index
     * @param output leaf value (finite)
     * @return this table
     */
    public TreeBuilder leaf(int node, float output) {
      table.leaf(node, output);
      return this;
    }

    /**
     * Sets a node's cover (training hessian sum or sample count), used by TreeSHAP.
     *
     * @param node node index
     * @param c non-negative finite cover
     * @return this table
     */
    public TreeBuilder cover(int node, double c) {
      table.cover(node, c);
      return this;
    }

    /**
     * Sets a split's gain (loss reduction), used for importance.
     *
     * @param node node index
     * @param g finite gain
     * @return this table
     */
    public TreeBuilder gain(int node, double g) {
      table.gain(node, g);
      return this;
    }
  }
}
