/**
 * Isolation Forest (Liu, Ting &amp; Zhou 2008) and Extended Isolation Forest (Hariri et al. 2019):
 * {@link io.aura.models.forest.IsolationForestTrainer} fits an immutable {@link
 * io.aura.models.forest.IsolationForest} stored in flat primitive arrays; {@link
 * io.aura.models.forest.GroupedIsolationForest} fits one forest per group; {@link
 * io.aura.models.forest.ShingledIsolationForestDetector} runs a forest over a univariate stream.
 */
package io.aura.models.forest;
