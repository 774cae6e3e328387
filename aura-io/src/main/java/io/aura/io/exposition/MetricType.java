package io.aura.io.exposition;

import java.util.Locale;

/**
 * The type of a metric family, as declared by a {@code # TYPE} line of the Prometheus text format
 * or OpenMetrics.
 *
 * <p>Prometheus's {@code untyped} and OpenMetrics's {@code unknown} are both {@link #UNKNOWN}; a
 * sample with no {@code # TYPE} line before it is {@link #UNKNOWN} too.
 *
 * <p>Thread safety: an enum, immutable. Complexity: {@link #parse} is O(length of the name) and
 * allocates one lower-cased string.
 */
public enum MetricType {
  /** A monotonically increasing count; OpenMetrics sample names end with {@code _total}. */
  COUNTER("counter"),
  /** A value that goes up and down. */
  GAUGE("gauge"),
  /**
   * Cumulative buckets ({@code _bucket} with an {@code le} label), {@code _sum} and {@code _count}.
   */
  HISTOGRAM("histogram"),
  /** OpenMetrics gauge histogram ({@code _bucket}, {@code _gsum}, {@code _gcount}). */
  GAUGE_HISTOGRAM("gaugehistogram"),
  /** Quantiles (a {@code quantile} label), {@code _sum} and {@code _count}. */
  SUMMARY("summary"),
  /** OpenMetrics info metric ({@code _info} samples of value 1). */
  INFO("info"),
  /** OpenMetrics state set (one sample per state, 0 or 1). */
  STATESET("stateset"),
  /** Untyped (Prometheus text) or unknown (OpenMetrics). */
  UNKNOWN("unknown");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /**
   * The name used on a {@code # TYPE} line.
   *
   * @return for example {@code "counter"} or {@code "gaugehistogram"}
   */
  public String text() {
    return text;
  }

  /**
   * The type named on a {@code # TYPE} line.
   *
   * @param text the name, case-insensitive; {@code untyped} means {@link #UNKNOWN}
   * @return the type, or {@code null} when the name is not a metric type
   */
  public static MetricType parse(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "counter":
        return COUNTER;
      case "gauge":
        return GAUGE;
      case "histogram":
        return HISTOGRAM;
      case "gaugehistogram":
        return GAUGE_HISTOGRAM;
      case "summary":
        return SUMMARY;
      case "info":
        return INFO;
      case "stateset":
        return STATESET;
      case "unknown":
      case "untyped":
        return UNKNOWN;
      default:
        return null;
    }
  }
}
