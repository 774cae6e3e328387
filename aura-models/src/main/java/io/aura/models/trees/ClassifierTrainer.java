package io.aura.models.trees;

/**
 * Trains a {@link Classifier} from labelled rows. Implementations live in their own packages so
 * that optional native libraries load only when used: {@code
 * io.aura.models.trees.xgboost.XGBoostClassifierTrainer}, {@code
 * io.aura.models.trees.lightgbm.LightGbmClassifierTrainer} (boosting) and {@code
 * io.aura.models.trees.tribuo.TribuoForestTrainer} (random forests and extra trees, which average).
 *
 * <p>Thread safety: implementations are immutable and may train several models concurrently.
 * Allocation and complexity: those of the underlying library, plus one export and import of the
 * model (O(model size)).
 */
public interface ClassifierTrainer {
  /**
   * Trains with early stopping on {@code validation}.
   *
   * @param train training rows (oldest rows of a {@link TimeOrderedSplit})
   * @param validation validation rows for early stopping, or null to train all rounds
   * @return the immutable classifier
   */
  Classifier fit(LabeledRows train, LabeledRows validation);

  /**
   * Trains all rounds without validation.
   *
   * @param train training rows
   * @return the immutable classifier
   */
  default Classifier fit(LabeledRows train) {
    return fit(train, null);
  }
}
