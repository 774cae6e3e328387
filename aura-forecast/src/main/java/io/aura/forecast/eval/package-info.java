/**
 * Forecast accuracy measures with the M4 competition's definitions ({@link
 * io.aura.forecast.eval.Accuracy}). Stateless; safe to use from any thread. The M4 data loader and
 * evaluation runner live in the evaluation artifact {@code aura-eval} ({@code io.aura.eval.m4}).
 */
package io.aura.forecast.eval;
