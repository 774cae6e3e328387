package io.aura.features.state;

import io.aura.features.InvalidDataException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads a state written by {@link StateWriter}, validating it first: the length, the CRC-32C, the
 * magic, the kind and the version are checked before any field is read, and every read past the
 * end or any value an owner rejects ({@link #check}) throws an {@link InvalidDataException} that
 * names the state's source and the byte offset.
 *
 * <p>Thread safety: not thread-safe; one reader per state. Allocation: strings, byte arrays and
 * what the owner builds. Complexity: O(bytes) for the checksum, then O(1) per field.
 */
public final class StateReader {
  private final byte[] buf;
  private final int end; // before the CRC
  private final String source;
  private final int version;
  private int pos;

  private StateReader(byte[] buf, String source) {
    this.buf = buf;
    this.end = buf.length - 4;
    this.source = source;
    this.pos = 0;
    this.version = 0;
  }

  private StateReader(StateReader header, int version) {
    this.buf = header.buf;
    this.end = header.end;
    this.source = header.source;
    this.pos = header.pos;
    this.version = version;
  }

  /**
   * Opens a state, checking its integrity and that it is a state of this kind and of a version
   * this code reads.
   *
   * @param bytes the state
   * @param source where it came from, for messages (e.g. {@code "session web-1"})
   * @param kind the expected kind
   * @param maxVersion the newest format version the caller reads
   * @return a reader positioned at the first field; {@link #version()} tells which format it is
   * @throws InvalidDataException if the state is truncated, corrupt, of another kind, or newer
   */
  public static StateReader open(byte[] bytes, String source, String kind, int maxVersion) {
    if (bytes == null) {
      throw new InvalidDataException("state " + source + " is null");
    }
    int min = StateWriter.MAGIC.length + 4 + 4 + 4;
    if (bytes.length < min) {
      throw new InvalidDataException(
          "state " + source + " is " + bytes.length + " bytes, shorter than any state (" + min + ")");
    }
    if (!Arrays.equals(bytes, 0, StateWriter.MAGIC.length, StateWriter.MAGIC, 0, StateWriter.MAGIC.length)) {
      throw new InvalidDataException("state " + source + " is not an Aura state (bad magic)");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    StateReader r = new StateReader(bytes, source);
    r.pos = bytes.length - 4;
    int stored = r.rawInt();
    if (stored != (int) crc.getValue()) {
      throw new InvalidDataException("state " + source + " is corrupt: checksum mismatch");
    }
    r.pos = StateWriter.MAGIC.length;
    String k = r.readString();
    if (!k.equals(kind)) {
      throw new InvalidDataException("state " + source + " is a '" + k + "' state, expected '" + kind + "'");
    }
    int v = r.readInt();
    if (v < 1 || v > maxVersion) {
      throw new InvalidDataException("state " + source + " has format version " + v
          + "; this Aura reads '" + kind + "' versions 1 to " + maxVersion + " (written by a newer Aura?)");
    }
    return new StateReader(r, v);
  }

  /** @return the format version of this state */
  public int version() {
    return version;
  }

  /** @return the source named in messages */
  public String source() {
    return source;
  }

  private void need(int n) {
    if (n < 0 || pos + n > end) {
      throw fail("truncated: needs " + n + " more bytes");
    }
  }

  private int rawInt() {
    int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** @return the next boolean; a byte other than 0 or 1 is refused */
  public boolean readBoolean() {
    need(1);
    int b = buf[pos++];
    if (b != 0 && b != 1) {
      pos--;
      throw fail("a boolean is " + b);
    }
    return b == 1;
  }

  /** @return the next byte, 0 to 255 */
  public int readByte() {
    need(1);
    return buf[pos++] & 0xff;
  }

  /** @return the next int */
  public int readInt() {
    need(4);
    return rawInt();
  }

  /** @return the next long */
  public long readLong() {
    need(8);
    return rawLong();
  }

  private long rawLong() {
    byte[] b = buf;
    int p = pos;
    long v = ((long) (b[p] & 0xff) << 56) | ((long) (b[p + 1] & 0xff) << 48) | ((long) (b[p + 2] & 0xff) << 40)
        | ((long) (b[p + 3] & 0xff) << 32) | ((long) (b[p + 4] & 0xff) << 24) | ((b[p + 5] & 0xff) << 16)
        | ((b[p + 6] & 0xff) << 8) | (b[p + 7] & 0xff);
    pos = p + 8;
    return v;
  }

  /** @return the next double, bit for bit */
  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  /** @return the next string */
  public String readString() {
    int n = readInt();
    need(n);
    String s = new String(buf, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** @return the next length-prefixed bytes */
  public byte[] readBytes() {
    int n = readInt();
    need(n);
    byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return b;
  }

  /**
   * Reads a count and checks its range.
   *
   * @param what the field, for the message
   * @param max the largest allowed value
   * @return the count, 0 to {@code max}
   */
  public int readCount(String what, int max) {
    int at = pos;
    int n = readInt();
    if (n < 0 || n > max) {
      pos = at;
      throw fail(what + " is " + n + ", outside [0, " + max + "]");
    }
    return n;
  }

  /**
   * Reads {@code n} doubles into {@code out[0..n)}.
   *
   * @param out the destination
   * @param n how many
   */
  public void readDoubles(double[] out, int n) {
    need(8 * n);
    for (int i = 0; i < n; i++) {
      out[i] = Double.longBitsToDouble(rawLong());
    }
  }

  /**
   * Refuses a state whose content the owner finds inconsistent.
   *
   * @param ok the owner's check
   * @param what what is wrong, for the message
   * @throws InvalidDataException if {@code ok} is false
   */
  public void check(boolean ok, String what) {
    if (!ok) {
      throw fail(what);
    }
  }

  /**
   * Requires that every field has been read.
   *
   * @throws InvalidDataException if bytes are left before the checksum
   */
  public void requireEnd() {
    if (pos != end) {
      throw fail((end - pos) + " unread bytes before the checksum");
    }
  }

  private InvalidDataException fail(String what) {
    return new InvalidDataException("state " + source + " at byte " + pos + ": " + what);
  }
}
