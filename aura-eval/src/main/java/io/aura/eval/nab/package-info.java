/**
 * The Numenta Anomaly Benchmark: the corpus loader ({@link io.aura.eval.nab.NabCorpus}), NAB's
 * scorer reproduced exactly ({@link io.aura.eval.nab.NabScorer}), a runner for streaming detectors
 * ({@link io.aura.eval.nab.NabBenchmark}) and an honest selection protocol, choosing on half the
 * files and reporting on the other ({@link io.aura.eval.nab.NabSelection}).
 */
package io.aura.eval.nab;
