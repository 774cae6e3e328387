/**
 * The M4 forecasting competition's data format ({@link io.aura.eval.m4.M4Data}) and an evaluation
 * runner with the competition's metrics ({@link io.aura.eval.m4.M4Evaluation}). Stateless; safe to
 * use from any thread.
 */
package io.aura.eval.m4;
