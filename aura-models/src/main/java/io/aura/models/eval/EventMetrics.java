package io.aura.models.eval;

import io.aura.features.InvalidDataException;

/**
 * Event-wise (range-based) precision and recall: anomalies are ranges of rows, and a detector is
 * judged on ranges rather than rows, as operators see incidents.
 *
 * <p>Definitions (the existence-reward case of Tatbul et al. 2018, "Precision and Recall for Time
 * Series", NeurIPS, with α = 1 for recall and no size or position bias): the true events are the
 * maximal runs of true rows in {@code truth}, the predicted events the maximal runs in {@code
 * predicted}. Event recall = the fraction of true events overlapped by at least one predicted row;
 * event precision = the fraction of predicted events that overlap at least one true row (0 when
 * nothing is predicted). F1 is their harmonic mean.
 *
 * <p>Thread safety: immutable. Allocation: none beyond the record. Complexity: O(n).
 *
 * @param trueEvents the number of true events
 * @param detectedEvents the true events overlapped by a prediction
 * @param predictedEvents the number of predicted events
 * @param correctPredictedEvents the predicted events overlapping a true event
 */
public record EventMetrics(
    int trueEvents, int detectedEvents, int predictedEvents, int correctPredictedEvents) {

  /**
   * Compares predicted rows with true rows event by event.
   *
   * @param truth true rows (anomaly ranges)
   * @param predicted predicted rows, same length
   * @return the counts
   * @throws InvalidDataException if lengths differ
   */
  public static EventMetrics of(boolean[] truth, boolean[] predicted) {
    if (truth.length != predicted.length) {
      throw new InvalidDataException(
          truth.length + " truth rows but " + predicted.length + " predicted rows");
    }
    return new EventMetrics(
        countRuns(truth), countOverlapping(truth, predicted),
        countRuns(predicted), countOverlapping(predicted, truth));
  }

  private static int countRuns(boolean[] x) {
    int runs = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] && (i == 0 || !x[i - 1])) {
        runs++;
      }
    }
    return runs;
  }

  /** Runs of {@code a} that share at least one row with {@code b}. */
  private static int countOverlapping(boolean[] a, boolean[] b) {
    int hit = 0;
    int i = 0;
    while (i < a.length) {
      if (!a[i]) {
        i++;
        continue;
      }
      boolean overlap = false;
      while (i < a.length && a[i]) {
        overlap |= b[i];
        i++;
      }
      if (overlap) {
        hit++;
      }
    }
    return hit;
  }

  /**
   * Detected true events / true events (0 when there are none).
   *
   * @return event recall
   */
  public double recall() {
    return trueEvents == 0 ? 0 : (double) detectedEvents / trueEvents;
  }

  /**
   * Correct predicted events / predicted events (0 when nothing was predicted).
   *
   * @return event precision
   */
  public double precision() {
    return predictedEvents == 0 ? 0 : (double) correctPredictedEvents / predictedEvents;
  }

  /**
   * Harmonic mean of event precision and recall.
   *
   * @return event F1
   */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
