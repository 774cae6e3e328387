package io.aura.eval.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aura.features.InvalidDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a copy of the NAB repository's corpus: {@code data/<category>/<name>.csv} ({@code
 * timestamp,value}) and {@code labels/combined_windows.json}. Timestamps are NAB's naive {@code
 * yyyy-MM-dd HH:mm:ss[.ffffff]} strings, read as UTC.
 *
 * <p>Thread safety: stateless. Allocation: the whole corpus in memory (about 365,000 rows).
 * Complexity: O(rows).
 */
public final class NabCorpus {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  private NabCorpus() {}

  /**
   * Loads every file listed in {@code labels/combined_windows.json}, sorted by relative path.
   *
   * @param nabDir the NAB root (holding {@code data/} and {@code labels/})
   * @return the files
   * @throws IOException if a file cannot be read
   * @throws InvalidDataException if a file or label is malformed (naming file and line)
   */
  public static List<NabFile> load(Path nabDir) throws IOException {
    Path labels = nabDir.resolve("labels").resolve("combined_windows.json");
    JsonNode root = new ObjectMapper().readTree(labels.toFile());
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      sorted.put(e.getKey(), e.getValue());
    }
    List<NabFile> files = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      String name = e.getKey();
      List<NabFile.Window> windows = new ArrayList<>();
      for (JsonNode w : e.getValue()) {
        windows.add(
            new NabFile.Window(
                parseTime(w.get(0).asText(), labels + " " + name),
                parseTime(w.get(1).asText(), labels + " " + name)));
      }
      Path csv = nabDir.resolve("data").resolve(name);
      long[][] ts = new long[1][];
      double[] values = readColumn(csv, "value", ts);
      files.add(new NabFile(name, ts[0], values, windows));
    }
    return files;
  }

  /**
   * Reads one numeric column and the {@code timestamp} column of a NAB-style CSV (data or results).
   *
   * @param csv the file
   * @param column the column name, e.g. {@code value} or {@code anomaly_score}
   * @param timestampsOut receives the timestamps in element 0 (may be null)
   * @return the column
   * @throws IOException if the file cannot be read
   * @throws InvalidDataException if the header lacks a column or a cell is malformed
   */
  public static double[] readColumn(Path csv, String column, long[][] timestampsOut)
      throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    }
    if (lines.isEmpty()) {
      throw new InvalidDataException(csv + ": empty file, expected a header");
    }
    String[] header = lines.get(0).split(",", -1);
    int tCol = -1;
    int vCol = -1;
    for (int j = 0; j < header.length; j++) {
      if (header[j].trim().equals("timestamp")) {
        tCol = j;
      }
      if (header[j].trim().equals(column)) {
        vCol = j;
      }
    }
    if (tCol < 0 || vCol < 0) {
      throw new InvalidDataException(
          csv + ": header '" + lines.get(0) + "' lacks 'timestamp' or '" + column + "'");
    }
    int n = lines.size() - 1;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(i + 1).split(",", -1);
      String where = csv + " line " + (i + 2);
      if (cells.length <= Math.max(tCol, vCol)) {
        throw new InvalidDataException(
            where + ": expected at least " + (Math.max(tCol, vCol) + 1) + " cells");
      }
      ts[i] = parseTime(cells[tCol].trim(), where);
      try {
        vs[i] = Double.parseDouble(cells[vCol].trim());
      } catch (NumberFormatException e) {
        throw new InvalidDataException(where + ": '" + cells[vCol] + "' is not a number", e);
      }
    }
    if (timestampsOut != null) {
      timestampsOut[0] = ts;
    }
    return vs;
  }

  static long parseTime(String s, String where) {
    try {
      return LocalDateTime.parse(s, TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidDataException(where + ": '" + s + "' is not a NAB timestamp", e);
    }
  }

  /**
   * Formats epoch milliseconds as NAB does in results files ({@code yyyy-MM-dd HH:mm:ss}, UTC).
   *
   * @param epochMillis the time
   * @return the text
   */
  public static String formatTime(long epochMillis) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }
}
