package io.aura.io.prometheus;

import io.aura.features.Alignment;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a PromQL query: the series with their labels, the result type, and the {@code
 * warnings} Prometheus attached (for a chunked range query, the warnings of every chunk, each
 * once).
 *
 * <p>Each {@link TimeSeries} is named by its {@code __name__} label when the answer has one (a
 * plain selector) and by the query expression otherwise (for example {@code rate(x[5m])}); its
 * {@link TimeSeries#labels() labels} are the other labels. Values are as Prometheus returned them:
 * {@code NaN}, {@code +Inf} and {@code -Inf} included.
 *
 * <p>Thread safety: immutable. Memory: 16 bytes per sample. Complexity: accessors O(1) without
 * copying; {@link #sampleCount()} O(series); {@link #toFrame()} O(samples + rows × series) and
 * allocates the frame.
 */
public final class QueryResult {
  private final String query;
  private final ResultType resultType;
  private final List<TimeSeries> series;
  private final List<String> warnings;
  private final Instant start;
  private final Instant end;
  private final Duration step;

  QueryResult(
      String query,
      ResultType resultType,
      List<TimeSeries> series,
      List<String> warnings,
      Instant start,
      Instant end,
      Duration step) {
    this.query = Objects.requireNonNull(query);
    this.resultType = Objects.requireNonNull(resultType);
    this.series = List.copyOf(series);
    this.warnings = List.copyOf(warnings);
    this.start = start;
    this.end = end;
    this.step = step;
  }

  /**
   * The PromQL expression.
   *
   * @return the query
   */
  public String query() {
    return query;
  }

  /**
   * The result type.
   *
   * @return {@link ResultType#MATRIX} for range queries
   */
  public ResultType resultType() {
    return resultType;
  }

  /**
   * The series, in the order Prometheus returned them (for a chunked range query, in order of first
   * appearance).
   *
   * @return an unmodifiable list
   */
  public List<TimeSeries> series() {
    return series;
  }

  /**
   * Prometheus's warnings.
   *
   * @return an unmodifiable list, empty when there were none
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The total number of samples over all series.
   *
   * @return the count
   */
  public long sampleCount() {
    long n = 0;
    for (TimeSeries s : series) {
      n += s.size();
    }
    return n;
  }

  /**
   * The range query's samples as a frame on its evaluation grid ({@code start, start + step, ...}),
   * one column per series named {@code name{labels}}; a grid time where a series has no sample is
   * NaN (missing). The frame's labels are those every series shares.
   *
   * @return the frame
   * @throws IllegalStateException for an instant query
   * @throws InvalidDataException when there are no series
   */
  public Frame toFrame() {
    if (step == null) {
      throw new IllegalStateException(
          "query '" + query + "' is an instant query; only range queries have a grid");
    }
    if (series.isEmpty()) {
      throw new InvalidDataException(
          "range query '" + query + "' returned no series; there is nothing to put in a frame");
    }
    long s = start.toEpochMilli();
    long st = step.toMillis();
    long e = s + (end.toEpochMilli() - s) / st * st;
    Alignment a =
        Alignment.onStep(step)
            .range(s, e)
            .lookback(Duration.ofMillis(1))
            .naming(Alignment.ColumnNaming.METRIC_NAME_AND_LABELS);
    return Frame.align(series, a);
  }

  @Override
  public String toString() {
    return "QueryResult["
        + query
        + ", "
        + resultType
        + ", "
        + series.size()
        + " series, "
        + sampleCount()
        + " samples"
        + (warnings.isEmpty() ? "" : ", warnings=" + warnings)
        + "]";
  }
}
