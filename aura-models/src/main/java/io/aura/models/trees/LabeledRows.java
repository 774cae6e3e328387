package io.aura.models.trees;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * An immutable table of float32 feature rows with integer class labels {@code 0..K-1}, in time
 * order when used with {@link TimeOrderedSplit}. NaN features mean missing.
 *
 * <p>Thread safety: immutable. Allocation: {@link #of} copies the input once (row-major, one flat
 * array); {@link #slice} shares it. Complexity: O(rows × features) to build, O(1) per access.
 */
public final class LabeledRows {
  private final float[] flat;
  private final int[] labels;
  private final int from;
  private final int size;
  private final int numFeatures;
  private final int numClasses;

  private LabeledRows(
      float[] flat, int[] labels, int from, int size, int numFeatures, int numClasses) {
    this.flat = flat;
    this.labels = labels;
    this.from = from;
    this.size = size;
    this.numFeatures = numFeatures;
    this.numClasses = numClasses;
  }

  /**
   * Copies rows and labels; the number of classes is {@code max(labels) + 1}, at least 2.
   *
   * @param rows feature rows, all of the same length
   * @param labels one class label per row, non-negative
   * @return the table
   * @throws InvalidDataException naming the first bad row
   */
  public static LabeledRows of(float[][] rows, int[] labels) {
    int max = 1;
    for (int y : labels) {
      max = Math.max(max, y);
    }
    return of(rows, labels, max + 1);
  }

  /**
   * Copies rows and labels with an explicit number of classes.
   *
   * @param rows feature rows, all of the same length (at least 1)
   * @param labels one label per row in {@code [0, numClasses)}
   * @param numClasses number of classes, at least 2
   * @return the table
   * @throws InvalidDataException naming the first bad row
   */
  public static LabeledRows of(float[][] rows, int[] labels, int numClasses) {
    if (rows.length != labels.length) {
      throw new InvalidDataException(rows.length + " rows but " + labels.length + " labels");
    }
    if (rows.length == 0) {
      throw new InvalidDataException("no rows");
    }
    if (numClasses < 2) {
      throw new InvalidDataException("need at least 2 classes, got " + numClasses);
    }
    int f = rows[0].length;
    if (f < 1) {
      throw new InvalidDataException("row 0 has no features");
    }
    float[] flat = new float[Math.multiplyExact(rows.length, f)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != f) {
        throw new InvalidDataException(
            "row " + i + " has " + rows[i].length + " features, row 0 has " + f);
      }
      if (labels[i] < 0 || labels[i] >= numClasses) {
        throw new InvalidDataException(
            "row " + i + ": label " + labels[i] + " outside [0, " + numClasses + ")");
      }
      System.arraycopy(rows[i], 0, flat, i * f, f);
    }
    return new LabeledRows(flat, labels.clone(), 0, rows.length, f, numClasses);
  }

  /**
   * Checks that validation rows fit these training rows: same number of classes and features.
   *
   * @param validation validation rows, or null (nothing to check)
   * @throws io.aura.features.InvalidDataException naming both sets when they differ
   */
  public void requireCompatible(LabeledRows validation) {
    if (validation != null
        && (validation.numClasses() != numClasses()
            || validation.featureCount() != featureCount())) {
      throw new io.aura.features.InvalidDataException(
          "validation rows " + validation + " do not match training rows " + this);
    }
  }

  /**
   * @return number of rows
   */
  public int size() {
    return size;
  }

  /**
   * @return features per row
   */
  public int featureCount() {
    return numFeatures;
  }

  /**
   * @return number of classes K (labels are in {@code [0, K)})
   */
  public int numClasses() {
    return numClasses;
  }

  /**
   * @param i row index
   * @return the row's label
   */
  public int label(int i) {
    return labels[from + check(i)];
  }

  /**
   * @param i row index
   * @return a copy of the row's features
   */
  public float[] row(int i) {
    int o = (from + check(i)) * numFeatures;
    return Arrays.copyOfRange(flat, o, o + numFeatures);
  }

  /**
   * @return a new row-major array of {@code size() × featureCount()} features
   */
  public float[] rowMajor() {
    return Arrays.copyOfRange(flat, from * numFeatures, (from + size) * numFeatures);
  }

  /**
   * @return labels as floats (new array), as the native libraries take them
   */
  public float[] labelsAsFloat() {
    float[] y = new float[size];
    for (int i = 0; i < size; i++) {
      y[i] = labels[from + i];
    }
    return y;
  }

  /**
   * @return number of rows of each class (new array)
   */
  public int[] classCounts() {
    int[] c = new int[numClasses];
    for (int i = 0; i < size; i++) {
      c[labels[from + i]]++;
    }
    return c;
  }

  /**
   * Rows {@code [start, end)}, sharing storage.
   *
   * @param start first row, inclusive
   * @param end last row, exclusive
   * @return the slice (same number of classes)
   */
  public LabeledRows slice(int start, int end) {
    if (start < 0 || end > size || start >= end) {
      throw new IndexOutOfBoundsException(
          "slice [" + start + ", " + end + ") of " + size + " rows");
    }
    return new LabeledRows(flat, labels, from + start, end - start, numFeatures, numClasses);
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("row " + i + " of " + size);
    }
    return i;
  }

  @Override
  public String toString() {
    return "LabeledRows{rows="
        + size
        + ", features="
        + numFeatures
        + ", classes="
        + numClasses
        + "}";
  }
}
