package io.aura.models.detect;

import java.util.Arrays;

/**
 * KNN-CAD, conformal k-nearest-neighbour anomaly detection on lag vectors (Burnaev &amp; Ishimtsev
 * 2016, "Conformalized density- and distance-based anomaly detection in time-series data",
 * arXiv:1608.04585), the model behind NAB's "knncad" entry (57.994 standard).
 *
 * <p>Each valid value {@code x_t} completes the lag vector {@code v_t = (x_{t−d+1}, …, x_t)}. The
 * detector keeps a training set of {@code training} lag vectors and a calibration set of the
 * non-conformity measures (NCM) of the last {@code training} scored vectors. The NCM of a vector is
 * the sum of its squared Mahalanobis distances to its {@code k} nearest training vectors, under the
 * metric {@code (XᵀX)⁻¹} of the training matrix {@code X} (as the paper and NAB's implementation).
 * The score of {@code v_t} is its conformal rank {@code #{calibration NCMs < NCM(v_t)} / training},
 * in [0, 1]: the fraction of recent history that conformed better (or, with {@link
 * Output#NON_CONFORMITY}, the NCM itself). Then its NCM replaces the oldest calibration NCM, and
 * {@code v_t} joins a queue: a scored vector enters the training set (replacing its oldest vector)
 * only {@code training} rows later, so the training and calibration sets stay disjoint (inductive
 * conformal prediction) and a sustained anomaly is not at once its own reference — as in NAB's
 * code, where a new vector passes through the calibration list before it reaches the training list.
 *
 * <p>Timeline: the first {@code d − 1} valid values only fill the lag; the next {@code training}
 * lag vectors fill the training set (NaN scores); the first scored row computes the calibration
 * NCMs of the training vectors against the others ({@code k} nearest, self excluded) and the
 * metric; the metric is recomputed every {@code training / 2} scored rows (NAB refreshes it every
 * half probation period). Calibration NCMs computed under an older metric are kept, as in NAB. The
 * metric is regularized as {@code XᵀX + λI}, {@code λ = 1e-9 · trace(XᵀX)/d} (at least the smallest
 * normal double), so a constant or collinear history still gives a metric; if the Cholesky
 * factorization still fails, the previous metric is kept. Differences from NAB's code: the windows
 * are a fixed {@code training} rows rather than the file's probation period (which NAB derives from
 * the file length — unknown to a streaming detector), and NAB's built-in alarm suppression (rank ≥
 * 0.9965, then a fifth of the probation period at 0.5) is left to {@link AlarmSuppression}, which
 * like NAB keeps the detector learning while silenced. A missing value (NaN) returns NaN and
 * changes no state (the next lag vector spans the gap).
 *
 * <p>Causal: the score at row t uses rows ≤ t only. Thread safety: not thread-safe. Allocation:
 * none per update ({@code 24 · training · d + 8 · (training + d² + k)} bytes at construction).
 * Complexity: O(training · d) per update (distances in the whitened space, with early abandoning,
 * and a bounded max-heap for the {@code k} nearest), plus O(training · d² + d³) every {@code
 * training / 2} rows to refresh the metric, i.e. O(d²) amortized; O(training² · d) once, at the
 * first scored row.
 */
public final class KnnCadDetector implements StreamingDetector {
  /** What {@link #update} returns once the detector is calibrated. */
  public enum Output {
    /**
     * The conformal rank {@code #{calibration NCMs < NCM(v_t)} / training}, in [0, 1] (the paper's
     * score).
     */
    CONFORMAL_RANK,
    /**
     * The non-conformity measure {@code NCM(v_t)} itself, in [0, ∞): unbounded, so that a
     * post-processor such as {@link AnomalyLikelihood} can tell a far outlier from a near one (a
     * rank saturates at 1).
     */
    NON_CONFORMITY
  }

