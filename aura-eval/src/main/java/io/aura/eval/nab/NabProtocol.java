package io.aura.eval.nab;

/**
 * What a detector may know when it runs over a NAB file. Every figure Aura reports on NAB is
 * labelled with its protocol.
 */
public enum NabProtocol {
  /**
   * Causal: the detector sees the rows so far and nothing else — the only protocol a streaming
   * deployment can run. Only {@link NabDetectors.Causal} factories are accepted.
   */
  CAUSAL,
  /**
   * NAB's own protocol, under which NAB's scoreboard was made: before the first row a detector
   * may read the file's minimum, maximum and length ({@link NabFileInfo}). Both kinds of factory
   * are accepted; a causal one simply does not use the metadata.
   */
  NAB
}
