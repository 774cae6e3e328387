package io.aura.io.exposition;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A streaming parser of the Prometheus text exposition format 0.0.4 and OpenMetrics 1.0 text, the
 * formats node_exporter, cAdvisor, kube-state-metrics and every Prometheus client library serve on
 * {@code /metrics}.
 *
 * <p>It reads UTF-8 bytes line by line from an {@link InputStream} and calls an {@link
 * ExpositionVisitor} for each {@code # HELP}, {@code # TYPE}, {@code # UNIT} line and each sample,
 * without building collections. It handles counters, gauges, histograms, gauge histograms,
 * summaries, info and state sets; label-value escapes ({@code \\}, {@code \"}, {@code \n}); {@code
 * NaN}, {@code +Inf}, {@code -Inf}; optional timestamps (integer milliseconds in the Prometheus
 * format, decimal seconds in OpenMetrics); OpenMetrics exemplars (skipped); and {@code # EOF},
 * which ends the input in both formats (required in OpenMetrics, optional in the Prometheus format;
 * any line after it is an error). What it checks beyond syntax: a label repeated on one line, a
 * histogram {@code _bucket} sample without {@code le}, a summary quantile sample without {@code
 * quantile}.
 *
 * <p>A malformed line raises {@link ExpositionFormatException} naming its 1-based line number, the
 * column and what was expected, and showing the line; samples before it have already been delivered
 * to the visitor, none after it.
 *
 * <p>Speed: no regular expressions and no per-line objects; bytes are scanned in place in one
 * reused buffer, repeated names and label values come from small caches, and decimal values take an
 * exact fast path (see {@link SampleValues}). Complexity: O(input bytes).
 *
 * <p>Thread safety: <em>not</em> thread-safe. An instance keeps its buffers between calls to {@link
 * #parse}; use one instance per thread (instances are cheap, about 100 KiB).
 */
public final class ExpositionParser {
  private static final int MAX_LINE = 16 * 1024 * 1024;

  private final ExpositionFormat format;
  private final boolean om;
  private byte[] buf = new byte[64 * 1024];
  private byte[] scratch = new byte[256];
  private final ByteStringCache names = new ByteStringCache(1024);
  private final ByteStringCache labelNames = new ByteStringCache(256);
  private final ByteStringCache labelValues = new ByteStringCache(4096);
  private final SampleLabels labels = new SampleLabels();

  // State of the current parse.
  private ExpositionVisitor visitor;
  private long lineNo;
  private boolean sawEof;
  private String family;
  private MetricType familyType;
  private byte[] lineBuf;
  private int lineFrom;
  private int lineTo;

  /**
   * A parser for one format.
   *
   * @param format the input format
   */
  public ExpositionParser(ExpositionFormat format) {
    this.format = Objects.requireNonNull(format, "format");
    this.om = format == ExpositionFormat.OPENMETRICS;
  }

  /**
   * The format this parser reads.
   *
   * @return the format
   */
  public ExpositionFormat format() {
    return format;
  }

  /**
   * Parses a whole stream, calling the visitor as it goes. The stream is read to its end (or to
   * {@code # EOF} and then its end) but not closed.
   *
   * @param in UTF-8 text
   * @param visitor receives the content
   * @throws IOException when reading fails
   * @throws ExpositionFormatException on a malformed line, naming its line number
   */
  public void parse(InputStream in, ExpositionVisitor visitor) throws IOException {
    Objects.requireNonNull(in, "in");
    this.visitor = Objects.requireNonNull(visitor, "visitor");
    lineNo = 0;
    sawEof = false;
    family = null;
    familyType = MetricType.UNKNOWN;
    try {
      int start = 0;
      int end = 0;
      int scan = 0;
      boolean inputDone = false;
      while (true) {
        byte[] b = buf;
        int nl = -1;
        for (int i = scan; i < end; i++) {
          if (b[i] == '\n') {
            nl = i;
            break;
          }
        }
        if (nl >= 0) {
          line(b, start, nl);
          start = nl + 1;
          scan = start;
          continue;
        }
        if (inputDone) {
          if (start < end) {
            line(b, start, end);
          }
          break;
        }
        if (start > 0) {
          System.arraycopy(b, start, b, 0, end - start);
          end -= start;
          start = 0;
        }
        if (end == b.length) {
          if (b.length >= MAX_LINE) {
            throw new ExpositionFormatException(
                lineNo + 1, "line " + (lineNo + 1) + " is longer than " + MAX_LINE + " bytes");
          }
          buf = Arrays.copyOf(b, b.length * 2);
        }
        scan = end;
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
          inputDone = true;
        } else {
          end += r;
        }
      }
      if (om && !sawEof) {
        throw new ExpositionFormatException(
            lineNo + 1,
            "line "
                + (lineNo + 1)
                + ": expected '# EOF' but the input ended (OpenMetrics input ended without the final '# EOF' line)");
      }
      visitor.end();
    } finally {
      this.visitor = null;
      this.lineBuf = null;
    }
  }

  /**
   * Parses a string (convenience for tests and small inputs).
   *
   * @param text the exposition text
   * @param visitor receives the content
   * @throws ExpositionFormatException on a malformed line
   */
  public void parse(String text, ExpositionVisitor visitor) {
    try {
      parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), visitor);
    } catch (IOException e) {
      throw new AssertionError("reading a byte array cannot fail", e);
    }
  }

  /**
   * Reads every sample into a list: convenient for a single scrape, allocates one object per
   * sample.
   *
   * @param in UTF-8 text
   * @param format the format
   * @return the samples in input order
   * @throws IOException when reading fails
   * @throws ExpositionFormatException on a malformed line
   */
  public static List<ExpositionSample> readAll(InputStream in, ExpositionFormat format)
      throws IOException {
    List<ExpositionSample> out = new ArrayList<>();
    new ExpositionParser(format)
        .parse(
            in,
            (type, name, l, value, ts) ->
                out.add(new ExpositionSample(type, name, l.toLabels(), value, ts)));
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  private void line(byte[] b, int from, int to) {
    lineNo++;
    if (to > from && b[to - 1] == '\r') {
      to--;
    }
    lineBuf = b;
    lineFrom = from;
    lineTo = to;
    if (sawEof) {
      throw error(from, "content after '# EOF' (it must be the last line)");
    }
    if (!om) {
      while (from < to && (b[from] == ' ' || b[from] == '\t')) {
        from++;
      }
    }
    if (from == to) {
      if (om) {
        throw error(from, "empty line (OpenMetrics does not allow empty lines)");
      }
      return;
    }
    if (b[from] == '#') {
      comment(b, from, to);
    } else {
      sample(b, from, to);
    }
  }

  private void comment(byte[] b, int from, int to) {
    int p = skipWs(b, from + 1, to);
    int kw = p;
    while (p < to && b[p] != ' ' && b[p] != '\t') {
      p++;
    }
    int kwLen = p - kw;
    int kind; // 0 HELP, 1 TYPE, 2 UNIT
    if (is(b, kw, kwLen, "HELP")) {
      kind = 0;
    } else if (is(b, kw, kwLen, "TYPE")) {
      kind = 1;
    } else if (om && is(b, kw, kwLen, "UNIT")) {
      kind = 2;
    } else if (is(b, kw, kwLen, "EOF")) {
      if (skipWs(b, p, to) != to) {
        if (!om) {
          return; // a free comment that happens to start with "EOF"
        }
        throw error(p, "unexpected text after '# EOF'");
      }
      sawEof = true;
      return;
    } else {
      if (om) {
        throw error(
            kw,
            "unknown comment: OpenMetrics allows only '# HELP', '# TYPE', '# UNIT' and '# EOF'");
      }
      return; // a free comment in the Prometheus text format
    }
    p = skipWs(b, p, to);
    int ns = p;
    if (p < to && isNameStart(b[p])) {
      p++;
      while (p < to && isNameChar(b[p])) {
        p++;
      }
    }
    if (p == ns) {
      throw error(
          p,
          "expected a metric name after '# "
              + new String(b, kw, kwLen, StandardCharsets.US_ASCII)
              + "'");
    }
    String fam = names.get(b, ns, p - ns);
    if (p < to && b[p] != ' ' && b[p] != '\t') {
      throw error(p, "invalid character in metric name '" + fam + "'");
    }
    // OpenMetrics: exactly one separator, further blanks belong to the text; Prometheus text: all
    // blanks before the text are skipped, as Prometheus's own parser does.
    int rest = om ? (p < to ? p + 1 : p) : skipWs(b, p, to);
    if (kind == 1) {
      int ts = skipWs(b, rest, to);
      int te = to;
      while (te > ts && (b[te - 1] == ' ' || b[te - 1] == '\t')) {
        te--;
      }
      String typeText = new String(b, ts, te - ts, StandardCharsets.UTF_8);
      MetricType type = MetricType.parse(typeText);
      if (type == null
          || (!om
              && (type == MetricType.GAUGE_HISTOGRAM
                  || type == MetricType.INFO
                  || type == MetricType.STATESET))) {
        throw error(ts, "unknown metric type '" + typeText + "' for '" + fam + "'");
      }
      family = fam;
      familyType = type;
      visitor.type(fam, type);
    } else {
      if (!fam.equals(family)) {
        family = fam;
        familyType = MetricType.UNKNOWN;
      }
      if (kind == 0) {
        visitor.help(fam, unescapeText(b, rest, to, "help text of '" + fam + "'"));
      } else {
        visitor.unit(fam, new String(b, rest, to - rest, StandardCharsets.UTF_8));
      }
    }
  }

  private void sample(byte[] b, int from, int to) {
    int p = from;
    if (!isNameStart(b[p])) {
      throw error(p, "expected a metric name or '#'");
    }
    int h = 31 + b[p];
    p++;
    while (p < to && isNameChar(b[p])) {
      h = 31 * h + b[p];
      p++;
    }
    String name = names.get(b, from, p - from, h);
    labels.clear();
    int q = om ? p : skipWs(b, p, to);
    if (q < to && b[q] == '{') {
      p = labelSet(b, q + 1, to, name);
    } else if (p < to && b[p] != ' ' && b[p] != '\t') {
      throw error(p, "invalid character in metric name '" + name + "'");
    }
    int ws = p;
    p = skipWs(b, p, to);
    if (p == to) {
      throw error(p, "expected a value after '" + name + "'");
    }
    if (p == ws) {
      throw error(p, "expected a blank between the labels and the value of '" + name + "'");
    }
    int vs = p;
    while (p < to && b[p] != ' ' && b[p] != '\t') {
      p++;
    }
    double value = SampleValues.parse(b, vs, p - vs);
    if (SampleValues.isInvalid(value)) {
      throw error(
          vs,
          "invalid value '"
              + new String(b, vs, p - vs, StandardCharsets.UTF_8)
              + "' for '"
              + name
              + "'");
    }
    long ts = ExpositionVisitor.NO_TIMESTAMP;
    p = skipWs(b, p, to);
    if (p < to && b[p] != '#') {
      int tsStart = p;
      while (p < to && b[p] != ' ' && b[p] != '\t') {
        p++;
      }
      ts = om ? SampleValues.parseSeconds(b, tsStart, p - tsStart) : parseMillis(b, tsStart, p);
      if (ts == Long.MIN_VALUE) {
        throw error(
            tsStart,
            "invalid timestamp '"
                + new String(b, tsStart, p - tsStart, StandardCharsets.UTF_8)
                + "' for '"
                + name
                + "'"
                + (om
                    ? " (OpenMetrics: decimal seconds)"
                    : " (Prometheus text: integer milliseconds; OpenMetrics input? parse it as OPENMETRICS)"));
      }
      p = skipWs(b, p, to);
    }
    if (p < to) {
      if (!(om && b[p] == '#')) {
        throw error(
            p,
            "unexpected text after the "
                + (ts == ExpositionVisitor.NO_TIMESTAMP ? "value" : "timestamp")
                + " of '"
                + name
                + "'");
      }
      // An OpenMetrics exemplar: '# {labels} value [timestamp]'; checked for shape, then skipped.
      int e = skipWs(b, p + 1, to);
      if (e >= to || b[e] != '{') {
        throw error(e, "expected an exemplar label set '{...}' after '#'");
      }
    }
    MetricType type = typeOf(name);
    if ((type == MetricType.HISTOGRAM || type == MetricType.GAUGE_HISTOGRAM)
        && name.length() == family.length() + 7
        && name.endsWith("_bucket")
        && labels.get("le") == null) {
      throw error(from, "histogram bucket '" + name + "' has no 'le' label");
    }
    if (type == MetricType.SUMMARY
        && name.length() == family.length()
        && labels.get("quantile") == null) {
      throw error(from, "summary sample '" + name + "' has no 'quantile' label");
    }
    visitor.sample(type, name, labels, value, ts);
  }

  private MetricType typeOf(String name) {
    String f = family;
    if (f == null) {
      return MetricType.UNKNOWN;
    }
    int fl = f.length();
    if (name.length() == fl) {
      return name.equals(f) ? familyType : MetricType.UNKNOWN;
    }
    if (name.length() < fl || !name.startsWith(f)) {
      return MetricType.UNKNOWN;
    }
    switch (familyType) {
      case COUNTER:
        return suffix(name, fl, "_total") || suffix(name, fl, "_created")
            ? familyType
            : MetricType.UNKNOWN;
      case HISTOGRAM:
        return suffix(name, fl, "_bucket")
                || suffix(name, fl, "_sum")
                || suffix(name, fl, "_count")
                || suffix(name, fl, "_created")
            ? familyType
            : MetricType.UNKNOWN;
      case GAUGE_HISTOGRAM:
        return suffix(name, fl, "_bucket")
                || suffix(name, fl, "_gsum")
                || suffix(name, fl, "_gcount")
            ? familyType
            : MetricType.UNKNOWN;
      case SUMMARY:
        return suffix(name, fl, "_sum")
                || suffix(name, fl, "_count")
                || suffix(name, fl, "_created")
            ? familyType
            : MetricType.UNKNOWN;
      case INFO:
        return suffix(name, fl, "_info") ? familyType : MetricType.UNKNOWN;
      default:
        return MetricType.UNKNOWN;
    }
  }

  private static boolean suffix(String name, int at, String s) {
    return name.length() == at + s.length() && name.startsWith(s, at);
  }

  private int labelSet(byte[] b, int p, int to, String name) {
    while (true) {
      p = skipWs(b, p, to);
      if (p >= to) {
        throw error(p, "label set of '" + name + "' is not closed with '}'");
      }
      if (b[p] == '}') {
        return p + 1;
      }
      int ls = p;
      if (!isLabelStart(b[p])) {
        throw error(p, "expected a label name or '}' in the labels of '" + name + "'");
      }
      p++;
      while (p < to && isLabelChar(b[p])) {
        p++;
      }
      String ln = labelNames.get(b, ls, p - ls);
      p = skipWs(b, p, to);
      if (p >= to || b[p] != '=') {
        throw error(p, "expected '=' after label name '" + ln + "'");
      }
      p = skipWs(b, p + 1, to);
      if (p >= to || b[p] != '"') {
        throw error(p, "expected '\"' to open the value of label '" + ln + "'");
      }
      p++;
      int vs = p;
      boolean escaped = false;
      int h = 1;
      byte c;
      while (p < to && (c = b[p]) != '"') {
        if (c == '\\') {
          escaped = true;
          p += 2;
        } else {
          h = 31 * h + c;
          p++;
        }
      }
      if (p >= to) {
        throw error(vs - 1, "value of label '" + ln + "' is not closed with '\"'");
      }
      String value = escaped ? unescapeLabel(b, vs, p, ln) : labelValues.get(b, vs, p - vs, h);
      p++;
      if (!labels.add(ln, value)) {
        throw error(ls, "label '" + ln + "' appears twice on '" + name + "'");
      }
      p = skipWs(b, p, to);
      if (p < to && b[p] == ',') {
        p++;
        continue;
      }
      if (p < to && b[p] == '}') {
        return p + 1;
      }
      throw error(p, "expected ',' or '}' after the value of label '" + ln + "'");
    }
  }

  private String unescapeLabel(byte[] b, int from, int to, String ln) {
    if (scratch.length < to - from) {
      scratch = new byte[Math.max(to - from, scratch.length * 2)];
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c == '\\') {
        byte e = b[++i];
        if (e == '\\') {
          c = '\\';
        } else if (e == '"') {
          c = '"';
        } else if (e == 'n') {
          c = '\n';
        } else {
          throw error(
              i - 1,
              "invalid escape '\\"
                  + (char) e
                  + "' in the value of label '"
                  + ln
                  + "' (allowed: \\\\, \\\", \\n)");
        }
      }
      scratch[n++] = c;
    }
    return labelValues.get(scratch, 0, n);
  }

  private String unescapeText(byte[] b, int from, int to, String what) {
    int run = from;
    byte[] tmp = null;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (b[i] == '\\') {
        if (tmp == null) {
          tmp = new byte[to - from];
        }
        System.arraycopy(b, run, tmp, n, i - run);
        n += i - run;
        if (i + 1 >= to) {
          throw error(i, "dangling '\\' at the end of the " + what);
        }
        byte e = b[++i];
        if (e == '\\') {
          tmp[n++] = '\\';
        } else if (e == 'n') {
          tmp[n++] = '\n';
        } else if (e == '"' && om) {
          tmp[n++] = '"';
        } else if (om) {
          throw error(i - 1, "invalid escape '\\" + (char) e + "' in the " + what);
        } else {
          // The Prometheus text format keeps other backslashes literally in help text.
          tmp[n++] = '\\';
          tmp[n++] = e;
        }
        run = i + 1;
      }
    }
    if (tmp == null) {
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    System.arraycopy(b, run, tmp, n, to - run);
    n += to - run;
    return new String(tmp, 0, n, StandardCharsets.UTF_8);
  }

  private static long parseMillis(byte[] b, int from, int to) {
    int p = from;
    boolean neg = false;
    if (p < to && (b[p] == '-' || b[p] == '+')) {
      neg = b[p] == '-';
      p++;
    }
    if (p == to || to - p > 18) {
      return Long.MIN_VALUE;
    }
    long v = 0;
    for (; p < to; p++) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        return Long.MIN_VALUE;
      }
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }

  private static int skipWs(byte[] b, int p, int to) {
    while (p < to && (b[p] == ' ' || b[p] == '\t')) {
      p++;
    }
    return p;
  }

  private static boolean is(byte[] b, int off, int len, String kw) {
    if (len != kw.length()) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (b[off + i] != kw.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  private static boolean isNameChar(byte c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private static boolean isLabelStart(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isLabelChar(byte c) {
    return isLabelStart(c) || (c >= '0' && c <= '9');
  }

  private ExpositionFormatException error(int at, String what) {
    int shown = Math.min(lineTo - lineFrom, 160);
    String text = new String(lineBuf, lineFrom, shown, StandardCharsets.UTF_8);
    if (shown < lineTo - lineFrom) {
      text += "...";
    }
    int column = at - lineFrom + 1;
    return new ExpositionFormatException(
        lineNo, "line " + lineNo + ", column " + column + ": " + what + ": " + text);
  }
}
