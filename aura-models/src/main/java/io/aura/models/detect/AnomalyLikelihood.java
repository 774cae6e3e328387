package io.aura.models.detect;

import io.aura.features.RollingWindow;
import org.apache.commons.math3.special.Erf;

/**
 * Anomaly likelihood post-processing (Ahmad, Lavin, Purdy &amp; Agha 2017, "Unsupervised real-time
 * anomaly detection for streaming data", Neurocomputing 262, section 4.2): turns the raw scores of
 * any {@link StreamingDetector} into how improbable their recent level is.
 *
 * <p>The raw scores of the base detector are modelled as Gaussian with the mean {@code μ} and
 * standard deviation {@code σ} of the last {@code longWindow} raw scores; the short-term average
 * {@code m} of the last {@code shortWindow} raw scores (including the current one) is compared with
 * that distribution. The tail probability is {@code Q = P(N(μ, σ²) ≥ m) = ½ erfc((m − μ) / (σ√2))}
 * and the likelihood is {@code L = 1 − Q}. Choice of this implementation: the long-term
 * distribution is the history <em>before</em> the short window, so a burst of high raw scores does
 * not immediately raise its own baseline. {@code σ} is floored at {@code 1e-4 · max(1, |μ|)} so a
 * constant history does not divide by zero.
 *
 * <p>Score returned: {@code −log10(Q)}, clipped to [0, 12] — monotone in L, 0 when the recent level
 * is ordinary, 5 when {@code L = 0.99999} (the paper's alarm threshold is L ≥ 0.99999, i.e. score ≥
 * 5). NaN while the base detector warms up or the history holds fewer than {@code warmUp} raw
 * scores, and for a missing value (the base's NaN does not enter the history).
 *
 * <p>Thread safety: not thread-safe. Allocation: none per update ({@code 8 × (longWindow +
 * shortWindow)} bytes at construction). Complexity: O(shortWindow) per update plus the base
 * detector's cost.
 */
public final class AnomalyLikelihood implements StreamingDetector {
  /** The largest score returned, {@code −log10} of a tail probability of 1e-12. */
  public static final double MAX_SCORE = 12.0;

  private final StreamingDetector base;
  private final int warmUp;
  private final RollingWindow history;
  private final double[] recent;
  private int head;
  private int count;

  /**
   * Wraps a detector.
   *
   * @param base the detector whose raw scores are assessed (owned by this wrapper from now on)
   * @param longWindow raw scores in the long-term distribution, at least 2 (the paper: 8640)
   * @param shortWindow raw scores in the short-term average, at least 1 (the paper: 10)
   * @param warmUp raw scores in the long-term history before the first verdict, in [2, longWindow]
   */
  public AnomalyLikelihood(StreamingDetector base, int longWindow, int shortWindow, int warmUp) {
    if (base == null) {
      throw new IllegalArgumentException("base detector is null");
    }
    if (longWindow < 2 || shortWindow < 1) {
      throw new IllegalArgumentException(
          "need longWindow >= 2 and shortWindow >= 1, got " + longWindow + ", " + shortWindow);
    }
    if (warmUp < 2 || warmUp > longWindow) {
      throw new IllegalArgumentException("warmUp must be in [2, longWindow], got " + warmUp);
    }
    this.base = base;
    this.warmUp = warmUp;
    this.history = RollingWindow.of(longWindow, 2, false, false);
    this.recent = new double[shortWindow];
  }

  /**
   * The score for a short-term average {@code m} under {@code N(μ, σ²)}: {@code −log10 Q}, clipped
   * to [0, {@link #MAX_SCORE}].
   *
   * @param m the short-term average
   * @param mu the long-term mean
   * @param sigma the long-term standard deviation, positive
   * @return the score
   */
  public static double tailScore(double m, double mu, double sigma) {
    double q = 0.5 * Erf.erfc((m - mu) / (sigma * Math.sqrt(2)));
    if (!(q > 0)) {
      return MAX_SCORE;
    }
    return Math.min(MAX_SCORE, Math.max(0, -Math.log10(q)));
  }

  @Override
  public double update(long epochMillis, double value) {
    double raw = base.update(epochMillis, value);
    if (Double.isNaN(raw)) {
      return Double.NaN;
    }
    if (count == recent.length) {
      history.push(recent[head]); // the score leaving the short window joins the long-term history
    } else {
      count++;
    }
    recent[head] = raw;
    head = (head + 1) % recent.length;
    if (history.validCount() < warmUp) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += recent[i];
    }
    double mu = history.mean();
    double sigma = Math.max(history.std(), 1e-4 * Math.max(1, Math.abs(mu)));
    return tailScore(sum / count, mu, sigma);
  }

  @Override
  public void reset() {
    base.reset();
    history.clear();
    head = 0;
    count = 0;
  }
}
