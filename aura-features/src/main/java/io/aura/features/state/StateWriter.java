package io.aura.features.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes one state as a versioned, checksummed byte string: a header (the magic {@code AURASTATE},
 * the state's kind and its format version), the owner's fields in the order it documents, and a
 * CRC-32C of everything before it. Numbers are big-endian; doubles are written as their raw bits,
 * so a state read back continues bit for bit (NaN payloads and the sign of zero included).
 *
 * <p>Canonical encoding is the owner's duty: write logical content (for example a ring buffer
 * oldest first), not incidental layout, so that the same state always gives the same bytes.
 *
 * <p>Thread safety: not thread-safe; one writer per snapshot. Allocation: a growing byte array
 * (doubling), and the final copy in {@link #finish()}. Complexity: O(bytes written).
 */
public final class StateWriter {
  static final byte[] MAGIC = "AURASTATE".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int size;

  private StateWriter(int capacity) {
    buf = new byte[Math.max(64, capacity)];
  }

  /**
   * Starts a state of the given kind and format version.
   *
   * @param kind what the state is, e.g. {@code "feature-stream"}; checked by the reader
   * @param version the owner's format version, at least 1
   * @return the writer, positioned after the header
   */
  public static StateWriter start(String kind, int version) {
    return start(kind, version, 256);
  }

  /**
   * Starts a state with room for about {@code sizeHint} bytes (for example the size of the
   * owner's previous snapshot), so that the buffer does not grow while writing.
   *
   * @param kind what the state is
   * @param version the owner's format version, at least 1
   * @param sizeHint the expected size in bytes
   * @return the writer, positioned after the header
   */
  public static StateWriter start(String kind, int version, int sizeHint) {
    if (version < 1) {
      throw new IllegalArgumentException("state version must be at least 1, got " + version);
    }
    StateWriter w = new StateWriter(sizeHint + 64);
    w.ensure(MAGIC.length);
    System.arraycopy(MAGIC, 0, w.buf, 0, MAGIC.length);
    w.size = MAGIC.length;
    w.writeString(kind);
    w.writeInt(version);
    return w;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + more);
      if (want > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("state larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  /** @param v written as 1 byte */
  public void writeBoolean(boolean v) {
    ensure(1);
    buf[size++] = (byte) (v ? 1 : 0);
  }

  /** @param v written as 1 byte */
  public void writeByte(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  /** @param v written as 4 bytes, big-endian */
  public void writeInt(int v) {
    ensure(4);
    buf[size] = (byte) (v >>> 24);
    buf[size + 1] = (byte) (v >>> 16);
    buf[size + 2] = (byte) (v >>> 8);
    buf[size + 3] = (byte) v;
    size += 4;
  }

  /** @param v written as 8 bytes, big-endian */
  public void writeLong(long v) {
    ensure(8);
    putLong(v);
  }

  private void putLong(long v) {
    byte[] b = buf;
    int p = size;
    b[p] = (byte) (v >>> 56);
    b[p + 1] = (byte) (v >>> 48);
    b[p + 2] = (byte) (v >>> 40);
    b[p + 3] = (byte) (v >>> 32);
    b[p + 4] = (byte) (v >>> 24);
    b[p + 5] = (byte) (v >>> 16);
    b[p + 6] = (byte) (v >>> 8);
    b[p + 7] = (byte) v;
    size = p + 8;
  }

  /** @param v written as its raw IEEE-754 bits */
  public void writeDouble(double v) {
    writeLong(Double.doubleToRawLongBits(v));
  }

  /** @param v a UTF-8 string, written with its byte length */
  public void writeString(String v) {
    byte[] b = v.getBytes(StandardCharsets.UTF_8);
    writeInt(b.length);
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  /**
   * Writes bytes with their length, e.g. a nested state.
   *
   * @param v the bytes
   */
  public void writeBytes(byte[] v) {
    writeInt(v.length);
    ensure(v.length);
    System.arraycopy(v, 0, buf, size, v.length);
    size += v.length;
  }

  /**
   * Writes {@code n} doubles of a ring buffer, oldest first: {@code v[(from + i) % v.length]}.
   *
   * @param v the ring
   * @param from the index of the oldest value
   * @param n how many, at most {@code v.length}
   */
  public void writeRing(double[] v, int from, int n) {
    ensure(8 * n);
    for (int i = 0, j = from; i < n; i++, j = j + 1 == v.length ? 0 : j + 1) {
      putLong(Double.doubleToRawLongBits(v[j]));
    }
  }

  /**
   * Writes {@code n} doubles with no length (the reader knows it from earlier fields).
   *
   * @param v the values
   * @param n how many
   */
  public void writeDoubles(double[] v, int n) {
    writeRing(v, 0, n);
  }

  /**
   * Ends the state: appends the CRC-32C of every byte so far.
   *
   * @return the state's bytes
   */
  public byte[] finish() {
    CRC32C crc = new CRC32C();
    crc.update(buf, 0, size);
    writeInt((int) crc.getValue());
    return Arrays.copyOf(buf, size);
  }
}
