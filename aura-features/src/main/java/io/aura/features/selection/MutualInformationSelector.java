package io.aura.features.selection;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Keeps the {@code k} features sharing the most information with discrete class labels. Unlike
 * {@link AnovaFSelector} it sees any kind of dependence (a class that differs by spread or by a
 * non-monotone shape), not only a shift of the mean.
 *
 * <p>Estimator: equal-frequency binning with the plug-in (maximum-likelihood) estimate. The non-NaN
 * values of a feature are cut into {@link #bins()} bins (default 10) at their {@code i / bins}
 * quantiles (Hyndman &amp; Fan 1996, definition 7); a value equal to an edge goes to the lower bin,
 * so equal values always share a bin and heavy ties merge bins. With {@code N} valid rows, {@code
 * n_bc} of them in bin {@code b} and class {@code c}, the score in nats is
 *
 * <pre>
 *   I(X; Y) = Σ_b Σ_c (n_bc / N) ln( N n_bc / (n_b n_c) )
 * </pre>
 *
 * the mutual information of the binned feature and the label (T. M. Cover and J. A. Thomas,
 * Elements of Information Theory, 2nd ed., Wiley 2006, section 2.3). It is 0 exactly for a constant
 * feature and at most {@code ln(min(bins, classes))}. The plug-in estimate is biased upwards by
 * about {@code (B − 1)(C − 1) / (2N)} nats for {@code B} occupied bins and {@code C} classes (L.
 * Paninski, "Estimation of entropy and mutual information", Neural Computation 15, 2003), the same
 * for every feature with the same number of valid rows, so rankings among complete features are
 * unaffected; features with many NaNs get a slightly larger bias. This is not scikit-learn's
 * {@code mutual_info_classif}, which uses the k-nearest-neighbour estimator of B. C. Ross ("Mutual
 * information between discrete and continuous data sets", PLoS ONE 9(2), 2014) with random jitter;
 * scores differ numerically, while the binned estimate is deterministic and exact under ties.
 *
 * <p>Input rules: rows where a feature is NaN are left out of that feature's score. Ranking breaks
 * ties by the lower feature index. A label array of the wrong length, fewer than two distinct
 * labels, {@code k} outside [1, features], fewer than 2 bins, a feature with no non-NaN value, a
 * ±infinity or a ragged matrix is an {@link InvalidDataException}.
 *
 * <p>Thread safety: immutable; {@link #select} may run concurrently. Allocation: a column-major copy
 * of the input plus O(rows + bins × classes) scratch. Complexity: O(features × rows log rows) for the
 * sorting.
 */
public final class MutualInformationSelector {
  /** The default number of bins, 10. */
  public static final int DEFAULT_BINS = 10;

  private static final String WHO = "mutual information selection";
  private final int k;
  private final int bins;

  private MutualInformationSelector(int k, int bins) {
    this.k = k;
    this.bins = bins;
  }

  /**
   * A selector keeping the {@code k} highest-scoring features, with {@value #DEFAULT_BINS} bins.
   *
   * @param k at least 1 (and at most the number of features, checked on {@link #select})
   * @return the selector
   * @throws InvalidDataException when {@code k < 1}
   */
  public static MutualInformationSelector topK(int k) {
    ScoringData.checkK(k, WHO);
    return new MutualInformationSelector(k, DEFAULT_BINS);
  }

  /**
   * The same selector with another number of bins.
   *
   * @param bins at least 2
   * @return a new selector
   * @throws InvalidDataException when {@code bins < 2}
   */
  public MutualInformationSelector withBins(int bins) {
    if (bins < 2) {
      throw new InvalidDataException(WHO + ": needs at least 2 bins, got " + bins);
    }
    return new MutualInformationSelector(k, bins);
  }

  /**
   * The number of features kept.
   *
   * @return k
   */
  public int k() {
    return k;
  }

  /**
   * The number of equal-frequency bins per feature.
   *
   * @return the bin count
   */
  public int bins() {
    return bins;
  }

  /**
   * Scores and selects the features of a row-major matrix (named {@code f0, f1, ...}).
   *
   * @param rows rows of equal width
   * @param labels one class label per row
   * @return the selection
   * @throws InvalidDataException see the class description
   */
  public FeatureSelection select(double[][] rows, int[] labels) {
    return select(ScoringData.fromRows(rows, WHO), labels);
  }

  /**
   * Scores and selects the columns of a frame.
   *
   * @param frame the data
   * @param labels one class label per frame row
   * @return the selection
   * @throws InvalidDataException see the class description
   */
  public FeatureSelection select(Frame frame, int[] labels) {
    return select(ScoringData.fromFrame(frame, WHO), labels);
  }

  private FeatureSelection select(ScoringData data, int[] labels) {
    int[][] enc = ScoringData.encode(labels, data.rows(), WHO);
    int[] codes = enc[0];
    int classes = enc[1].length;
    double[] scores = new double[data.columns.length];
    double[] sorted = new double[data.rows()];
    double[] edges = new double[bins - 1];
    int[] joint = new int[bins * classes];
    int[] perBin = new int[bins];
    int[] perClass = new int[classes];
    for (int j = 0; j < scores.length; j++) {
      scores[j] = mutualInformation(data.columns[j], codes, bins, sorted, edges, joint, perBin, perClass);
    }
    int[] sel = ScoringData.topK(scores, k, data.schema, WHO);
    return FeatureSelection.of(
        data.schema, sel, scores, "mutual information (" + bins + " equal-frequency bins) top-" + k);
  }

  /** Plug-in MI in nats of one binned column against class codes; the arrays are scratch. */
  static double mutualInformation(
      double[] col, int[] codes, int bins, double[] sorted, double[] edges, int[] joint, int[] perBin,
      int[] perClass) {
    int n = 0;
    for (double x : col) {
      if (!Double.isNaN(x)) {
        sorted[n++] = x;
      }
    }
    Arrays.sort(sorted, 0, n);
    for (int i = 1; i < bins; i++) {
      double h = (n - 1) * ((double) i / bins);
      int lo = (int) Math.floor(h);
      double frac = h - lo;
      edges[i - 1] = lo >= n - 1 || frac == 0 ? sorted[Math.min(lo, n - 1)]
          : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }
    Arrays.fill(joint, 0);
    Arrays.fill(perBin, 0);
    Arrays.fill(perClass, 0);
    int classes = perClass.length;
    for (int r = 0; r < col.length; r++) {
      double x = col[r];
      if (Double.isNaN(x)) {
        continue;
      }
      int b = lowerBound(edges, x);
      joint[b * classes + codes[r]]++;
      perBin[b]++;
      perClass[codes[r]]++;
    }
    double mi = 0;
    for (int b = 0; b < bins; b++) {
      if (perBin[b] == 0) {
        continue;
      }
      for (int c = 0; c < classes; c++) {
        int nbc = joint[b * classes + c];
        if (nbc > 0) {
          mi += nbc * Math.log((double) n * nbc / ((double) perBin[b] * perClass[c]));
        }
      }
    }
    return Math.max(mi / n, 0);
  }

  /** The number of edges strictly below {@code x} (edges are non-decreasing). */
  private static int lowerBound(double[] edges, double x) {
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

  @Override
  public String toString() {
    return "MutualInformationSelector[top " + k + ", " + bins + " bins]";
  }
}
