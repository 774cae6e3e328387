package io.aura.models.detect;

import io.aura.features.InvalidDataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation shared by detectors: training matrices and scored rows. Every failure is an {@link
 * InvalidDataException} naming the row and feature.
 *
 * <p>Thread safety: stateless. Allocation: none (except {@link #defaultNames}). Complexity: O(rows
 * × features) for a matrix, O(features) for a row.
 */
public final class TrainingRows {
  private TrainingRows() {}

  /**
   * Checks a training matrix: non-empty, rectangular, at least one feature, every value finite.
   *
   * @param rows the matrix
   * @param what a name for the data in messages, e.g. {@code "Isolation Forest training data"}
   * @return the feature count
   * @throws InvalidDataException if the matrix is empty, ragged or holds NaN or infinity
   */
  public static int check(double[][] rows, String what) {
    return check(rows, what, null);
  }

  /**
   * Checks a training matrix whose columns have names, which messages then include.
   *
   * @param rows the matrix
   * @param what a name for the data in messages
   * @param names the column names, or null
   * @return the feature count
   * @throws InvalidDataException if the matrix is empty, ragged or holds NaN or infinity
   */
  public static int check(double[][] rows, String what, List<String> names) {
    if (rows == null || rows.length == 0) {
      throw new InvalidDataException(what + " is empty: at least one row is needed");
    }
    if (rows[0] == null || rows[0].length == 0) {
      throw new InvalidDataException(what + ": row 0 has no features");
    }
    int d = rows[0].length;
    for (int i = 0; i < rows.length; i++) {
      double[] r = rows[i];
      if (r == null || r.length != d) {
        throw new InvalidDataException(
            what
                + ": row "
                + i
                + " has "
                + (r == null ? 0 : r.length)
                + " features, expected "
                + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(r[j])) {
          throw new InvalidDataException(
              what
                  + ": row "
                  + i
                  + ", feature "
                  + j
                  + (names != null && j < names.size() ? " (" + names.get(j) + ")" : "")
                  + " is "
                  + (Double.isNaN(r[j]) ? "NaN (missing)" : r[j])
                  + "; impute or drop missing values before fitting");
        }
      }
    }
    return d;
  }

  /**
   * Checks a row to score: the expected length and no NaN or infinity.
   *
   * @param row the row
   * @param featureCount the expected length
   * @throws InvalidDataException if the row is wrong
   */
  public static void checkRow(double[] row, int featureCount) {
    if (row.length != featureCount) {
      throw new InvalidDataException(
          "row has " + row.length + " features, the model expects " + featureCount);
    }
    for (int j = 0; j < featureCount; j++) {
      if (!Double.isFinite(row[j])) {
        throw new InvalidDataException(
            "feature "
                + j
                + " of the row is "
                + (Double.isNaN(row[j]) ? "NaN (missing)" : row[j])
                + "; this model cannot score missing or infinite values");
      }
    }
  }

  /**
   * Names {@code f0 ... f(d-1)}.
   *
   * @param d the feature count
   * @return the names
   */
  public static List<String> defaultNames(int d) {
    List<String> names = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      names.add("f" + j);
    }
    return List.copyOf(names);
  }
}
