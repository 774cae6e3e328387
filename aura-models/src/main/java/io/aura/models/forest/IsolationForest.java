package io.aura.models.forest;

import io.aura.features.InvalidDataException;
import io.aura.models.detect.AnomalyModel;
import io.aura.models.detect.SeverityScale;
import io.aura.models.detect.TrainingRows;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted Isolation Forest (Liu, Ting &amp; Zhou 2008) or Extended Isolation Forest (Hariri et al.
 * 2019), made by {@link IsolationForestTrainer}.
 *
 * <p>Score: {@code s(x) = 2^(−E[h(x)] / c(ψ))} in (0, 1], where {@code h(x)} is the path length of
 * {@code x} in one tree (edges to the leaf plus {@code c(size)} for the rows the leaf still holds)
 * and {@code c(ψ)} the average path length of an unsuccessful BST search over the subsample size
 * (Liu et al. 2008, eq. 2). Scores near 1 are anomalies, scores well below 0.5 normal.
 *
 * <p>Layout: every tree's nodes live in shared flat arrays ({@code int[] feature}, {@code double[]
 * value}, {@code int[] left}; the right child is {@code left + 1}; extended splits keep their
 * normal vectors in one {@code double[]}), so scoring walks primitive arrays only.
 *
 * <p>Attribution ({@link #contributions}): depth-based, in the spirit of DIFFI (Carletti, Terzi
 * &amp; Susto 2020, "Interpretable Anomaly Detection with DIFFI"): in each tree, every split on the
 * row's path credits its feature with {@code 1 / h(x)} (an extended split shares that credit in
 * proportion to {@code |n_j|}), so features that isolate the row early and often get the largest
 * share; shares are normalized to sum to 1. Unlike DIFFI this uses no in-bag imbalance weights.
 *
 * <p>Scoring a standard forest walks eight trees at a time (independent dependency chains the CPU
 * overlaps) with a branch-free step on a second, interleaved copy of the splits (16 bytes per
 * node); each tree is walked for its depth, leaves stepping to themselves. Results are
 * bit-identical to a walk of one tree after another.
 *
 * <p>Thread safety: immutable, share freely. Allocation: {@link #score} and {@link #contributions}
 * allocate nothing. Complexity: O(t · log ψ) per row for {@code t} trees (times {@code d} for
 * extended splits); memory about 32 bytes per node for a standard forest, 20 for an extended one
 * plus its normal vectors. Persist with {@link #save} / {@link #load} (Aura's checksummed model
 * file, never Java serialization).
 */
public final class IsolationForest implements AnomalyModel {
  /** The model kind written in model files. */
  public static final String KIND = "aura.isolation-forest";

  static final int FILE_VERSION = 1;

  private final int d;
  private final int psi;
  private final int level; // -1 standard, else extension level
  private final double cPsi;
  private final int[] roots;
  private final int[] feature;
  private final double[] value;
  private final int[] left;
  private final double[] normals;
  private final List<String> names;
  private final SeverityScale scale;
  // Walk layout of a standard forest (null when extended): per node, walk[2n] = split feature (0
  // for
  // a leaf) and walk[2n + 1] = left child (a leaf: itself); cut[n] = threshold (a leaf: +∞, which
  // no finite value reaches, so a leaf stays put); steps[k] = walk steps of the run of trees that
  // starts at tree k (eight at a time from tree 0, then single trees): its deepest tree's depth.
  private final int[] walk;
  private final double[] cut;
  private final int[] steps;

  private IsolationForest(
      int d,
      int psi,
      int level,
      int[] roots,
      int[] feature,
      double[] value,
      int[] left,
      double[] normals,
      List<String> names,
      SeverityScale scale) {
    this.d = d;
    this.psi = psi;
    this.level = level;
    this.cPsi = PathLength.c(psi);
    this.roots = roots;
    this.feature = feature;
    this.value = value;
    this.left = left;
    this.normals = normals;
    this.names = List.copyOf(names);
    this.scale = scale;
    if (level < 0) {
      this.walk = new int[2 * feature.length];
      this.cut = new double[feature.length];
      for (int n = 0; n < feature.length; n++) {
        boolean leaf = feature[n] < 0;
        walk[2 * n] = leaf ? 0 : feature[n];
        walk[2 * n + 1] = leaf ? n : left[n];
        cut[n] = leaf ? Double.POSITIVE_INFINITY : value[n];
      }
      // Children always follow their parent (checked on load), so one backward pass gives every
      // node's height: O(nodes) even for a crafted file whose trees share nodes.
      int[] height = new int[feature.length];
      for (int n = feature.length - 1; n >= 0; n--) {
        height[n] = feature[n] < 0 ? 0 : 1 + Math.max(height[left[n]], height[left[n] + 1]);
      }
      this.steps = new int[roots.length];
      int k = 0;
      for (; k + 8 <= roots.length; k += 8) {
        for (int j = k; j < k + 8; j++) {
          steps[k] = Math.max(steps[k], height[roots[j]]);
        }
      }
      for (; k < roots.length; k++) {
        steps[k] = height[roots[k]];
      }
    } else {
      this.walk = null;
      this.cut = null;
      this.steps = null;
    }
  }

  static IsolationForest assemble(
      IsolationForestTrainer.TreeArrays[] trees,
      int d,
      int psi,
      int level,
      List<String> names,
      SeverityScale scale) {
    int total = 0;
    int totalNormals = 0;
    for (IsolationForestTrainer.TreeArrays t : trees) {
      total += t.size;
      totalNormals += t.normalsSize;
    }
    int[] roots = new int[trees.length];
    int[] feature = new int[total];
    double[] value = new double[total];
    int[] left = new int[total];
    double[] normals = new double[totalNormals];
    int at = 0;
    int nat = 0;
    for (int k = 0; k < trees.length; k++) {
      IsolationForestTrainer.TreeArrays t = trees[k];
      roots[k] = at;
      for (int i = 0; i < t.size; i++) {
        boolean leaf = t.feature[i] < 0;
        feature[at + i] = leaf ? -1 : (level >= 0 ? t.feature[i] + nat : t.feature[i]);
        value[at + i] = t.value[i];
        left[at + i] = leaf ? -1 : t.left[i] + at;
      }
      System.arraycopy(t.normals, 0, normals, nat, t.normalsSize);
      at += t.size;
      nat += t.normalsSize;
    }
    return new IsolationForest(d, psi, level, roots, feature, value, left, normals, names, scale);
  }

  IsolationForest withSeverityScale(SeverityScale s) {
    return new IsolationForest(d, psi, level, roots, feature, value, left, normals, names, s);
  }

  @Override
  public int featureCount() {
    return d;
  }

  @Override
  public List<String> featureNames() {
    return names;
  }

  @Override
  public SeverityScale severityScale() {
    return scale;
  }

  /**
   * The number of trees.
   *
   * @return the tree count
   */
  public int treeCount() {
    return roots.length;
  }

  /**
   * The subsample size ψ used for every tree.
   *
   * @return ψ
   */
  public int sampleSize() {
    return psi;
  }

  /**
   * Whether the splits are Extended Isolation Forest hyperplanes.
   *
   * @return true for an extended forest
   */
  public boolean isExtended() {
    return level >= 0;
  }

  /**
   * The total number of nodes over all trees.
   *
   * @return the node count
   */
  public int nodeCount() {
    return feature.length;
  }

  /**
   * The anomaly score in (0, 1]: {@code 2^(−mean path length / c(ψ))}.
   *
   * @param row the features, none NaN
   * @return the score
   * @throws InvalidDataException if the row has the wrong length or holds NaN or infinity
   */
  @Override
  public double score(double[] row) {
    TrainingRows.checkRow(row, d);
    return scoreChecked(row);
  }

  /** {@link #score} of a row already known to be finite and of the right length. */
  double scoreChecked(double[] row) {
    return Math.pow(2, -(sumOfPathLengths(row) / roots.length) / cPsi);
  }

  /**
   * The mean path length {@code E[h(x)]} over the trees (small means easy to isolate).
   *
   * @param row the features
   * @return the mean path length
   */
  public double meanPathLength(double[] row) {
    TrainingRows.checkRow(row, d);
    return sumOfPathLengths(row) / roots.length;
  }

  /**
   * The sum of the trees' path lengths, added in tree order. A standard forest walks eight trees at
   * a time, each for its depth, with a branch-free step; the decisions and the order of the
   * additions are those of the one-tree-at-a-time walk, so the sum is bit-identical to it.
   */
  private double sumOfPathLengths(double[] row) {
    final int[] r = roots;
    if (walk == null) {
      return sumOneTreeAtATime(row);
    }
    double sum = 0;
    final int[] w = walk;
    final double[] c = cut;
    final double[] v = value;
    final int[] n = steps;
    int k = 0;
    for (; k + 8 <= r.length; k += 8) {
      int a = r[k];
      int b = r[k + 1];
      int e = r[k + 2];
      int f = r[k + 3];
      int g = r[k + 4];
      int h = r[k + 5];
      int i = r[k + 6];
      int j = r[k + 7];
      for (int s = n[k]; s > 0; s--) {
        a = down(w, c, row, a);
        b = down(w, c, row, b);
        e = down(w, c, row, e);
        f = down(w, c, row, f);
        g = down(w, c, row, g);
        h = down(w, c, row, h);
        i = down(w, c, row, i);
        j = down(w, c, row, j);
      }
      sum += v[a];
      sum += v[b];
      sum += v[e];
      sum += v[f];
      sum += v[g];
      sum += v[h];
      sum += v[i];
      sum += v[j];
    }
    for (; k < r.length; k++) {
      int a = r[k];
      for (int s = n[k]; s > 0; s--) {
        a = down(w, c, row, a);
      }
      sum += v[a];
    }
    return sum;
  }

  /** The sum of path lengths, one tree after the other: the reference for the interleaved walk. */
  double sumOneTreeAtATime(double[] row) {
    double sum = 0;
    for (int root : roots) {
      sum += pathLength(row, root);
    }
    return sum;
  }

  /** Split feature of node {@code n} ({@code -1} for a leaf), for tests. */
  int nodeFeature(int n) {
    return feature[n];
  }

  /** Split threshold (or a leaf's path length) of node {@code n}, for tests. */
  double nodeValue(int n) {
    return value[n];
  }

  /**
   * One step of the standard walk: {@code x < cut} goes to the left child, anything else (rows are
   * finite) to the right one, which follows it; C2 selects without a jump. A leaf stays put.
   */
  private static int down(int[] w, double[] c, double[] row, int n) {
    return w[2 * n + 1] + (row[w[2 * n]] < c[n] ? 0 : 1);
  }

  private double pathLength(double[] row, int node) {
    int[] f = feature;
    double[] v = value;
    int[] l = left;
    if (level < 0) {
      while (f[node] >= 0) {
        node = row[f[node]] < v[node] ? l[node] : l[node] + 1;
      }
    } else {
      while (f[node] >= 0) {
        node = dot(row, f[node]) <= v[node] ? l[node] : l[node] + 1;
      }
    }
    return v[node];
  }

  private double dot(double[] row, int offset) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      s += row[j] * normals[offset + j];
    }
    return s;
  }

  @Override
  public void contributions(double[] row, double[] out) {
    TrainingRows.checkRow(row, d);
    if (out.length != d) {
      throw new IllegalArgumentException("out has length " + out.length + ", expected " + d);
    }
    Arrays.fill(out, 0);
    for (int root : roots) {
      double w = 1 / Math.max(pathLength(row, root), 1e-12);
      int node = root;
      while (feature[node] >= 0) {
        if (level < 0) {
          out[feature[node]] += w;
          node = row[feature[node]] < value[node] ? left[node] : left[node] + 1;
        } else {
          int off = feature[node];
          double norm = 0;
          for (int j = 0; j < d; j++) {
            norm += Math.abs(normals[off + j]);
          }
          if (norm > 0) {
            for (int j = 0; j < d; j++) {
              out[j] += w * Math.abs(normals[off + j]) / norm;
            }
          }
          node = dot(row, off) <= value[node] ? left[node] : left[node] + 1;
        }
      }
    }
    double total = 0;
    for (double x : out) {
      total += x;
    }
    if (total > 0) {
      for (int j = 0; j < d; j++) {
        out[j] /= total;
      }
    }
  }

  /** The model-file sections of this forest; {@link IsolationForestFile} writes them. */
  ModelFileWriter writer() {
    return ModelFileWriter.create(KIND, FILE_VERSION)
        .putInt("features", d)
        .putInt("sampleSize", psi)
        .putInt("extensionLevel", level)
        .putStrings("featureNames", names)
        .putDoubles(
            "severity", new double[] {scale.low(), scale.medium(), scale.high(), scale.critical()})
        .putInts("roots", roots)
        .putInts("feature", feature)
        .putDoubles("value", value)
        .putInts("left", left)
        .putDoubles("normals", normals);
  }

  /** The most features a loaded file may declare: rows of this width are what callers allocate. */
  static final int MAX_FEATURES = 1 << 22;

  static IsolationForest fromModelFile(ModelFile f) throws IOException {
    int d = f.getInt("features");
    int psi = f.getInt("sampleSize");
    int level = f.getInt("extensionLevel");
    List<String> names = f.getStrings("featureNames");
    double[] sev = f.getDoubles("severity");
    int[] roots = f.getInts("roots");
    int[] feature = f.getInts("feature");
    double[] value = f.getDoubles("value");
    int[] left = f.getInts("left");
    double[] normals = f.getDoubles("normals");
    String where = f.source();
    if (d < 1
        || psi < 2
        || names.size() != d
        || sev.length != 4
        || roots.length == 0
        || value.length != feature.length
        || left.length != feature.length) {
      throw new IOException(where + ": inconsistent Isolation Forest header fields");
    }
    if (d > MAX_FEATURES) {
      throw new IOException(where + ": " + d + " features exceeds the limit of " + MAX_FEATURES);
    }
    int n = feature.length;
    for (int k = 0; k < n; k++) {
      if (!Double.isFinite(value[k])) {
        // A NaN split value or leaf adjustment would make scores NaN, outside the documented (0,
        // 1].
        throw new IOException(where + ": node " + k + " has a non-finite value " + value[k]);
      }
    }
    for (int k = 0; k < normals.length; k++) {
      if (!Double.isFinite(normals[k])) {
        throw new IOException(where + ": hyperplane coefficient " + k + " is not finite");
      }
    }
    for (int k = 0; k < n; k++) {
      if (feature[k] >= 0) {
        boolean badFeature = level < 0 ? feature[k] >= d : feature[k] > normals.length - d;
        if (badFeature || left[k] <= k || left[k] + 1 >= n) {
          throw new IOException(where + ": node " + k + " has an out-of-range split or child");
        }
      } else if (feature[k] != -1) {
        throw new IOException(where + ": node " + k + " has an invalid kind");
      }
    }
    for (int r : roots) {
      if (r < 0 || r >= n) {
        throw new IOException(where + ": tree root " + r + " out of range");
      }
    }
    // A leaf holds its path length: its depth plus c(leaf size). Depth is below the node count and
    // the leaf size at most ψ, so anything outside [0, n + c(ψ)] is not a path length; a huge
    // negative one scored Infinity (found by fuzzing), outside the documented (0, 1].
    double maxPath = n + PathLength.c(psi);
    for (int k = 0; k < n; k++) {
      if (feature[k] == -1 && !(value[k] >= 0 && value[k] <= maxPath)) {
        throw new IOException(
            where
                + ": leaf "
                + k
                + " has path length "
                + value[k]
                + " outside [0, "
                + maxPath
                + "]");
      }
    }
    SeverityScale scale;
    try {
      scale = new SeverityScale(sev[0], sev[1], sev[2], sev[3]);
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": invalid severity cuts", e);
    }
    return new IsolationForest(d, psi, level, roots, feature, value, left, normals, names, scale);
  }
}
