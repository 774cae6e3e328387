package io.aura.models.trees;

import java.util.Arrays;

/**
 * A {@link TreeEnsemble} with thresholds quantized to 16-bit bin indices, losslessly.
 *
 * <p>For each feature the distinct thresholds the model uses, {@code t_0 < … < t_{m-1}} (at most 65
 * 535), become the bin edges. A row is binned once, {@code b(x) = #{j : t_j <= x}} by binary search
 * (NaN gets the reserved bin 65 535), after which every split is the 16-bit comparison {@code b(x)
 * <= j}, which holds exactly when {@code x < t_j}: predictions are bit-identical to the source
 * ensemble's. A node takes 6 bytes and a bit (16-bit feature, 16-bit bin, 16-bit offset of the
 * right child, one NaN-direction bit) against the source's 13 plus its 8-byte packed copy; a leaf
 * keeps its 32-bit index into the leaf values in its bin and offset fields. {@link #sizeBytes()}
 * against the source's {@link TreeEnsemble#sizeBytes()} without covers and gains is in {@code
 * docs/trees.md}. The binned form does not keep a reference to its source, so the source can be
 * dropped. Binning costs O(F log m) per row, and the walk is one tree at a time with a branch per
 * node: the binned form is a compact storage form, not a faster one (JMH in {@code aura-bench}: 7
 * to 8 times slower per row than {@link TreeEnsemble}'s packed walk on the 300-tree benchmark
 * model).
 *
 * <p>Because the comparison is exact, quantizing loses nothing: ROC AUC, macro F1 and every other
 * metric are those of the float32 model, which is stronger than the "≤ 0.002 AUC" bound the design
 * asks of quantization.
 *
 * <p>Supports numeric splits with NaN default directions (XGBoost, LightGBM without categorical or
 * zero-as-missing splits, CatBoost); other models are rejected. At most 65 534 features, and no
 * right child more than 65 535 nodes after its parent (trees of up to 65 536 nodes).
 *
 * <p>Thread safety: immutable; callers pass their own {@code char[]} bin scratch. Allocation: none
 * per prediction. Complexity: O(F log m + T·D) per row.
 *
 * <p>Reference: the histogram binning of LightGBM (Ke et al., NeurIPS 2017) and XGBoost's {@code
 * hist} method, applied at inference time as in Treelite's quantized thresholds.
 */
public final class BinnedTreeEnsemble {
  /** Bin of a missing (NaN) value. */
  public static final char NAN_BIN = 0xFFFF;

  private final int numGroups;
  private final double[] baseScore;
  private final boolean float32Sum;
  private final Link link;
  private final double linkScale;
  private final float[][] edges; // per feature, sorted distinct thresholds
  private final char[] feature; // per node; 0xFFFF marks a leaf
  private final char[] bin; // split: bin; leaf: high 16 bits of its index into leafValue
  private final char[] right; // split: right child - node; leaf: low 16 bits of its leaf index
  private final long[] nanLeft; // one bit per node
  private final float[] leafValue;
  private final int[] treeStart;
  private final int[] groupTreeStart;

  private BinnedTreeEnsemble(TreeEnsemble m) {
    this.numGroups = m.numGroups();
    this.baseScore = new double[numGroups];
    for (int g = 0; g < numGroups; g++) {
      baseScore[g] = m.baseScore(g);
    }
    this.float32Sum = m.float32Accumulation();
    this.link = m.link();
    this.linkScale = m.linkScale();
    int features = m.featureCount();
    if (features >= 0xFFFF) {
      throw new IllegalArgumentException(
          "binning supports at most 65534 features, model has " + features);
    }
    if (m.hasSpecialSplits()) {
      throw new IllegalArgumentException(
          "binning does not support categorical or zero-as-missing splits");
    }
    int nodes = m.numNodes();
    int[] count = new int[features];
    for (int n = 0; n < nodes; n++) {
      if (m.nodeFeature(n) >= 0) {
        count[m.nodeFeature(n)]++;
      }
    }
    float[][] all = new float[features][];
    for (int f = 0; f < features; f++) {
      all[f] = new float[count[f]];
    }
    Arrays.fill(count, 0);
    int leaves = 0;
    for (int n = 0; n < nodes; n++) {
      int f = m.nodeFeature(n);
      if (f >= 0) {
        all[f][count[f]++] = normalized(m.nodeValue(n));
      } else {
        leaves++;
      }
    }
    edges = new float[features][];
    for (int f = 0; f < features; f++) {
      float[] t = all[f];
      Arrays.sort(t);
      int k = 0;
      for (int i = 0; i < t.length; i++) {
        if (i == 0 || t[i] != t[i - 1]) {
          t[k++] = t[i];
        }
      }
      if (k >= 0xFFFF) {
        throw new IllegalArgumentException(
            "feature " + f + " has " + k + " distinct thresholds; binning supports at most 65534");
      }
      edges[f] = Arrays.copyOf(t, k);
    }
    feature = new char[nodes];
    bin = new char[nodes];
    right = new char[nodes];
    nanLeft = new long[(nodes + 63) >>> 6];
    leafValue = new float[leaves];
    int leaf = 0;
    for (int n = 0; n < nodes; n++) {
      int f = m.nodeFeature(n);
      if (f < 0) {
        feature[n] = 0xFFFF;
        bin[n] = (char) (leaf >>> 16);
        right[n] = (char) leaf;
        leafValue[leaf++] = m.nodeValue(n);
      } else {
        int offset = m.nodeRight(n) - n;
        if (offset > 0xFFFF) {
          throw new IllegalArgumentException(
              "node "
                  + n
                  + " has its right child "
                  + offset
                  + " nodes after it; binning supports at most 65535 (trees of up to 65536 nodes)");
        }
        feature[n] = (char) f;
        bin[n] = (char) Arrays.binarySearch(edges[f], normalized(m.nodeValue(n)));
        right[n] = (char) offset;
        if ((m.nodeFlags(n) & TreeEnsemble.NAN_LEFT) != 0) {
          nanLeft[n >>> 6] |= 1L << n;
        }
      }
    }
    treeStart = new int[m.treeCount()];
    for (int t = 0; t < treeStart.length; t++) {
      treeStart[t] = m.treeStart(t);
    }
    groupTreeStart = new int[m.numGroups() + 1];
    for (int t = 0; t < treeStart.length; t++) {
      groupTreeStart[m.treeGroup(t) + 1]++;
    }
    for (int g = 0; g < m.numGroups(); g++) {
      groupTreeStart[g + 1] += groupTreeStart[g];
    }
  }

