package io.aura.models.detect;

/**
 * An online detector of one time series: fed one value at a time, it returns the score of that
 * value given only the values before and including it (causal).
 *
 * <p>Scores are non-negative and higher is more anomalous; each implementation documents its unit
 * (e.g. robust z). While it warms up, or for a missing (NaN) value, a detector returns NaN (no
 * verdict) and never invents one.
 *
 * <p>Thread safety: implementations are mutable and not thread-safe; use one instance per series,
 * confined to one thread. Allocation: {@link #update} must not allocate. Complexity: documented by
 * each implementation.
 */
public interface StreamingDetector {

  /**
   * Consumes the next value and scores it.
   *
   * @param epochMillis the timestamp, strictly increasing across calls
   * @param value the value; NaN means missing
   * @return the score of this value, NaN when there is no verdict (warm-up or missing value)
   */
  double update(long epochMillis, double value);

  /** Forgets all state, as if newly constructed. */
  void reset();
}
