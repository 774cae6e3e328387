package io.aura.io.exposition;

import com.fasterxml.jackson.core.io.NumberInput;

/**
 * How Prometheus spells sample values and timestamps in text: {@code NaN}, {@code +Inf}, {@code
 * -Inf} and Go-style decimal floats. One place for the rule, shared by the exposition parser and
 * writer, the Prometheus HTTP client and the CSV reader and writer.
 *
 * <p>Parsing accepts what Go's {@code strconv.ParseFloat} accepts in decimal: an optional sign,
 * digits with an optional fraction and exponent, and, case-insensitively, {@code NaN}, {@code Inf}
 * and {@code Infinity} with an optional sign. It rejects Java-only spellings such as {@code 1.0f},
 * {@code 0x1p3} or a trailing {@code d}. Decimal numbers with at most 15 significant digits and a
 * small exponent take Clinger's exact fast path (W. D. Clinger, "How to Read Floating Point Numbers
 * Accurately", PLDI 1990); all others go to the FastDoubleParser bundled in jackson-core (D.
 * Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and Experience 51(8),
 * 2021), so results are always correctly rounded.
 *
 * <p>Formatting writes {@code NaN}, {@code +Inf}, {@code -Inf}, integral values below
 * 2<sup>53</sup> without a fraction, and other values with {@link Double#toString(double)}, which
 * round-trips exactly.
 *
 * <p>Thread safety: stateless, safe from any thread. Complexity: O(length); the fast path does not
 * allocate.
 */
public final class SampleValues {
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private SampleValues() {}

