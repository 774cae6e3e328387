package io.aura.io.exposition;

import io.aura.features.InvalidDataException;

/**
 * A line of Prometheus text or OpenMetrics input that breaks the format. The message names the line
 * number (1-based), what was expected, and shows the start of the offending line.
 *
 * <p>Thread safety: immutable. Allocation: created only on the error path.
 */
public final class ExpositionFormatException extends InvalidDataException {
  private static final long serialVersionUID = 1L;

  private final long lineNumber;

  /**
   * Creates the exception.
   *
   * @param lineNumber the 1-based line number
   * @param message what is wrong, including the line number
   */
  public ExpositionFormatException(long lineNumber, String message) {
    super(message);
    this.lineNumber = lineNumber;
  }

  /**
   * The 1-based number of the offending line.
   *
   * @return the line number
   */
  public long lineNumber() {
    return lineNumber;
  }
}
