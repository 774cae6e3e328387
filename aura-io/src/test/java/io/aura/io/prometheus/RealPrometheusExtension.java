package io.aura.io.prometheus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that runs a real Prometheus and node_exporter on free 127.0.0.1 ports for one
 * test class, with a temporary storage directory, and stops them afterwards.
 *
 * <p>Before the server starts, the OpenMetrics text given to {@link #backfilling} is turned into
 * TSDB blocks with {@code promtool tsdb create-blocks-from openmetrics} (blocks written into a
 * running server only become visible after its next reload, so they are written first). Prometheus
 * scrapes node_exporter every second as job {@code node}; retention is 100 years so that old
 * backfilled blocks survive beside the live scrapes.
 *
 * <p>Binaries ({@code prometheus}, {@code promtool}, {@code prometheus-node-exporter} or {@code
 * node_exporter}) are looked up on PATH and in /usr/bin. When missing, and the machine has apt-get
 * and we run as root, the extension installs the Debian packages ({@code apt-get update} once, then
 * {@code apt-get install prometheus prometheus-node-exporter}); otherwise it fails the test class
 * with a message saying how to install them. It never skips.
 *
 * <p>Thread safety: one instance per test class, used by JUnit's thread.
 */
public final class RealPrometheusExtension implements BeforeAllCallback, AfterAllCallback {
  private static final Logger LOG = LoggerFactory.getLogger(RealPrometheusExtension.class);
  private static final String INSTALL_HINT =
      "Install them with: sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y"
          + " --no-install-recommends prometheus prometheus-node-exporter  (Debian/Ubuntu; Prometheus 2.42+"
          + " with promtool, node_exporter), or put prometheus, promtool and node_exporter on PATH.";
  private static boolean aptUpdated;

  private final String backfill;
  private final String extraTarget;
  private final List<Path> ruleFiles;
  private Binaries binaries;
  private Path dir;
  private Process prometheus;
  private Process nodeExporter;
  private int prometheusPort;
  private int nodeExporterPort;

  private RealPrometheusExtension(String backfill, String extraTarget) {
    this(backfill, extraTarget, List.of());
  }

  private RealPrometheusExtension(String backfill, String extraTarget, List<Path> ruleFiles) {
    this.backfill = backfill;
    this.extraTarget = extraTarget;
    this.ruleFiles = List.copyOf(ruleFiles);
  }

  /**
   * The same extension, whose server also loads and evaluates these rule files (every second).
   *
   * @param files alerting or recording rule files
   * @return a new extension
   */
  public RealPrometheusExtension withRules(Path... files) {
    List<Path> all = new ArrayList<>(ruleFiles);
    for (Path p : files) {
      all.add(p.toAbsolutePath().normalize());
    }
    return new RealPrometheusExtension(backfill, extraTarget, all);
  }

  /**
   * The {@code promtool} binary next to the server, for {@code promtool check rules} and {@code
   * promtool test rules}; available once the extension has started.
   *
   * @return the binary's path
   */
  public String promtool() {
    if (binaries == null) {
      throw new IllegalStateException("the extension has not started");
    }
    return binaries.promtool;
  }

  /**
   * Runs a command (for example {@link #promtool()} with arguments) with a deadline and returns
   * what it printed.
   *
   * @param timeout the deadline
   * @param cmd the command and its arguments
   * @return stdout and stderr
   * @throws IllegalStateException if it fails or does not finish in time, with its output
   */
  public String runCommand(Duration timeout, String... cmd) throws Exception {
    return run(List.of(cmd), Files.createTempFile(dir, "command-", ".log"), timeout);
  }

  /**
   * An extension whose server starts with these samples already stored.
   *
   * @param openMetrics OpenMetrics text ending with {@code # EOF}, timestamps in seconds
   * @return the extension
   */
  public static RealPrometheusExtension backfilling(String openMetrics) {
    return new RealPrometheusExtension(openMetrics, null);
  }

  /**
   * An extension whose server also scrapes a loopback target every second (job {@code aura}), for
   * tests of exporters: start the exporter before the extension runs.
   *
   * @param port the target's port on 127.0.0.1, serving {@code /metrics}
   * @return the extension
   */
  public static RealPrometheusExtension scraping(int port) {
    return new RealPrometheusExtension(null, "127.0.0.1:" + port);
  }

  /** The server's base URL, {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + prometheusPort;
  }

  /** node_exporter's metrics URL. */
  public String nodeExporterMetricsUrl() {
    return "http://127.0.0.1:" + nodeExporterPort + "/metrics";
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Binaries bin = Binaries.ensureInstalled();
    binaries = bin;
    dir = Files.createTempDirectory("aura-prometheus-");
    Path data = Files.createDirectories(dir.resolve("data"));
    if (backfill != null) {
      Path om = dir.resolve("backfill.om");
      Files.writeString(om, backfill, StandardCharsets.UTF_8);
      run(List.of(bin.promtool, "tsdb", "create-blocks-from", "openmetrics", om.toString(), data.toString()),
          dir.resolve("promtool.log"), Duration.ofSeconds(120));
    }
    nodeExporterPort = freePort();
    nodeExporter = start(List.of(bin.nodeExporter, "--web.listen-address=127.0.0.1:" + nodeExporterPort),
        dir.resolve("node_exporter.log"));
    waitFor200(nodeExporterMetricsUrl(), nodeExporter, dir.resolve("node_exporter.log"));
    prometheusPort = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config,
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            + (ruleFiles.isEmpty() ? "" : "rule_files:\n" + ruleFiles.stream().map(p -> "  - '" + p + "'\n")
                .reduce("", String::concat))
            + "scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:"
            + nodeExporterPort + "']\n"
            + (extraTarget == null ? "" : "  - job_name: aura\n    static_configs:\n      - targets: ['" + extraTarget
                + "']\n"));
    prometheus = start(List.of(bin.prometheus,
            "--config.file=" + config,
            "--storage.tsdb.path=" + data,
            "--storage.tsdb.retention.time=100y",
            "--web.listen-address=127.0.0.1:" + prometheusPort),
        dir.resolve("prometheus.log"));
    waitFor200(baseUrl() + "/-/ready", prometheus, dir.resolve("prometheus.log"));
    LOG.info("Prometheus on {} (node_exporter on port {}), storage {}", baseUrl(), nodeExporterPort, data);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop(prometheus);
    stop(nodeExporter);
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void stop(Process p) throws InterruptedException {
    if (p == null) {
      return;
    }
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Process start(List<String> cmd, Path log) throws IOException {
    LOG.info("starting {}", cmd);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void waitFor200(String url, Process p, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("process exited with " + p.exitValue() + " before " + url + " answered:\n" + tail(log));
      }
      try {
        HttpResponse<Void> r = http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(url + " did not answer 200 within 60 s:\n" + tail(log));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static String run(List<String> cmd, Path log, Duration timeout) throws Exception {
    LOG.info("running {}", cmd);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " did not finish within " + timeout + ":\n" + tail(log));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(cmd + " exited with " + p.exitValue() + ":\n" + tail(log));
    }
    return Files.readString(log);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The located binaries; installs them through apt-get when allowed. */
  static final class Binaries {
    final String prometheus;
    final String promtool;
    final String nodeExporter;

    private Binaries(String prometheus, String promtool, String nodeExporter) {
      this.prometheus = prometheus;
      this.promtool = promtool;
      this.nodeExporter = nodeExporter;
    }

    static synchronized Binaries ensureInstalled() throws Exception {
      return ensureInstalled(searchPath(), which(searchPath(), "apt-get"), isRoot());
    }

    /** The logic, with the machine's facts as arguments so that a test can fake a bare machine. */
    static Binaries ensureInstalled(List<String> dirs, String apt, boolean root) throws Exception {
      Binaries b = locate(dirs);
      if (b != null) {
        return b;
      }
      if (apt == null || !root) {
        throw new IllegalStateException("The Prometheus integration tests need prometheus, promtool and"
            + " node_exporter, which are missing here (" + missing(dirs) + "), and this machine "
            + (apt == null ? "has no apt-get" : "is not running the tests as root") + ". " + INSTALL_HINT);
      }
      Path log = Files.createTempFile("aura-apt-", ".log");
      try {
        if (!aptUpdated) {
          run(List.of(apt, "update"), log, Duration.ofMinutes(5));
          aptUpdated = true;
        }
        LOG.info("installing prometheus and prometheus-node-exporter with apt-get");
        ProcessBuilder pb = new ProcessBuilder(apt, "install", "-y", "--no-install-recommends",
            "prometheus", "prometheus-node-exporter").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
          p.destroyForcibly();
          throw new IllegalStateException("apt-get install prometheus prometheus-node-exporter failed:\n"
              + tail(log) + "\n" + INSTALL_HINT);
        }
      } finally {
        Files.deleteIfExists(log);
      }
      b = locate(dirs);
      if (b == null) {
        throw new IllegalStateException("after apt-get install, still missing: " + missing(dirs) + ". " + INSTALL_HINT);
      }
      return b;
    }

    private static Binaries locate(List<String> dirs) {
      String prom = which(dirs, "prometheus");
      String tool = which(dirs, "promtool");
      String node = which(dirs, "prometheus-node-exporter");
      if (node == null) {
        node = which(dirs, "node_exporter");
      }
      return prom != null && tool != null && node != null ? new Binaries(prom, tool, node) : null;
    }

    private static String missing(List<String> dirs) {
      List<String> m = new ArrayList<>();
      if (which(dirs, "prometheus") == null) {
        m.add("prometheus");
      }
      if (which(dirs, "promtool") == null) {
        m.add("promtool");
      }
      if (which(dirs, "prometheus-node-exporter") == null && which(dirs, "node_exporter") == null) {
        m.add("prometheus-node-exporter");
      }
      return String.join(", ", m);
    }

    static List<String> searchPath() {
      List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
      dirs.add("/usr/bin");
      dirs.add("/usr/sbin");
      dirs.add("/usr/local/bin");
      return dirs;
    }

    static String which(List<String> dirs, String name) {
      for (String d : dirs) {
        if (d.isEmpty()) {
          continue;
        }
        Path p = Path.of(d, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return p.toString();
        }
      }
      return null;
    }

    private static boolean isRoot() {
      try {
        Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        return p.waitFor() == 0 && out.equals("0");
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }
  }
}
