package io.aura.ensemble.drift;

/**
 * Data drift of one feature: a current window against the training reference.
 *
 * <p>Missing values (NaN) are ignored by every measure and counted here. When the window holds no
 * valid value of the feature, the three measures are NaN and the feature is not flagged; when it
 * holds fewer than {@link DriftOptions#minSamples()}, the measures are computed but the feature is
 * not flagged ({@link #enoughData()} is false). See {@link DriftOptions} for the flag's rule.
 *
 * <p>Thread safety: immutable. Allocation: none.
 *
 * @param feature the feature's name
 * @param index the feature's column in the schema
 * @param referenceCount valid values in the reference
 * @param currentCount valid values in the current window
 * @param currentMissing NaN values in the current window
 * @param ksStatistic two-sample Kolmogorov–Smirnov statistic in [0, 1], or NaN
 * @param ksPValue its p-value, or NaN
 * @param psi Population Stability Index over the reference's quantile bins, or NaN
 * @param wasserstein 1-Wasserstein distance, in the feature's unit, or NaN
 * @param wassersteinScaled {@code wasserstein} divided by the reference's standard deviation (0 if
 *     both are 0, +∞ if only the deviation is 0), or NaN
 * @param enoughData whether {@code currentCount >= minSamples}
 * @param psiDrifted whether PSI reached its threshold (and there were enough data)
 * @param ksDrifted whether the KS rule fired (and there were enough data)
 */
public record DriftReport(
    String feature,
    int index,
    int referenceCount,
    int currentCount,
    int currentMissing,
    double ksStatistic,
    double ksPValue,
    double psi,
    double wasserstein,
    double wassersteinScaled,
    boolean enoughData,
    boolean psiDrifted,
    boolean ksDrifted) {

  /** The conventional reading of a PSI value (Siddiqi 2006): below 0.1, 0.1 to 0.25, above. */
  public enum PsiBand {
    /** PSI &lt; 0.1: no meaningful shift. */
    STABLE,
    /** 0.1 &le; PSI &lt; 0.25: a moderate shift, worth watching. */
    MODERATE,
    /** PSI &ge; 0.25: a significant shift. */
    SIGNIFICANT,
    /** PSI is NaN (no valid current value). */
    UNDEFINED
  }

  /**
   * The conventional band of this report's PSI, independent of the configured threshold.
   *
   * @return the band
   */
  public PsiBand psiBand() {
    if (Double.isNaN(psi)) {
      return PsiBand.UNDEFINED;
    }
    return psi < 0.1 ? PsiBand.STABLE : psi < 0.25 ? PsiBand.MODERATE : PsiBand.SIGNIFICANT;
  }

  /**
   * Whether the feature is flagged as drifted: {@code psiDrifted() || ksDrifted()}.
   *
   * @return the flag
   */
  public boolean drifted() {
    return psiDrifted || ksDrifted;
  }

  /**
   * The fraction of the window's values that were missing.
   *
   * @return {@code currentMissing / (currentCount + currentMissing)}, NaN for an empty window
   */
  public double currentMissingFraction() {
    int total = currentCount + currentMissing;
    return total == 0 ? Double.NaN : (double) currentMissing / total;
  }
}
