package io.aura.models.trees;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aura.features.InvalidDataException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A small, iterative reader of Universal Binary JSON (UBJSON, Draft 12, as written by XGBoost's
 * {@code save_model("x.ubj")}) into a Jackson tree.
 *
 * <p>Safe on untrusted input: every count and length is checked against the bytes left before
 * anything is allocated, nesting is bounded by {@link #MAX_DEPTH}, there is no recursion, and each
 * error names the byte offset. Supports optimized containers ({@code $} type and {@code #} count),
 * all numeric markers, strings, chars, booleans, null and no-op. High-precision numbers ({@code H})
 * are read as decimal strings.
 *
 * <p>Thread safety: stateless static method. Allocation: the resulting tree (about 16-40 bytes per
 * value). Complexity: O(input bytes).
 *
 * <p>Reference: UBJSON specification, https://ubjson.org (Draft 12).
 */
final class Ubjson {
  static final int MAX_DEPTH = 256;
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final byte[] in;
  private final String source;
  private int pos;

  private Ubjson(byte[] in, String source) {
    this.in = in;
    this.source = source;
  }

  /** Parses one UBJSON value that must span the whole input. */
  static JsonNode parse(byte[] data, String source) {
    Ubjson u = new Ubjson(data, source);
    JsonNode v = u.readRoot();
    if (u.pos != data.length) {
      throw u.error("trailing bytes after the top-level value");
    }
    return v;
  }

  private static final class Frame {
    final ContainerNode<?> node;
    final byte type; // 0 when not typed
    long remaining; // -1 when terminated by an end marker

    Frame(ContainerNode<?> node, byte type, long remaining) {
      this.node = node;
      this.type = type;
      this.remaining = remaining;
    }
  }

  private JsonNode readRoot() {
    byte marker = nextMarker();
    if (marker != '{' && marker != '[') {
      return scalar(marker);
    }
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    Frame root = open(marker);
    stack.push(root);
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      boolean isObject = f.node instanceof ObjectNode;
      if (f.remaining == 0) {
        stack.pop();
        continue;
      }
      if (f.remaining < 0) {
        byte m = peekNonNoop();
        if (m == (isObject ? '}' : ']')) {
          pos++;
          stack.pop();
          continue;
        }
      } else {
        f.remaining--;
      }
      String key = isObject ? readString(readLength()) : null;
      byte m = f.type != 0 ? f.type : nextMarker();
      JsonNode value;
      if (m == '{' || m == '[') {
        if (stack.size() >= MAX_DEPTH) {
          throw error("nesting deeper than " + MAX_DEPTH);
        }
        Frame child = open(m);
        value = child.node;
        stack.push(child);
      } else {
        value = scalar(m);
      }
      if (isObject) {
        ((ObjectNode) f.node).set(key, value);
      } else {
        ((ArrayNode) f.node).add(value);
      }
    }
    return root.node;
  }

  private Frame open(byte marker) {
    ContainerNode<?> node = marker == '{' ? F.objectNode() : F.arrayNode();
    byte type = 0;
    long count = -1;
    if (pos < in.length && in[pos] == '$') {
      pos++;
      need(1);
      type = in[pos++];
      if (pos >= in.length || in[pos] != '#') {
        throw error("typed container without a count");
      }
    }
    if (pos < in.length && in[pos] == '#') {
      pos++;
      count = readLength();
      long left = in.length - pos;
      if (count > left || (type != 0 && count * Math.max(1, sizeOf(type)) > left)) {
        throw error(
            "container claims "
                + count
                + " elements but only "
                + (in.length - pos)
                + " bytes remain");
      }
    }
    if (type != 0 && count > 0 && sizeOf(type) > 0 && node instanceof ArrayNode) {
      // fast path for typed numeric arrays: read them right away
      ArrayNode a = (ArrayNode) node;
      for (long i = 0; i < count; i++) {
        a.add(scalar(type));
      }
      return new Frame(node, type, 0);
    }
    return new Frame(node, type, count);
  }

  private static int sizeOf(byte type) {
    switch (type) {
      case 'i':
      case 'U':
      case 'C':
        return 1;
      case 'I':
        return 2;
      case 'l':
      case 'd':
        return 4;
      case 'L':
      case 'D':
        return 8;
      case 'T':
      case 'F':
      case 'Z':
        return 0;
      default:
        return -1;
    }
  }

  private byte nextMarker() {
    while (true) {
      need(1);
      byte m = in[pos++];
      if (m != 'N') {
        return m;
      }
    }
  }

  private byte peekNonNoop() {
    while (true) {
      need(1);
      if (in[pos] != 'N') {
        return in[pos];
      }
      pos++;
    }
  }

  private JsonNode scalar(byte m) {
    switch (m) {
      case 'Z':
        return F.nullNode();
      case 'T':
        return F.booleanNode(true);
      case 'F':
        return F.booleanNode(false);
      case 'i':
        need(1);
        return F.numberNode(in[pos++]);
      case 'U':
        need(1);
        return F.numberNode(in[pos++] & 0xFF);
      case 'I':
        return F.numberNode((short) readBig(2));
      case 'l':
        return F.numberNode((int) readBig(4));
      case 'L':
        return F.numberNode(readBig(8));
      case 'd':
        return F.numberNode(Float.intBitsToFloat((int) readBig(4)));
      case 'D':
        return F.numberNode(Double.longBitsToDouble(readBig(8)));
      case 'C':
        need(1);
        return F.textNode(String.valueOf((char) (in[pos++] & 0xFF)));
      case 'S':
      case 'H':
        return F.textNode(readString(readLength()));
      default:
        throw error("unknown marker 0x" + Integer.toHexString(m & 0xFF) + " ('" + (char) m + "')");
    }
  }

  private long readLength() {
    byte m = nextMarker();
    long n;
    switch (m) {
      case 'i':
        need(1);
        n = in[pos++];
        break;
      case 'U':
        need(1);
        n = in[pos++] & 0xFF;
        break;
      case 'I':
        n = (short) readBig(2);
        break;
      case 'l':
        n = (int) readBig(4);
        break;
      case 'L':
        n = readBig(8);
        break;
      default:
        throw error("expected an integer length, found marker '" + (char) m + "'");
    }
    if (n < 0) {
      throw error("negative length " + n);
    }
    return n;
  }

  private String readString(long len) {
    if (len > in.length - pos) {
      throw error("string of " + len + " bytes but only " + (in.length - pos) + " remain");
    }
    int n = (int) len;
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(in, pos, n))
              .toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw error("string is not valid UTF-8");
    }
  }

  private long readBig(int bytes) {
    need(bytes);
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v = (v << 8) | (in[pos++] & 0xFF);
    }
    return v;
  }

  private void need(int bytes) {
    if (in.length - pos < bytes) {
      throw error("unexpected end of input");
    }
  }

  private InvalidDataException error(String what) {
    return new InvalidDataException(source + ": UBJSON " + what + " at byte " + pos);
  }
}
