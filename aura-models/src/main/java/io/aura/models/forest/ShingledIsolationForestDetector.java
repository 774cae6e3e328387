package io.aura.models.forest;

import io.aura.models.detect.StreamingDetector;

/**
 * Isolation Forest over a univariate stream: each row becomes a "shingle" of the last {@code k}
 * values (the time-delay embedding used by Guha et al. 2016 for Random Cut Forest), the forest is
 * fitted on the first {@code trainRows} complete shingles, then refitted every {@code refitEvery}
 * rows on the last {@code trainRows} shingles (0 = never). Causal: a row is scored by a forest
 * fitted on earlier rows only.
 *
 * <p>Score: the forest's score in (0, 1]; NaN until the first fit, while the shingle holds a
 * missing value, and for a missing value.
 *
 * <p>Thread safety: not thread-safe. Allocation: none per row between fits (the shingle and the
 * history are preallocated); a fit allocates the forest. Complexity: O(t log ψ) per row plus a fit
 * (O(t ψ log ψ · k) and the training-score calibration) every {@code refitEvery} rows.
 */
public final class ShingledIsolationForestDetector implements StreamingDetector {
  private final int k;
  private final int trainRows;
  private final int refitEvery;
  private final IsolationForestTrainer trainer;
  private final double[] shingle;
  private final double[][] history;
  private int recent; // values in the shingle so far (up to k)
  private int stored;
  private int head;
  private int sinceFit;
  private IsolationForest forest;

  /**
   * Creates the detector.
   *
   * @param shingle the shingle length {@code k}, at least 1
   * @param trainRows complete shingles per fit, at least 2
   * @param refitEvery rows between refits, 0 for a single fit
   * @param trainer the forest trainer
   */
  public ShingledIsolationForestDetector(
      int shingle, int trainRows, int refitEvery, IsolationForestTrainer trainer) {
    if (shingle < 1 || trainRows < 2 || refitEvery < 0) {
      throw new IllegalArgumentException(
          "need shingle >= 1, trainRows >= 2, refitEvery >= 0; got "
              + shingle
              + ", "
              + trainRows
              + ", "
              + refitEvery);
    }
    this.k = shingle;
    this.trainRows = trainRows;
    this.refitEvery = refitEvery;
    this.trainer = trainer;
    this.shingle = new double[shingle];
    this.history = new double[trainRows][shingle];
  }

  @Override
  public double update(long epochMillis, double value) {
    System.arraycopy(shingle, 1, shingle, 0, k - 1);
    shingle[k - 1] = value;
    if (Double.isNaN(value)) {
      recent = 0; // a shingle with a gap is not a valid point
      return Double.NaN;
    }
    recent = Math.min(recent + 1, k);
    if (recent < k) {
      return Double.NaN;
    }
    double score = forest == null ? Double.NaN : forest.score(shingle);
    System.arraycopy(shingle, 0, history[head], 0, k);
    head = (head + 1) % trainRows;
    stored = Math.min(stored + 1, trainRows);
    sinceFit++;
    boolean due = forest == null ? stored == trainRows : refitEvery > 0 && sinceFit >= refitEvery;
    if (due) {
      double[][] rows = new double[stored][];
      for (int i = 0; i < stored; i++) {
        rows[i] = history[(head - stored + i + trainRows) % trainRows].clone();
      }
      forest = trainer.fit(rows);
      sinceFit = 0;
    }
    return score;
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(shingle, 0);
    recent = 0;
    stored = 0;
    head = 0;
    sinceFit = 0;
    forest = null;
  }
}
