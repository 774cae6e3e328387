package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rightsize on two synthetic VMs in Bitbrains' format (the real traces are not needed). */
class RightsizeCommandTest {
  static final long JUL1 = 1372636800L; // 2013-07-01T00:00Z, seconds

  static void vm(Path dir, String name, long seed, boolean negative) throws IOException {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];"
        + "\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];"
        + "\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]\n");
    for (int i = 0; i < 30 * 288; i++) {
      double hour = (i / 12.0) % 24;
      double cores = Math.max(0, 1 + 0.7 * Math.sin(2 * Math.PI * hour / 24) + 0.1 * r.nextGaussian());
      double mhz = negative && i == 100 ? -5 : cores * 2600;
      double memKb = i % 40 == 0 ? 0 : 2e6 + 1e5 * Math.sin(2 * Math.PI * hour / 24); // 0 = missing
      sb.append(String.format(Locale.ROOT, "%d;\t4;\t10400.0;\t%.3f;\t%.2f;\t8388608.0;\t%.1f;\t0;\t0;\t0;\t0%n",
          JUL1 + i * 300L + 7, mhz, 100 * cores / 4, memKb));
    }
    Path month = dir.resolve("2013-7");
    Files.createDirectories(month);
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(month.resolve(name + ".csv.gz")))) {
      o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void julyReplayEndsWithTheRightsizeLineAndWritesRawOutputs(@TempDir Path dir) throws Exception {
    vm(dir, "1", 1, false);
    vm(dir, "2", 2, false);
    Path out = dir.resolve("out");
    String s = CliRun.ok("rightsize", "--data", dir.toString(), "--period", "july", "--bootstrap", "50",
        "--threads", "1", "--out", out.toString());
    String last = s.strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).matches("RIGHTSIZE data=bitbrains/july cpu_saving_vs_vpa_1pct=\\S+ cpu_saving_vs_vpa_5pct=\\S+"
        + " mem_saving_vs_vpa_1pct=\\S+ mem_saving_vs_vpa_5pct=\\S+");
    assertThat(s).contains("memory missing rows   216"); // 8640 rows / 40
    // 2 VMs x 4 methods x 23 days x 24 hours
    assertThat(Files.readAllLines(out.resolve("allocations.csv"))).hasSize(1 + 2 * 4 * 23 * 24);
    assertThat(Files.readAllLines(out.resolve("usage.csv"))).hasSize(1 + 2 * 23 * 288);
    assertThat(out.resolve("tallies.csv")).exists();
    assertThat(out.resolve("frontier.csv")).exists();
  }

  @Test
  void negativeCpuUsageIsNamedWithFileAndLine(@TempDir Path dir) throws Exception {
    vm(dir, "9", 3, true);
    CliRun r = CliRun.of("rightsize", "--data", dir.toString(), "--period", "july", "--threads", "1");
    assertThat(r.exitCode()).isEqualTo(AuraCli.EXIT_FAILURE);
    assertThat(r.err()).contains("9.csv.gz line 102: CPU usage must be finite and >= 0");
  }

  @Test
  void recommendPrintsEveryMethodAndWritesJson(@TempDir Path dir) throws Exception {
    Random r = new Random(4);
    StringBuilder sb = new StringBuilder("epoch_seconds,container,cpu_cores,memory_bytes\n");
    for (int i = 0; i < 30 * 288; i++) {
      double hour = (i / 12.0) % 24;
      sb.append(String.format(Locale.ROOT, "%d,shop/web-1,%.4f,%s%n", JUL1 + i * 300L,
          1 + 0.5 * Math.sin(2 * Math.PI * hour / 24) + 0.05 * r.nextGaussian(), i % 50 == 0 ? "" : "2000000000"));
    }
    Path csv = dir.resolve("usage.csv");
    Files.writeString(csv, sb);
    Path json = dir.resolve("rec.json");
    String out = CliRun.ok("recommend", "--csv", csv.toString(), "--prices", "0.031,0.0042", "--json", json.toString());
    assertThat(out).contains("vpa").contains("krr-simple").contains("forecast").contains("forecast_peak")
        .contains("backtest violation rate");
    assertThat(out.lines().filter(l -> l.startsWith("shop/web-1"))).hasSize(6);
    assertThat(Files.readString(json)).contains("\"container\":\"shop/web-1\"").contains("\"schedule\":[");
    Files.writeString(csv, "epoch_seconds,container,cpu_cores,memory_bytes\n100,a,1,0\n");
    CliRun bad = CliRun.of("recommend", "--csv", csv.toString());
    assertThat(bad.exitCode()).isEqualTo(AuraCli.EXIT_FAILURE);
    assertThat(bad.err()).contains("usage.csv:2: container a: memory 0.0 <= 0");
  }
}
