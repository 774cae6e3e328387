package io.aura.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable time series: a metric name, its {@link Labels}, and samples with strictly increasing
 * epoch-millisecond timestamps and {@code double} values.
 *
 * <p>Values may be NaN, which means <em>missing</em>, and may be infinite (Prometheus can return
 * {@code +Inf}); how later stages treat them is documented where they do. Timestamps are strictly
 * increasing: {@link #of} rejects anything else, and {@link #fromSamples} applies an explicit
 * {@link SamplePolicy} to raw, possibly unordered samples.
 *
 * <p>Thread safety: immutable, safe to share. Memory: 16 bytes per sample. Complexity: element
 * access O(1); {@link #indexAtOrBefore} O(log n); construction O(n), or O(n log n) when sorting.
 */
public final class TimeSeries {
  private final String name;
  private final Labels labels;
  private final long[] timestamps;
  private final double[] values;

  private TimeSeries(String name, Labels labels, long[] timestamps, double[] values) {
    this.name = name;
    this.labels = labels;
    this.timestamps = timestamps;
    this.values = values;
  }

  /**
   * A series from samples already in strictly increasing timestamp order (the arrays are copied).
   *
   * @param name the metric name, non-empty
   * @param labels the labels
   * @param timestamps epoch milliseconds, strictly increasing
   * @param values the values, same length; NaN means missing
   * @return the series
   * @throws InvalidDataException if lengths differ or a timestamp is not greater than the previous
   *     one
   */
  public static TimeSeries of(String name, Labels labels, long[] timestamps, double[] values) {
    return fromSamples(name, labels, timestamps, values, SamplePolicy.STRICT);
  }

  /**
   * A series from raw samples under an explicit policy for order, duplicates and NaN. The input
   * arrays are not modified.
   *
   * @param name the metric name, non-empty
   * @param labels the labels
   * @param timestamps epoch milliseconds
   * @param values the values, same length
   * @param policy what to do with out-of-order, duplicate and NaN samples
   * @return the series
   * @throws InvalidDataException when the policy rejects a sample; the message names the series,
   *     the position and the timestamp
   */
  public static TimeSeries fromSamples(
      String name, Labels labels, long[] timestamps, double[] values, SamplePolicy policy) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(timestamps, "timestamps");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(policy, "policy");
    if (name.isEmpty()) {
      throw new InvalidDataException("series name must be non-empty (labels " + labels + ")");
    }
    String where = name + labels;
    if (timestamps.length != values.length) {
      throw new InvalidDataException(
          "series "
              + where
              + ": "
              + timestamps.length
              + " timestamps but "
              + values.length
              + " values");
    }
    int n = timestamps.length;
    long[] ts = timestamps.clone();
    double[] vs = values.clone();
    if (policy.nan() == SamplePolicy.NanPolicy.REJECT) {
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(vs[i])) {
          throw new InvalidDataException(
              "series "
                  + where
                  + ": NaN at index "
                  + i
                  + " (timestamp "
                  + ts[i]
                  + ") and the policy rejects NaN");
        }
      }
    }
    boolean sorted = true;
    for (int i = 1; i < n; i++) {
      if (ts[i] < ts[i - 1]) {
        if (policy.order() == SamplePolicy.OrderPolicy.REJECT) {
          throw new InvalidDataException(
              "series "
                  + where
                  + ": timestamp "
                  + ts[i]
                  + " at index "
                  + i
                  + " is before the previous one, "
                  + ts[i - 1]
                  + " (out of order; choose OrderPolicy.SORT to sort)");
        }
        sorted = false;
      }
    }
    if (!sorted) {
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      final long[] key = ts;
      Arrays.sort(order, (a, b) -> Long.compare(key[a], key[b])); // stable merge sort
      long[] ts2 = new long[n];
      double[] vs2 = new double[n];
      for (int i = 0; i < n; i++) {
        ts2[i] = ts[order[i]];
        vs2[i] = vs[order[i]];
      }
      ts = ts2;
      vs = vs2;
    }
    // Duplicates: runs of equal timestamps.
    int out = 0;
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && ts[j] == ts[i]) {
        j++;
      }
      double v;
      if (j - i == 1) {
        v = vs[i];
      } else {
        switch (policy.duplicates()) {
          case REJECT:
            throw new InvalidDataException(
                "series "
                    + where
                    + ": timestamp "
                    + ts[i]
                    + " appears "
                    + (j - i)
                    + " times (first at index "
                    + i
                    + "); choose a DuplicatePolicy to merge duplicates");
          case KEEP_FIRST:
            v = vs[i];
            break;
          case KEEP_LAST:
            v = vs[j - 1];
            break;
          case AVERAGE:
            double sum = 0;
            int cnt = 0;
            for (int k = i; k < j; k++) {
              if (!Double.isNaN(vs[k])) {
                sum += vs[k];
                cnt++;
              }
            }
            v = cnt == 0 ? Double.NaN : sum / cnt;
            break;
          default:
            throw new AssertionError(policy.duplicates());
        }
      }
      ts[out] = ts[i];
      vs[out] = v;
      out++;
      i = j;
    }
    if (out != n) {
      ts = Arrays.copyOf(ts, out);
      vs = Arrays.copyOf(vs, out);
    }
    return new TimeSeries(name, labels, ts, vs);
  }

  /**
   * The metric name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The labels.
   *
   * @return the labels
   */
  public Labels labels() {
    return labels;
  }

  /**
   * The number of samples.
   *
   * @return the size
   */
  public int size() {
    return timestamps.length;
  }

  /**
   * Whether there are no samples.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return timestamps.length == 0;
  }

  /**
   * The timestamp of sample {@code i}.
   *
   * @param i the index
   * @return epoch milliseconds
   */
  public long timestamp(int i) {
    return timestamps[i];
  }

  /**
   * The value of sample {@code i}.
   *
   * @param i the index
   * @return the value (NaN means missing)
   */
  public double value(int i) {
    return values[i];
  }

  /**
   * A copy of the timestamps.
   *
   * @return epoch milliseconds, strictly increasing
   */
  public long[] timestamps() {
    return timestamps.clone();
  }

  /**
   * A copy of the values.
   *
   * @return the values
   */
  public double[] values() {
    return values.clone();
  }

  /**
   * The index of the last sample with timestamp at or before {@code t}.
   *
   * @param t epoch milliseconds
   * @return the index, or -1 if every sample is after {@code t}
   */
  public int indexAtOrBefore(long t) {
    int i = Arrays.binarySearch(timestamps, t);
    return i >= 0 ? i : -i - 2;
  }

  /**
   * The samples with {@code from <= timestamp < to}.
   *
   * @param from inclusive start, epoch milliseconds
   * @param to exclusive end, epoch milliseconds
   * @return a new series with the same name and labels
   */
  public TimeSeries between(long from, long to) {
    int a = indexAtOrBefore(from - 1) + 1;
    int b = indexAtOrBefore(to - 1) + 1;
    if (b < a) {
      b = a;
    }
    return new TimeSeries(
        name, labels, Arrays.copyOfRange(timestamps, a, b), Arrays.copyOfRange(values, a, b));
  }

  /**
   * A copy with other labels.
   *
   * @param newLabels the labels
   * @return the new series
   */
  public TimeSeries withLabels(Labels newLabels) {
    return new TimeSeries(name, Objects.requireNonNull(newLabels, "newLabels"), timestamps, values);
  }

  // Package-private, no copy: for aligners and the feature engine in this package.
  long[] timestampsRef() {
    return timestamps;
  }

  double[] valuesRef() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TimeSeries)) {
      return false;
    }
    TimeSeries s = (TimeSeries) o;
    return name.equals(s.name)
        && labels.equals(s.labels)
        && Arrays.equals(timestamps, s.timestamps)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, labels, Arrays.hashCode(timestamps), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return name
        + labels
        + " ("
        + size()
        + " samples"
        + (isEmpty() ? ")" : ", " + timestamps[0] + ".." + timestamps[size() - 1] + ")");
  }
}
