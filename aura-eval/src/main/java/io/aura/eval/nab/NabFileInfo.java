package io.aura.eval.nab;

import io.aura.features.InvalidDataException;

/**
 * What NAB's own detector interface hands every detector before the first row of a file (NAB's
 * {@code AnomalyDetector} base class receives the file's input minimum and maximum and its
 * probation percentage, with the length known from the file): under {@link NabProtocol#NAB}
 * only, a detector factory of type {@link NabDetectors.WithFileInfo} receives one per file. This
 * is look-ahead — no stream can know its future minimum, maximum or length — which is why the
 * causal protocol never builds one. Immutable; O(1).
 *
 * @param min the smallest value of the whole file
 * @param max the largest value of the whole file
 * @param rows the number of rows in the file
 */
public record NabFileInfo(double min, double max, int rows) {

  /** Validates the fields. */
  public NabFileInfo {
    if (!(Double.isFinite(min) && Double.isFinite(max) && min <= max) || rows < 1) {
      throw new IllegalArgumentException("need finite min <= max and rows >= 1, got " + min + ", " + max + ", " + rows);
    }
  }

  /**
   * The metadata of a file: its minimum, maximum and length. O(rows).
   *
   * @param file the file, at least one row, every value finite
   * @return the metadata
   */
  public static NabFileInfo of(NabFile file) {
    if (file.rows() == 0) {
      throw new InvalidDataException(file.name() + ": no rows");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : file.values()) {
      if (!Double.isFinite(v)) {
        throw new InvalidDataException(file.name() + ": value " + v + " is not finite (NAB's metadata needs every value)");
      }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new NabFileInfo(lo, hi, file.rows());
  }

  /**
   * NAB's probation period of this file, in rows: {@code min(floor(0.15 · rows), 750)} (derived
   * from the length, so also look-ahead).
   *
   * @return the probation length
   */
  public int probationRows() {
    return (int) NabScorer.probationLength(rows);
  }
}
