package io.aura.io.exposition;

import java.util.Locale;

/**
 * The two text formats a {@code /metrics} endpoint serves.
 *
 * <ul>
 *   <li>{@link #PROMETHEUS_TEXT}: the Prometheus text exposition format 0.0.4 ({@code text/plain;
 *       version=0.0.4}). Timestamps are integer epoch milliseconds; a {@code # EOF} line is
 *       optional and ends the input; other comments and blank lines are ignored.
 *   <li>{@link #OPENMETRICS}: OpenMetrics 1.0 ({@code application/openmetrics-text}). Timestamps
 *       are epoch seconds with an optional fraction; the input must end with {@code # EOF}; blank
 *       lines and unknown comments are errors; exemplars after {@code #} are accepted and skipped.
 * </ul>
 *
 * <p>Thread safety: an enum, immutable. Complexity: {@link #fromContentType} is O(header length).
 */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4. */
  PROMETHEUS_TEXT,
  /** OpenMetrics 1.0 text. */
  OPENMETRICS;

  /**
   * The format a {@code Content-Type} header announces.
   *
   * @param contentType the header value, may be null
   * @return {@link #OPENMETRICS} for {@code application/openmetrics-text}, otherwise {@link
   *     #PROMETHEUS_TEXT}
   */
  public static ExpositionFormat fromContentType(String contentType) {
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/openmetrics-text")) {
      return OPENMETRICS;
    }
    return PROMETHEUS_TEXT;
  }
}
