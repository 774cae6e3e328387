package io.aura.models.multivariate;

import io.aura.features.InvalidDataException;
import io.aura.models.detect.AnomalyModel;
import io.aura.models.detect.SeverityScale;
import io.aura.models.detect.TrainingRows;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Distance to the {@code k}-th nearest neighbour among a bounded reservoir of standardized
 * training rows (Ramaswamy, Rastogi &amp; Shim 2000, "Efficient algorithms for mining outliers from
 * large data sets", SIGMOD; 1-NN distance is the strongest simple baseline in Sarfraz et al. 2024,
 * "Position: Quo Vadis, Unsupervised Time Series Anomaly Detection?", ICML). Exact search: a
 * linear scan with partial-distance early exit (a candidate is abandoned once its running sum
 * exceeds the current k-th best) over the reservoir sorted by its projection on the reservoir's
 * first principal direction, visited outwards from the query's projection and stopped once the
 * projection gap alone exceeds the k-th best distance (a lower bound, so the result is exact; the
 * one-dimensional ordering of Friedman, Baskett &amp; Shustek 1975, "An algorithm for finding
 * nearest neighbors", IEEE Trans. Computers). Made by {@link KnnTrainer}.
 *
 * <p>Score range: [0, ∞), Euclidean distance in standardized units. Attribution ({@link
 * #contributions}): each column's squared difference to the nearest reservoir row, normalized.
 *
 * <p>Thread safety: immutable. Allocation: {@link #score} none when {@code k = 1}, one {@code
 * double[k]} otherwise. Complexity: O(log m + c · d) per row, where {@code c ≤ m} is the number
 * of reservoir rows inside the projection window (O(m · d) in the worst case).
 */
public final class KnnModel implements AnomalyModel {
  /** The model kind written in model files. */
  public static final String KIND = "aura.knn-distance";

  private static final int FILE_VERSION = 1;

  private final int d;
  private final int m;
  private final int k;
  private final ColumnScale scale;
  private final double[] reservoir; // row-major m × d, standardized
  private final int[] sourceRows; // training row index of each reservoir row
  private final double[] direction; // unit vector; the reservoir is sorted by its projection on it
  private final double[] projection; // ascending, one per reservoir row
  private final int[] sortedSources; // sourceRows ascending
  private final int[] slotOfSorted; // reservoir slot of sortedSources[i]
  private final List<String> names;
  private final SeverityScale severity;

  KnnModel(
      ColumnScale scale, double[] reservoir, int[] sourceRows, double[] direction, int k, List<String> names,
      SeverityScale severity) {
    this.d = scale.mean.length;
    this.m = sourceRows.length;
    this.k = k;
    this.scale = scale;
    this.reservoir = reservoir;
    this.sourceRows = sourceRows;
    this.direction = direction;
    this.names = List.copyOf(names);
    this.severity = severity;
    this.projection = new double[m];
    for (int i = 0; i < m; i++) {
      double p = 0;
      for (int j = 0; j < d; j++) {
        p += direction[j] * reservoir[i * d + j];
      }
      projection[i] = p;
    }
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Integer.compare(sourceRows[a], sourceRows[b]));
    this.sortedSources = new int[m];
    this.slotOfSorted = new int[m];
    for (int i = 0; i < m; i++) {
      sortedSources[i] = sourceRows[order[i]];
      slotOfSorted[i] = order[i];
    }
  }

  /** Whether the projections are ascending (the trainer sorts the reservoir by them). */
  boolean sortedByProjection() {
    for (int i = 1; i < m; i++) {
      if (projection[i] < projection[i - 1]) {
        return false;
      }
    }
    return true;
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
    return severity;
  }

  /**
   * The number of reservoir rows.
   *
   * @return at least {@code k}
   */
  public int reservoirSize() {
    return m;
  }

  /**
   * The neighbour rank whose distance is the score.
   *
   * @return at least 1
   */
  public int k() {
    return k;
  }

  @Override
  public double score(double[] row) {
    TrainingRows.checkRow(row, d);
    return Math.sqrt(kthDistance(row, -1));
  }

  /**
   * Squared distance to the k-th nearest reservoir row other than reservoir row {@code skip}.
   * Exact: rows are visited outwards from the query's position along the projection order, and a
   * side stops once its projection gap alone, squared, reaches the k-th best distance (the
   * projection on a unit vector never exceeds the distance).
   */
  private double kthDistance(double[] row, int skip) {
    double q = 0;
    for (int j = 0; j < d; j++) {
      q += direction[j] * scale.apply(j, row[j]);
    }
    int right = lowerBound(q);
    int left = right - 1;
    double[] top = k == 1 ? null : new double[k]; // ascending; k = 1 keeps only the bound
    if (top != null) {
      java.util.Arrays.fill(top, Double.POSITIVE_INFINITY);
    }
    double bound = Double.POSITIVE_INFINITY; // the k-th best so far
    while (left >= 0 || right < m) {
      double gl = left >= 0 ? q - projection[left] : Double.POSITIVE_INFINITY;
      double gr = right < m ? projection[right] - q : Double.POSITIVE_INFINITY;
      int i;
      double g;
      if (gl <= gr) {
        i = left--;
        g = gl;
      } else {
        i = right++;
        g = gr;
      }
      if (g * g >= bound) {
        break; // the nearer side's gap already reaches the bound: so does every later row
      }
      if (i == skip) {
        continue;
      }
      double s = partial(row, i, bound);
      if (s < bound) {
        if (top == null) {
          bound = s;
        } else {
          int p = k - 1;
          while (p > 0 && top[p - 1] > s) {
            top[p] = top[p - 1];
            p--;
          }
          top[p] = s;
          bound = top[k - 1];
        }
      }
    }
    return bound;
  }

  private int lowerBound(double q) {
    int lo = 0;
    int hi = m;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (projection[mid] < q) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private double partial(double[] row, int i, double bound) {
    int off = i * d;
    double s = 0;
    for (int j = 0; j < d; j++) {
      double c = scale.apply(j, row[j]) - reservoir[off + j];
      s += c * c;
      if (s >= bound) {
        return s;
      }
    }
    return s;
  }

  /**
   * The scores of the training rows the model was fitted on, each row leaving itself out of the
   * reservoir — out-of-sample scores, as an alarm calibration needs (a reservoir row's distance to
   * itself is 0).
   *
   * @param trainingRows the rows given to {@link KnnTrainer#fit}, same order
   * @return one score per row
   * @throws InvalidDataException if a row has the wrong width or holds NaN
   */
  public double[] trainingScores(double[][] trainingRows) {
    int[] at = new int[trainingRows.length];
    for (int i = 0; i < at.length; i++) {
      at[i] = i;
    }
    return sampleScores(trainingRows, at);
  }

  /** Scores of training rows {@code at[i]}, each leaving its own reservoir row (if any) out. */
  double[] sampleScores(double[][] rows, int[] at) {
    double[] out = new double[rows.length];
    for (int r = 0; r < out.length; r++) {
      TrainingRows.checkRow(rows[r], d);
      int pos = java.util.Arrays.binarySearch(sortedSources, at[r]);
      out[r] = Math.sqrt(kthDistance(rows[r], pos >= 0 ? slotOfSorted[pos] : -1));
    }
    return out;
  }

  @Override
  public void contributions(double[] row, double[] out) {
    TrainingRows.checkRow(row, d);
    double best = Double.POSITIVE_INFINITY;
    int arg = 0;
    for (int i = 0; i < m; i++) {
      double s = partial(row, i, best);
      if (s < best) {
        best = s;
        arg = i;
      }
    }
    // (the nearest row; for k > 1 the attribution still uses the nearest, the simplest witness)
    double total = 0;
    for (int j = 0; j < d; j++) {
      double c = scale.apply(j, row[j]) - reservoir[arg * d + j];
      out[j] = c * c;
      total += out[j];
    }
    for (int j = 0; j < d; j++) {
      out[j] = total > 0 ? out[j] / total : 0;
    }
  }

  /**
   * Writes the model atomically to a checksummed model file.
   *
   * @param path the destination
   * @throws IOException if writing fails
   */
  public void save(Path path) throws IOException {
    scale.writeTo(ModelFileWriter.create(KIND, FILE_VERSION).putStrings("featureNames", names))
        .putInt("k", k)
        .putInts("sourceRows", sourceRows)
        .putDoubles("direction", direction)
        .putDoubles("reservoir", reservoir)
        .putDoubles("severity", Severities.cuts(severity))
        .writeAtomically(path);
  }

  /**
   * Reads a model written by {@link #save}; it scores bit-identically.
   *
   * @param path the file
   * @return the model
   * @throws IOException if the file is unreadable, corrupt, of another kind or inconsistent
   */
  public static KnnModel load(Path path) throws IOException {
    ModelFile f = ModelFile.read(path, KIND, FILE_VERSION);
    List<String> names = f.getStrings("featureNames");
    ColumnScale scale = ColumnScale.read(f);
    int k = f.getInt("k");
    int[] src = f.getInts("sourceRows");
    double[] res = f.getDoubles("reservoir");
    double[] dir = f.getDoubles("direction");
    int d = scale.mean.length;
    if (d < 1 || names.size() != d || k < 1 || src.length < k || res.length != (long) src.length * d
        || dir.length != d) {
      throw new IOException(f.source() + ": inconsistent k-NN dimensions");
    }
    for (double v : res) {
      if (!Double.isFinite(v)) {
        throw new IOException(f.source() + ": reservoir holds a non-finite value");
      }
    }
    KnnModel model = new KnnModel(scale, res, src, dir, k, names, Severities.of(f.getDoubles("severity"), f.source()));
    if (!model.sortedByProjection()) {
      throw new IOException(f.source() + ": reservoir is not in projection order");
    }
    return model;
  }
}
