package io.aura.io.prometheus;

/**
 * The {@code resultType} of a Prometheus query answer.
 *
 * <p>Thread safety: an enum, immutable. No allocation.
 */
public enum ResultType {
  /** An instant vector: one sample per series. */
  VECTOR,
  /** A range vector: many samples per series ({@code query_range}, or a range selector). */
  MATRIX,
  /** A single number, returned as one series with no labels. */
  SCALAR,
  /** A string; Aura does not read string results and reports them as an error. */
  STRING
}
