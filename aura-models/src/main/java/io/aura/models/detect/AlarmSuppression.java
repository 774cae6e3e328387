package io.aura.models.detect;

/**
 * Alarm suppression after a detection: once the wrapped detector's score reaches {@code
 * alarmScore}, the next {@code quietRows} rows score 0, so one incident raises one alarm rather
 * than an alarm on every row until the baseline has adapted.
 *
 * <p>A refractory period after a detection, motivated by how NAB scores (Lavin &amp; Ahmad 2015,
 * "Evaluating real-time anomaly detection algorithms — the Numenta Anomaly Benchmark", IEEE ICMLA):
 * only the earliest detection in a labelled window is credited, while every detection row outside a
 * window is charged as a false positive. The wrapped detector keeps learning during the quiet
 * period; only its output is silenced.
 *
 * <p>Score: the wrapped score, or 0 during a quiet period; NaN when the wrapped detector returns
 * NaN. Thread safety: not thread-safe. Allocation: none per update. Complexity: O(1) plus the
 * wrapped detector's cost.
 */
public final class AlarmSuppression implements StreamingDetector {
  private final StreamingDetector base;
  private final double alarmScore;
  private final int quietRows;
  private int quietLeft;

  /**
   * Wraps a detector.
   *
   * @param base the detector (owned by this wrapper from now on)
   * @param alarmScore the score that counts as a detection and starts a quiet period, finite
   * @param quietRows rows silenced after a detection, at least 1
   */
  public AlarmSuppression(StreamingDetector base, double alarmScore, int quietRows) {
    if (base == null) {
      throw new IllegalArgumentException("base detector is null");
    }
    if (!Double.isFinite(alarmScore)) {
      throw new IllegalArgumentException("alarmScore must be finite, got " + alarmScore);
    }
    if (quietRows < 1) {
      throw new IllegalArgumentException("quietRows must be at least 1, got " + quietRows);
    }
    this.base = base;
    this.alarmScore = alarmScore;
    this.quietRows = quietRows;
  }

  @Override
  public double update(long epochMillis, double value) {
    double s = base.update(epochMillis, value);
    if (quietLeft > 0) {
      quietLeft--;
      return Double.isNaN(s) ? s : 0;
    }
    if (s >= alarmScore) {
      quietLeft = quietRows;
    }
    return s;
  }

  @Override
  public void reset() {
    base.reset();
    quietLeft = 0;
  }
}
