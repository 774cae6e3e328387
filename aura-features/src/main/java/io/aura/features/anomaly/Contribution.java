package io.aura.features.anomaly;

/**
 * One feature's share of an anomaly score.
 *
 * <p>Thread safety: immutable. Allocation and complexity: O(1).
 *
 * @param feature the feature name ({@code "f<index>"} when the model was fitted without names)
 * @param index the feature's column index
 * @param weight the share, non-negative; the weights of one explanation sum to 1 (or are all 0 when
 *     nothing can be attributed)
 */
public record Contribution(String feature, int index, double weight) {}
