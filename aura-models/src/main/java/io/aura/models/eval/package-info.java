/**
 * Evaluation metrics: confusion-matrix metrics, ROC AUC and average precision, event-wise precision
 * and recall. The Numenta Anomaly Benchmark scorer and runner live in the evaluation artifact
 * {@code aura-eval} ({@code io.aura.eval.nab}), outside the library jars.
 */
package io.aura.models.eval;
