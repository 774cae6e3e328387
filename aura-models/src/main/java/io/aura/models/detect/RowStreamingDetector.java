package io.aura.models.detect;

/**
 * An online detector of a multivariate stream: fed one row at a time, it returns the score of that
 * row given only the rows before and including it (causal).
 *
 * <p>Thread safety: mutable, not thread-safe; confine to one thread. Allocation: {@link #update}
 * must not allocate after warm-up, except where an implementation documents a periodic refit.
 * Complexity: documented by each implementation.
 */
public interface RowStreamingDetector {

  /**
   * Consumes the next row and scores it.
   *
   * @param row the row (not retained unless documented; the detector copies what it keeps)
   * @return the score, higher is more anomalous; NaN during warm-up or for a row with NaN
   */
  double update(double[] row);

  /** Forgets all state. */
  void reset();
}
