package io.aura.models.trees;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aura.features.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bounded reading of model files and shared JSON field access with clear errors.
 *
 * <p>Thread safety: stateless. Allocation: the bytes read. Complexity: O(input).
 */
final class ModelInput {
  /** Largest model file accepted (1 GiB). */
  static final long MAX_BYTES = 1L << 30;

  // XGBoost writes NaN for the (unused) split_conditions of categorical splits; numbers that
  // matter are checked for finiteness where they are read.
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(256)
                      .maxStringLength(
                          MAX_BYTES > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) MAX_BYTES)
                      .build())
              .build());

  private ModelInput() {}

  static byte[] readAll(Path path) {
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw new InvalidDataException(
            path + ": model file of " + size + " bytes exceeds " + MAX_BYTES);
      }
      try (InputStream in = Files.newInputStream(path)) {
        return readAll(in, path.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model file " + path, e);
    }
  }

  static byte[] readAll(InputStream in, String source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > MAX_BYTES) {
          throw new InvalidDataException(source + ": model exceeds " + MAX_BYTES + " bytes");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model " + source, e);
    }
    return out.toByteArray();
  }

  static JsonNode parseJson(byte[] data, String source) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      throw new InvalidDataException(source + ": not valid JSON: " + e.getMessage(), e);
    }
  }

  static JsonNode field(JsonNode parent, String name, String where) {
    JsonNode n = parent == null ? null : parent.get(name);
    if (n == null || n.isNull()) {
      throw new InvalidDataException(where + ": missing field '" + name + "'");
    }
    return n;
  }

  static JsonNode array(JsonNode parent, String name, int expectedLength, String where) {
    JsonNode n = field(parent, name, where);
    if (!n.isArray()) {
      throw new InvalidDataException(where + ": field '" + name + "' is not an array");
    }
    if (expectedLength >= 0 && n.size() != expectedLength) {
      throw new InvalidDataException(
          where
              + ": field '"
              + name
              + "' has "
              + n.size()
              + " entries, expected "
              + expectedLength);
    }
    return n;
  }

  /** Reads an integer that may be stored as a number or a decimal string (XGBoost params). */
  static long integer(JsonNode n, String what) {
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isTextual()) {
      try {
        return Long.parseLong(n.asText().trim());
      } catch (NumberFormatException e) {
        throw new InvalidDataException(what + ": '" + n.asText() + "' is not an integer");
      }
    }
    if (n.isNumber() && n.asDouble() == Math.rint(n.asDouble())) {
      return (long) n.asDouble();
    }
    throw new InvalidDataException(what + ": " + n + " is not an integer");
  }

  /** Reads a number that may be stored as a number or a decimal string; must be finite. */
  static double number(JsonNode n, String what) {
    double v;
    if (n.isNumber()) {
      v = n.asDouble();
    } else if (n.isTextual()) {
      try {
        v = Double.parseDouble(n.asText().trim());
      } catch (NumberFormatException e) {
        throw new InvalidDataException(what + ": '" + n.asText() + "' is not a number");
      }
    } else {
      throw new InvalidDataException(what + ": " + n + " is not a number");
    }
    if (!Double.isFinite(v)) {
      throw new InvalidDataException(what + ": " + v + " is not finite");
    }
    return v;
  }

  static int checkedInt(long v, long min, long max, String what) {
    if (v < min || v > max) {
      throw new InvalidDataException(what + " = " + v + " outside [" + min + ", " + max + "]");
    }
    return (int) v;
  }
}
