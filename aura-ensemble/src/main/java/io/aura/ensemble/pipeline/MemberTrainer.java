package io.aura.ensemble.pipeline;

/**
 * Fits one {@link PipelineMember} on a pipeline's training rows ({@link MemberTraining}). Holds
 * the member's settings; {@link #toString()} names every one of them (it is recorded in the
 * pipeline's provenance). {@link DetectionPipelineTrainer} fits its members in the declared order.
 *
 * <p>Contract for implementations: immutable and thread-safe; {@link #fit} may run concurrently.
 */
@FunctionalInterface
public interface MemberTrainer {
  /**
   * @param training the pipeline's training rows and context
   * @return the fitted member
   */
  PipelineMember fit(MemberTraining training);
}
