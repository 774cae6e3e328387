package io.aura.models.detect;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;

/**
 * Fits an {@link AnomalyModel} from training rows. A trainer holds only hyper-parameters and is
 * reusable; fitting never mutates it (Tribuo's trainer/model split).
 *
 * <p>Thread safety: implementations are immutable; {@link #fit} may be called concurrently.
 * Allocation and complexity: documented by each implementation.
 *
 * @param <M> the model type
 */
public interface AnomalyTrainer<M extends AnomalyModel> {

  /**
   * Fits a model on a row-major matrix; features are named {@code f0, f1, ...}.
   *
   * @param rows the training rows, all of equal length, none empty, no NaN
   * @return the fitted model
   * @throws InvalidDataException on empty, ragged or missing (NaN) data
   */
  M fit(double[][] rows);

  /**
   * Fits a model on the columns of a frame; features take the frame's column names.
   *
   * @param frame the frame, no NaN
   * @return the fitted model
   * @throws InvalidDataException on empty or missing (NaN) data
   */
  M fit(Frame frame);
}
