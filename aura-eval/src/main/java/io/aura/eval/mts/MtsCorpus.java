package io.aura.eval.mts;

import io.aura.features.InvalidDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Loads a folder in the server-metrics layout of SMD (Su et al. 2019, OmniAnomaly, KDD):
 * {@code train/<entity>.txt}, {@code test/<entity>.txt} (comma-separated numbers, no header, one
 * row per step), {@code test_label/<entity>.txt} (0/1 per test row) and optionally {@code
 * interpretation_label/<entity>.txt} ({@code start-end:d1,d2,…}, end exclusive, dimensions
 * 1-based); any of them may be gzip-compressed as {@code <entity>.txt.gz}.
 *
 * <p>Every defect is an {@link InvalidDataException} naming the file and line: a missing file, a
 * non-number, a ragged row, a label other than 0/1, a label count different from the test rows, a
 * segment outside the test or a dimension outside the row. Thread safety: stateless.
 */
public final class MtsCorpus {
  private MtsCorpus() {}

  /**
   * Loads every entity of a folder, in name order.
   *
   * @param dir the folder
   * @return the entities
   * @throws IOException if a file cannot be read
   * @throws InvalidDataException if a file is missing or malformed
   */
  public static List<MtsEntity> load(Path dir) throws IOException {
    Path trainDir = dir.resolve("train");
    if (!Files.isDirectory(trainDir)) {
      throw new InvalidDataException(dir + ": no train/ folder (expected train/, test/, test_label/)");
    }
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.list(trainDir)) {
      s.forEach(p -> {
        String f = p.getFileName().toString();
        if (f.endsWith(".txt.gz")) {
          names.add(f.substring(0, f.length() - 7));
        } else if (f.endsWith(".txt")) {
          names.add(f.substring(0, f.length() - 4));
        }
      });
    }
    if (names.isEmpty()) {
      throw new InvalidDataException(trainDir + ": no <entity>.txt or <entity>.txt.gz files");
    }
    List<MtsEntity> out = new ArrayList<>();
    for (String name : names) {
      double[][] train = matrix(find(dir, "train", name, true));
      double[][] test = matrix(find(dir, "test", name, true));
      if (test[0].length != train[0].length) {
        throw new InvalidDataException(
            name + ": test rows have " + test[0].length + " values, train rows " + train[0].length);
      }
      Path labelFile = find(dir, "test_label", name, true);
      boolean[] labels = labels(labelFile, test.length);
      Path interp = find(dir, "interpretation_label", name, false);
      List<MtsEntity.Segment> segs = interp == null ? List.of() : segments(interp, test.length, test[0].length);
      out.add(new MtsEntity(name, train, test, labels, segs));
    }
    return out;
  }

  private static Path find(Path dir, String sub, String name, boolean required) {
    Path plain = dir.resolve(sub).resolve(name + ".txt");
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    Path gz = dir.resolve(sub).resolve(name + ".txt.gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    if (required) {
      throw new InvalidDataException(dir.resolve(sub) + ": no " + name + ".txt or " + name + ".txt.gz");
    }
    return null;
  }

  private static BufferedReader open(Path p) throws IOException {
    InputStream in = Files.newInputStream(p);
    if (p.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  static double[][] matrix(Path p) throws IOException {
    List<double[]> rows = new ArrayList<>();
    int width = -1;
    try (BufferedReader r = open(p)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          throw new InvalidDataException(p + ", line " + no + ": empty line");
        }
        String[] f = line.split(",", -1);
        if (width < 0) {
          width = f.length;
        } else if (f.length != width) {
          throw new InvalidDataException(p + ", line " + no + ": " + f.length + " values, expected " + width);
        }
        double[] row = new double[width];
        for (int j = 0; j < width; j++) {
          try {
            row[j] = Double.parseDouble(f[j].trim());
          } catch (NumberFormatException e) {
            throw new InvalidDataException(p + ", line " + no + ", column " + (j + 1) + ": not a number: '" + f[j] + "'");
          }
          if (!Double.isFinite(row[j])) {
            throw new InvalidDataException(p + ", line " + no + ", column " + (j + 1) + ": " + f[j]
                + " (missing or infinite values are not accepted)");
          }
        }
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidDataException(p + ": no rows");
    }
    return rows.toArray(new double[0][]);
  }

  private static boolean[] labels(Path p, int testRows) throws IOException {
    boolean[] out = new boolean[testRows];
    int no = 0;
    try (BufferedReader r = open(p)) {
      String line;
      while ((line = r.readLine()) != null) {
        no++;
        String t = line.trim();
        if (no > testRows) {
          throw new InvalidDataException(p + ": more labels than the " + testRows + " test rows");
        }
        if (t.equals("1")) {
          out[no - 1] = true;
        } else if (!t.equals("0")) {
          throw new InvalidDataException(p + ", line " + no + ": label '" + t + "' is not 0 or 1");
        }
      }
    }
    if (no != testRows) {
      throw new InvalidDataException(p + ": " + no + " labels for " + testRows + " test rows");
    }
    return out;
  }

  private static List<MtsEntity.Segment> segments(Path p, int testRows, int width) throws IOException {
    List<MtsEntity.Segment> out = new ArrayList<>();
    try (BufferedReader r = open(p)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) {
          continue;
        }
        String where = p + ", line " + no;
        int colon = line.indexOf(':');
        int dash = line.indexOf('-');
        if (colon < 0 || dash < 0 || dash > colon) {
          throw new InvalidDataException(where + ": expected start-end:d1,d2,..., got '" + line + "'");
        }
        try {
          int start = Integer.parseInt(line.substring(0, dash).trim());
          int end = Integer.parseInt(line.substring(dash + 1, colon).trim());
          if (start < 0 || end <= start || end > testRows) {
            throw new InvalidDataException(where + ": segment " + start + "-" + end + " is outside the " + testRows + " test rows");
          }
          String[] dims = line.substring(colon + 1).split(",");
          int[] m = new int[dims.length];
          for (int i = 0; i < dims.length; i++) {
            int dim = Integer.parseInt(dims[i].trim());
            if (dim < 1 || dim > width) {
              throw new InvalidDataException(where + ": dimension " + dim + " is outside 1.." + width);
            }
            m[i] = dim - 1;
          }
          out.add(new MtsEntity.Segment(start, end, m));
        } catch (NumberFormatException e) {
          throw new InvalidDataException(where + ": not an integer in '" + line + "'");
        }
      }
    }
    return out;
  }
}
