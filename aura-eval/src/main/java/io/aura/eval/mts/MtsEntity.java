package io.aura.eval.mts;

import java.util.List;

/**
 * One entity (machine) of a multivariate corpus: its train and test rows, the test labels and,
 * when the corpus has them, the operators' responsible metrics per anomaly segment.
 *
 * @param name the entity name (file name without {@code .txt[.gz]})
 * @param train the train rows
 * @param test the test rows, continuing after train
 * @param labels one per test row, true = anomalous
 * @param interpretation the labelled segments with their metrics, empty when absent
 */
public record MtsEntity(String name, double[][] train, double[][] test, boolean[] labels, List<Segment> interpretation) {

  /**
   * A labelled segment with the metrics judged responsible.
   *
   * @param start first test row, 0-based
   * @param end one past the last row
   * @param metrics 0-based metric indices
   */
  public record Segment(int start, int end, int[] metrics) {}
}
