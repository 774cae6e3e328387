package io.aura.io.csv;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.io.exposition.SampleValues;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes a {@link Frame} as CSV (RFC 4180).
 *
 * <pre>
 * # labels: {namespace="shop",pod="web-1"}
 * timestamp,cpu_usage,"memory{container=""app""}"
 * 2024-01-01T00:00:00Z,0.25,150000000
 * 2024-01-01T00:00:30Z,NaN,152000000
 * </pre>
 *
 * <ul>
 *   <li>Labels: the frame's own labels go on an optional first line {@code # labels: {...}} in
 *       Prometheus's notation (values escaped {@code \\}, {@code \"}, {@code \n}, and {@code \r}
 *       for a carriage return); without it the frame has no labels. Per-series labels are part of
 *       the column name: a frame from {@code QueryResult.toFrame()} has columns such as {@code
 *       memory{container="app"}}, written as RFC 4180 quoted fields and read back unchanged. Other
 *       {@code #} lines before the header are comments.
 *   <li>Header: {@code timestamp} then one column per series, in frame order; names must be unique
 *       and non-empty.
 *   <li>Timestamps: written as ISO-8601 UTC instants ({@code 2024-01-01T00:00:00Z}, with {@code
 *       .250} when there are milliseconds). Read as ISO-8601 (any offset), as NAB's {@code
 *       yyyy-MM-dd HH:mm:ss} in UTC, or as an integer of epoch milliseconds. They must strictly
 *       increase.
 *   <li>Values: {@code NaN} for missing (an empty cell also reads as NaN), {@code +Inf}, {@code
 *       -Inf}, otherwise decimal numbers written so they read back to the same double.
 * </ul>
 *
 * Every error is an {@link InvalidDataException} naming the file (or source name), the line and,
 * for a cell, the column.
 *
 * <p>Thread safety: stateless, safe from any thread. Complexity: O(cells); reading keeps one
 * growable {@code double[]} per column.
 */
public final class FrameCsv {
  static final String LABELS_PREFIX = "# labels:";

  private FrameCsv() {}

  /**
   * Writes a frame.
   *
   * @param frame the frame
   * @param out where to write; flushed, not closed
   * @throws IOException when writing fails
   */
  public static void write(Frame frame, Writer out) throws IOException {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(out, "out");
    StringBuilder sb = new StringBuilder(1 << 14);
    if (!frame.labels().isEmpty()) {
      sb.append(LABELS_PREFIX).append(' ');
      labelText(frame.labels(), sb).append('\n');
    }
    sb.append("timestamp");
    for (String name : frame.columnNames()) {
      sb.append(',').append(CsvRecords.quote(name));
    }
    sb.append('\n');
    int cols = frame.columnCount();
    for (int r = 0; r < frame.rows(); r++) {
      sb.append(CsvTimes.iso(frame.timestamp(r)));
      for (int c = 0; c < cols; c++) {
        sb.append(',');
        SampleValues.format(frame.get(r, c), sb);
      }
      sb.append('\n');
      if (sb.length() > (1 << 14) - 512) {
        out.append(sb);
        sb.setLength(0);
      }
    }
    out.append(sb);
    out.flush();
  }

