package io.aura.ensemble.calibration;

import io.aura.features.InvalidDataException;

/** Shared argument checks of the calibration trainers. */
final class Inputs {
  private Inputs() {}

  static void requireScoresAndLabels(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new InvalidDataException(
          "scores has " + scores.length + " values, labels has " + labels.length);
    }
    if (scores.length == 0) {
      throw new InvalidDataException("no scores to calibrate on");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new InvalidDataException(
            "score "
                + i
                + " is "
                + scores[i]
                + "; calibration needs finite scores (drop missing samples first)");
      }
      if (labels[i] != 0 && labels[i] != 1) {
        throw new InvalidDataException(
            "label " + i + " is " + labels[i] + "; labels must be 0 or 1");
      }
    }
  }
}
