/**
 * The Numenta Anomaly Benchmark: the corpus loader ({@link io.aura.eval.nab.NabCorpus}), NAB's
 * scorer reproduced exactly ({@link io.aura.eval.nab.NabScorer}), a runner for streaming detectors
 * ({@link io.aura.eval.nab.NabBenchmark}) under two protocols ({@link io.aura.eval.nab.NabProtocol}:
 * causal, or NAB's own, where a typed factory receives each file's {@link
 * io.aura.eval.nab.NabFileInfo}), and an honest selection protocol, choosing on half the files and
 * reporting on the other ({@link io.aura.eval.nab.NabSelection}), with the two halves' mean and its
 * bootstrap interval ({@link io.aura.eval.nab.NabTwoFold}).
 */
package io.aura.eval.nab;
