package io.aura.ensemble.compare;

import io.aura.ensemble.compare.ComparisonVerdict.Outcome;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Champion/challenger comparison of two pipelines scored on the same stream: per-sample losses
 * (lower is better) or scores (higher is better), one value per sample and pipeline, aligned by
 * index.
 *
 * <ul>
 *   <li><b>Welch's t-test</b> of the two means (Welch 1947, "The generalization of Student's
 *       problem when several different population variances are involved", Biometrika 34): {@code t
 *       = (m₂ − m₁) / sqrt(s₁²/n₁ + s₂²/n₂)} with Welch–Satterthwaite degrees of freedom; the
 *       two-sided p-value from Commons Math's {@link TDistribution}. It treats the samples as
 *       independent; for positively correlated pairs (two pipelines on one stream usually are) it
 *       is conservative.
 *   <li><b>Cohen's d</b> (Cohen 1988, "Statistical Power Analysis for the Behavioral Sciences",
 *       §2.2): {@code (m₂ − m₁) / s_pooled}, {@code s_pooled² = ((n₁−1)s₁² + (n₂−1)s₂²) /
 *       (n₁+n₂−2)}.
 *   <li><b>Bootstrap percentile interval</b> of the mean difference (Efron &amp; Tibshirani 1993,
 *       "An Introduction to the Bootstrap", ch. 13): the per-sample differences are resampled
 *       <em>as pairs</em>, so the interval respects the pairing. With {@code blockLength > 1} the
 *       resampling is the moving-block bootstrap (Künsch 1989, "The jackknife and the bootstrap for
 *       general stationary observations", Ann. Stat. 17), for autocorrelated streams. Percentiles
 *       are interpolated linearly between order statistics. Seeded: the same inputs and seed give
 *       the same interval on every JVM ({@link SplittableRandom}).
 * </ul>
 *
 * <p>Decision rule: the difference is significant when Welch's p-value is below {@code alpha}
 * <em>and</em> the bootstrap interval excludes 0; the better side is then the one the direction
 * favours. Otherwise the verdict is {@link Outcome#NO_SIGNIFICANT_DIFFERENCE}.
 *
 * <p>Missing values: a pair in which either value is NaN is dropped and counted in the verdict.
 * Infinite values are rejected.
 *
 * <p>Thread safety: immutable; {@link #compare} may run concurrently. Allocation: {@link #compare}
 * allocates the {@code n} differences and the {@code resamples} bootstrap means. Complexity:
 * O(resamples · n).
 */
public final class ChampionChallenger {
  /** Whether smaller or larger per-sample values are better. */
  public enum Direction {
    /** Values are losses: smaller is better. */
    LOWER_IS_BETTER,
    /** Values are scores: larger is better. */
    HIGHER_IS_BETTER
  }

  private final Direction direction;
  private final double alpha;
  private final double confidence;
  private final int resamples;
  private final int blockLength;
  private final long seed;

  private ChampionChallenger(Builder b) {
    this.direction = b.direction;
    this.alpha = b.alpha;
    this.confidence = b.confidence;
    this.resamples = b.resamples;
    this.blockLength = b.blockLength;
    this.seed = b.seed;
  }

  /**
   * A builder: losses (lower is better), alpha 0.05, 95% interval, 2000 resamples, block length 1,
   * seed 42.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Compares the two pipelines.
   *
   * @param champion the current pipeline's per-sample values; NaN = missing
   * @param challenger the candidate's per-sample values on the same samples; NaN = missing
   * @return the verdict
   * @throws InvalidDataException if the lengths differ, a value is infinite, or fewer than 2
   *     complete pairs (fewer than {@code 2·blockLength}) remain
   */
  public ComparisonVerdict compare(double[] champion, double[] challenger) {
    Objects.requireNonNull(champion, "champion");
    Objects.requireNonNull(challenger, "challenger");
    if (champion.length != challenger.length) {
      throw new InvalidDataException(
          "champion has "
              + champion.length
              + " values, challenger has "
              + challenger.length
              + "; they must be scored on the same samples");
    }
    int len = champion.length;
    double[] diff = new double[len];
    int n = 0;
    double sum1 = 0;
    double sum2 = 0;
    for (int i = 0; i < len; i++) {
      double a = champion[i];
      double b = challenger[i];
      if (Double.isInfinite(a) || Double.isInfinite(b)) {
        throw new InvalidDataException(
            "sample " + i + " is infinite (champion " + a + ", challenger " + b + ")");
      }
      if (Double.isNaN(a) || Double.isNaN(b)) {
        continue;
      }
      sum1 += a;
      sum2 += b;
      diff[n++] = b - a;
    }
    if (n < 2) {
      throw new InvalidDataException(
          "need at least 2 samples where both pipelines have a value, got " + n + " of " + len);
    }
    if (n < 2 * blockLength) {
      throw new InvalidDataException(
          "the block bootstrap needs at least 2 blocks: "
              + n
              + " complete pairs, block length "
              + blockLength);
    }
    double m1 = sum1 / n;
    double m2 = sum2 / n;
    double ss1 = 0;
    double ss2 = 0;
    for (int i = 0; i < len; i++) {
      double a = champion[i];
      double b = challenger[i];
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        ss1 += (a - m1) * (a - m1);
        ss2 += (b - m2) * (b - m2);
      }
    }
    double v1 = ss1 / (n - 1);
    double v2 = ss2 / (n - 1);
    double delta = m2 - m1;
    double[] welch = welch(delta, v1, n, v2, n);
    double pooled = Math.sqrt(((n - 1) * v1 + (n - 1) * v2) / (2.0 * n - 2));
    double d =
        pooled > 0
            ? delta / pooled
            : (delta == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, delta));
    double[] ci = bootstrapInterval(diff, n);
    boolean significant = welch[2] < alpha && (ci[0] > 0 || ci[1] < 0);
    Outcome outcome = Outcome.NO_SIGNIFICANT_DIFFERENCE;
    if (significant) {
      boolean challengerLarger = delta > 0;
      boolean challengerBetter = (direction == Direction.HIGHER_IS_BETTER) == challengerLarger;
      outcome = challengerBetter ? Outcome.CHALLENGER_BETTER : Outcome.CHAMPION_BETTER;
    }
    return new ComparisonVerdict(
        outcome,
        n,
        len - n,
        m1,
        m2,
        delta,
        welch[0],
        welch[1],
        welch[2],
        d,
        ci[0],
        ci[1],
        confidence);
  }

  /**
   * Welch's t-test of {@code mean₂ − mean₁ = delta}.
   *
   * @return {t, df, two-sided p}
   */
  static double[] welch(double delta, double v1, int n1, double v2, int n2) {
    double a = v1 / n1;
    double b = v2 / n2;
    double se2 = a + b;
    if (se2 == 0) {
      return delta == 0
          ? new double[] {0, Double.NaN, 1}
          : new double[] {Math.copySign(Double.POSITIVE_INFINITY, delta), Double.NaN, 0};
    }
    double t = delta / Math.sqrt(se2);
    double df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
    double p = 2 * new TDistribution(null, df).cumulativeProbability(-Math.abs(t));
    return new double[] {t, df, Math.min(1, p)};
  }

  private double[] bootstrapInterval(double[] diff, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int block = blockLength;
    int starts = n - block + 1;
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double s = 0;
      int filled = 0;
      while (filled < n) {
        int start = rnd.nextInt(starts);
        int take = Math.min(block, n - filled);
        for (int k = 0; k < take; k++) {
          s += diff[start + k];
        }
        filled += take;
      }
      means[r] = s / n;
    }
    Arrays.sort(means);
    double tail = (1 - confidence) / 2;
    return new double[] {percentile(means, tail), percentile(means, 1 - tail)};
  }

  /** Linear interpolation between order statistics (Hyndman &amp; Fan 1996, type 7). */
  static double percentile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  @Override
  public String toString() {
    return "ChampionChallenger{"
        + direction
        + ", alpha="
        + alpha
        + ", confidence="
        + confidence
        + ", resamples="
        + resamples
        + ", blockLength="
        + blockLength
        + ", seed="
        + seed
        + "}";
  }

  /** Builder of {@link ChampionChallenger}. Thread safety: not thread-safe. */
  public static final class Builder {
    private Direction direction = Direction.LOWER_IS_BETTER;
    private double alpha = 0.05;
    private double confidence = 0.95;
    private int resamples = 2000;
    private int blockLength = 1;
    private long seed = 42;

    private Builder() {}

    /**
     * @param direction whether smaller or larger values are better
     * @return this builder
     */
    public Builder direction(Direction direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
      return this;
    }

    /**
     * @param alpha significance level of Welch's test, in (0, 0.5]
     * @return this builder
     */
    public Builder alpha(double alpha) {
      if (!(alpha > 0 && alpha <= 0.5)) {
        throw new IllegalArgumentException("alpha must be in (0, 0.5], got " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    /**
     * @param confidence nominal coverage of the bootstrap interval, in [0.5, 1)
     * @return this builder
     */
    public Builder confidence(double confidence) {
      if (!(confidence >= 0.5 && confidence < 1)) {
        throw new IllegalArgumentException("confidence must be in [0.5, 1), got " + confidence);
      }
      this.confidence = confidence;
      return this;
    }

    /**
     * @param resamples bootstrap resamples, at least 100
     * @return this builder
     */
    public Builder resamples(int resamples) {
      if (resamples < 100) {
        throw new IllegalArgumentException("resamples must be at least 100, got " + resamples);
      }
      this.resamples = resamples;
      return this;
    }

    /**
     * @param blockLength moving-block length for autocorrelated streams; 1 = ordinary bootstrap
     * @return this builder
     */
    public Builder blockLength(int blockLength) {
      if (blockLength < 1) {
        throw new IllegalArgumentException("blockLength must be at least 1, got " + blockLength);
      }
      this.blockLength = blockLength;
      return this;
    }

    /**
     * @param seed seed of the bootstrap's random stream
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @return the comparison
     */
    public ChampionChallenger build() {
      return new ChampionChallenger(this);
    }
  }
}
