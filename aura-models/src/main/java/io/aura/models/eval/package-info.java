/**
 * Evaluation: confusion-matrix metrics, ROC AUC and average precision, event-wise precision and
 * recall, and the Numenta Anomaly Benchmark scorer ({@link io.aura.models.eval.NabScorer}) with a
 * runner for streaming detectors ({@link io.aura.models.eval.NabBenchmark}) and an honest selection
 * protocol, choosing on half the files and reporting on the other ({@link
 * io.aura.models.eval.NabSelection}).
 */
package io.aura.models.eval;
