package io.aura.models.persist;

import java.io.IOException;

/**
 * A model file that cannot be trusted: wrong magic bytes, unsupported format or model version,
 * another model kind, lengths that do not fit the file, a checksum mismatch, or a missing or
 * mistyped section. The message names the file and what is wrong.
 *
 * <p>Thread safety: immutable after construction. Allocation and complexity: O(1).
 */
public class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where
   */
  public ModelFileException(String message) {
    super(message);
  }
}
