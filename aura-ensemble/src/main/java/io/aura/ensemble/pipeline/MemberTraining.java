package io.aura.ensemble.pipeline;

import io.aura.models.trees.LabeledRows;
import java.util.List;
import java.util.Objects;

/**
 * A pipeline's training rows as its members are fitted on them: selected, robust-scaled features
 * in time order per series, split by time (rows before the cut train, later rows validate).
 *
 * <ul>
 *   <li>{@link #train()} / {@link #validation()}: {@link FeatureRow#modelRow()} form with the class
 *       index of each row's label ({@link MemberContext#classes()}); normal rows thinned to every
 *       {@code normalStride}-th plus every pre-incident row.
 *   <li>{@link #normalRows()}: every kept normal training row in {@link FeatureRow#imputedRow()}
 *       form (finite), for members fitted on normal behaviour only.
 * </ul>
 *
 * <p>Thread safety: immutable view; members must not modify the arrays. Allocation: none.
 * Complexity: O(1) accessors.
 */
public final class MemberTraining {
  private final MemberContext context;
  private final LabeledRows train;
  private final LabeledRows validation;
  private final List<double[]> normalRows;

  MemberTraining(MemberContext context, LabeledRows train, LabeledRows validation, List<double[]> normalRows) {
    this.context = Objects.requireNonNull(context, "context");
    this.train = Objects.requireNonNull(train, "train");
    this.validation = validation;
    this.normalRows = List.copyOf(normalRows);
  }

  /** @return the pipeline the member joins */
  public MemberContext context() {
    return context;
  }

  /** @return the labelled training rows */
  public LabeledRows train() {
    return train;
  }

  /** @return the labelled validation rows, or null when nothing is held out */
  public LabeledRows validation() {
    return validation;
  }

  /** @return the normal training rows, imputed (read only) */
  public List<double[]> normalRows() {
    return normalRows;
  }
}
