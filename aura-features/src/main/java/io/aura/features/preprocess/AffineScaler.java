package io.aura.features.preprocess;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * The shared body of the fitted scalers: {@code y = (x - center) / scale} per feature. Immutable;
 * the arrays are never exposed.
 */
abstract class AffineScaler implements Scaler {
  private final FeatureSchema schema;
  private final double[] centers;
  private final double[] scales;
  private final int[] validCounts;

  AffineScaler(FeatureSchema schema, double[] centers, double[] scales, int[] validCounts) {
    this.schema = Objects.requireNonNull(schema, "schema");
    int d = schema.size();
    if (centers.length != d || scales.length != d || validCounts.length != d) {
      throw new InvalidDataException(
          "scaler parameters have lengths "
              + centers.length
              + " (centres), "
              + scales.length
              + " (scales), "
              + validCounts.length
              + " (counts) but the schema has "
              + d
              + " features");
    }
    for (int j = 0; j < d; j++) {
      if (!Double.isFinite(centers[j])) {
        throw new InvalidDataException(
            "scaler centre of feature '" + schema.name(j) + "' is " + centers[j]);
      }
      if (!(scales[j] > 0) || !Double.isFinite(scales[j])) {
        throw new InvalidDataException(
            "scaler scale of feature '"
                + schema.name(j)
                + "' is "
                + scales[j]
                + "; it must be finite and strictly positive");
      }
    }
    this.centers = centers;
    this.scales = scales;
    this.validCounts = validCounts;
  }

  @Override
  public final int dimension() {
    return centers.length;
  }

  @Override
  public final FeatureSchema schema() {
    return schema;
  }

  @Override
  public final double[] centers() {
    return centers.clone();
  }

  @Override
  public final double[] scales() {
    return scales.clone();
  }

  @Override
  public final int[] validCounts() {
    return validCounts.clone();
  }

  private void checkRow(double[] row, double[] out) {
    if (row.length != centers.length) {
      throw new InvalidDataException(
          "row has "
              + row.length
              + " values but the scaler was fitted on "
              + centers.length
              + " features "
              + schema);
    }
    if (out.length < centers.length) {
      throw new InvalidDataException(
          "output array has "
              + out.length
              + " slots but the scaler produces "
              + centers.length
              + " values");
    }
  }

  @Override
  public final void transform(double[] row, double[] out) {
    checkRow(row, out);
    for (int j = 0; j < centers.length; j++) {
      out[j] = (row[j] - centers[j]) / scales[j];
    }
  }

  @Override
  public final void inverseTransform(double[] row, double[] out) {
    checkRow(row, out);
    for (int j = 0; j < centers.length; j++) {
      out[j] = row[j] * scales[j] + centers[j];
    }
  }

  @Override
  public final double[][] transform(double[][] rows) {
    Objects.requireNonNull(rows, "rows");
    double[][] result = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      double[] row = rows[r];
      if (row == null || row.length != centers.length) {
        throw new InvalidDataException(
            "row "
                + r
                + " has "
                + (row == null ? "no" : String.valueOf(row.length))
                + " values but the scaler was fitted on "
                + centers.length
                + " features "
                + schema);
      }
      double[] out = new double[centers.length];
      transform(row, out);
      result[r] = out;
    }
    return result;
  }

  @Override
  public final Frame transform(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    schema.requireSameAs(FeatureSchema.of(frame.columnNames()));
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    for (int j = 0; j < centers.length; j++) {
      double[] col = frame.column(j);
      double c = centers[j];
      double s = scales[j];
      for (int r = 0; r < col.length; r++) {
        col[r] = (col[r] - c) / s;
      }
      cols.put(schema.name(j), col);
    }
    return Frame.of(frame.labels(), frame.timestamps(), cols);
  }

  @Override
  public boolean equals(Object o) {
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    AffineScaler s = (AffineScaler) o;
    return schema.equals(s.schema)
        && Arrays.equals(centers, s.centers)
        && Arrays.equals(scales, s.scales)
        && Arrays.equals(validCounts, s.validCounts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * schema.hashCode() + Arrays.hashCode(centers)) + Arrays.hashCode(scales);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + centers.length + " features " + schema + "]";
  }
}
