package io.aura.io.exposition;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * One huge, valid {@code /metrics} page generated on the fly as it is read, never held in memory:
 * four metric families over {@code pods} distinct pods, each family's samples contiguous as the
 * formats require.
 *
 * <ol>
 *   <li>{@code aura_gen_memory_bytes} gauge: one sample per pod;
 *   <li>{@code aura_gen_requests_total} counter: two per pod ({@code code="200"}, {@code "500"});
 *   <li>{@code aura_gen_latency_seconds} histogram: three buckets, {@code _sum}, {@code _count};
 *   <li>{@code aura_gen_build} without a TYPE line (unknown): one per pod, its {@code path} label
 *       holding every escape ({@code \\}, {@code \"}, {@code \n}).
 * </ol>
 *
 * <p>Every pod name is distinct, so the parser's bounded string caches keep missing and evicting,
 * as with a high-cardinality target. Every sample has the timestamp {@link #TIMESTAMP_MILLIS}
 * (integer milliseconds in the Prometheus format, decimal seconds in OpenMetrics); OpenMetrics
 * input ends with {@code # EOF}. The sample count is {@code 9 · pods}; {@link #samplesWritten()}
 * counts what was actually generated. Not thread-safe.
 */
final class GeneratedExposition extends InputStream {
  static final long TIMESTAMP_MILLIS = 1_700_000_000_123L;
  static final int SAMPLES_PER_POD = 9;

  private final boolean om;
  private final long pods;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private int family;
  private long pod;
  private boolean done;
  private long samplesWritten;
  private long bytesWritten;
  private final byte[] ts;

  GeneratedExposition(ExpositionFormat format, long pods) {
    this.om = format == ExpositionFormat.OPENMETRICS;
    this.pods = pods;
    this.ts =
        (" " + (om ? "1700000000.123" : Long.toString(TIMESTAMP_MILLIS)) + "\n")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** How many pods a stream of about {@code bytes} bytes has (measured on the first 1,000 pods). */
  static long podsFor(ExpositionFormat format, long bytes) {
    GeneratedExposition probe = new GeneratedExposition(format, 1_000);
    byte[] sink = new byte[1 << 16];
    while (probe.read(sink, 0, sink.length) >= 0) {
      // count
    }
    return Math.max(1, bytes * 1_000 / probe.bytesWritten());
  }

  long samplesWritten() {
    return samplesWritten;
  }

  long bytesWritten() {
    return bytesWritten;
  }

  long expectedSamples() {
    return SAMPLES_PER_POD * pods;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pos == limit && !fill()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    bytesWritten += n;
    return n;
  }

  /** Generates at least one more line into the buffer; false at the end. */
  private boolean fill() {
    if (done) {
      return false;
    }
    pos = 0;
    limit = 0;
    while (limit < buf.length - 1024 && !done) {
      if (pod == 0) {
        header();
      }
      if (pod < pods) {
        podLines();
        pod++;
        continue;
      }
      family++;
      pod = 0;
      if (family == 4) {
        if (om) {
          ascii("# EOF\n");
        }
        done = true;
      }
    }
    return limit > 0;
  }

  private void header() {
    switch (family) {
      case 0:
        ascii(
            "# HELP aura_gen_memory_bytes Working set of the pod.\n# TYPE aura_gen_memory_bytes gauge\n");
        break;
      case 1:
        ascii(
            om
                ? "# HELP aura_gen_requests Requests served.\n# TYPE aura_gen_requests counter\n"
                : "# HELP aura_gen_requests_total Requests served.\n# TYPE aura_gen_requests_total counter\n");
        break;
      case 2:
        ascii(
            "# HELP aura_gen_latency_seconds Request latency.\n# TYPE aura_gen_latency_seconds histogram\n");
        break;
      default:
        ascii("# HELP aura_gen_build Build information.\n");
        break;
    }
  }

  private void podLines() {
    long k = pod;
    switch (family) {
      case 0:
        sample(
            "aura_gen_memory_bytes{namespace=\"ns-",
            k,
            null,
            Long.toString(100_000_000 + k * 4096));
        break;
      case 1:
        sample("aura_gen_requests_total{namespace=\"ns-", k, "code=\"200\"", k + ".5");
        sample("aura_gen_requests_total{namespace=\"ns-", k, "code=\"500\"", "1e-3");
        break;
      case 2:
        sample(
            "aura_gen_latency_seconds_bucket{namespace=\"ns-",
            k,
            "le=\"0.1\"",
            Long.toString(k % 97));
        sample(
            "aura_gen_latency_seconds_bucket{namespace=\"ns-",
            k,
            "le=\"1.0\"",
            Long.toString(k % 97 + 3));
        sample(
            "aura_gen_latency_seconds_bucket{namespace=\"ns-",
            k,
            "le=\"+Inf\"",
            Long.toString(k % 97 + 4));
        sample("aura_gen_latency_seconds_sum{namespace=\"ns-", k, null, "NaN");
        sample(
            "aura_gen_latency_seconds_count{namespace=\"ns-", k, null, Long.toString(k % 97 + 4));
        break;
      default:
        sample("aura_gen_build{namespace=\"ns-", k, "path=\"C:\\\\dir \\\"q\\\"\\nline\"", "1");
        break;
    }
  }

  /** {@code prefix}{k%64}",pod="web-{k}"[,extra]} value ts */
  private void sample(String prefix, long k, String extra, String value) {
    ascii(prefix);
    number(k & 63);
    ascii("\",pod=\"web-");
    number(k);
    ascii("-7f9c\"");
    if (extra != null) {
      buf[limit++] = ',';
      ascii(extra);
    }
    buf[limit++] = '}';
    buf[limit++] = ' ';
    ascii(value);
    System.arraycopy(ts, 0, buf, limit, ts.length);
    limit += ts.length;
    samplesWritten++;
  }

  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) {
      buf[limit++] = (byte) s.charAt(i);
    }
  }

  private void number(long v) {
    if (v == 0) {
      buf[limit++] = '0';
      return;
    }
    int start = limit;
    while (v > 0) {
      buf[limit++] = (byte) ('0' + v % 10);
      v /= 10;
    }
    for (int i = start, j = limit - 1; i < j; i++, j--) {
      byte t = buf[i];
      buf[i] = buf[j];
      buf[j] = t;
    }
  }
}
