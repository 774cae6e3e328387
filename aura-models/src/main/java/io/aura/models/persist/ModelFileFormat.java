package io.aura.models.persist;

/** Constants of the container layout shared by the writer and the reader. */
final class ModelFileFormat {
  /** PNG-style magic: a non-ASCII byte, a name, CR LF and ^Z to catch text-mode mangling. */
  static final byte[] MAGIC = {(byte) 0x89, 'A', 'U', 'R', 'A', '\r', '\n', 0x1A};

  static final int FORMAT_VERSION = 1;
  static final int MAX_NAME_BYTES = 255;
  static final int CHECKSUM_BYTES = 4;

  /** Magic, format version (u16), kind length (u16), model version (u32), payload length (u64). */
  static final int FIXED_HEADER_BYTES = MAGIC.length + 2 + 2 + 4 + 8;

  private ModelFileFormat() {}
}
