package io.aura.models.persist;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Writes Aura's model-file container: a versioned, checksummed sequence of named, typed sections,
 * shared by every model kind (Isolation Forest, tree ensembles, pipelines).
 *
 * <p>Layout (big-endian, {@link java.io.DataOutputStream} primitives):
 *
 * <pre>
 *   magic            8 bytes  0x89 'A' 'U' 'R' 'A' '\r' '\n' 0x1A
 *   format version   u16      1
 *   kind length      u16      at most 255, then the kind in UTF-8 (e.g. "aura.isolation-forest")
 *   model version    u32      the model kind's own schema version
 *   payload length   u64
 *   payload          u32 section count, then per section:
 *                      u16 name length (at most 255) + UTF-8 name, u8 type code ({@link SectionType}),
 *                      u32 element count (bytes for STRING/BYTES), the elements
 *   checksum         u32      CRC32C (Castagnoli) of every preceding byte
 * </pre>
 *
 * CRC32C detects every error burst up to 32 bits, hence every single-byte corruption anywhere in
 * the file. Java serialization is never used.
 *
 * <p>{@link #writeAtomically} writes a temporary file in the destination's directory, forces it to
 * disk, renames it over the destination with {@code ATOMIC_MOVE} and forces the directory, so a
 * reader sees the old file or the new one, never a torn one. A save that fails with an exception
 * deletes its temporary file; a process killed mid-save (kill -9, power loss) leaves it behind as
 * {@code .<name><digits>.tmp} beside the destination. Such files are never read by loaders and
 * may be deleted by the operator at any time when no save is running (the kill-during-save test
 * checks that nothing else is ever left).
 *
 * <p>Thread safety: not thread-safe (a builder). Allocation: the payload is buffered in memory
 * (about the size of the file). Complexity: O(file size).
 */
public final class ModelFileWriter {
  private final String kind;
  private final int modelVersion;
  private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(payload);
  private final Set<String> names = new HashSet<>();
  private int sections;

  private ModelFileWriter(String kind, int modelVersion) {
    this.kind = kind;
    this.modelVersion = modelVersion;
  }

  /**
   * Starts a model file.
   *
   * @param kind the model kind, 1..255 UTF-8 bytes, e.g. {@code "aura.isolation-forest"}
   * @param modelVersion the kind's schema version, at least 1
   * @return the writer
   */
  public static ModelFileWriter create(String kind, int modelVersion) {
    int len = kind.getBytes(StandardCharsets.UTF_8).length;
    if (len < 1 || len > ModelFileFormat.MAX_NAME_BYTES) {
      throw new IllegalArgumentException("model kind must be 1..255 UTF-8 bytes: '" + kind + "'");
    }
    if (modelVersion < 1) {
      throw new IllegalArgumentException("model version must be at least 1, got " + modelVersion);
    }
    return new ModelFileWriter(kind, modelVersion);
  }

  private DataOutputStream begin(String name, SectionType type, int count) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    if (b.length < 1 || b.length > ModelFileFormat.MAX_NAME_BYTES) {
      throw new IllegalArgumentException("section name must be 1..255 UTF-8 bytes: '" + name + "'");
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException("duplicate section '" + name + "'");
    }
    try {
      out.writeShort(b.length);
      out.write(b);
      out.writeByte(type.code);
      out.writeInt(count);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a byte array
    }
    sections++;
    return out;
  }

  /**
   * Adds an int section.
   *
   * @param name the unique section name
   * @param v the value
   * @return this writer
   */
  public ModelFileWriter putInt(String name, int v) {
    try {
      begin(name, SectionType.INT, 1).writeInt(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a long section.
   *
   * @param name the unique section name
   * @param v the value
   * @return this writer
   */
  public ModelFileWriter putLong(String name, long v) {
    try {
      begin(name, SectionType.LONG, 1).writeLong(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a double section (bit-exact, NaN payloads included).
   *
   * @param name the unique section name
   * @param v the value
   * @return this writer
   */
  public ModelFileWriter putDouble(String name, double v) {
    try {
      begin(name, SectionType.DOUBLE, 1).writeLong(Double.doubleToRawLongBits(v));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a string section.
   *
   * @param name the unique section name
   * @param v the value
   * @return this writer
   */
  public ModelFileWriter putString(String name, String v) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    try {
      begin(name, SectionType.STRING, b.length).write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds an int-array section.
   *
   * @param name the unique section name
   * @param v the values
   * @return this writer
   */
  public ModelFileWriter putInts(String name, int[] v) {
    try {
      DataOutputStream o = begin(name, SectionType.INT_ARRAY, v.length);
      for (int x : v) {
        o.writeInt(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a long-array section.
   *
   * @param name the unique section name
   * @param v the values
   * @return this writer
   */
  public ModelFileWriter putLongs(String name, long[] v) {
    try {
      DataOutputStream o = begin(name, SectionType.LONG_ARRAY, v.length);
      for (long x : v) {
        o.writeLong(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a double-array section (bit-exact).
   *
   * @param name the unique section name
   * @param v the values
   * @return this writer
   */
  public ModelFileWriter putDoubles(String name, double[] v) {
    try {
      DataOutputStream o = begin(name, SectionType.DOUBLE_ARRAY, v.length);
      for (double x : v) {
        o.writeLong(Double.doubleToRawLongBits(x));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a float-array section (bit-exact).
   *
   * @param name the unique section name
   * @param v the values
   * @return this writer
   */
  public ModelFileWriter putFloats(String name, float[] v) {
    try {
      DataOutputStream o = begin(name, SectionType.FLOAT_ARRAY, v.length);
      for (float x : v) {
        o.writeInt(Float.floatToRawIntBits(x));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a raw-bytes section, e.g. a nested model file.
   *
   * @param name the unique section name
   * @param v the bytes
   * @return this writer
   */
  public ModelFileWriter putBytes(String name, byte[] v) {
    try {
      begin(name, SectionType.BYTES, v.length).write(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Adds a string-list section.
   *
   * @param name the unique section name
   * @param v the strings
   * @return this writer
   */
  public ModelFileWriter putStrings(String name, List<String> v) {
    try {
      DataOutputStream o = begin(name, SectionType.STRING_LIST, v.size());
      for (String s : v) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * The complete file as bytes (header, payload, checksum).
   *
   * @return a new array
   */
  public byte[] toBytes() {
    byte[] kindBytes = kind.getBytes(StandardCharsets.UTF_8);
    byte[] body = payload.toByteArray();
    int payloadLength = 4 + body.length;
    int total =
        ModelFileFormat.FIXED_HEADER_BYTES + kindBytes.length + payloadLength
            + ModelFileFormat.CHECKSUM_BYTES;
    ByteBuffer buf = ByteBuffer.allocate(total);
    buf.put(ModelFileFormat.MAGIC);
    buf.putShort((short) ModelFileFormat.FORMAT_VERSION);
    buf.putShort((short) kindBytes.length);
    buf.put(kindBytes);
    buf.putInt(modelVersion);
    buf.putLong(payloadLength);
    buf.putInt(sections);
    buf.put(body);
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, total - ModelFileFormat.CHECKSUM_BYTES);
    buf.putInt((int) crc.getValue());
    return buf.array();
  }

  /**
   * Writes the file atomically: temporary file in the same directory, fsync, atomic rename over
   * {@code path}, fsync of the directory (where the platform allows it).
   *
   * @param path the destination
   * @throws IOException if writing fails (the destination is then untouched)
   */
  public void writeAtomically(Path path) throws IOException {
    byte[] bytes = toBytes();
    Path abs = path.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir == null || abs.getFileName() == null) {
      // Without this, createTempFile(null, ...) would silently write to the default temp directory.
      throw new IOException("cannot write a model file to " + path + ": it names no file in a directory");
    }
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      moved = true;
      forceDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms (Windows) cannot open a directory; the rename itself is still atomic.
    }
  }
}
