package io.aura.models.detect;

/**
 * EWMA control chart (Roberts 1959, "Control chart tests based on geometric moving averages"; Lucas
 * &amp; Saccucci 1990) with an online in-control baseline.
 *
 * <p>Chart statistic {@code z_t = λ x_t + (1 − λ) z_{t−1}}. The in-control mean {@code μ} and
 * variance {@code σ²} are exponentially weighted moments of the past values with a slower smoothing
 * {@code α} (incremental form of Finch 2009), updated after each value is scored. Score: {@code
 * |z_t − μ| / (σ √(λ / (2 − λ)))}, the chart's distance from the centre line in units of its
 * asymptotic standard deviation, in [0, ∞); the classic alarm is score ≥ L = 3. NaN during the
 * first {@code warmUp} valid values and for a missing value (which changes no state).
 *
 * <p>Thread safety: not thread-safe. Allocation: none. Complexity: O(1) per update.
 */
public final class EwmaDetector implements StreamingDetector {
  private final double lambda;
  private final double alpha;
  private final int warmUp;
  private double z;
  private double mean;
  private double var;
  private long seen;

  /**
   * Creates the detector.
   *
   * @param lambda the chart's smoothing, in (0, 1]; 0.2 is customary (1 gives a Shewhart chart)
   * @param alpha the baseline's smoothing, in (0, 1); e.g. 0.01 for a memory of about 100 rows
   * @param warmUp valid values observed before the first score, at least 2
   */
  public EwmaDetector(double lambda, double alpha, int warmUp) {
    if (!(lambda > 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in (0, 1], got " + lambda);
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    if (warmUp < 2) {
      throw new IllegalArgumentException("warmUp must be at least 2, got " + warmUp);
    }
    this.lambda = lambda;
    this.alpha = alpha;
    this.warmUp = warmUp;
  }

  @Override
  public double update(long epochMillis, double value) {
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    double score = Double.NaN;
    if (seen == 0) {
      z = value;
      mean = value;
      var = 0;
    } else {
      z = lambda * value + (1 - lambda) * z;
      if (seen >= warmUp) {
        double sd = Math.sqrt(var * lambda / (2 - lambda));
        double floor = 1e-9 * Math.max(1, Math.abs(mean));
        score = Math.abs(z - mean) / Math.max(sd, floor);
      }
      double diff = value - mean;
      double incr = alpha * diff;
      mean += incr;
      var = (1 - alpha) * (var + diff * incr);
    }
    seen++;
    return score;
  }

  @Override
  public void reset() {
    z = mean = var = 0;
    seen = 0;
  }
}
