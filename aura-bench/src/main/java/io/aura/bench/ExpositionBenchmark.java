package io.aura.bench;

import io.aura.io.exposition.ExpositionFormat;
import io.aura.io.exposition.ExpositionParser;
import io.aura.io.exposition.ExpositionVisitor;
import io.aura.io.exposition.MetricType;
import io.aura.io.exposition.SampleLabels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing one real-sized scrape: a node_exporter page of an 8-CPU node plus the cAdvisor page of a
 * node running 60 pods (label sets as cAdvisor writes them: container, id, image, name, namespace,
 * pod, and device/interface where it applies), {@value #SAMPLES} samples in all. The score is
 * samples per second.
 *
 * <p>Run: {@code java -jar aura-bench/target/benchmarks.jar ExpositionBenchmark}
 */
@State(Scope.Benchmark)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExpositionBenchmark {
  /** Samples in the generated scrape (checked in setup). */
  public static final int SAMPLES = 6_000;

  private byte[] scrape;
  private final ExpositionParser parser = new ExpositionParser(ExpositionFormat.PROMETHEUS_TEXT);

  @Setup
  public void setUp() throws IOException {
    scrape = scrape().getBytes(StandardCharsets.UTF_8);
    Counter c = new Counter();
    parser.parse(new ByteArrayInputStream(scrape), c);
    if (c.samples != SAMPLES) {
      throw new IllegalStateException(
          "generated scrape has " + c.samples + " samples, expected " + SAMPLES);
    }
  }

  static String scrape() {
    SplittableRandom r = new SplittableRandom(3);
    StringBuilder sb = new StringBuilder(2 << 20);
    int n = 0;
    sb.append(
        "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE node_cpu_seconds_total counter\n");
    String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    for (int cpu = 0; cpu < 8; cpu++) {
      for (String m : modes) {
        sb.append("node_cpu_seconds_total{cpu=\"")
            .append(cpu)
            .append("\",mode=\"")
            .append(m)
            .append("\"} ")
            .append(String.format(Locale.ROOT, "%.2f", r.nextDouble() * 1e6))
            .append('\n');
        n++;
      }
    }
    String[] nodeGauges = {
      "node_memory_MemAvailable_bytes",
      "node_memory_MemTotal_bytes",
      "node_load1",
      "node_load5",
      "node_load15",
      "node_filefd_allocated",
      "node_procs_running"
    };
    for (String g : nodeGauges) {
      sb.append("# TYPE ")
          .append(g)
          .append(" gauge\n")
          .append(g)
          .append(' ')
          .append(r.nextLong(1L << 40))
          .append('\n');
      n++;
    }
    String[] devs = {"eth0", "eth1", "lo", "cni0", "flannel.1"};
    String[] netc = {
      "node_network_receive_bytes_total",
      "node_network_transmit_bytes_total",
      "node_network_receive_packets_total",
      "node_network_transmit_packets_total",
      "node_network_receive_errs_total"
    };
    for (String m : netc) {
      sb.append("# TYPE ").append(m).append(" counter\n");
      for (String d : devs) {
        sb.append(m)
            .append("{device=\"")
            .append(d)
            .append("\"} ")
            .append(String.format(Locale.ROOT, "%.6e", r.nextDouble() * 1e12))
            .append('\n');
        n++;
      }
    }
    String[] cad = {
      "container_cpu_usage_seconds_total",
      "container_cpu_cfs_periods_total",
      "container_cpu_cfs_throttled_periods_total",
      "container_memory_working_set_bytes",
      "container_memory_rss",
      "container_memory_cache",
      "container_fs_usage_bytes",
      "container_fs_limit_bytes",
      "container_fs_reads_bytes_total",
      "container_fs_writes_bytes_total",
      "container_network_receive_bytes_total",
      "container_network_transmit_bytes_total",
      "container_network_receive_errors_total",
      "container_network_transmit_errors_total",
      "container_network_receive_packets_total",
      "container_network_transmit_packets_total",
      "container_spec_memory_limit_bytes",
      "container_spec_cpu_quota",
      "container_last_seen"
    };
    int header = n;
    int perFamily = (SAMPLES - header) / cad.length;
    int extra = (SAMPLES - header) % cad.length;
    for (int f = 0; f < cad.length; f++) {
      String m = cad[f];
      sb.append("# HELP ")
          .append(m)
          .append(" cAdvisor metric.\n# TYPE ")
          .append(m)
          .append(m.endsWith("_total") ? " counter\n" : " gauge\n");
      int count = perFamily + (f < extra ? 1 : 0);
      for (int i = 0; i < count; i++) {
        int pod = i % 60;
        sb.append(m)
            .append("{container=\"app-")
            .append(i % 3)
            .append("\",id=\"/kubepods/burstable/pod")
            .append(String.format(Locale.ROOT, "%08x-%04x", pod * 7919, i))
            .append("\",image=\"registry.local/shop/app:1.")
            .append(pod % 9)
            .append("\",name=\"k8s_app_web-")
            .append(pod)
            .append("_shop_")
            .append(i)
            .append("\",namespace=\"shop\",pod=\"web-")
            .append(pod)
            .append('"');
        if (m.contains("network")) {
          sb.append(",interface=\"eth0\"");
        } else if (m.contains("_fs_")) {
          sb.append(",device=\"/dev/nvme0n1p1\"");
        }
        sb.append("} ")
            .append(String.format(Locale.ROOT, "%.9e", r.nextDouble() * 1e9))
            .append(" 1700000000")
            .append(String.format(Locale.ROOT, "%03d", i % 1000))
            .append('\n');
        n++;
      }
    }
    return sb.toString();
  }

  static final class Counter implements ExpositionVisitor {
    int samples;
    double sum;

    @Override
    public void sample(
        MetricType type, String name, SampleLabels labels, double value, long timestampMillis) {
      samples++;
      sum += value + labels.size();
    }
  }

  /** One scrape, parsed through a visitor that touches every sample; the score is samples/s. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(SAMPLES)
  public double parseScrape() throws IOException {
    Counter c = new Counter();
    parser.parse(new ByteArrayInputStream(scrape), c);
    return c.sum;
  }
}
