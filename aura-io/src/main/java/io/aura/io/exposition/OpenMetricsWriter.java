package io.aura.io.exposition;

import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes Aura {@link TimeSeries} as OpenMetrics 1.0 text with timestamps: the input of {@code
 * promtool tsdb create-blocks-from openmetrics FILE DIR}, which backfills historical data into
 * Prometheus.
 *
 * <p>Output: series are grouped by metric name into families, in order of first appearance; each
 * family gets one {@code # TYPE} line ({@link MetricType#UNKNOWN} unless told otherwise), then
 * every sample of each of its series, one per line, as {@code name{labels} value seconds}.
 * Timestamps are exact decimal epoch seconds ({@code 1700000000.123}); values use {@link
 * SampleValues#format} ({@code NaN}, {@code +Inf}, {@code -Inf} included, so what Prometheus
 * returns afterwards is what was written). The text ends with {@code # EOF}. Label values are
 * escaped ({@code \\}, {@code \"}, {@code \n}).
 *
 * <p>Rules checked before anything is written: metric names match {@code [a-zA-Z_:][a-zA-Z0-9_:]*};
 * a name and label set appear at most once; a {@link MetricType#COUNTER} family's sample names end
 * with {@code _total} (the family is the name without it). Only {@code UNKNOWN}, {@code GAUGE} and
 * {@code COUNTER} can be written: histograms and summaries are several series and should be written
 * as their component series with type {@code UNKNOWN}.
 *
 * <p>Thread safety: immutable, safe to share. Complexity: O(total samples); memory O(series)
 * besides the caller's writer. Wrap files in a {@link java.io.BufferedWriter}.
 */
public final class OpenMetricsWriter {
  private final Map<String, MetricType> types;

  private OpenMetricsWriter(Map<String, MetricType> types) {
    this.types = types;
  }

  /**
   * A writer that declares every family {@link MetricType#UNKNOWN}.
   *
   * @return the writer
   */
  public static OpenMetricsWriter create() {
    return new OpenMetricsWriter(Map.of());
  }

  /**
   * A copy that declares one family's type.
   *
   * @param metricName the series name ({@code foo_total} for a counter)
   * @param type {@link MetricType#UNKNOWN}, {@link MetricType#GAUGE} or {@link MetricType#COUNTER}
   * @return the new writer
   */
  public OpenMetricsWriter withType(String metricName, MetricType type) {
    Objects.requireNonNull(metricName, "metricName");
    Objects.requireNonNull(type, "type");
    if (type != MetricType.UNKNOWN && type != MetricType.GAUGE && type != MetricType.COUNTER) {
      throw new IllegalArgumentException(
          "OpenMetricsWriter writes unknown, gauge and counter families, not "
              + type.text()
              + "; write the component series of '"
              + metricName
              + "' as unknown");
    }
    if (type == MetricType.COUNTER && !metricName.endsWith("_total")) {
      throw new IllegalArgumentException(
          "counter series '" + metricName + "' must end with _total in OpenMetrics");
    }
    Map<String, MetricType> m = new LinkedHashMap<>(types);
    m.put(metricName, type);
    return new OpenMetricsWriter(Map.copyOf(m));
  }

  /**
   * Writes the series and the final {@code # EOF}. The writer is flushed, not closed.
   *
   * @param series the series; NaN values are written as {@code NaN}
   * @param out where to write
   * @throws IOException when writing fails
   * @throws InvalidDataException on an invalid metric name or a series given twice (nothing is
   *     written then)
   */
  public void write(Collection<TimeSeries> series, Writer out) throws IOException {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(out, "out");
    Map<String, List<TimeSeries>> families = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (TimeSeries s : series) {
      checkName(s.name());
      if (!seen.add(s.name() + s.labels())) {
        throw new InvalidDataException("series " + s.name() + s.labels() + " is given twice");
      }
      families.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
    }
    StringBuilder sb = new StringBuilder(1 << 16);
    for (Map.Entry<String, List<TimeSeries>> f : families.entrySet()) {
      String name = f.getKey();
      MetricType type = types.getOrDefault(name, MetricType.UNKNOWN);
      String familyName = type == MetricType.COUNTER ? name.substring(0, name.length() - 6) : name;
      sb.append("# TYPE ").append(familyName).append(' ').append(type.text()).append('\n');
      for (TimeSeries s : f.getValue()) {
        String prefix = name + labelText(s.labels()) + ' ';
        for (int i = 0, n = s.size(); i < n; i++) {
          sb.append(prefix);
          SampleValues.format(s.value(i), sb).append(' ');
          SampleValues.formatSeconds(s.timestamp(i), sb).append('\n');
          if (sb.length() > (1 << 16) - 256) {
            out.append(sb);
            sb.setLength(0);
          }
        }
      }
    }
    sb.append("# EOF\n");
    out.append(sb);
    out.flush();
  }

  /**
   * The OpenMetrics label set of some labels, escaped: {@code {a="x",b="y \"q\""}}, or the empty
   * string when there are none.
   *
   * @param labels the labels
   * @return the text
   */
  static String labelText(Labels labels) {
    // Labels print themselves in the exposition form, with the same escaping.
    return labels.isEmpty() ? "" : labels.toString();
  }

  private static void checkName(String name) {
    boolean ok = !name.isEmpty();
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || c == ':'
              || (i > 0 && c >= '0' && c <= '9');
    }
    if (!ok) {
      throw new InvalidDataException(
          "metric name '"
              + name
              + "' is not valid in OpenMetrics: names match [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
  }

  @Override
  public String toString() {
    return "OpenMetricsWriter" + types;
  }
}