  /** -0 and +0 are the same threshold for {@code x < t}; keep one so sorting and search agree. */
  private static float normalized(float t) {
    return t == 0f ? 0f : t;
  }

  /**
   * Quantizes an ensemble.
   *
   * @param model an ensemble with numeric splits only
   * @return the binned ensemble
   * @throws IllegalArgumentException if the model has categorical or zero-as-missing splits, more
   *     than 65 534 features or distinct thresholds per feature, or a tree too large for 16-bit
   *     child offsets
   */
  public static BinnedTreeEnsemble of(TreeEnsemble model) {
    return new BinnedTreeEnsemble(model);
  }

  /**
   * @return the number of output groups (margins per row), as in the source ensemble
   */
  public int numGroups() {
    return numGroups;
  }

  /**
   * @return the link {@link #predict} applies, as in the source ensemble
   */
  public Link link() {
    return link;
  }

  /**
   * Bytes of the primitive arrays this ensemble holds (bin edges, 16-bit node tables, leaf values,
   * tree indices, base scores); headers not counted, as in {@link TreeEnsemble#sizeBytes()}.
   *
   * @return the byte count; O(F) for F features
   */
  public long sizeBytes() {
    long bytes =
        2L * feature.length
            + 2L * bin.length
            + 2L * right.length
            + 8L * nanLeft.length
            + 4L * leafValue.length
            + 4L * treeStart.length
            + 4L * groupTreeStart.length
            + 8L * baseScore.length;
    for (float[] e : edges) {
      bytes += 4L * e.length;
    }
    return bytes;
  }

  /**
   * @return the number of features
   */
  public int featureCount() {
    return edges.length;
  }

  /**
   * @param f feature
   * @return number of distinct thresholds (bin edges) of the feature
   */
  public int edgeCount(int f) {
    return edges[f].length;
  }

  /**
   * Bins a row.
   *
   * @param row features; NaN means missing
   * @param bins receives one bin per feature
   */
  public void bin(float[] row, char[] bins) {
    int features = edges.length;
    if (row.length < features || bins.length < features) {
      throw new IllegalArgumentException("row or bin array shorter than " + features);
    }
    for (int f = 0; f < features; f++) {
      float x = row[f];
      if (x != x) {
        bins[f] = NAN_BIN;
        continue;
      }
      float[] e = edges[f];
      int lo = 0;
      int hi = e.length; // count of edges <= x lies in [lo, hi]
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (e[mid] <= x) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      bins[f] = (char) lo;
    }
  }

  /**
   * Raw margins from an already binned row.
   *
   * @param bins the row's bins from {@link #bin}
   * @param out receives one margin per group
   */
  public void predictRawBinned(char[] bins, float[] out) {
    boolean f32 = float32Sum;
    if (out.length < numGroups) {
      throw new IllegalArgumentException(
          "output has length " + out.length + ", ensemble has " + numGroups + " groups");
    }
    for (int g = 0; g < numGroups; g++) {
      double sum = f32 ? (float) baseScore[g] : baseScore[g];
      for (int t = groupTreeStart[g]; t < groupTreeStart[g + 1]; t++) {
        int n = treeStart[t];
        char f;
        while ((f = feature[n]) != 0xFFFF) {
          char b = bins[f];
          boolean left = b == NAN_BIN ? (nanLeft[n >>> 6] & (1L << n)) != 0 : b <= bin[n];
          n = left ? n + 1 : n + right[n];
        }
        float value = leafValue[(bin[n] << 16) | right[n]];
        sum = f32 ? (float) sum + value : sum + value;
      }
      out[g] = (float) sum;
    }
  }

  /**
   * Raw margins for one row; identical to {@link TreeEnsemble#predictRaw(float[], float[])} of the
   * source.
   *
   * @param row features; NaN means missing
   * @param scratch bin scratch of length at least {@link #featureCount()}
   * @param out receives one margin per group
   */
  public void predictRaw(float[] row, char[] scratch, float[] out) {
    bin(row, scratch);
    predictRawBinned(scratch, out);
  }

  /**
   * Model outputs (probabilities for classifiers): raw margins passed through {@link #link()};
   * identical to the source's {@link TreeEnsemble#predict(float[], float[])}.
   *
   * @param row features; NaN means missing
   * @param scratch bin scratch of length at least {@link #featureCount()}
   * @param out receives {@link #numGroups()} outputs
   */
  public void predict(float[] row, char[] scratch, float[] out) {
    predictRaw(row, scratch, out);
    link.apply(out, numGroups, linkScale);
  }
}
