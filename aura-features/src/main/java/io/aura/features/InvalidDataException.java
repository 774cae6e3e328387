package io.aura.features;

/**
 * Thrown when input data break a documented rule: a NaN where none is allowed, a timestamp out of
 * order, a duplicate sample under a rejecting policy, a column that does not exist, rows of the
 * wrong width. The message always names what is wrong and where (series, column, row, timestamp,
 * feature, file or line), so the caller can find the offending value without a debugger.
 *
 * <p>It extends {@link IllegalArgumentException}: bad data are a bad argument. Thread safety:
 * immutable. Cost: an ordinary exception; it is thrown only on bad input, never on the hot path of
 * valid data.
 */
public class InvalidDataException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public InvalidDataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong and where
   * @param cause the underlying failure
   */
  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