  private final Output output;
  private final int dim;
  private final int k;
  private final int training;
  private final int refreshEvery;
  private final double[] lag; // ring of the last dim valid values
  private int lagCount;
  private int lagHead;
  private final double[] raw; // training ring, row-major training × dim
  private final double[] white; // the same vectors whitened by L⁻¹, L Lᵀ = XᵀX + λI
  private final double[] ncm; // calibration ring: the NCMs of the last `training` scored vectors
  private int ncmHead;
  private final double[]
      pending; // scored vectors waiting `training` rows before joining the training set
  private int pendingHead;
  private int pendingCount;
  private int filled;
  private int head; // oldest training slot
  private boolean calibrated;
  private int sinceRefresh;
  private final double[] gram; // d × d; after factorization, its lower triangle holds L
  private final double[] factor; // d × d, the current L (lower triangle)
  private final double[] current; // the raw lag vector being scored
  private final double[] currentWhite;
  private final double[] heap; // max-heap of the k smallest distances
  private int heapSize;

  /**
   * Creates the detector.
   *
   * @param dim the lag-vector length {@code d}, at least 1 (NAB: 19)
   * @param k the number of nearest neighbours in the NCM, in [1, training − 1] (NAB: 27)
   * @param training the training / calibration window, in lag vectors, at least 4 (NAB: the
   *     probation period, at most 750)
   */
  public KnnCadDetector(int dim, int k, int training) {
    this(dim, k, training, Output.CONFORMAL_RANK);
  }

