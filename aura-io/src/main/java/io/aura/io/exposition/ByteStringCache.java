package io.aura.io.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache from UTF-8 byte ranges to Strings, so that repeated metric names,
 * label names and label values do not allocate a new String per sample. Collisions simply replace
 * the slot. Not thread-safe; one per parser.
 */
final class ByteStringCache {
  private static final int MAX_KEY = 160;
  private final byte[][] keys;
  private final String[] values;
  private final int mask;

  ByteStringCache(int sizePowerOfTwo) {
    keys = new byte[sizePowerOfTwo][];
    values = new String[sizePowerOfTwo];
    mask = sizePowerOfTwo - 1;
  }

  static int hash(byte[] b, int off, int len) {
    int h = 1;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + b[i];
    }
    return h;
  }

  String get(byte[] b, int off, int len) {
    return get(b, off, len, hash(b, off, len));
  }

  /**
   * As {@link #get(byte[], int, int)} with {@code hash} computed by the caller as {@link #hash}
   * does.
   */
  String get(byte[] b, int off, int len, int hash) {
    if (len > MAX_KEY) {
      return new String(b, off, len, StandardCharsets.UTF_8);
    }
    int h = hash ^ (hash >>> 16);
    int slot = h & mask;
    byte[] k = keys[slot];
    if (k != null && k.length == len && Arrays.equals(k, 0, len, b, off, off + len)) {
      return values[slot];
    }
    String s = new String(b, off, len, StandardCharsets.UTF_8);
    keys[slot] = Arrays.copyOfRange(b, off, off + len);
    values[slot] = s;
    return s;
  }
}
