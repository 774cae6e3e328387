package io.aura.eval.m4;

import io.aura.features.InvalidDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader for the M4 competition CSV layout (Mcompetitions/M4-methods, {@code Dataset/Train} and
 * {@code Dataset/Test}): a header row, then one row per series: a quoted id followed by the values,
 * right-padded with empty fields.
 *
 * <p>Thread safety: stateless. Complexity: O(file size); the whole file is held in memory.
 */
public final class M4Data {
  private M4Data() {}

  /**
   * Reads an M4 CSV file into an ordered map id &rarr; values.
   *
   * @param file the CSV path
   * @return series by id, in file order
   * @throws IOException on read failure
   * @throws InvalidDataException on a malformed value (file, line, column named)
   */
  public static Map<String, double[]> read(Path file) throws IOException {
    Map<String, double[]> out = new LinkedHashMap<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      if (line == null) {
        throw new InvalidDataException(file + ": empty file");
      }
      int lineNo = 1;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",", -1);
        String id = unquote(parts[0]);
        List<Double> vals = new ArrayList<>(parts.length);
        for (int c = 1; c < parts.length; c++) {
          String v = unquote(parts[c]).trim();
          if (v.isEmpty() || v.equals("NA")) {
            break;
          }
          try {
            vals.add(Double.parseDouble(v));
          } catch (NumberFormatException e) {
            throw new InvalidDataException(
                file + ": line " + lineNo + ", column " + (c + 1) + ": not a number: " + v, e);
          }
        }
        double[] y = new double[vals.size()];
        for (int i = 0; i < y.length; i++) {
          y[i] = vals.get(i);
        }
        if (out.put(id, y) != null) {
          throw new InvalidDataException(file + ": line " + lineNo + ": duplicate id " + id);
        }
      }
    }
    return out;
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }
}
