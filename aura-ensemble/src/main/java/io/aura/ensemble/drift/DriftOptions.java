package io.aura.ensemble.drift;

/**
 * Settings of data-drift detection: how the Population Stability Index bins the reference, and the
 * thresholds that raise a feature's {@link DriftReport#drifted() drifted} flag.
 *
 * <p>A feature is flagged when the current window holds at least {@link #minSamples()} valid values
 * and either
 *
 * <ul>
 *   <li>{@code PSI >= psiThreshold} (default 0.25; the common rule of thumb reads PSI &lt; 0.1 as
 *       stable, 0.1–0.25 as a moderate shift and &gt; 0.25 as a significant shift — Siddiqi 2006),
 *       or
 *   <li>the KS p-value is below {@code ksAlpha} (default 0.01) <em>and</em> the KS statistic is at
 *       least {@code ksMinStatistic} (default 0.1). The effect-size floor keeps very large windows
 *       from flagging shifts that are significant but negligible.
 * </ul>
 *
 * The Wasserstein distance is reported, not thresholded: its unit is the feature's. PSI bins are
 * the reference's {@code bins}-quantiles (default 10, deciles); a proportion below {@code
 * psiEpsilon} (default 1e-4) is raised to it, so an empty bin contributes a finite term (at most
 * about {@code p·ln(p/1e-4)} for the other side's proportion {@code p}).
 *
 * <p>Thread safety: immutable. Allocation: none after building.
 */
public final class DriftOptions {
  private static final DriftOptions DEFAULTS = builder().build();

  private final int bins;
  private final double psiEpsilon;
  private final double psiThreshold;
  private final double ksAlpha;
  private final double ksMinStatistic;
  private final int minSamples;
  private final int maxReferenceValues;

  private DriftOptions(Builder b) {
    this.bins = b.bins;
    this.psiEpsilon = b.psiEpsilon;
    this.psiThreshold = b.psiThreshold;
    this.ksAlpha = b.ksAlpha;
    this.ksMinStatistic = b.ksMinStatistic;
    this.minSamples = b.minSamples;
    this.maxReferenceValues = b.maxReferenceValues;
  }

  /**
   * The defaults: 10 bins, epsilon 1e-4, PSI 0.25, KS alpha 0.01 with statistic at least 0.1, at
   * least 30 current values.
   *
   * @return the default options
   */
  public static DriftOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @return the number of quantile bins for PSI, at least 2
   */
  public int bins() {
    return bins;
  }

  /**
   * @return the floor for a bin proportion in PSI
   */
  public double psiEpsilon() {
    return psiEpsilon;
  }

  /**
   * @return the PSI at or above which a feature is flagged
   */
  public double psiThreshold() {
    return psiThreshold;
  }

  /**
   * @return the KS p-value below which (with the effect floor) a feature is flagged
   */
  public double ksAlpha() {
    return ksAlpha;
  }

  /**
   * @return the smallest KS statistic that may flag a feature
   */
  public double ksMinStatistic() {
    return ksMinStatistic;
  }

  /**
   * @return the fewest valid current values for which a feature may be flagged
   */
  public int minSamples() {
    return minSamples;
  }

  /**
   * @return the most sorted values a {@link DriftReference} keeps per feature; {@code
   *     Integer.MAX_VALUE} (the default) keeps them all
   */
  public int maxReferenceValues() {
    return maxReferenceValues;
  }

  @Override
  public String toString() {
    return "DriftOptions{bins="
        + bins
        + ", psiEpsilon="
        + psiEpsilon
        + ", psiThreshold="
        + psiThreshold
        + ", ksAlpha="
        + ksAlpha
        + ", ksMinStatistic="
        + ksMinStatistic
        + ", minSamples="
        + minSamples
        + (maxReferenceValues == Integer.MAX_VALUE
            ? ""
            : ", maxReferenceValues=" + maxReferenceValues)
        + "}";
  }

  /** Builder of {@link DriftOptions}. Thread safety: not thread-safe; use from one thread. */
  public static final class Builder {
    private int bins = 10;
    private double psiEpsilon = 1e-4;
    private double psiThreshold = 0.25;
    private double ksAlpha = 0.01;
    private double ksMinStatistic = 0.1;
    private int minSamples = 30;
    private int maxReferenceValues = Integer.MAX_VALUE;

    private Builder() {}

    /**
     * @param bins quantile bins for PSI, in [2, 1000]
     * @return this builder
     */
    public Builder bins(int bins) {
      if (bins < 2 || bins > 1000) {
        throw new IllegalArgumentException("bins must be in [2, 1000], got " + bins);
      }
      this.bins = bins;
      return this;
    }

    /**
     * @param epsilon floor for a bin proportion, in (0, 0.01]
     * @return this builder
     */
    public Builder psiEpsilon(double epsilon) {
      if (!(epsilon > 0 && epsilon <= 0.01)) {
        throw new IllegalArgumentException("psiEpsilon must be in (0, 0.01], got " + epsilon);
      }
      this.psiEpsilon = epsilon;
      return this;
    }

    /**
     * @param threshold PSI at or above which a feature is flagged, positive
     * @return this builder
     */
    public Builder psiThreshold(double threshold) {
      if (!(threshold > 0)) {
        throw new IllegalArgumentException("psiThreshold must be positive, got " + threshold);
      }
      this.psiThreshold = threshold;
      return this;
    }

    /**
     * @param alpha KS significance level, in (0, 1)
     * @return this builder
     */
    public Builder ksAlpha(double alpha) {
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("ksAlpha must be in (0, 1), got " + alpha);
      }
      this.ksAlpha = alpha;
      return this;
    }

    /**
     * @param minStatistic smallest KS statistic that may flag a feature, in [0, 1]
     * @return this builder
     */
    public Builder ksMinStatistic(double minStatistic) {
      if (!(minStatistic >= 0 && minStatistic <= 1)) {
        throw new IllegalArgumentException("ksMinStatistic must be in [0, 1], got " + minStatistic);
      }
      this.ksMinStatistic = minStatistic;
      return this;
    }

    /**
     * @param minSamples fewest valid current values for which a feature may be flagged, at least 1
     * @return this builder
     */
    public Builder minSamples(int minSamples) {
      if (minSamples < 1) {
        throw new IllegalArgumentException("minSamples must be at least 1, got " + minSamples);
      }
      this.minSamples = minSamples;
      return this;
    }

    /**
     * Caps the memory of a {@link DriftReference}: a feature with more valid training values keeps
     * only this many evenly spaced order statistics (a deterministic quantile summary). PSI bins
     * are still computed from all values; the KS statistic and the Wasserstein distance are then
     * computed against the summary (KS within about {@code 1/maxReferenceValues} of the exact
     * value), and the KS p-value uses the true number of training values.
     *
     * @param maxReferenceValues at least 100
     * @return this builder
     */
    public Builder maxReferenceValues(int maxReferenceValues) {
      if (maxReferenceValues < 100) {
        throw new IllegalArgumentException(
            "maxReferenceValues must be at least 100, got " + maxReferenceValues);
      }
      this.maxReferenceValues = maxReferenceValues;
      return this;
    }

    /**
     * @return the options
     */
    public DriftOptions build() {
      return new DriftOptions(this);
    }
  }
}
