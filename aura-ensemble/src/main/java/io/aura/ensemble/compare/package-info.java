/**
 * Champion/challenger comparison of two pipelines' per-sample losses or scores on the same stream:
 * {@link io.aura.ensemble.compare.ChampionChallenger} produces a {@link
 * io.aura.ensemble.compare.ComparisonVerdict} from Welch's t-test, Cohen's d and a seeded (block)
 * bootstrap percentile interval of the mean difference.
 */
package io.aura.ensemble.compare;
