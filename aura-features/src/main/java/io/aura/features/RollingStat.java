package io.aura.features;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A statistic computed over a rolling window by {@link FeatureSpec.Builder#rolling}. See {@link
 * RollingWindow} for the exact definitions and their handling of missing values.
 *
 * <p>{@link #ZSCORE} is special: it scores the <em>current</em> value against the window of the
 * previous rows (the baseline excludes the value being scored), {@code (x − mean) / max(std, 1e-9 ·
 * max(1, |mean|))}; the floor keeps a constant baseline from dividing by zero and is the only bound
 * applied. It is NaN when the current value is missing or the baseline has fewer than two valid
 * values.
 *
 * <p>Thread safety: immutable. Cost: O(1); the cost of computing each statistic is documented in
 * {@link RollingWindow}.
 */
public final class RollingStat {
  /** Mean of the valid values. */
  public static final RollingStat MEAN = new RollingStat(Kind.MEAN, 0);

  /** Sample standard deviation. */
  public static final RollingStat STD = new RollingStat(Kind.STD, 0);

  /** Minimum. */
  public static final RollingStat MIN = new RollingStat(Kind.MIN, 0);

  /** Maximum. */
  public static final RollingStat MAX = new RollingStat(Kind.MAX, 0);

  /** Median. */
  public static final RollingStat MEDIAN = new RollingStat(Kind.QUANTILE, 0.5);

  /** Median absolute deviation (unscaled). */
  public static final RollingStat MAD = new RollingStat(Kind.MAD, 0);

  /** Adjusted Fisher–Pearson skewness. */
  public static final RollingStat SKEWNESS = new RollingStat(Kind.SKEWNESS, 0);

  /** Bias-corrected excess kurtosis. */
  public static final RollingStat KURTOSIS = new RollingStat(Kind.KURTOSIS, 0);

  /** Z-score of the current value against the previous window. */
  public static final RollingStat ZSCORE = new RollingStat(Kind.ZSCORE, 0);

  /** The kinds of statistic. */
  public enum Kind {
    /** Mean. */
    MEAN,
    /** Standard deviation. */
    STD,
    /** Minimum. */
    MIN,
    /** Maximum. */
    MAX,
    /** A quantile. */
    QUANTILE,
    /** Median absolute deviation. */
    MAD,
    /** Skewness. */
    SKEWNESS,
    /** Kurtosis. */
    KURTOSIS,
    /** Z-score against the previous window. */
    ZSCORE
  }

  private final Kind kind;
  private final double q;

  private RollingStat(Kind kind, double q) {
    this.kind = kind;
    this.q = q;
  }

  /**
   * A quantile, named {@code p<100·q>} (for example {@code p90}, {@code p99.9}); 0.5 is {@link
   * #MEDIAN}.
   *
   * @param q in [0, 1]
   * @return the statistic
   */
  public static RollingStat quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
    }
    return q == 0.5 ? MEDIAN : new RollingStat(Kind.QUANTILE, q);
  }

  /**
   * The kind.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The quantile level, for {@link Kind#QUANTILE}.
   *
   * @return q in [0, 1], or 0 for other kinds
   */
  public double level() {
    return q;
  }

  /**
   * The short name used in feature names: {@code mean}, {@code std}, {@code min}, {@code max},
   * {@code median}, {@code p90}, {@code mad}, {@code skew}, {@code kurt}, {@code zscore}.
   *
   * @return the name
   */
  public String shortName() {
    switch (kind) {
      case QUANTILE:
        return q == 0.5
            ? "median"
            : "p" + BigDecimal.valueOf(q * 100).stripTrailingZeros().toPlainString();
      case SKEWNESS:
        return "skew";
      case KURTOSIS:
        return "kurt";
      default:
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RollingStat && ((RollingStat) o).kind == kind && ((RollingStat) o).q == q;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, q);
  }

  @Override
  public String toString() {
    return shortName();
  }
}
