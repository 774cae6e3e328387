package io.aura.models.persist;

/**
 * The value types a model-file section can hold, with their one-byte codes on disk. Codes are part
 * of the file format and never change meaning.
 *
 * <p>Thread safety: immutable. Allocation and complexity: O(1).
 */
enum SectionType {
  /** One 32-bit integer. */
  INT(1),
  /** One 64-bit integer. */
  LONG(2),
  /** One IEEE-754 double. */
  DOUBLE(3),
  /** One UTF-8 string. */
  STRING(4),
  /** An array of 32-bit integers. */
  INT_ARRAY(5),
  /** An array of 64-bit integers. */
  LONG_ARRAY(6),
  /** An array of doubles. */
  DOUBLE_ARRAY(7),
  /** An array of floats. */
  FLOAT_ARRAY(8),
  /** Raw bytes (e.g. a nested model file). */
  BYTES(9),
  /** A list of UTF-8 strings. */
  STRING_LIST(10);

  final int code;

  SectionType(int code) {
    this.code = code;
  }

  static SectionType ofCode(int code) {
    for (SectionType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
