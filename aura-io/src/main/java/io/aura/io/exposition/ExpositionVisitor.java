package io.aura.io.exposition;

/**
 * Receives what {@link ExpositionParser} reads, in input order, without the parser building any
 * collection: the fast way to consume a large {@code /metrics} page or a backfill file.
 *
 * <p>The {@link SampleLabels} passed to {@link #sample} is a view the parser reuses for the next
 * sample: read it (or call {@link SampleLabels#toLabels()}) inside the callback, do not keep it.
 * Strings passed in (names, label names and values) are safe to keep.
 *
 * <p>Thread safety: called from the parsing thread only. An exception thrown by a callback stops
 * the parse and propagates to the caller. Allocation and complexity are the implementation's: the
 * parser itself calls each method once per line, O(1) apart from the line's length.
 */
public interface ExpositionVisitor {
  /** The timestamp passed to {@link #sample} when the line has none. */
  long NO_TIMESTAMP = Long.MIN_VALUE;

  /**
   * A {@code # HELP} line.
   *
   * @param family the metric family name
   * @param help the help text, unescaped
   */
  default void help(String family, String help) {}

  /**
   * A {@code # TYPE} line.
   *
   * @param family the metric family name
   * @param type the declared type
   */
  default void type(String family, MetricType type) {}

  /**
   * An OpenMetrics {@code # UNIT} line.
   *
   * @param family the metric family name
   * @param unit the unit
   */
  default void unit(String family, String unit) {}

  /**
   * One sample line.
   *
   * @param type the type of the family the sample belongs to ({@code foo_bucket} belongs to the
   *     histogram {@code foo}), {@link MetricType#UNKNOWN} when none was declared
   * @param name the sample's metric name, for example {@code http_request_duration_seconds_bucket}
   * @param labels the labels, a reused view valid only during this call
   * @param value the value; NaN, {@code +Inf} and {@code -Inf} are passed as such
   * @param timestampMillis epoch milliseconds, or {@link #NO_TIMESTAMP}
   */
  void sample(
      MetricType type, String name, SampleLabels labels, double value, long timestampMillis);

  /** The input ended (after {@code # EOF}, or at the end of a Prometheus text stream). */
  default void end() {}
}