  /**
   * Writes a frame to a file (UTF-8), replacing it.
   *
   * @param frame the frame
   * @param file the file
   * @throws UncheckedIOException when writing fails
   */
  public static void write(Frame frame, Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(frame, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a frame from a file (UTF-8).
   *
   * @param file the file
   * @return the frame
   * @throws InvalidDataException naming the file and line on bad content
   * @throws UncheckedIOException when reading fails
   */
  public static Frame read(Path file) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a frame.
   *
   * @param in the CSV text; not closed
   * @param source the name used in error messages, for example the file name
   * @return the frame
   * @throws IOException when reading fails
   * @throws InvalidDataException naming the source and line on bad content
   */
  public static Frame read(Reader in, String source) throws IOException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(source, "source");
    CsvRecords records = new CsvRecords(in, source);
    List<String> rec = new ArrayList<>();
    Labels labels = Labels.EMPTY;
    boolean labelLine = false;
    while (true) {
      if (!records.next(rec, true)) {
        throw new InvalidDataException(
            source + ": no header line (expected 'timestamp,<column>,...')");
      }
      if (!records.isComment()) {
        break;
      }
      String line = rec.get(0);
      if (line.startsWith(LABELS_PREFIX)) {
        if (labelLine) {
          throw new InvalidDataException(
              source + " line " + records.recordLine() + ": a second '# labels:' line");
        }
        labels =
            parseLabels(
                line.substring(LABELS_PREFIX.length()).strip(), source, records.recordLine());
        labelLine = true;
      }
    }
    long headerLine = records.recordLine();
    if (!rec.get(0).strip().equals("timestamp")) {
      throw new InvalidDataException(
          source
              + " line "
              + headerLine
              + ": the first header column must be 'timestamp', got '"
              + rec.get(0)
              + "'");
    }
    List<String> names = new ArrayList<>(rec.subList(1, rec.size()));
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).isEmpty()) {
        throw new InvalidDataException(
            source + " line " + headerLine + ": column " + (i + 2) + " has an empty name");
      }
      if (names.indexOf(names.get(i)) != i) {
        throw new InvalidDataException(
            source + " line " + headerLine + ": column name '" + names.get(i) + "' repeats");
      }
    }
    int cols = names.size();
    long[] ts = new long[1024];
    double[][] data = new double[cols][1024];
    int rows = 0;
    while (records.next(rec, false)) {
      long line = records.recordLine();
      if (rec.size() != cols + 1) {
        throw new InvalidDataException(
            source
                + " line "
                + line
                + ": "
                + rec.size()
                + " fields, but the header has "
                + (cols + 1));
      }
      if (rows == ts.length) {
        ts = Arrays.copyOf(ts, rows * 2);
        for (int c = 0; c < cols; c++) {
          data[c] = Arrays.copyOf(data[c], rows * 2);
        }
      }
      long t;
      try {
        t = CsvTimes.parse(rec.get(0));
      } catch (RuntimeException e) {
        throw new InvalidDataException(
            source
                + " line "
                + line
                + ": timestamp '"
                + rec.get(0)
                + "' is neither ISO-8601, 'yyyy-MM-dd HH:mm:ss' nor epoch milliseconds",
            e);
      }
      if (rows > 0 && t <= ts[rows - 1]) {
        throw new InvalidDataException(
            source
                + " line "
                + line
                + ": timestamp '"
                + rec.get(0)
                + "' is not after the previous row's ("
                + CsvTimes.iso(ts[rows - 1])
                + "); rows must be in strictly increasing time order");
      }
      ts[rows] = t;
      for (int c = 0; c < cols; c++) {
        data[c][rows] = cell(rec.get(c + 1), source, line, c + 2, names.get(c));
      }
      rows++;
    }
    LinkedHashMap<String, double[]> map = new LinkedHashMap<>();
    for (int c = 0; c < cols; c++) {
      map.put(names.get(c), Arrays.copyOf(data[c], rows));
    }
    return Frame.of(labels, Arrays.copyOf(ts, rows), map);
  }

  static double cell(String text, String source, long line, int column, String name) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Double.NaN;
    }
    try {
      return SampleValues.parse(t);
    } catch (NumberFormatException e) {
      throw new InvalidDataException(
          source
              + " line "
              + line
              + ", column "
              + column
              + " ('"
              + name
              + "'): '"
              + text
              + "' is not a number (use NaN or an empty cell for missing)");
    }
  }

  /** Prometheus notation, escaping {@code \\}, {@code "}, LF as {@code \n} and CR as {@code \r}. */
  static StringBuilder labelText(Labels labels, StringBuilder sb) {
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : labels.asMap().entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append("=\"");
      String v = e.getValue();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '\\':
            sb.append("\\\\");
            break;
          case '"':
            sb.append("\\\"");
            break;
          case '\n':
            sb.append("\\n");
            break;
          case '\r':
            sb.append("\\r");
            break;
          default:
            sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append('}');
  }

  /** Parses {@code {a="x",b="y"}} with the escapes {@link #labelText} writes. */
  static Labels parseLabels(String s, String source, long line) {
    String where = source + " line " + line + ": ";
    if (s.length() < 2 || s.charAt(0) != '{' || s.charAt(s.length() - 1) != '}') {
      throw new InvalidDataException(
          where + "labels must look like {name=\"value\",...}, got '" + s + "'");
    }
    Map<String, String> m = new LinkedHashMap<>();
    int i = 1;
    int end = s.length() - 1;
    while (i < end) {
      int eq = s.indexOf('=', i);
      if (eq < 0 || eq + 1 >= end || s.charAt(eq + 1) != '"') {
        throw new InvalidDataException(
            where + "expected name=\"value\" at position " + i + " of '" + s + "'");
      }
      String name = s.substring(i, eq).strip();
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      for (; j < end && s.charAt(j) != '"'; j++) {
        char c = s.charAt(j);
        if (c == '\\' && j + 1 < end) {
          char e = s.charAt(++j);
          v.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e);
        } else {
          v.append(c);
        }
      }
      if (j >= end) {
        throw new InvalidDataException(
            where + "the value of label '" + name + "' is not closed in '" + s + "'");
      }
      if (m.put(name, v.toString()) != null) {
        throw new InvalidDataException(where + "label '" + name + "' appears twice");
      }
      i = j + 1;
      if (i < end && s.charAt(i) == ',') {
        i++;
      } else if (i < end) {
        throw new InvalidDataException(
            where + "expected ',' after the value of label '" + name + "' in '" + s + "'");
      }
    }
    try {
      return Labels.of(m);
    } catch (InvalidDataException e) {
      throw new InvalidDataException(where + e.getMessage(), e);
    }
  }
}
