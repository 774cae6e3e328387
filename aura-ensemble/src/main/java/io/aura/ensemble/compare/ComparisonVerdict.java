package io.aura.ensemble.compare;

/**
 * The outcome of a champion/challenger comparison (see {@link ChampionChallenger} for the tests and
 * the decision rule). Differences are always {@code challenger − champion}.
 *
 * <p>Thread safety: immutable. Allocation: none.
 *
 * @param outcome which pipeline is better, or neither
 * @param pairs the pairs used (both values present)
 * @param missingPairs the pairs dropped because either value was NaN
 * @param championMean mean of the champion's values
 * @param challengerMean mean of the challenger's values
 * @param meanDifference {@code challengerMean − championMean}
 * @param welchT Welch's t statistic of {@code challenger − champion}
 * @param welchDf Welch–Satterthwaite degrees of freedom (NaN when both variances are 0)
 * @param welchPValue two-sided p-value of Welch's t-test
 * @param cohensD Cohen's d: the mean difference over the pooled standard deviation
 * @param ciLower lower end of the bootstrap percentile interval of the mean difference
 * @param ciUpper upper end of that interval
 * @param confidence the interval's nominal coverage
 */
public record ComparisonVerdict(
    Outcome outcome,
    int pairs,
    int missingPairs,
    double championMean,
    double challengerMean,
    double meanDifference,
    double welchT,
    double welchDf,
    double welchPValue,
    double cohensD,
    double ciLower,
    double ciUpper,
    double confidence) {

  /** Which pipeline the comparison favours. */
  public enum Outcome {
    /** The challenger is significantly better: promote it. */
    CHALLENGER_BETTER,
    /** The champion is significantly better: keep it. */
    CHAMPION_BETTER,
    /** No significant difference at the chosen level: keep the champion. */
    NO_SIGNIFICANT_DIFFERENCE
  }

  /**
   * @return whether the challenger should replace the champion
   */
  public boolean promoteChallenger() {
    return outcome == Outcome.CHALLENGER_BETTER;
  }
}
