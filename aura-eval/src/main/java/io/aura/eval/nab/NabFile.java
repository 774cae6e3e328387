package io.aura.eval.nab;

import io.aura.features.InvalidDataException;
import java.util.List;

/**
 * One NAB data file: its relative path ({@code category/name.csv}), timestamps, values and labelled
 * anomaly windows ({@code [start, end]} timestamps, inclusive, each equal to a row's timestamp).
 *
 * <p>Thread safety: immutable in practice (arrays are copied on construction; accessors return the
 * internal arrays for speed and must not be modified). Allocation: O(rows). Complexity: O(rows).
 *
 * @param name the relative path, e.g. {@code realKnownCause/nyc_taxi.csv}
 * @param timestamps epoch milliseconds, in file order (NAB's files hold a few repeated or
 *     out-of-order timestamps around clock changes; rows are taken as given, as NAB does)
 * @param values the values
 * @param windows the windows, in time order, not overlapping
 */
public record NabFile(String name, long[] timestamps, double[] values, List<Window> windows) {

  /**
   * A labelled anomaly window. Immutable; O(1).
   *
   * @param start first timestamp of the window (epoch ms)
   * @param end last timestamp of the window (epoch ms)
   */
  public record Window(long start, long end) {}

  /** Validates lengths, order and windows. */
  public NabFile {
    timestamps = timestamps.clone();
    values = values.clone();
    windows = List.copyOf(windows);
    if (timestamps.length != values.length) {
      throw new InvalidDataException(
          name + ": " + timestamps.length + " timestamps but " + values.length + " values");
    }
    long prevEnd = Long.MIN_VALUE;
    for (Window w : windows) {
      if (w.end() < w.start() || w.start() <= prevEnd) {
        throw new InvalidDataException(
            name + ": window " + w + " is inverted or overlaps the previous one");
      }
      if (indexOf(timestamps, w.start()) < 0 || indexOf(timestamps, w.end()) < 0) {
        throw new InvalidDataException(
            name + ": window " + w + " does not start and end on row timestamps");
      }
      prevEnd = w.end();
    }
  }

  /**
   * The first row holding a timestamp, as Python's {@code list.index}.
   *
   * @param timestamps the timestamps
   * @param t the timestamp
   * @return the row, or -1
   */
  static int indexOf(long[] timestamps, long t) {
    for (int i = 0; i < timestamps.length; i++) {
      if (timestamps[i] == t) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The number of rows.
   *
   * @return the row count
   */
  public int rows() {
    return timestamps.length;
  }
}
