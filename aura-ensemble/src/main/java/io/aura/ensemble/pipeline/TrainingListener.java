package io.aura.ensemble.pipeline;

/**
 * Receives the progress of {@link DetectionPipelineTrainer#fit}: one call per stage (features,
 * selection, scaling, classifier, forest, validation) with a one-line summary. The trainer also
 * logs the same lines through SLF4J at INFO.
 *
 * <p>Thread safety: called from the training thread only. Allocation and complexity: whatever the
 * implementation does; keep it cheap.
 */
@FunctionalInterface
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = (stage, detail) -> {};

  /**
   * A stage finished.
   *
   * @param stage short stage name, e.g. {@code "classifier"}
   * @param detail what it did, with figures
   */
  void stage(String stage, String detail);
}
