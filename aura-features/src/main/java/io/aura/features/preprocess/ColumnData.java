package io.aura.features.preprocess;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Training input in column-major form with its schema, validated for the scalers: rectangular, at
 * least one row and one column, no infinity, at least one non-NaN value per column.
 */
final class ColumnData {
  final FeatureSchema schema;

  /** {@code columns[j]} holds the non-NaN values of column {@code j}, in row order. */
  final double[][] valid;

  private ColumnData(FeatureSchema schema, double[][] valid) {
    this.schema = schema;
    this.valid = valid;
  }

  static ColumnData fromRows(double[][] rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.length == 0) {
      throw new InvalidDataException("cannot fit a scaler on zero rows");
    }
    int width = requireRow(rows, 0, -1).length;
    if (width == 0) {
      throw new InvalidDataException("cannot fit a scaler on rows with zero features");
    }
    for (int r = 1; r < rows.length; r++) {
      requireRow(rows, r, width);
    }
    FeatureSchema schema = FeatureSchema.positional(width);
    double[][] valid = new double[width][];
    double[] buf = new double[rows.length];
    for (int j = 0; j < width; j++) {
      int n = 0;
      for (int r = 0; r < rows.length; r++) {
        double x = rows[r][j];
        if (Double.isNaN(x)) {
          continue;
        }
        requireFinite(x, schema.name(j), r);
        buf[n++] = x;
      }
      valid[j] = requireSome(Arrays.copyOf(buf, n), schema.name(j), rows.length);
    }
    return new ColumnData(schema, valid);
  }

  static ColumnData fromFrame(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    if (frame.columnCount() == 0) {
      throw new InvalidDataException(
          "cannot fit a scaler on frame " + frame.labels() + ": it has no columns");
    }
    FeatureSchema schema = FeatureSchema.of(frame.columnNames());
    double[][] valid = new double[frame.columnCount()][];
    for (int j = 0; j < valid.length; j++) {
      double[] col = frame.column(j);
      int n = 0;
      for (int r = 0; r < col.length; r++) {
        double x = col[r];
        if (Double.isNaN(x)) {
          continue;
        }
        if (Double.isInfinite(x)) {
          throw new InvalidDataException(
              "cannot fit a scaler: column '"
                  + schema.name(j)
                  + "' of frame "
                  + frame.labels()
                  + " holds "
                  + x
                  + " at row "
                  + r
                  + " (timestamp "
                  + frame.timestamp(r)
                  + ")");
        }
        col[n++] = x;
      }
      valid[j] = requireSome(Arrays.copyOf(col, n), schema.name(j), col.length);
    }
    return new ColumnData(schema, valid);
  }

  private static double[] requireRow(double[][] rows, int r, int width) {
    double[] row = rows[r];
    if (row == null) {
      throw new InvalidDataException("row " + r + " is null");
    }
    if (width >= 0 && row.length != width) {
      throw new InvalidDataException(
          "row " + r + " has " + row.length + " values but row 0 has " + width);
    }
    return row;
  }

  private static void requireFinite(double x, String column, int row) {
    if (Double.isInfinite(x)) {
      throw new InvalidDataException(
          "cannot fit a scaler: column '" + column + "' holds " + x + " at row " + row);
    }
  }

  private static double[] requireSome(double[] values, String column, int rows) {
    if (values.length == 0) {
      throw new InvalidDataException(
          "cannot fit a scaler: column '"
              + column
              + "' has no non-NaN value in its "
              + rows
              + " rows");
    }
    return values;
  }
}
