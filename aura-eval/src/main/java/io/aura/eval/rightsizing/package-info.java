/**
 * The right-sizing evaluation: loaders of the Bitbrains GWA-T-12 traces, the causal replay of
 * the VPA-equivalent, KRR and forecast-aware recommenders (VPA's updater rule, margin sweeps) and
 * the frontiers with a paired bootstrap against VPA. See docs/rightsizing.md.
 */
package io.aura.eval.rightsizing;
