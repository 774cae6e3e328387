package io.aura.io.csv;

import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.SamplePolicy;
import io.aura.features.TimeSeries;
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
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes the Numenta Anomaly Benchmark layout (A. Lavin and S. Ahmad, "Evaluating
 * Real-time Anomaly Detection Algorithms — the Numenta Anomaly Benchmark", IEEE ICMLA 2015): a
 * header {@code timestamp,value} and rows such as {@code 2014-04-01 00:00:00,20.5}, timestamps in
 * UTC.
 *
 * <p>Reading also accepts ISO-8601 instants and epoch milliseconds as timestamps, and {@code NaN}
 * or an empty cell as a missing value. Samples must be in strictly increasing time order unless a
 * {@link SamplePolicy} says otherwise. Writing uses NAB's timestamp layout (with {@code .SSS} only
 * when a timestamp has milliseconds) and {@link SampleValues} spelling for values.
 *
 * <p>Errors are {@link InvalidDataException}s naming the file (or source name) and line.
 *
 * <p>Thread safety: stateless, safe from any thread. Complexity: O(rows).
 */
public final class NabCsv {
  private NabCsv() {}

  /**
   * Reads a NAB file as a series named after the file (without {@code .csv}), with no labels.
   *
   * @param file the file
   * @return the series
   * @throws InvalidDataException naming the file and line on bad content
   * @throws UncheckedIOException when reading fails
   */
  public static TimeSeries read(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      throw new InvalidDataException(file + ": not a file name (a NAB series is named after its file)");
    }
    String base = fileName.toString();
    String name = base.endsWith(".csv") ? base.substring(0, base.length() - 4) : base;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString(), name, Labels.EMPTY, SamplePolicy.STRICT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads NAB text.
   *
   * @param in the text; not closed
   * @param source the name used in error messages
   * @param seriesName the series name
   * @param labels the series labels
   * @param policy what to do with out-of-order and duplicate timestamps ({@link
   *     SamplePolicy#STRICT} rejects them, naming the line)
   * @return the series
   * @throws IOException when reading fails
   * @throws InvalidDataException naming the source and line on bad content
   */
  public static TimeSeries read(Reader in, String source, String seriesName, Labels labels, SamplePolicy policy)
      throws IOException {
    Objects.requireNonNull(policy, "policy");
    CsvRecords records = new CsvRecords(in, source);
    List<String> rec = new ArrayList<>();
    if (!records.next(rec, false)) {
      throw new InvalidDataException(source + ": empty file (expected the header 'timestamp,value')");
    }
    if (rec.size() != 2 || !rec.get(0).strip().equals("timestamp") || !rec.get(1).strip().equals("value")) {
      throw new InvalidDataException(source + " line " + records.recordLine() + ": expected the header 'timestamp,value', got '"
          + String.join(",", rec) + "'");
    }
    long[] ts = new long[1024];
    double[] vs = new double[1024];
    long[] lines = new long[1024];
    int n = 0;
    boolean strictOrder = policy.order() == SamplePolicy.OrderPolicy.REJECT
        && policy.duplicates() == SamplePolicy.DuplicatePolicy.REJECT;
    while (records.next(rec, false)) {
      long line = records.recordLine();
      if (rec.size() != 2) {
        throw new InvalidDataException(source + " line " + line + ": " + rec.size() + " fields, expected 2 (timestamp,value)");
      }
      if (n == ts.length) {
        ts = Arrays.copyOf(ts, n * 2);
        vs = Arrays.copyOf(vs, n * 2);
        lines = Arrays.copyOf(lines, n * 2);
      }
      try {
        ts[n] = CsvTimes.parse(rec.get(0));
      } catch (RuntimeException e) {
        throw new InvalidDataException(source + " line " + line + ": timestamp '" + rec.get(0)
            + "' is not 'yyyy-MM-dd HH:mm:ss' (UTC), ISO-8601 or epoch milliseconds", e);
      }
      vs[n] = FrameCsv.cell(rec.get(1), source, line, 2, "value");
      if (strictOrder && n > 0 && ts[n] <= ts[n - 1]) {
        throw new InvalidDataException(source + " line " + line + ": timestamp '" + rec.get(0).strip() + "' is "
            + (ts[n] == ts[n - 1] ? "a duplicate of" : "before") + " the one on line " + lines[n - 1]
            + "; choose a SamplePolicy to sort or merge");
      }
      lines[n] = line;
      n++;
    }
    try {
      return TimeSeries.fromSamples(seriesName, labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n), policy);
    } catch (InvalidDataException e) {
      throw new InvalidDataException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a series in the NAB layout.
   *
   * @param series the series (name and labels are not written)
   * @param out where to write; flushed, not closed
   * @throws IOException when writing fails
   */
  public static void write(TimeSeries series, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(1 << 14);
    sb.append("timestamp,value\n");
    for (int i = 0; i < series.size(); i++) {
      sb.append(CsvTimes.nab(series.timestamp(i))).append(',');
      SampleValues.format(series.value(i), sb).append('\n');
      if (sb.length() > (1 << 14) - 128) {
        out.append(sb);
        sb.setLength(0);
      }
    }
    out.append(sb);
    out.flush();
  }

  /**
   * Writes a series to a file (UTF-8), replacing it.
   *
   * @param series the series
   * @param file the file
   * @throws UncheckedIOException when writing fails
   */
  public static void write(TimeSeries series, Path file) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(series, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
