package io.aura.models.multivariate;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.models.detect.AnomalyTrainer;
import io.aura.models.detect.SeverityScale;
import io.aura.models.detect.TrainingRows;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits a {@link KnnModel}: per-column standardization ({@code (x − mean) / max(std, floor)}) and a
 * reservoir of at most {@code reservoirSize} training rows drawn uniformly without replacement
 * (Vitter 1985, "Random sampling with a reservoir", ACM TOMS 11(1), Algorithm R), ordered by their
 * projection on the reservoir's first principal direction (power iteration) for the exact pruned
 * search of {@link KnnModel}.
 *
 * <p>Training data with anomalies: anomalous training rows that enter the reservoir make similar
 * test rows look normal; with {@code k > 1} a handful of such rows is outvoted, at the price of
 * blurring rare normal states. The severity cuts come from the leave-self-out training scores at
 * contamination 1 %.
 *
 * <p>Thread safety: immutable. Allocation: O(m · d) for the reservoir. Complexity: O(n) sampling
 * plus O(50 · m · d) for the direction plus, for the severity cuts, the leave-self-out scores of
 * at most 500 evenly spaced training rows (O(500 · m · d) at worst).
 */
public final class KnnTrainer implements AnomalyTrainer<KnnModel> {
  private static final int SEVERITY_ROWS = 500;

  private final int reservoirSize;
  private final int k;
  private final double scaleFloor;
  private final long seed;

  /**
   * A trainer.
   *
   * @param reservoirSize the most training rows kept, at least {@code k + 1}
   * @param k the neighbour rank whose distance is the score, at least 1
   * @param scaleFloor the smallest per-column scale, in the data's units, positive
   * @param seed the sampling seed
   */
  public KnnTrainer(int reservoirSize, int k, double scaleFloor, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    if (reservoirSize < k + 1) {
      throw new IllegalArgumentException("reservoirSize must be at least k + 1 = " + (k + 1) + ", got " + reservoirSize);
    }
    if (!(scaleFloor > 0) || Double.isInfinite(scaleFloor)) {
      throw new IllegalArgumentException("scaleFloor must be positive and finite, got " + scaleFloor);
    }
    this.reservoirSize = reservoirSize;
    this.k = k;
    this.scaleFloor = scaleFloor;
    this.seed = seed;
  }

  @Override
  public KnnModel fit(double[][] rows) {
    int d = TrainingRows.check(rows, "k-NN training data");
    return fit(rows, TrainingRows.defaultNames(d));
  }

  @Override
  public KnnModel fit(Frame frame) {
    if (frame.rows() == 0) {
      throw new InvalidDataException("k-NN training frame " + frame.labels() + " is empty");
    }
    return fit(frame.toRowMajor(), frame.columnNames());
  }

  /**
   * Fits on a matrix with named columns.
   *
   * @param rows the rows, more than {@code k}, none with NaN
   * @param featureNames one per column
   * @return the model
   * @throws InvalidDataException on empty, ragged or missing data, or too few rows
   */
  public KnnModel fit(double[][] rows, List<String> featureNames) {
    int d = TrainingRows.check(rows, "k-NN training data", featureNames);
    if (featureNames.size() != d) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for " + d + " features");
    }
    int n = rows.length;
    if (n <= k) {
      throw new InvalidDataException("k-NN training data: more than k = " + k + " rows are needed, got " + n);
    }
    ColumnScale scale = ColumnScale.fit(rows, scaleFloor);
    int m = Math.min(reservoirSize, n);
    int[] pick = new int[m];
    for (int i = 0; i < m; i++) {
      pick[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = m; i < n; i++) {
      int j = rnd.nextInt(i + 1);
      if (j < m) {
        pick[j] = i;
      }
    }
    double[] z = new double[m * d];
    for (int i = 0; i < m; i++) {
      double[] r = rows[pick[i]];
      for (int j = 0; j < d; j++) {
        z[i * d + j] = scale.apply(j, r[j]);
      }
    }
    double[] dir = principalDirection(z, m, d);
    double[] proj = new double[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      double p = 0;
      for (int j = 0; j < d; j++) {
        p += dir[j] * z[i * d + j];
      }
      proj[i] = p;
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(proj[a], proj[b]));
    double[] res = new double[m * d];
    int[] src = new int[m];
    for (int i = 0; i < m; i++) {
      System.arraycopy(z, order[i] * d, res, i * d, d);
      src[i] = pick[order[i]];
    }
    KnnModel provisional = new KnnModel(scale, res, src, dir, k, featureNames, new SeverityScale(0, 0, 0, 0));
    int step = Math.max(1, n / SEVERITY_ROWS);
    double[][] sample = new double[(n + step - 1) / step][];
    int[] at = new int[sample.length];
    for (int i = 0, s = 0; i < n; i += step, s++) {
      sample[s] = rows[i];
      at[s] = i;
    }
    double[] scores = provisional.sampleScores(sample, at);
    return new KnnModel(scale, res, src, dir, k, featureNames, SeverityScale.fromContamination(scores, 0.01));
  }

  /**
   * The leading eigenvector of the reservoir's covariance by power iteration (50 steps from the
   * all-ones vector, centred); any unit vector keeps the search exact, a better one prunes more.
   */
  static double[] principalDirection(double[] z, int m, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += z[i * d + j] / m;
      }
    }
    double[] v = new double[d];
    Arrays.fill(v, 1 / Math.sqrt(d));
    double[] next = new double[d];
    for (int it = 0; it < 50; it++) {
      Arrays.fill(next, 0);
      for (int i = 0; i < m; i++) {
        double p = 0;
        for (int j = 0; j < d; j++) {
          p += (z[i * d + j] - mean[j]) * v[j];
        }
        for (int j = 0; j < d; j++) {
          next[j] += p * (z[i * d + j] - mean[j]);
        }
      }
      double norm = 0;
      for (double x : next) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      if (!(norm > 0)) {
        break; // all reservoir rows equal: keep the current unit vector
      }
      for (int j = 0; j < d; j++) {
        v[j] = next[j] / norm;
      }
    }
    return v;
  }
}
