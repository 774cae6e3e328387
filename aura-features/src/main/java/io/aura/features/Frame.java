package io.aura.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable table of aligned series: one strictly increasing timestamp column and named {@code
 * double} columns of the same length, plus the {@link Labels} of the entity the frame describes
 * (for example the pod). Stored column-major ({@code double[column][row]}), so per-column work
 * reads contiguous memory.
 *
 * <p>NaN in a cell means missing (see {@link Alignment} for how gaps arise). A frame has a step
 * when its timestamps are evenly spaced ({@link #stepMillis()} &gt; 0); frames built by {@link
 * #align} always have one.
 *
 * <p>Thread safety: immutable, safe to share. Memory: 8 bytes per cell plus 8 per row. Complexity:
 * {@link #get} O(1); {@link #columnIndex} O(1) expected; {@link #align} O(total samples + rows ×
 * columns).
 */
public final class Frame {
  private final Labels labels;
  private final long[] timestamps;
  private final long step;
  private final List<String> names;
  private final double[][] columns;
  private final Map<String, Integer> index;

  private Frame(Labels labels, long[] timestamps, List<String> names, double[][] columns) {
    this.labels = labels;
    this.timestamps = timestamps;
    this.names = names;
    this.columns = columns;
    Map<String, Integer> idx = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      idx.put(names.get(i), i);
    }
    this.index = idx;
    this.step = detectStep(timestamps);
  }

  private static long detectStep(long[] ts) {
    if (ts.length < 2) {
      return 0;
    }
    long s = ts[1] - ts[0];
    for (int i = 2; i < ts.length; i++) {
      if (ts[i] - ts[i - 1] != s) {
        return 0;
      }
    }
    return s;
  }

  /**
   * A frame from a timestamp column and named value columns (all arrays are copied).
   *
   * @param labels the entity's labels
   * @param timestamps epoch milliseconds, strictly increasing
   * @param columns column name to values, in column order (use a {@link LinkedHashMap})
   * @return the frame
   * @throws InvalidDataException on a length mismatch, a non-increasing timestamp, or an empty name
   */
  public static Frame of(Labels labels, long[] timestamps, Map<String, double[]> columns) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(timestamps, "timestamps");
    Objects.requireNonNull(columns, "columns");
    for (int i = 1; i < timestamps.length; i++) {
      if (timestamps[i] <= timestamps[i - 1]) {
        throw new InvalidDataException(
            "frame "
                + labels
                + ": timestamp "
                + timestamps[i]
                + " at row "
                + i
                + " is not after the previous one, "
                + timestamps[i - 1]);
      }
    }
    List<String> names = new ArrayList<>(columns.size());
    double[][] cols = new double[columns.size()][];
    int c = 0;
    for (Map.Entry<String, double[]> e : columns.entrySet()) {
      String name = e.getKey();
      if (name == null || name.isEmpty()) {
        throw new InvalidDataException("frame " + labels + ": column " + c + " has an empty name");
      }
      double[] v = Objects.requireNonNull(e.getValue(), name);
      if (v.length != timestamps.length) {
        throw new InvalidDataException(
            "frame "
                + labels
                + ": column '"
                + name
                + "' has "
                + v.length
                + " values but there are "
                + timestamps.length
                + " timestamps");
      }
      names.add(name);
      cols[c++] = v.clone();
    }
    return new Frame(labels, timestamps.clone(), Collections.unmodifiableList(names), cols);
  }

  /**
   * Puts series onto one fixed-step grid (see {@link Alignment} for the rules). The frame's labels
   * are those shared, with equal values, by every series.
   *
   * @param series the series, at least one
   * @param alignment the grid and rules
   * @return the frame
   * @throws InvalidDataException when two series map to one column name, when the grid would be
   *     empty, or on a gap under {@link Alignment.GapPolicy#REJECT}
   */
  public static Frame align(Collection<TimeSeries> series, Alignment alignment) {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(alignment, "alignment");
    if (series.isEmpty()) {
      throw new InvalidDataException("cannot align an empty collection of series");
    }
    long step = alignment.stepMillis();
    long start;
    long end;
    if (alignment.start() != null) {
      start = alignment.start();
      end = alignment.end();
    } else {
      long lo = Long.MAX_VALUE;
      long hi = Long.MIN_VALUE;
      for (TimeSeries s : series) {
        if (!s.isEmpty()) {
          lo = Math.min(lo, s.timestamp(0));
          hi = Math.max(hi, s.timestamp(s.size() - 1));
        }
      }
      if (lo > hi) {
        throw new InvalidDataException(
            "cannot align: every series is empty and no range was given");
      }
      start =
          Math.floorDiv(lo + step - 1, step) * step; // first grid time at or after the first sample
      end = Math.floorDiv(hi, step) * step;
      if (end < start) {
        throw new InvalidDataException(
            "cannot align: the samples span "
                + lo
                + ".."
                + hi
                + ", which holds no multiple of the step "
                + step
                + " ms");
      }
    }
    long rowsL = (end - start) / step + 1;
    if (rowsL > Integer.MAX_VALUE - 8) {
      throw new InvalidDataException(
          "alignment range " + start + ".." + end + " has too many rows: " + rowsL);
    }
    int rows = (int) rowsL;
    long[] ts = new long[rows];
    for (int r = 0; r < rows; r++) {
      ts[r] = start + r * step;
    }
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    Map<String, String> common = null;
    for (TimeSeries s : series) {
      String name =
          alignment.columnNaming() == Alignment.ColumnNaming.METRIC_NAME
              ? s.name()
              : s.name() + s.labels();
      if (cols.containsKey(name)) {
        throw new InvalidDataException(
            "two series map to column '"
                + name
                + "' (labels of the second: "
                + s.labels()
                + "); use ColumnNaming.METRIC_NAME_AND_LABELS or align them separately");
      }
      cols.put(name, resample(s, ts, alignment));
      if (common == null) {
        common = new HashMap<>(s.labels().asMap());
      } else {
        common.entrySet().retainAll(s.labels().asMap().entrySet());
      }
    }
    Frame f =
        new Frame(
            Labels.of(common),
            ts,
            Collections.unmodifiableList(new ArrayList<>(cols.keySet())),
            cols.values().toArray(new double[0][]));
    return f;
  }

  private static double[] resample(TimeSeries s, long[] grid, Alignment a) {
    long[] st = s.timestampsRef();
    double[] sv = s.valuesRef();
    double[] out = new double[grid.length];
    long window = a.resampling() == Alignment.Resampling.LAST ? a.lookbackMillis() : a.stepMillis();
    int hi = 0; // first sample index with timestamp > t
    for (int r = 0; r < grid.length; r++) {
      long t = grid[r];
      while (hi < st.length && st[hi] <= t) {
        hi++;
      }
      double v = Double.NaN;
      switch (a.resampling()) {
        case LAST:
          if (hi > 0 && st[hi - 1] > t - window) {
            v = sv[hi - 1];
          }
          break;
        case MEAN:
        case MAX:
        case MIN:
          {
            double acc = 0;
            int cnt = 0;
            for (int i = hi - 1; i >= 0 && st[i] > t - window; i--) {
              double x = sv[i];
              if (Double.isNaN(x)) {
                continue;
              }
              if (cnt == 0) {
                acc = x;
              } else if (a.resampling() == Alignment.Resampling.MEAN) {
                acc += x;
              } else if (a.resampling() == Alignment.Resampling.MAX) {
                acc = Math.max(acc, x);
              } else {
                acc = Math.min(acc, x);
              }
              cnt++;
            }
            if (cnt > 0) {
              v = a.resampling() == Alignment.Resampling.MEAN ? acc / cnt : acc;
            }
            break;
          }
        default:
          throw new AssertionError(a.resampling());
      }
      if (Double.isNaN(v) && a.gapPolicy() == Alignment.GapPolicy.REJECT) {
        throw new InvalidDataException(
            "series "
                + s.name()
                + s.labels()
                + " has no sample for grid time "
                + t
                + " (window "
                + window
                + " ms) and the gap policy is REJECT");
      }
      out[r] = v;
    }
    return out;
  }

  /**
   * The entity's labels.
   *
   * @return the labels
   */
  public Labels labels() {
    return labels;
  }

  /**
   * The number of rows.
   *
   * @return the count
   */
  public int rows() {
    return timestamps.length;
  }

  /**
   * The number of value columns.
   *
   * @return the count
   */
  public int columnCount() {
    return columns.length;
  }

  /**
   * The step between rows when evenly spaced.
   *
   * @return milliseconds, or 0 when the frame has fewer than two rows or uneven spacing
   */
  public long stepMillis() {
    return step;
  }

  /**
   * The column names in order.
   *
   * @return an unmodifiable list
   */
  public List<String> columnNames() {
    return names;
  }

  /**
   * The index of a column.
   *
   * @param name the column name
   * @return its index
   * @throws InvalidDataException naming the missing column and the available ones
   */
  public int columnIndex(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new InvalidDataException(
          "frame " + labels + " has no column '" + name + "'; it has " + names);
    }
    return i;
  }

  /**
   * Whether a column exists.
   *
   * @param name the column name
   * @return true when present
   */
  public boolean hasColumn(String name) {
    return index.containsKey(name);
  }

  /**
   * The timestamp of a row.
   *
   * @param row the row
   * @return epoch milliseconds
   */
  public long timestamp(int row) {
    return timestamps[row];
  }

  /**
   * A copy of the timestamps.
   *
   * @return epoch milliseconds
   */
  public long[] timestamps() {
    return timestamps.clone();
  }

  /**
   * One cell.
   *
   * @param row the row
   * @param column the column index
   * @return the value, NaN when missing
   */
  public double get(int row, int column) {
    return columns[column][row];
  }

  /**
   * A copy of one column.
   *
   * @param column the column index
   * @return the values
   */
  public double[] column(int column) {
    return columns[column].clone();
  }

  /**
   * A copy of one column.
   *
   * @param name the column name
   * @return the values
   */
  public double[] column(String name) {
    return columns[columnIndex(name)].clone();
  }

  /**
   * Copies one row into {@code out} (no allocation).
   *
   * @param row the row
   * @param out at least {@link #columnCount()} long
   */
  public void row(int row, double[] out) {
    for (int c = 0; c < columns.length; c++) {
      out[c] = columns[c][row];
    }
  }

  /**
   * The frame as a row-major matrix, {@code [row][column]}, for models.
   *
   * @return a new matrix
   */
  public double[][] toRowMajor() {
    double[][] m = new double[rows()][columns.length];
    for (int c = 0; c < columns.length; c++) {
      double[] col = columns[c];
      for (int r = 0; r < col.length; r++) {
        m[r][c] = col[r];
      }
    }
    return m;
  }

  /**
   * One column as a {@link TimeSeries} (NaN cells are kept as missing samples).
   *
   * @param name the column name
   * @return the series, labelled with the frame's labels
   */
  public TimeSeries series(String name) {
    return TimeSeries.of(name, labels, timestamps, columns[columnIndex(name)]);
  }

  /**
   * The frame restricted to some columns, in the given order.
   *
   * @param columnNames the names
   * @return a new frame
   */
  public Frame select(List<String> columnNames) {
    LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
    for (String n : columnNames) {
      if (m.put(n, columns[columnIndex(n)]) != null) {
        throw new InvalidDataException("column '" + n + "' is selected twice");
      }
    }
    return of(labels, timestamps, m);
  }

  /**
   * Rows {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from first row
   * @param to end row
   * @return a new frame
   */
  public Frame slice(int from, int to) {
    Objects.checkFromToIndex(from, to, rows());
    double[][] cols = new double[columns.length][];
    for (int c = 0; c < columns.length; c++) {
      cols[c] = Arrays.copyOfRange(columns[c], from, to);
    }
    return new Frame(labels, Arrays.copyOfRange(timestamps, from, to), names, cols);
  }

  /**
   * A copy with one more column (or one replaced).
   *
   * @param name the column name
   * @param values one value per row
   * @return a new frame
   */
  public Frame withColumn(String name, double[] values) {
    LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
    for (int c = 0; c < columns.length; c++) {
      m.put(names.get(c), columns[c]);
    }
    m.put(name, values);
    return of(labels, timestamps, m);
  }

  /**
   * A copy with other labels.
   *
   * @param newLabels the labels
   * @return a new frame sharing this one's (immutable) data
   */
  public Frame withLabels(Labels newLabels) {
    return new Frame(Objects.requireNonNull(newLabels), timestamps, names, columns);
  }

  // Package-private, no copy: for the feature engine.
  double[] columnRef(int column) {
    return columns[column];
  }

  long[] timestampsRef() {
    return timestamps;
  }

  /**
   * A frame from already-validated arrays without copying; the caller gives up ownership. For
   * Aura's own modules that build large frames; {@link #of} is the public route.
   */
  static Frame wrap(Labels labels, long[] timestamps, List<String> names, double[][] columns) {
    return new Frame(
        labels, timestamps, Collections.unmodifiableList(new ArrayList<>(names)), columns);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Frame)) {
      return false;
    }
    Frame f = (Frame) o;
    return labels.equals(f.labels)
        && Arrays.equals(timestamps, f.timestamps)
        && names.equals(f.names)
        && Arrays.deepEquals(columns, f.columns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, Arrays.hashCode(timestamps), names);
  }

  @Override
  public String toString() {
    return "Frame"
        + labels
        + "["
        + rows()
        + " rows x "
        + columns.length
        + " columns "
        + names
        + "]";
  }
}
