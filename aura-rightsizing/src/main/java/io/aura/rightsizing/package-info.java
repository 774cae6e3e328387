/**
 * Right-sizing: CPU and memory requests and limits for containers.
 *
 * <ul>
 *   <li>{@link io.aura.rightsizing.VpaRecommender}: the Kubernetes Vertical Pod Autoscaler's
 *       recommender re-implemented from its documentation and behaviour (decaying exponential
 *       histograms, percentiles, confidence multipliers, OOM bump), streaming, O(1) per sample;
 *   <li>{@link io.aura.rightsizing.KrrSimple}: Robusta KRR's "simple" strategy;
 *   <li>{@link io.aura.rightsizing.ForecastRecommender}: forecasts of hourly peaks with a
 *       split-conformal margin calibrated on rolling-origin backtests to a violation budget, with
 *       guards and a fallback to VPA's answer;
 *   <li>{@link io.aura.rightsizing.Recommendation}: the output (request, limit and its policy,
 *       bounds, expected violation rate, confidence with reasons, provenance), printed as a table
 *       or JSON by {@link io.aura.rightsizing.RecommendationReport}.
 * </ul>
 *
 * <p>Units: CPU in cores, memory in bytes, times in epoch milliseconds. NaN means missing
 * everywhere: a NaN sample is skipped and counted, never treated as zero.
 */
package io.aura.rightsizing;
