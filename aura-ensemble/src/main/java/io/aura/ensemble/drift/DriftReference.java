package io.aura.ensemble.drift;

import io.aura.features.FeatureSchema;
import io.aura.features.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What data drift is measured against: the training matrix's columns, kept sorted, with the
 * quantile bins and reference proportions of the Population Stability Index precomputed. Built once
 * from a training matrix and its {@link FeatureSchema}; then {@link #assess(double[][])} scores
 * each new window with the two-sample Kolmogorov–Smirnov test, PSI and the 1-Wasserstein distance
 * (see {@link TwoSampleStatistics} for the formulas and references, {@link DriftOptions} for the
 * flag).
 *
 * <p>PSI bins: with {@code B} bins and {@code n} sorted valid reference values {@code x}, the edges
 * are the type-1 sample quantiles {@code x[ceil(j·n/B) - 1]} for {@code j = 1..B-1}, with repeated
 * edges dropped (so a feature with many ties gets fewer bins). Bins are right-closed: {@code (-∞,
 * e1], (e1, e2], ..., (e_last, +∞)}.
 *
 * <p>NaN policy: NaN is a missing value; it is ignored by every measure and counted ({@link
 * #referenceMissing(int)}, {@link DriftReport#currentMissing()}). Infinite values are rejected. A
 * feature with no valid reference value is rejected when building.
 *
 * <p>Memory: the sorted valid reference values, 8 bytes each ({@code 8·n·d} bytes for an {@code n ×
 * d} matrix without NaN), plus {@code O(B)} per feature; see {@link #memoryBytes()}. With {@link
 * DriftOptions.Builder#maxReferenceValues(int)} a feature keeps at most that many evenly spaced
 * order statistics {@code x[floor((i + 1/2)·n/k)]} instead — a deterministic quantile summary whose
 * empirical CDF is within {@code 1/k} of the full one — and the KS statistic and Wasserstein
 * distance become approximations of that accuracy.
 *
 * <p>Thread safety: immutable; {@link #assess} may run from many threads at once. Allocation:
 * {@link #assess} allocates one scratch array of the window's length and the reports. Complexity:
 * building O(d·n log n); {@link #assess} O(d·(w log w + n + w log B)) for a window of {@code w}
 * rows, plus O(n·w) per feature when {@code n·w < 10000} (exact p-value).
 */
public final class DriftReference {
  private final FeatureSchema schema;
  private final DriftOptions options;
  private final int rows;
  private final double[][] sorted;
  private final int[] valid;
  private final int[] missing;
  private final double[][] edges;
  private final double[][] proportions;
  private final double[] std;

  private DriftReference(
      FeatureSchema schema,
      DriftOptions options,
      int rows,
      double[][] sorted,
      int[] valid,
      int[] missing,
      double[][] edges,
      double[][] proportions,
      double[] std) {
    this.schema = schema;
    this.options = options;
    this.rows = rows;
    this.sorted = sorted;
    this.valid = valid;
    this.missing = missing;
    this.edges = edges;
    this.proportions = proportions;
    this.std = std;
  }

  /**
   * A reference with {@link DriftOptions#defaults()}.
   *
   * @param schema the features, one per column
   * @param training row-major matrix, {@code rows × schema.size()}, at least one row
   * @return the reference
   * @throws InvalidDataException on a ragged or empty matrix, an infinite value, or an all-NaN
   *     feature
   */
  public static DriftReference of(FeatureSchema schema, double[][] training) {
    return of(schema, training, DriftOptions.defaults());
  }

  /**
   * A reference with the given options.
   *
   * @param schema the features, one per column
   * @param training row-major matrix, {@code rows × schema.size()}, at least one row; not retained
   * @param options binning and thresholds
   * @return the reference
   * @throws InvalidDataException on a ragged or empty matrix, an infinite value, or an all-NaN
   *     feature
   */
  public static DriftReference of(FeatureSchema schema, double[][] training, DriftOptions options) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(options, "options");
    int n = requireMatrix(schema, training, "training matrix");
    int d = schema.size();
    double[][] sorted = new double[d][];
    int[] validCount = new int[d];
    int[] missing = new int[d];
    double[][] edges = new double[d][];
    double[][] proportions = new double[d][];
    double[] std = new double[d];
    double[] scratch = new double[n];
    for (int j = 0; j < d; j++) {
      int valid = 0;
      for (int i = 0; i < n; i++) {
        double v = training[i][j];
        if (!Double.isNaN(v)) {
          scratch[valid++] = v;
        }
      }
      if (valid == 0) {
        throw new InvalidDataException(
            "feature '"
                + schema.name(j)
                + "' (column "
                + j
                + ") has no valid value in the training matrix: all "
                + n
                + " rows are NaN");
      }
      double[] col = Arrays.copyOf(scratch, valid);
      Arrays.sort(col);
      sorted[j] = summary(col, options.maxReferenceValues());
      validCount[j] = valid;
      missing[j] = n - valid;
      edges[j] = quantileEdges(col, options.bins());
      long[] counts = new long[edges[j].length + 1];
      countBins(col, valid, edges[j], counts);
      double[] p = new double[counts.length];
      for (int b = 0; b < p.length; b++) {
        p[b] = (double) counts[b] / valid;
      }
      proportions[j] = p;
      std[j] = standardDeviation(col);
    }
    return new DriftReference(
        schema, options, n, sorted, validCount, missing, edges, proportions, std);
  }

  /** At most {@code k} evenly spaced order statistics of a sorted array. */
  static double[] summary(double[] sortedValues, int k) {
    int n = sortedValues.length;
    if (n <= k) {
      return sortedValues;
    }
    double[] s = new double[k];
    for (int i = 0; i < k; i++) {
      s[i] = sortedValues[(int) ((i + 0.5) * n / k)];
    }
    return s;
  }

  /**
   * Scores a window whose columns are named: checks that its schema equals this reference's first.
   *
   * @param windowSchema the window's features, in column order
   * @param window row-major matrix, {@code w × windowSchema.size()}, at least one row
   * @return one report per feature
   * @throws InvalidDataException if the schemas differ (naming the first difference), or as {@link
   *     #assess(double[][])}
   */
  public DataDrift assess(FeatureSchema windowSchema, double[][] window) {
    schema.requireSameAs(windowSchema);
    return assess(window);
  }

  /**
   * Scores a window of current data against this reference.
   *
   * @param window row-major matrix, {@code w × schema().size()}, at least one row; not retained
   * @return one report per feature
   * @throws InvalidDataException on a ragged or empty window or an infinite value
   */
  public DataDrift assess(double[][] window) {
    int w = requireMatrix(schema, window, "window");
    double[] scratch = new double[w];
    long[] counts = new long[options.bins()];
    List<DriftReport> reports = new ArrayList<>(schema.size());
    for (int j = 0; j < schema.size(); j++) {
      int valid = 0;
      for (int i = 0; i < w; i++) {
        double v = window[i][j];
        if (!Double.isNaN(v)) {
          scratch[valid++] = v;
        }
      }
      reports.add(report(j, scratch, valid, w - valid, counts));
    }
    return new DataDrift(reports, w);
  }

  /**
   * Scores one feature's current values against this reference.
   *
   * @param feature the feature's column in the schema
   * @param values current values; NaN is missing; not retained
   * @return the feature's report
   * @throws InvalidDataException if {@code values} is empty or holds an infinite value
   */
  public DriftReport assessFeature(int feature, double[] values) {
    Objects.checkIndex(feature, schema.size());
    if (values.length == 0) {
      throw new InvalidDataException(
          "current values of feature '" + schema.name(feature) + "' are empty");
    }
    double[] scratch = new double[values.length];
    int valid = 0;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isInfinite(v)) {
        throw new InvalidDataException(
            "feature '" + schema.name(feature) + "' value " + i + " is " + v);
      }
      if (!Double.isNaN(v)) {
        scratch[valid++] = v;
      }
    }
    return report(feature, scratch, valid, values.length - valid, new long[options.bins()]);
  }

  private DriftReport report(int j, double[] cur, int n, int curMissing, long[] counts) {
    double[] ref = sorted[j];
    int m = ref.length;
    int refCount = valid[j];
    if (n == 0) {
      return new DriftReport(
          schema.name(j),
          j,
          refCount,
          0,
          curMissing,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          false,
          false,
          false);
    }
    Arrays.sort(cur, 0, n);
    double ks = TwoSampleStatistics.ks(ref, m, cur, n);
    double p = TwoSampleStatistics.ksPValue(refCount, n, ks);
    double w1 = TwoSampleStatistics.wasserstein(ref, m, cur, n);
    double[] e = edges[j];
    Arrays.fill(counts, 0, e.length + 1, 0L);
    countBins(cur, n, e, counts);
    double psi = TwoSampleStatistics.psiUnchecked(proportions[j], counts, n, options.psiEpsilon());
    double scaled = std[j] > 0 ? w1 / std[j] : (w1 == 0 ? 0 : Double.POSITIVE_INFINITY);
    boolean enough = n >= options.minSamples();
    boolean psiFlag = enough && psi >= options.psiThreshold();
    boolean ksFlag = enough && p < options.ksAlpha() && ks >= options.ksMinStatistic();
    return new DriftReport(
        schema.name(j),
        j,
        refCount,
        n,
        curMissing,
        ks,
        p,
        psi,
        w1,
        scaled,
        enough,
        psiFlag,
        ksFlag);
  }

  /**
   * @return the features, in column order
   */
  public FeatureSchema schema() {
    return schema;
  }

  /**
   * @return the binning and thresholds
   */
  public DriftOptions options() {
    return options;
  }

  /**
   * @return the number of rows of the training matrix
   */
  public int rows() {
    return rows;
  }

  /**
   * @param feature column in the schema
   * @return the number of NaN values of the feature in the training matrix
   */
  public int referenceMissing(int feature) {
    return missing[feature];
  }

  /**
   * @param feature column in the schema
   * @return the number of valid (non-NaN) values of the feature in the training matrix
   */
  public int referenceCount(int feature) {
    return valid[feature];
  }

  /**
   * @param feature column in the schema
   * @return a copy of the feature's sorted valid reference values (the summary, if capped)
   */
  public double[] sortedReference(int feature) {
    return sorted[feature].clone();
  }

  /**
   * @param feature column in the schema
   * @return a copy of the PSI bin edges (bins are right-closed; one more bin than edges)
   */
  public double[] binEdges(int feature) {
    return edges[feature].clone();
  }

  /**
   * @param feature column in the schema
   * @return a copy of the reference's proportion per PSI bin
   */
  public double[] binProportions(int feature) {
    return proportions[feature].clone();
  }

  /**
   * @return an estimate of the bytes held by the arrays of this reference
   */
  public long memoryBytes() {
    long bytes = 0;
    for (int j = 0; j < sorted.length; j++) {
      bytes +=
          16L
              + 8L * sorted[j].length
              + 16L
              + 8L * edges[j].length
              + 16L
              + 8L * proportions[j].length;
    }
    return bytes + 12L * sorted.length;
  }

  @Override
  public String toString() {
    return "DriftReference{features=" + schema.size() + ", rows=" + rows + ", " + options + "}";
  }

  static double[] quantileEdges(double[] sortedValues, int bins) {
    int n = sortedValues.length;
    double[] e = new double[bins - 1];
    int k = 0;
    for (int j = 1; j < bins; j++) {
      int idx = (int) Math.ceil((double) j * n / bins) - 1;
      double v = sortedValues[Math.max(0, idx)];
      if (k == 0 || v > e[k - 1]) {
        e[k++] = v;
      }
    }
    return Arrays.copyOf(e, k);
  }

  /** Counts the first {@code n} values into right-closed bins given by {@code edges}. */
  static void countBins(double[] values, int n, double[] edges, long[] counts) {
    for (int i = 0; i < n; i++) {
      counts[bin(edges, values[i])]++;
    }
  }

  /** The index of the first edge {@code >= x}, i.e. the number of edges below {@code x}. */
  static int bin(double[] edges, double x) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double standardDeviation(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return x.length > 1 ? Math.sqrt(ss / (x.length - 1)) : 0;
  }

  private static int requireMatrix(FeatureSchema schema, double[][] m, String what) {
    Objects.requireNonNull(m, what);
    if (m.length == 0) {
      throw new InvalidDataException(what + " has no rows");
    }
    int d = schema.size();
    for (int i = 0; i < m.length; i++) {
      if (m[i] == null || m[i].length != d) {
        throw new InvalidDataException(
            what
                + " row "
                + i
                + " has "
                + (m[i] == null ? "no" : m[i].length)
                + " values, the schema has "
                + d
                + " features "
                + schema.names());
      }
      for (int j = 0; j < d; j++) {
        if (Double.isInfinite(m[i][j])) {
          throw new InvalidDataException(
              what
                  + " row "
                  + i
                  + ", feature '"
                  + schema.name(j)
                  + "' is "
                  + m[i][j]
                  + "; only finite values or NaN (missing) are accepted");
        }
      }
    }
    return m.length;
  }
}
