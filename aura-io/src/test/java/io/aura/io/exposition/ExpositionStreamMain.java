package io.aura.io.exposition;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Streams a {@link GeneratedExposition} of a given size through {@link ExpositionParser} and prints
 * what it saw; run in a child JVM with a small heap by {@link ExpositionBoundedMemoryTest}, or by
 * hand for multi-gigabyte runs:
 *
 * <pre>
 * ./mvnw -q -B -o -pl aura-io test-compile
 * java -Xmx48m -XX:+UseSerialGC -cp "aura-io/target/test-classes:aura-io/target/classes:$(ls ~/.m2/repository/io/github/aura-k8s/aura-features/0.1.0-SNAPSHOT/aura-features-0.1.0-SNAPSHOT.jar)" \
 *   io.aura.io.exposition.ExpositionStreamMain 4000000000 PROMETHEUS_TEXT
 * </pre>
 *
 * <p>Arguments: target bytes, format ({@code PROMETHEUS_TEXT} or {@code OPENMETRICS}), and
 * optionally {@code readAll} to collect every sample in a list instead (the control experiment,
 * expected to run out of memory in a small heap). Prints one line {@code key=value ...}: {@code
 * pods}, {@code expectedSamples}, {@code generatedSamples}, {@code parsedSamples} and per-type
 * counts, {@code badTimestamps}, {@code escapedLabelsOk}, {@code bytes}, {@code seconds}, {@code
 * maxHeap} (-Xmx), {@code peakHeapUsed} (sum of the heap pools' peaks: an upper bound of the true
 * peak), {@code gcs}.
 */
public final class ExpositionStreamMain {
  private ExpositionStreamMain() {}

  /** Counts what the parser delivers. */
  static final class Counter implements ExpositionVisitor {
    long samples;
    final long[] byType = new long[MetricType.values().length];
    long badTimestamps;
    long escapedLabelsOk;
    long nans;
    boolean ended;

    @Override
    public void sample(
        MetricType type, String name, SampleLabels labels, double value, long timestampMillis) {
      samples++;
      byType[type.ordinal()]++;
      if (timestampMillis != GeneratedExposition.TIMESTAMP_MILLIS) {
        badTimestamps++;
      }
      if (Double.isNaN(value)) {
        nans++;
      }
      if (name.equals("aura_gen_build") && "C:\\dir \"q\"\nline".equals(labels.get("path"))) {
        escapedLabelsOk++;
      }
    }

    @Override
    public void end() {
      ended = true;
    }
  }

  /**
   * Runs one stream.
   *
   * @param args target bytes and format
   * @throws Exception on any failure (the exit code is then non-zero)
   */
  public static void main(String[] args) throws Exception {
    long target = Long.parseLong(args[0]);
    ExpositionFormat format = ExpositionFormat.valueOf(args[1]);
    long pods = GeneratedExposition.podsFor(format, target);
    GeneratedExposition in = new GeneratedExposition(format, pods);
    Counter c = new Counter();
    long t0 = System.nanoTime();
    if (args.length > 2 && args[2].equals("readAll")) {
      // The control experiment: holding every sample must not fit in the same heap.
      c.samples = ExpositionParser.readAll(in, format).size();
    } else {
      new ExpositionParser(format).parse(in, c);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    long gcs = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs += Math.max(0, g.getCollectionCount());
    }
    StringBuilder sb = new StringBuilder();
    sb.append("pods=")
        .append(pods)
        .append(" expectedSamples=")
        .append(in.expectedSamples())
        .append(" generatedSamples=")
        .append(in.samplesWritten())
        .append(" parsedSamples=")
        .append(c.samples)
        .append(" gauge=")
        .append(c.byType[MetricType.GAUGE.ordinal()])
        .append(" counter=")
        .append(c.byType[MetricType.COUNTER.ordinal()])
        .append(" histogram=")
        .append(c.byType[MetricType.HISTOGRAM.ordinal()])
        .append(" unknown=")
        .append(c.byType[MetricType.UNKNOWN.ordinal()])
        .append(" nans=")
        .append(c.nans)
        .append(" badTimestamps=")
        .append(c.badTimestamps)
        .append(" escapedLabelsOk=")
        .append(c.escapedLabelsOk)
        .append(" ended=")
        .append(c.ended)
        .append(" bytes=")
        .append(in.bytesWritten())
        .append(" seconds=")
        .append(String.format(Locale.ROOT, "%.2f", seconds))
        .append(" maxHeap=")
        .append(Runtime.getRuntime().maxMemory())
        .append(" peakHeapUsed=")
        .append(peak)
        .append(" gcs=")
        .append(gcs);
    System.out.println(sb); // a test's child process: its stdout is the report
  }
}
