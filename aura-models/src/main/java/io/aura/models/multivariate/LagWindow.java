package io.aura.models.multivariate;

import io.aura.features.InvalidDataException;
import io.aura.models.detect.AnomalyModel;
import io.aura.models.detect.RowStreamingDetector;

/**
 * A streaming session that scores each row together with its last {@code lags} rows with a model
 * fitted on such windows (the time-delay embedding of Takens 1981; "shingles" in the streaming
 * literature). The window's layout is the current row first, then the previous one, and so on:
 * feature {@code l · d + j} is metric {@code j} at lag {@code l}. {@link #rows} builds the same
 * windows from a training matrix, so the model sees in training what it sees in the stream.
 *
 * <p>Start of a stream: until {@code lags} rows have been seen, the missing older rows are copies
 * of the oldest row seen (the same padding {@link #rows} uses), so every row gets a score. A row
 * with a NaN gets NaN (no verdict) and is not stored: the window holds the last complete rows. A
 * row of another width is an {@link InvalidDataException}. Works with any {@link AnomalyModel}
 * ({@link PcaModel}, {@link KnnModel}, Isolation Forest, robust covariance); with {@code lags = 0}
 * it is a plain row-by-row adapter.
 *
 * <p>Thread safety: mutable, confine to one thread; the model may be shared. Allocation: none per
 * {@link #update} beyond the model's own. Complexity: O(d · (lags + 1)) plus the model's score.
 */
public final class LagWindow implements RowStreamingDetector {
  private final AnomalyModel model;
  private final int d;
  private final int lags;
  private final double[] ring; // (lags + 1) × d, oldest overwritten
  private final double[] window;
  private final double[] shares;
  private int seen;
  private int head; // slot of the newest row

  /**
   * A session.
   *
   * @param model a model fitted on {@link #rows}{@code (rows, lags)}
   * @param metrics the width of a stream row, at least 1
   * @param lags the previous rows in each window, at least 0
   * @throws IllegalArgumentException if the model's width is not {@code metrics · (lags + 1)}
   */
  public LagWindow(AnomalyModel model, int metrics, int lags) {
    if (metrics < 1 || lags < 0) {
      throw new IllegalArgumentException("metrics must be ≥ 1 and lags ≥ 0, got " + metrics + " and " + lags);
    }
    if (model.featureCount() != (long) metrics * (lags + 1)) {
      throw new IllegalArgumentException(
          "the model has " + model.featureCount() + " features, a window of " + metrics + " metrics × "
              + (lags + 1) + " rows has " + metrics * (lags + 1));
    }
    this.model = model;
    this.d = metrics;
    this.lags = lags;
    this.ring = new double[(lags + 1) * metrics];
    this.window = new double[(lags + 1) * metrics];
    this.shares = new double[(lags + 1) * metrics];
  }

  /**
   * The training windows of a matrix: row {@code i} followed by rows {@code i−1 … i−lags}, the
   * rows before the first padded with copies of the first.
   *
   * @param rows the rows, rectangular
   * @param lags at least 0
   * @return {@code rows.length} windows of {@code d · (lags + 1)} values
   */
  public static double[][] rows(double[][] rows, int lags) {
    if (lags < 0) {
      throw new IllegalArgumentException("lags must be at least 0, got " + lags);
    }
    if (rows.length == 0) {
      throw new InvalidDataException("no rows to window");
    }
    int d = rows[0].length;
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new InvalidDataException("row " + i + " has " + rows[i].length + " values, expected " + d);
      }
      double[] w = new double[d * (lags + 1)];
      for (int l = 0; l <= lags; l++) {
        System.arraycopy(rows[Math.max(0, i - l)], 0, w, l * d, d);
      }
      out[i] = w;
    }
    return out;
  }

  @Override
  public double update(double[] row) {
    if (row.length != d) {
      throw new InvalidDataException("row has " + row.length + " metrics, the session expects " + d);
    }
    for (int j = 0; j < d; j++) {
      if (Double.isNaN(row[j])) {
        return Double.NaN;
      }
    }
    if (seen == 0) {
      for (int l = 0; l <= lags; l++) {
        System.arraycopy(row, 0, ring, l * d, d);
      }
      head = 0;
    } else {
      head = head == lags ? 0 : head + 1;
      System.arraycopy(row, 0, ring, head * d, d);
    }
    if (seen < Integer.MAX_VALUE) {
      seen++;
    }
    int slot = head;
    for (int l = 0; l <= lags; l++) {
      System.arraycopy(ring, slot * d, window, l * d, d);
      slot = slot == 0 ? lags : slot - 1;
    }
    return model.score(window);
  }

  /**
   * Each metric's share of the last scored window's attribution, summed over its lags.
   *
   * @param out receives {@code metrics} shares (sum 1, or all 0)
   * @throws IllegalStateException before the first complete row
   */
  public void contributions(double[] out) {
    if (seen == 0) {
      throw new IllegalStateException("no row has been scored yet");
    }
    model.contributions(window, shares);
    java.util.Arrays.fill(out, 0, d, 0);
    for (int i = 0; i < shares.length; i++) {
      out[i % d] += shares[i];
    }
  }

  @Override
  public void reset() {
    seen = 0;
    head = 0;
  }
}
