package io.aura.models.detect;

import io.aura.features.InvalidDataException;

/**
 * Streaming multivariate detector: scores each row by its squared robust Mahalanobis distance under
 * a {@link RobustCovariance} (FAST-MCD, Rousseeuw &amp; Van Driessen 1999) fitted on the previous
 * {@code window} complete rows, refitted every {@code refitEvery} rows. Causal: a row is scored
 * before it joins the window.
 *
 * <p>Score in [0, ∞) (≈ χ²_d for Gaussian inliers); NaN before the first fit (fewer than {@code
 * minRows} complete rows), for a row with a NaN feature (which is not stored), and while the
 * window's robust scatter is singular (e.g. a constant feature), until a later refit succeeds.
 *
 * <p>Thread safety: not thread-safe. Allocation: none per row between refits; a refit allocates
 * O(window · d) working memory. Complexity: O(d²) per row plus, every {@code refitEvery} rows, one
 * FAST-MCD fit (see {@link RobustCovarianceTrainer}).
 */
public final class RollingRobustCovarianceDetector implements RowStreamingDetector {
  private final int d;
  private final int window;
  private final int refitEvery;
  private final int minRows;
  private final RobustCovarianceTrainer trainer;
  private final double[][] ring;
  private int head;
  private int filled;
  private int sinceFit;
  private RobustCovariance model;

  /**
   * Creates the detector.
   *
   * @param features the row length
   * @param window the rows each fit uses, more than {@code features + 1}
   * @param refitEvery rows between fits, at least 1
   * @param minRows complete rows needed for the first fit, in ({@code features + 1}, window]
   * @param trainer the FAST-MCD trainer (e.g. {@code new RobustCovarianceTrainer(0.75, 50, seed)})
   */
  public RollingRobustCovarianceDetector(
      int features, int window, int refitEvery, int minRows, RobustCovarianceTrainer trainer) {
    if (features < 1
        || window <= features + 1
        || refitEvery < 1
        || minRows <= features + 1
        || minRows > window) {
      throw new IllegalArgumentException(
          "need features >= 1, window > features + 1, refitEvery >= 1, features + 1 < minRows <= window");
    }
    this.d = features;
    this.window = window;
    this.refitEvery = refitEvery;
    this.minRows = minRows;
    this.trainer = trainer;
    this.ring = new double[window][features];
  }

  @Override
  public double update(double[] row) {
    if (row.length != d) {
      throw new InvalidDataException("row has " + row.length + " features, expected " + d);
    }
    for (double v : row) {
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
    }
    if (filled >= minRows && (model == null || sinceFit >= refitEvery)) {
      refit();
    }
    double score = model == null ? Double.NaN : model.score(row);
    System.arraycopy(row, 0, ring[head], 0, d);
    head = (head + 1) % window;
    filled = Math.min(filled + 1, window);
    sinceFit++;
    return score;
  }

  private void refit() {
    double[][] rows = new double[filled][];
    for (int i = 0; i < filled; i++) {
      rows[i] = ring[(head - filled + i + window) % window];
    }
    sinceFit = 0;
    try {
      model = trainer.fit(rows);
    } catch (InvalidDataException singular) {
      model = null; // documented: no verdict while the window's scatter is singular
    }
  }

  /**
   * The model currently scoring rows.
   *
   * @return the model, or null before the first successful fit
   */
  public RobustCovariance currentModel() {
    return model;
  }

  @Override
  public void reset() {
    head = 0;
    filled = 0;
    sinceFit = 0;
    model = null;
  }
}