  /**
   * Parses a sample value.
   *
   * @param s the text, for example {@code "0.5"}, {@code "NaN"}, {@code "+Inf"}
   * @return the value
   * @throws NumberFormatException naming the text when it is not a number
   */
  public static double parse(CharSequence s) {
    int n = s.length();
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 127) {
        throw new NumberFormatException("not a number: '" + s + "'");
      }
      b[i] = (byte) c;
    }
    double v = parse(b, 0, n);
    if (isInvalid(v)) {
      throw new NumberFormatException("not a number: '" + s + "'");
    }
    return v;
  }

  /**
   * Parses a sample value from ASCII bytes. Returns a NaN that is <em>not</em> a canonical NaN
   * token when the text is invalid; callers check with {@link #isNanToken} (see {@link #parse
   * (CharSequence)}). Package-private protocol for the parser's hot path.
   */
  static double parse(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    if (len == 0) {
      return invalid();
    }
    boolean neg = false;
    if (b[i] == '-') {
      neg = true;
      i++;
    } else if (b[i] == '+') {
      i++;
    }
    long mant = 0;
    int sig = 0;
    int exp10 = 0;
    boolean digits = false;
    boolean truncated = false;
    while (i < end) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      digits = true;
      if (sig < 15) {
        mant = mant * 10 + d;
        if (mant != 0) {
          sig++;
        }
      } else {
        exp10++;
        if (d != 0) {
          truncated = true;
        }
      }
      i++;
    }
    if (i < end && b[i] == '.') {
      i++;
      while (i < end) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        digits = true;
        if (sig < 15) {
          mant = mant * 10 + d;
          if (mant != 0) {
            sig++;
          }
          exp10--;
        } else if (d != 0) {
          truncated = true;
        }
        i++;
      }
    }
    if (!digits) {
      return special(b, off, len, neg);
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      boolean eneg = false;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        eneg = b[i] == '-';
        i++;
      }
      int e = 0;
      boolean edigits = false;
      while (i < end) {
        int d = b[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        edigits = true;
        if (e < 100000) {
          e = e * 10 + d;
        }
        i++;
      }
      if (!edigits) {
        return invalid();
      }
      exp10 += eneg ? -e : e;
    }
    if (i != end) {
      return invalid();
    }
    if (!truncated && exp10 >= -22 && exp10 <= 22) {
      double v = exp10 >= 0 ? mant * POW10[exp10] : mant / POW10[-exp10];
      return neg ? -v : v;
    }
    // Long mantissas or large exponents: the syntax is validated, so hand the text to Jackson's
    // bundled FastDoubleParser (Lemire's algorithm, correctly rounded, several times faster than
    // Double.parseDouble).
    return NumberInput.parseDouble(
        new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1), true);
  }

  private static double special(byte[] b, int off, int len, boolean neg) {
    int start = off + ((b[off] == '+' || b[off] == '-') ? 1 : 0);
    int l = off + len - start;
    if (l == 3 && eqIgnoreCase(b, start, "nan")) {
      return Double.NaN;
    }
    if ((l == 3 && eqIgnoreCase(b, start, "inf"))
        || (l == 8 && eqIgnoreCase(b, start, "infinity"))) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return invalid();
  }

  private static boolean eqIgnoreCase(byte[] b, int off, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      int c = b[off + i] | 0x20;
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The marker for invalid input: a NaN with a payload, distinguishable from the parsed NaN. */
  private static final long INVALID_BITS = 0x7ff8_dead_0000_0001L;

  private static double invalid() {
    return Double.longBitsToDouble(INVALID_BITS);
  }

  /** Whether a value returned by {@link #parse(byte[], int, int)} marks invalid input. */
  static boolean isInvalid(double v) {
    return Double.doubleToRawLongBits(v) == INVALID_BITS;
  }

  /** Whether the bytes are a (signed) NaN token. */
  static boolean isNanToken(byte[] b, int off, int len) {
    int start = off + ((len > 0 && (b[off] == '+' || b[off] == '-')) ? 1 : 0);
    return off + len - start == 3 && eqIgnoreCase(b, start, "nan");
  }

  /**
   * Appends a value in Prometheus's spelling.
   *
   * @param v the value
   * @param out where to append
   * @return {@code out}
   */
  public static StringBuilder format(double v, StringBuilder out) {
    if (Double.isNaN(v)) {
      return out.append("NaN");
    }
    if (v == Double.POSITIVE_INFINITY) {
      return out.append("+Inf");
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return out.append("-Inf");
    }
    if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
      if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
        return out.append("-0");
      }
      return out.append((long) v);
    }
    return out.append(v);
  }

  /**
   * A value in Prometheus's spelling.
   *
   * @param v the value
   * @return for example {@code "0.5"}, {@code "3"}, {@code "NaN"}, {@code "+Inf"}
   */
  public static String format(double v) {
    return format(v, new StringBuilder(24)).toString();
  }

  /**
   * Appends epoch milliseconds as decimal epoch seconds, exactly (OpenMetrics and the Prometheus
   * HTTP API use seconds): {@code 1700000000123} becomes {@code 1700000000.123}.
   *
   * @param millis epoch milliseconds
   * @param out where to append
   * @return {@code out}
   */
  public static StringBuilder formatSeconds(long millis, StringBuilder out) {
    long sec = Math.floorDiv(millis, 1000);
    int ms = Math.floorMod(millis, 1000);
    if (sec < 0 && ms != 0) {
      // -1.5 s is floorDiv -2, mod 500: print as -(1.500)
      long abs = -millis;
      out.append('-').append(abs / 1000);
      int r = (int) (abs % 1000);
      return appendFraction(r, out);
    }
    out.append(sec);
    return appendFraction(ms, out);
  }

  private static StringBuilder appendFraction(int ms, StringBuilder out) {
    if (ms == 0) {
      return out;
    }
    out.append('.');
    out.append((char) ('0' + ms / 100));
    if (ms % 100 != 0) {
      out.append((char) ('0' + ms / 10 % 10));
      if (ms % 10 != 0) {
        out.append((char) ('0' + ms % 10));
      }
    }
    return out;
  }

  /**
   * Parses decimal epoch seconds (an optional sign, digits, an optional fraction, an optional
   * exponent) into epoch milliseconds, rounding half away from zero below the millisecond.
   *
   * @param s the text, for example {@code "1700000000.123"}
   * @return epoch milliseconds
   * @throws NumberFormatException naming the text when it is not a finite number of seconds
   */
  public static long parseSeconds(CharSequence s) {
    int n = s.length();
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      b[i] = c > 127 ? (byte) '?' : (byte) c;
    }
    long v = parseSeconds(b, 0, n);
    if (v == Long.MIN_VALUE) {
      throw new NumberFormatException("not a finite number of seconds: '" + s + "'");
    }
    return v;
  }

  /** Parses decimal seconds to millis; {@link Long#MIN_VALUE} marks invalid input. */
  static long parseSeconds(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    boolean neg = false;
    if (i < end && (b[i] == '-' || b[i] == '+')) {
      neg = b[i] == '-';
      i++;
    }
    long whole = 0;
    int intDigits = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      whole = whole * 10 + (b[i] - '0');
      if (++intDigits > 15) {
        return viaDouble(b, off, len);
      }
      i++;
    }
    long frac = 0;
    int fracDigits = 0;
    boolean roundUp = false;
    if (i < end && b[i] == '.') {
      i++;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        if (fracDigits < 3) {
          frac = frac * 10 + (b[i] - '0');
        } else if (fracDigits == 3) {
          roundUp = b[i] >= '5';
        }
        fracDigits++;
        i++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return Long.MIN_VALUE;
    }
    if (i < end) {
      if (b[i] == 'e' || b[i] == 'E') {
        return viaDouble(b, off, len);
      }
      return Long.MIN_VALUE;
    }
    for (int k = Math.min(fracDigits, 3); k < 3; k++) {
      frac *= 10;
    }
    long ms = whole * 1000 + frac + (roundUp ? 1 : 0);
    return neg ? -ms : ms;
  }

  private static long viaDouble(byte[] b, int off, int len) {
    double d = parse(b, off, len);
    if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 9.2e15) {
      return Long.MIN_VALUE;
    }
    return Math.round(d * 1000.0);
  }
}
