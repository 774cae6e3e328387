package io.aura.models.detect;

import io.aura.features.InvalidDataException;
import io.aura.features.Quantiles;
import io.aura.features.anomaly.Severity;
import java.util.Arrays;

/**
 * Four increasing score cuts that turn a score into a {@link Severity}: {@code score < low} is
 * {@link Severity#NONE}, {@code low <= score < medium} is {@link Severity#LOW}, and so on up to
 * {@link Severity#CRITICAL} for {@code score >= critical}. A NaN score is {@link Severity#NONE}
 * (missing is never an alarm).
 *
 * <p>{@link #fromContamination} calibrates the cuts from training scores: with contamination {@code
 * c}, the anomaly threshold is the empirical {@code 1 − c} quantile of the training scores (so a
 * fraction {@code c} of the training rows would be flagged, as in Liu, Ting &amp; Zhou 2008 and
 * scikit-learn's {@code contamination}), and the medium, high and critical cuts are the {@code 1 −
 * c/2}, {@code 1 − c/5} and {@code 1 − c/20} quantiles.
 *
 * <p>Thread safety: immutable. Allocation: {@link #fromContamination} copies and sorts the scores
 * (O(n log n)); {@link #severity} is O(1) with no allocation.
 *
 * @param low the anomaly threshold
 * @param medium the medium cut, {@code >= low}
 * @param high the high cut, {@code >= medium}
 * @param critical the critical cut, {@code >= high}
 */
public record SeverityScale(double low, double medium, double high, double critical) {

  /** Validates that the cuts are finite or infinite (not NaN) and non-decreasing. */
  public SeverityScale {
    if (Double.isNaN(low) || Double.isNaN(medium) || Double.isNaN(high) || Double.isNaN(critical)) {
      throw new IllegalArgumentException("severity cuts must not be NaN");
    }
    if (!(low <= medium && medium <= high && high <= critical)) {
      throw new IllegalArgumentException(
          "severity cuts must be non-decreasing, got low="
              + low
              + " medium="
              + medium
              + " high="
              + high
              + " critical="
              + critical);
    }
  }

  /**
   * Calibrates the cuts from scores of the training rows.
   *
   * @param trainingScores the scores, none NaN, at least one
   * @param contamination the expected fraction of anomalies, in (0, 0.5]
   * @return the scale
   * @throws InvalidDataException if the scores are empty or hold NaN
   */
  public static SeverityScale fromContamination(double[] trainingScores, double contamination) {
    if (!(contamination > 0 && contamination <= 0.5)) {
      throw new IllegalArgumentException("contamination must be in (0, 0.5], got " + contamination);
    }
    return fromQuantiles(
        trainingScores,
        1 - contamination,
        1 - contamination / 2,
        1 - contamination / 5,
        1 - contamination / 20);
  }

  /**
   * Calibrates the cuts as quantiles of training scores: each cut is the empirical quantile
   * (Hyndman &amp; Fan 1996, definition 7) of the scores at the given level. O(n log n).
   *
   * @param trainingScores the scores, none NaN, at least one
   * @param low the quantile level of the anomaly threshold, in [0, 1]
   * @param medium the level of the medium cut, in [low, 1]
   * @param high the level of the high cut, in [medium, 1]
   * @param critical the level of the critical cut, in [high, 1]
   * @return the scale
   * @throws InvalidDataException if the scores are empty or hold NaN
   */
  public static SeverityScale fromQuantiles(
      double[] trainingScores, double low, double medium, double high, double critical) {
    if (!(low >= 0 && low <= medium && medium <= high && high <= critical && critical <= 1)) {
      throw new IllegalArgumentException(
          "quantile levels must be non-decreasing in [0, 1], got "
              + low
              + ", "
              + medium
              + ", "
              + high
              + ", "
              + critical);
    }
    if (trainingScores.length == 0) {
      throw new InvalidDataException("cannot calibrate severities: no training scores");
    }
    double[] s = trainingScores.clone();
    for (int i = 0; i < s.length; i++) {
      if (Double.isNaN(s[i])) {
        throw new InvalidDataException(
            "cannot calibrate severities: training score " + i + " is NaN");
      }
    }
    Arrays.sort(s);
    return new SeverityScale(
        Quantiles.ofSorted(s, s.length, low), Quantiles.ofSorted(s, s.length, medium),
        Quantiles.ofSorted(s, s.length, high), Quantiles.ofSorted(s, s.length, critical));
  }

  /**
   * The severity of a score.
   *
   * @param score the score; NaN gives {@link Severity#NONE}
   * @return the severity
   */
  public Severity severity(double score) {
    if (!(score >= low)) {
      return Severity.NONE;
    }
    if (score >= critical) {
      return Severity.CRITICAL;
    }
    if (score >= high) {
      return Severity.HIGH;
    }
    if (score >= medium) {
      return Severity.MEDIUM;
    }
    return Severity.LOW;
  }
}
