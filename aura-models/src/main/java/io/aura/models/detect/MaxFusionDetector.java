package io.aura.models.detect;

/**
 * Fuses several detectors of the same series by the maximum of their scores: an alarm from any
 * member is an alarm of the fusion. Meaningful when the members' scores share a unit — typically
 * each member is an {@link AnomalyLikelihood}, so the fusion is the maximum of likelihoods
 * (equivalently the minimum tail probability). This is the max rule of score-level fusion (Kittler,
 * Hatef, Duin &amp; Matas 1998, "On combining classifiers", IEEE TPAMI 20(3)).
 *
 * <p>Score: the largest non-NaN member score; NaN when every member returns NaN. Every member is
 * updated on every row, so all stay causal and in step.
 *
 * <p>Thread safety: not thread-safe. Allocation: none per update. Complexity: the sum of the
 * members' costs.
 */
public final class MaxFusionDetector implements StreamingDetector {
  private final StreamingDetector[] members;

  /**
   * Fuses the given detectors (owned by the fusion from now on).
   *
   * @param members at least one detector, none null
   */
  public MaxFusionDetector(StreamingDetector... members) {
    if (members == null || members.length == 0) {
      throw new IllegalArgumentException("need at least one member detector");
    }
    for (int i = 0; i < members.length; i++) {
      if (members[i] == null) {
        throw new IllegalArgumentException("member " + i + " is null");
      }
    }
    this.members = members.clone();
  }

  @Override
  public double update(long epochMillis, double value) {
    double best = Double.NaN;
    for (StreamingDetector m : members) {
      double s = m.update(epochMillis, value);
      if (!Double.isNaN(s) && !(s <= best)) {
        best = s;
      }
    }
    return best;
  }

  @Override
  public void reset() {
    for (StreamingDetector m : members) {
      m.reset();
    }
  }
}
