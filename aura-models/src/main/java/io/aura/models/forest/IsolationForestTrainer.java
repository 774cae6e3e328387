package io.aura.models.forest;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.models.detect.AnomalyTrainer;
import io.aura.models.detect.SeverityScale;
import io.aura.models.detect.TrainingRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Trains an {@link IsolationForest}: Liu, Ting &amp; Zhou (2008), "Isolation Forest", ICDM, and, as
 * an option, the Extended Isolation Forest of Hariri, Carrasco Kind &amp; Brunner (2019), IEEE TKDE
 * 33(4), whose splits are random hyperplanes instead of axis-parallel cuts.
 *
 * <p>Each tree is grown on a subsample of {@code ψ} rows drawn without replacement ({@code ψ =
 * min(sampleSize, rows)}) until a node holds at most one row or reaches the height limit {@code
 * ⌈log₂ ψ⌉}, as in the paper's Algorithm 2. A standard node picks a feature uniformly among all
 * features and a cut uniformly between that feature's minimum and maximum in the node; a feature
 * constant in the node cuts at that value (no training row goes left, a new row below it is
 * isolated), so, as in the paper and unlike scikit-learn, identical rows are never separated and
 * reach the height limit. An extended node draws a normal vector with N(0, 1) coordinates, keeps
 * {@code extensionLevel + 1} of them non-zero (chosen uniformly), and an intercept uniformly inside
 * the node's bounding box; a row goes left when {@code (x − p)·n ≤ 0}.
 *
 * <p>Determinism: tree {@code i} uses its own random stream, seeded from the trainer's seed, so a
 * forest is bit-identical for a given seed and data whether trees are grown serially or in
 * parallel.
 *
 * <p>Thread safety: immutable; {@link #fit} may run concurrently. Allocation: O(ψ) per tree for the
 * subsample (Floyd's algorithm, independent of n) and the final flat node arrays (about {@code 2ψ}
 * nodes per tree). Complexity: O(t ψ log ψ · d) to grow {@code t} trees, plus O(n t log ψ) to score
 * the {@code n} training rows for the severity calibration.
 */
public final class IsolationForestTrainer implements AnomalyTrainer<IsolationForest> {
  /** Extension level meaning "fully extended": {@code d − 1}, resolved at fit time. */
  public static final int FULLY_EXTENDED = Integer.MAX_VALUE;

  private final int trees;
  private final int sampleSize;
  private final int extensionLevel; // -1 = standard (axis-parallel)
  private final double contamination;
  private final long seed;
  private final boolean parallel;

  private IsolationForestTrainer(Builder b) {
    this(b.trees, b.sampleSize, b.extensionLevel, b.contamination, b.seed, b.parallel);
  }

  private IsolationForestTrainer(
      int trees,
      int sampleSize,
      int extensionLevel,
      double contamination,
      long seed,
      boolean parallel) {
    this.trees = trees;
    this.sampleSize = sampleSize;
    this.extensionLevel = extensionLevel;
    this.contamination = contamination;
    this.seed = seed;
    this.parallel = parallel;
  }

  /**
   * The same trainer with another seed.
   *
   * @param newSeed the seed
   * @return a new trainer
   */
  public IsolationForestTrainer withSeed(long newSeed) {
    return new IsolationForestTrainer(
        trees, sampleSize, extensionLevel, contamination, newSeed, parallel);
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * A builder with the paper's defaults: 100 trees, ψ = 256, standard splits, contamination 0.01,
   * seed 42, serial fitting.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return every setting by name, as the pipeline's provenance records it
   */
  @Override
  public String toString() {
    return "IsolationForestTrainer{trees="
        + trees
        + ", sampleSize="
        + sampleSize
        + ", extensionLevel="
        + (extensionLevel < 0
            ? "standard"
            : extensionLevel == FULLY_EXTENDED ? "full" : Integer.toString(extensionLevel))
        + ", contamination="
        + contamination
        + ", seed="
        + seed
        + ", parallel="
        + parallel
        + "}";
  }

  /**
   * Builder of {@link IsolationForestTrainer}. Not thread-safe (confine to one thread); O(1)
   * setters, no allocation beyond the trainer built.
   */
  public static final class Builder {
    private int trees = 100;
    private int sampleSize = 256;
    private int extensionLevel = -1;
    private double contamination = 0.01;
    private long seed = 42;
    private boolean parallel;

    private Builder() {}

    /**
     * The number of trees.
     *
     * @param n at least 1 (default 100)
     * @return this builder
     */
    public Builder treeCount(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("trees must be at least 1, got " + n);
      }
      this.trees = n;
      return this;
    }

    /**
     * The subsample size ψ.
     *
     * @param n at least 2 (default 256)
     * @return this builder
     */
    public Builder sampleSize(int n) {
      if (n < 2) {
        throw new IllegalArgumentException("sampleSize must be at least 2, got " + n);
      }
      this.sampleSize = n;
      return this;
    }

    /**
     * Uses Extended Isolation Forest splits (Hariri et al. 2019).
     *
     * @param level the extension level: 0 draws hyperplanes along one axis, {@code d − 1} (or
     *     {@link #FULLY_EXTENDED}) fully oriented ones; capped at {@code d − 1} at fit time
     * @return this builder
     */
    public Builder extended(int level) {
      if (level < 0) {
        throw new IllegalArgumentException("extension level must be >= 0, got " + level);
      }
      this.extensionLevel = level;
      return this;
    }

    /**
     * The expected fraction of anomalies, which sets the anomaly threshold to the {@code 1 −
     * contamination} quantile of the training scores (see {@link SeverityScale#fromContamination}).
     *
     * @param c in (0, 0.5] (default 0.01)
     * @return this builder
     */
    public Builder contamination(double c) {
      if (!(c > 0 && c <= 0.5)) {
        throw new IllegalArgumentException("contamination must be in (0, 0.5], got " + c);
      }
      this.contamination = c;
      return this;
    }

    /**
     * The random seed.
     *
     * @param s the seed (default 42)
     * @return this builder
     */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /**
     * Whether to grow trees, and score the training rows for calibration, in parallel on the common
     * fork-join pool; results are identical.
     *
     * @param p true to parallelize (default false)
     * @return this builder
     */
    public Builder parallel(boolean p) {
      this.parallel = p;
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     */
    public IsolationForestTrainer build() {
      return new IsolationForestTrainer(this);
    }
  }

  @Override
  public IsolationForest fit(Frame frame) {
    if (frame.rows() == 0) {
      throw new InvalidDataException(
          "Isolation Forest training frame " + frame.labels() + " is empty");
    }
    return fit(frame.toRowMajor(), frame.columnNames());
  }

  @Override
  public IsolationForest fit(double[][] rows) {
    int d = TrainingRows.check(rows, "Isolation Forest training data");
    return fit(rows, TrainingRows.defaultNames(d));
  }

  /**
   * Fits on a matrix with named features.
   *
   * @param rows the rows, no NaN
   * @param featureNames one name per column
   * @return the forest
   * @throws InvalidDataException on empty, ragged or missing data, or fewer than 2 rows
   */
  public IsolationForest fit(double[][] rows, List<String> featureNames) {
    int d = TrainingRows.check(rows, "Isolation Forest training data", featureNames);
    if (featureNames.size() != d) {
      throw new IllegalArgumentException(
          featureNames.size() + " feature names for " + d + " features");
    }
    if (rows.length < 2) {
      throw new InvalidDataException(
          "Isolation Forest needs at least 2 training rows, got " + rows.length);
    }
    int psi = Math.min(sampleSize, rows.length);
    int heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
    int level = extensionLevel < 0 ? -1 : Math.min(extensionLevel, d - 1);
    SplittableRandom master = new SplittableRandom(seed);
    long[] treeSeeds = new long[trees];
    for (int i = 0; i < trees; i++) {
      treeSeeds[i] = master.nextLong();
    }
    TreeArrays[] built = new TreeArrays[trees];
    IntStream range = IntStream.range(0, trees);
    (parallel ? range.parallel() : range)
        .forEach(i -> built[i] = grow(rows, d, psi, heightLimit, level, treeSeeds[i]));
    IsolationForest unCalibrated =
        IsolationForest.assemble(built, d, psi, level, featureNames, null);
    // Calibration scores every training row; rows are independent, so the parallel form writes
    // exactly the same numbers.
    double[] trainingScores = new double[rows.length];
    IntStream rowRange = IntStream.range(0, rows.length);
    // (The rows were checked above, so the per-row check of score() is skipped.)
    (parallel ? rowRange.parallel() : rowRange)
        .forEach(i -> trainingScores[i] = unCalibrated.scoreChecked(rows[i]));
    return unCalibrated.withSeverityScale(
        SeverityScale.fromContamination(trainingScores, contamination));
  }

  /** One tree's nodes, in breadth-of-allocation order; children of node k at left[k], left[k]+1. */
  static final class TreeArrays {
    int size;
    int[] feature = new int[64]; // split feature, or -1 for a leaf (extended: normal offset)
    double[] value = new double[64]; // cut / intercept, or the leaf's path length
    int[] left = new int[64];
    double[] normals = new double[0];
    int normalsSize;

    int add() {
      if (size == feature.length) {
        int n = size * 2;
        feature = Arrays.copyOf(feature, n);
        value = Arrays.copyOf(value, n);
        left = Arrays.copyOf(left, n);
      }
      return size++;
    }

    int addNormal(int d) {
      if (normalsSize + d > normals.length) {
        normals = Arrays.copyOf(normals, Math.max(64, (normalsSize + d) * 2));
      }
      int at = normalsSize;
      normalsSize += d;
      return at;
    }
  }

  private static TreeArrays grow(
      double[][] rows, int d, int psi, int heightLimit, int level, long treeSeed) {
    SplittableRandom rnd = new SplittableRandom(treeSeed);
    int[] sample = subsample(rows.length, psi, rnd);
    TreeArrays tree = new TreeArrays();
    int root = tree.add();
    double[] mins = new double[d];
    double[] maxs = new double[d];
    int[] candidates = new int[d];
    double[] dot = level >= 0 ? new double[psi] : null;
    build(
        tree,
        root,
        rows,
        sample,
        0,
        psi,
        0,
        heightLimit,
        level,
        d,
        rnd,
        mins,
        maxs,
        candidates,
        dot);
    return tree;
  }

  /**
   * ψ distinct row indices out of n, uniformly (Floyd's algorithm, Bentley &amp; Floyd 1987): O(ψ)
   * time and memory whatever n is, with a small open-addressing set.
   */
  static int[] subsample(int n, int psi, SplittableRandom rnd) {
    int[] out = new int[psi];
    if (psi == n) {
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      return out;
    }
    int cap = Integer.highestOneBit(Math.max(4, psi * 4 - 1)) << 1;
    int[] set = new int[cap];
    java.util.Arrays.fill(set, -1);
    int k = 0;
    for (int j = n - psi; j < n; j++) {
      int t = rnd.nextInt(j + 1);
      int pick = insert(set, t) ? t : j;
      if (pick == j) {
        insert(set, j);
      }
      out[k++] = pick;
    }
    return out;
  }

  /** Adds v to the set; false if it was already there. */
  private static boolean insert(int[] set, int v) {
    int mask = set.length - 1;
    int h = (v * 0x9E3779B9) >>> 7 & mask;
    while (set[h] != -1) {
      if (set[h] == v) {
        return false;
      }
      h = (h + 1) & mask;
    }
    set[h] = v;
    return true;
  }

  private static void build(
      TreeArrays tree,
      int node,
      double[][] rows,
      int[] sample,
      int lo,
      int hi,
      int depth,
      int heightLimit,
      int level,
      int d,
      SplittableRandom rnd,
      double[] mins,
      double[] maxs,
      int[] candidates,
      double[] dot) {
    int size = hi - lo;
    if (depth >= heightLimit || size <= 1) {
      makeLeaf(tree, node, depth, size);
      return;
    }
    Arrays.fill(mins, Double.POSITIVE_INFINITY);
    Arrays.fill(maxs, Double.NEGATIVE_INFINITY);
    for (int i = lo; i < hi; i++) {
      double[] r = rows[sample[i]];
      for (int j = 0; j < d; j++) {
        double v = r[j];
        if (v < mins[j]) {
          mins[j] = v;
        }
        if (v > maxs[j]) {
          maxs[j] = v;
        }
      }
    }
    int mid;
    if (level < 0) {
      // Liu et al. 2008, Algorithm 2: any attribute, a cut between its min and max in the node.
      // An attribute constant in the node gives cut = min: no training row goes left, but a new
      // row below that value is isolated at once.
      int f = rnd.nextInt(d);
      double cut = mins[f] + rnd.nextDouble() * (maxs[f] - mins[f]);
      if (cut <= mins[f] && maxs[f] > mins[f]) {
        cut = Math.nextUp(mins[f]);
      }
      mid = partition(rows, sample, lo, hi, f, cut);
      tree.feature[node] = f;
      tree.value[node] = cut;
    } else {
      int at = tree.addNormal(d);
      double[] nv = tree.normals;
      double intercept = 0;
      for (int j = 0; j < d; j++) {
        nv[at + j] = rnd.nextGaussian();
      }
      // Zero d − level − 1 coordinates chosen uniformly (partial Fisher–Yates over 0..d-1).
      int zeros = d - level - 1;
      for (int j = 0; j < d; j++) {
        candidates[j] = j;
      }
      for (int k = 0; k < zeros; k++) {
        int j = k + rnd.nextInt(d - k);
        int t = candidates[k];
        candidates[k] = candidates[j];
        candidates[j] = t;
        nv[at + candidates[k]] = 0;
      }
      for (int j = 0; j < d; j++) {
        double p = mins[j] + rnd.nextDouble() * (maxs[j] - mins[j]);
        intercept += p * nv[at + j];
      }
      for (int i = lo; i < hi; i++) {
        double[] r = rows[sample[i]];
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += r[j] * nv[at + j];
        }
        dot[i] = s;
      }
      mid = partitionByDot(sample, dot, lo, hi, intercept);
      tree.feature[node] = at;
      tree.value[node] = intercept;
    }
    int left = tree.add();
    int right = tree.add();
    if (right != left + 1) {
      throw new AssertionError("children must be adjacent");
    }
    tree.left[node] = left;
    build(
        tree,
        left,
        rows,
        sample,
        lo,
        mid,
        depth + 1,
        heightLimit,
        level,
        d,
        rnd,
        mins,
        maxs,
        candidates,
        dot);
    build(
        tree,
        right,
        rows,
        sample,
        mid,
        hi,
        depth + 1,
        heightLimit,
        level,
        d,
        rnd,
        mins,
        maxs,
        candidates,
        dot);
  }

  private static void makeLeaf(TreeArrays tree, int node, int depth, int size) {
    tree.feature[node] = -1;
    tree.value[node] = depth + PathLength.c(size);
    tree.left[node] = -1;
  }

  /** Moves rows with {@code x[f] < cut} to the front; returns the boundary. */
  private static int partition(double[][] rows, int[] sample, int lo, int hi, int f, double cut) {
    int i = lo;
    int j = hi - 1;
    while (i <= j) {
      if (rows[sample[i]][f] < cut) {
        i++;
      } else {
        int t = sample[i];
        sample[i] = sample[j];
        sample[j] = t;
        j--;
      }
    }
    return i;
  }

  /** Moves rows with {@code dot <= intercept} to the front, keeping {@code dot} aligned. */
  private static int partitionByDot(int[] sample, double[] dot, int lo, int hi, double intercept) {
    int i = lo;
    int j = hi - 1;
    while (i <= j) {
      if (dot[i] <= intercept) {
        i++;
      } else {
        int t = sample[i];
        sample[i] = sample[j];
        sample[j] = t;
        double u = dot[i];
        dot[i] = dot[j];
        dot[j] = u;
        j--;
      }
    }
    return i;
  }

  /**
   * The number of trees.
   *
   * @return the tree count
   */
  public int treeCount() {
    return trees;
  }

  /**
   * The subsample size ψ.
   *
   * @return ψ
   */
  public int sampleSize() {
    return sampleSize;
  }

  static List<String> copyNames(List<String> names) {
    return List.copyOf(new ArrayList<>(names));
  }
}
