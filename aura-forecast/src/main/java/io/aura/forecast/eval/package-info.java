/**
 * Forecast accuracy measures with the M4 competition's definitions ({@link
 * io.aura.forecast.eval.Accuracy}) and an evaluation runner for M4-format data ({@link
 * io.aura.forecast.eval.M4Evaluation}, {@link io.aura.forecast.eval.M4Data}). Stateless; safe to
 * use from any thread.
 */
package io.aura.forecast.eval;
