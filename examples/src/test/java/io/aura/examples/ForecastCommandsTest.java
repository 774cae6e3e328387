package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warn and forecast commands on tiny configurations. */
class ForecastCommandsTest {

  private static String run(String... args) {
    return CliRun.ok(args);
  }

  @Test
  void warnScoresSimulatedLeaksAndFillsAndWritesEveryWarning(@TempDir Path dir) throws Exception {
    String out =
        run(
            "warn",
            "--seeds",
            "1",
            "--pods",
            "6",
            "--nodes",
            "2",
            "--days",
            "1",
            "--faults",
            "3",
            "--out",
            dir.toString());
    String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last)
        .matches(
            "warn incidents=\\d+ warned5m=\\d\\.\\d{3} medianLeadMin=[0-9.]+ falsePerPodDay=\\d+\\.\\d{3}"
                + " falseNoFaultPerPodDay=\\d+\\.\\d{3}");
    int incidents = Integer.parseInt(last.replaceAll(".*incidents=(\\d+).*", "$1"));
    double warned = Double.parseDouble(last.replaceAll(".*warned5m=([0-9.]+).*", "$1"));
    // Three leak / fill faults give at least three incidents; linear ramps are warned ahead.
    assertThat(incidents).isGreaterThanOrEqualTo(3);
    assertThat(warned).isGreaterThan(0.5);
    List<String> warnings = Files.readAllLines(dir.resolve("warnings.csv"));
    assertThat(warnings.get(0))
        .isEqualTo(
            "seed,pod,metric,source,time,value,threshold,predicted_crossing,confidence,"
                + "incident_start,lead_minutes,in_fault_window");
    assertThat(warnings.size())
        .isGreaterThan(incidents); // at least one warning per incident, plus header
    // Every matched warning's lead is positive and within the 6 h horizon.
    for (String line : warnings.subList(1, warnings.size())) {
      String[] f = line.split(",", -1);
      assertThat(f).hasSize(12);
      if (!f[10].isEmpty()) {
        assertThat(Double.parseDouble(f[10])).isBetween(0.0, 360.0);
      }
    }
    List<String> inc = Files.readAllLines(dir.resolve("incidents.csv"));
    assertThat(inc).hasSize(incidents + 1);
  }

  @Test
  void forecastOfASimulatedLeakPredictsTheOomAndDrawsIt(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("oom.png");
    String out =
        run("forecast", "--fault", "memory-leak", "--method", "ets", "--png", png.toString());
    // The origin is 60 minutes before the real OOM kill; the expected crossing is printed in ISO
    // form.
    String line = out.lines().filter(l -> l.startsWith("time to 1.000")).findFirst().orElseThrow();
    String iso = line.replaceAll(".*expected (PT\\S+),.*", "$1");
    long minutes = java.time.Duration.parse(iso).toMinutes();
    assertThat(minutes).isBetween(40L, 80L);
    assertThat(out).contains("OOM-killed in reality 60 minutes after the origin");
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(450);
    assertThat(Files.size(png)).isLessThan(200_000);
  }

  @Test
  void forecastReadsANabCsv(@TempDir Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 200; i++) {
      sb.append(
          String.format(
              Locale.ROOT, "2026-01-01 %02d:%02d:00,%.4f%n", i / 60, i % 60, 0.5 + 0.001 * i));
    }
    Path csv = dir.resolve("disk.csv");
    Files.writeString(csv, sb);
    Path png = dir.resolve("d.png");
    String out =
        run(
            "forecast",
            "--nab",
            csv.toString(),
            "--threshold",
            "0.9",
            "--method",
            "ets",
            "--horizon",
            "300",
            "--png",
            png.toString());
    // 0.699 at the last point, +0.001 per minute: 0.9 in ~201 minutes.
    String iso =
        out.lines()
            .filter(l -> l.startsWith("time to 0.900"))
            .findFirst()
            .orElseThrow()
            .replaceAll(".*expected (PT\\S+),.*", "$1");
    assertThat(java.time.Duration.parse(iso).toMinutes()).isBetween(198L, 204L);
    assertThat(Files.exists(png)).isTrue();
  }
}