  /**
   * Creates the detector with a chosen output.
   *
   * @param dim the lag-vector length {@code d}, at least 1 (NAB: 19)
   * @param k the number of nearest neighbours in the NCM, in [1, training − 1] (NAB: 27)
   * @param training the training / calibration window, in lag vectors, at least 4
   * @param output the conformal rank (the paper's score) or the raw non-conformity measure
   */
  public KnnCadDetector(int dim, int k, int training, Output output) {
    if (output == null) {
      throw new IllegalArgumentException("output is null");
    }
    this.output = output;
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be at least 1, got " + dim);
    }
    if (training < 4) {
      throw new IllegalArgumentException("training must be at least 4, got " + training);
    }
    if (k < 1 || k >= training) {
      throw new IllegalArgumentException(
          "k must be in [1, training - 1] = [1, " + (training - 1) + "], got " + k);
    }
    this.dim = dim;
    this.k = k;
    this.training = training;
    this.refreshEvery = training / 2;
    this.lag = new double[dim];
    this.raw = new double[training * dim];
    this.white = new double[training * dim];
    this.ncm = new double[training];
    this.pending = new double[training * dim];
    this.gram = new double[dim * dim];
    this.factor = new double[dim * dim];
    this.current = new double[dim];
    this.currentWhite = new double[dim];
    this.heap = new double[k];
    identity(factor);
  }

  @Override
  public double update(long epochMillis, double value) {
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    lag[lagHead] = value;
    lagHead = (lagHead + 1) % dim;
    if (lagCount < dim) {
      lagCount++;
      if (lagCount < dim) {
        return Double.NaN;
      }
    }
    for (int j = 0; j < dim; j++) {
      current[j] = lag[(lagHead + j) % dim]; // oldest first
    }
    if (filled < training) {
      System.arraycopy(current, 0, raw, filled * dim, dim);
      filled++;
      return Double.NaN;
    }
    if (!calibrated || sinceRefresh == refreshEvery) {
      refreshMetric();
      sinceRefresh = 0;
    }
    if (!calibrated) {
      for (int i = 0; i < training; i++) {
        ncm[i] = nonConformity(white, i * dim, i);
      }
      calibrated = true;
    }
    sinceRefresh++;
    whiten(current, 0, currentWhite, 0);
    double score = nonConformity(currentWhite, 0, -1);
    int below = 0;
    for (int i = 0; i < training; i++) {
      if (ncm[i] < score) {
        below++;
      }
    }
    ncm[ncmHead] = score; // the current NCM replaces the oldest calibration NCM
    ncmHead = (ncmHead + 1) % training;
    if (pendingCount == training) {
      // The vector scored `training` rows ago leaves the queue and replaces the oldest training
      // vector.
      System.arraycopy(pending, pendingHead * dim, raw, head * dim, dim);
      whiten(raw, head * dim, white, head * dim);
      head = (head + 1) % training;
    } else {
      pendingCount++;
    }
    System.arraycopy(current, 0, pending, pendingHead * dim, dim);
    pendingHead = (pendingHead + 1) % training;
    return output == Output.CONFORMAL_RANK ? (double) below / training : score;
  }

  /**
   * Sum of the k smallest squared distances from a whitened vector to the training set, skipping
   * one index.
   */
  private double nonConformity(double[] v, int offset, int skip) {
    heapSize = 0;
    for (int i = 0; i < training; i++) {
      if (i == skip) {
        continue;
      }
      int base = i * dim;
      double bound = heapSize == k ? heap[0] : Double.POSITIVE_INFINITY;
      double d2 = 0;
      for (int j = 0; j < dim && d2 < bound; j++) {
        double diff = white[base + j] - v[offset + j];
        d2 += diff * diff;
      }
      if (d2 < bound) {
        offer(d2);
      }
    }
    double sum = 0;
    for (int i = 0; i < heapSize; i++) {
      sum += heap[i];
    }
    return sum;
  }

  private void offer(double x) {
    if (heapSize < k) {
      int i = heapSize++;
      heap[i] = x;
      while (i > 0) {
        int p = (i - 1) >> 1;
        if (heap[p] >= heap[i]) {
          break;
        }
        double t = heap[p];
        heap[p] = heap[i];
        heap[i] = t;
        i = p;
      }
      return;
    }
    heap[0] = x; // x < heap[0]: replace the largest and sift down
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= k) {
        break;
      }
      int c = l + 1 < k && heap[l + 1] > heap[l] ? l + 1 : l;
      if (heap[c] <= heap[i]) {
        break;
      }
      double t = heap[c];
      heap[c] = heap[i];
      heap[i] = t;
      i = c;
    }
  }

  /** Recomputes L from the training matrix and re-whitens every training vector. */
  private void refreshMetric() {
    Arrays.fill(gram, 0);
    for (int i = 0; i < training; i++) {
      int base = i * dim;
      for (int a = 0; a < dim; a++) {
        double va = raw[base + a];
        for (int b = 0; b <= a; b++) {
          gram[a * dim + b] += va * raw[base + b];
        }
      }
    }
    double trace = 0;
    for (int a = 0; a < dim; a++) {
      trace += gram[a * dim + a];
    }
    double ridge = Math.max(1e-9 * trace / dim, Double.MIN_NORMAL);
    for (int a = 0; a < dim; a++) {
      gram[a * dim + a] += ridge;
    }
    if (!cholesky(gram)) {
      return; // keep the previous metric (and the vectors whitened under it)
    }
    System.arraycopy(gram, 0, factor, 0, gram.length);
    for (int i = 0; i < training; i++) {
      whiten(raw, i * dim, white, i * dim);
    }
  }

  /**
   * In-place lower Cholesky factorization of the lower triangle; false if not positive definite.
   */
  private boolean cholesky(double[] m) {
    for (int j = 0; j < dim; j++) {
      double s = m[j * dim + j];
      for (int p = 0; p < j; p++) {
        s -= m[j * dim + p] * m[j * dim + p];
      }
      if (!(s > 0) || Double.isInfinite(s)) {
        return false;
      }
      double ljj = Math.sqrt(s);
      m[j * dim + j] = ljj;
      for (int i = j + 1; i < dim; i++) {
        double t = m[i * dim + j];
        for (int p = 0; p < j; p++) {
          t -= m[i * dim + p] * m[j * dim + p];
        }
        m[i * dim + j] = t / ljj;
      }
    }
    return true;
  }

  /** out = L⁻¹ v by forward substitution, so that |L⁻¹(a − b)|² = (a − b)ᵀ(LLᵀ)⁻¹(a − b). */
  private void whiten(double[] v, int vOff, double[] out, int outOff) {
    for (int i = 0; i < dim; i++) {
      double t = v[vOff + i];
      for (int p = 0; p < i; p++) {
        t -= factor[i * dim + p] * out[outOff + p];
      }
      out[outOff + i] = t / factor[i * dim + i];
    }
  }

  private void identity(double[] m) {
    Arrays.fill(m, 0);
    for (int a = 0; a < dim; a++) {
      m[a * dim + a] = 1;
    }
  }

  @Override
  public void reset() {
    lagCount = 0;
    lagHead = 0;
    filled = 0;
    head = 0;
    ncmHead = 0;
    pendingHead = 0;
    pendingCount = 0;
    calibrated = false;
    sinceRefresh = 0;
    heapSize = 0;
    identity(factor);
  }
}
