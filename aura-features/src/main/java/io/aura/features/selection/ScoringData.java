package io.aura.features.selection;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Selector input in column-major form with its schema: rectangular, at least one row and one
 * column, no infinity, at least one non-NaN value per column. NaN cells are kept (each score skips
 * them). Also the shared label encoding and top-k ranking.
 */
final class ScoringData {
  final FeatureSchema schema;
  final double[][] columns;

  private ScoringData(FeatureSchema schema, double[][] columns) {
    this.schema = schema;
    this.columns = columns;
  }

  int rows() {
    return columns[0].length;
  }

  static ScoringData fromRows(double[][] rows, String who) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      throw new InvalidDataException(who + ": no rows to score");
    }
    if (rows[0] == null) {
      throw new InvalidDataException(who + ": row 0 is null");
    }
    int width = rows[0].length;
    if (width == 0) {
      throw new InvalidDataException(who + ": rows have zero features");
    }
    double[][] cols = new double[width][rows.length];
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      if (row == null || row.length != width) {
        throw new InvalidDataException(
            who
                + ": row "
                + r
                + " has "
                + (row == null ? "no" : String.valueOf(row.length))
                + " values but row 0 has "
                + width);
      }
      for (int j = 0; j < width; j++) {
        cols[j][r] = row[j];
      }
    }
    return checked(FeatureSchema.positional(width), cols, who, null);
  }

  static ScoringData fromFrame(Frame frame, String who) {
    Objects.requireNonNull(frame, "frame");
    if (frame.columnCount() == 0) {
      throw new InvalidDataException(who + ": frame " + frame.labels() + " has no columns");
    }
    if (frame.rows() == 0) {
      throw new InvalidDataException(who + ": frame " + frame.labels() + " has no rows");
    }
    double[][] cols = new double[frame.columnCount()][];
    for (int j = 0; j < cols.length; j++) {
      cols[j] = frame.column(j);
    }
    return checked(FeatureSchema.of(frame.columnNames()), cols, who, frame);
  }

  private static ScoringData checked(
      FeatureSchema schema, double[][] cols, String who, Frame frame) {
    for (int j = 0; j < cols.length; j++) {
      int valid = 0;
      for (int r = 0; r < cols[j].length; r++) {
        double x = cols[j][r];
        if (Double.isInfinite(x)) {
          throw new InvalidDataException(
              who
                  + ": feature '"
                  + schema.name(j)
                  + "' holds "
                  + x
                  + " at row "
                  + r
                  + (frame == null ? "" : " (timestamp " + frame.timestamp(r) + ")"));
        }
        if (!Double.isNaN(x)) {
          valid++;
        }
      }
      if (valid == 0) {
        throw new InvalidDataException(
            who
                + ": feature '"
                + schema.name(j)
                + "' has no non-NaN value in its "
                + cols[j].length
                + " rows; drop it or fill it first");
      }
    }
    return new ScoringData(schema, cols);
  }

  /**
   * Class labels re-coded as {@code 0..classes-1} in increasing label order.
   *
   * @return {@code [codes, distinct labels]}: the codes per row and the sorted distinct labels
   */
  static int[][] encode(int[] labels, int rows, String who) {
    Objects.requireNonNull(labels, "labels");
    if (labels.length != rows) {
      throw new InvalidDataException(
          who + ": got " + labels.length + " labels for " + rows + " rows");
    }
    int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
    if (distinct.length < 2) {
      throw new InvalidDataException(
          who
              + ": needs at least 2 classes, but every label is "
              + (distinct.length == 0 ? "absent" : String.valueOf(distinct[0])));
    }
    int[] codes = new int[rows];
    for (int r = 0; r < rows; r++) {
      codes[r] = Arrays.binarySearch(distinct, labels[r]);
    }
    return new int[][] {codes, distinct};
  }

  static void checkK(int k, String who) {
    if (k < 1) {
      throw new InvalidDataException(who + ": k must be at least 1, got " + k);
    }
  }

  /**
   * The {@code k} best features by descending score, NaN below every number, ties to the lower
   * index; returned in increasing index order.
   */
  static int[] topK(double[] scores, int k, FeatureSchema schema, String who) {
    if (k > scores.length) {
      throw new InvalidDataException(
          who + ": k = " + k + " but there are only " + scores.length + " features " + schema);
    }
    Integer[] order = new Integer[scores.length];
    for (int j = 0; j < order.length; j++) {
      order[j] = j;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          double sa = scores[a];
          double sb = scores[b];
          boolean na = Double.isNaN(sa);
          boolean nb = Double.isNaN(sb);
          if (na || nb) {
            return na == nb ? Integer.compare(a, b) : (na ? 1 : -1);
          }
          int c = Double.compare(sb, sa);
          return c != 0 ? c : Integer.compare(a, b);
        });
    int[] sel = new int[k];
    for (int i = 0; i < k; i++) {
      sel[i] = order[i];
    }
    Arrays.sort(sel);
    return sel;
  }
}
