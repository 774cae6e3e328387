package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.Frame;
import io.aura.io.csv.FrameCsv;
import io.aura.io.kubernetes.KubeEvent;
import io.aura.io.kubernetes.KubectlJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @Test
  void writesMetricsEventsAndGroundTruthThatReadBack(@TempDir Path dir) throws Exception {
    String out =
        CliRun.ok(
            "simulate",
            "--seed",
            "4",
            "--pods",
            "3",
            "--nodes",
            "2",
            "--days",
            "1",
            "--step",
            "60",
            "--faults",
            "3",
            "--out",
            dir.toString());
    try (var files = Files.list(dir.resolve("metrics"))) {
      List<Path> csv = files.toList();
      assertThat(csv).hasSize(3);
      Frame f = FrameCsv.read(csv.get(0));
      assertThat(f.rows()).isEqualTo(24 * 60);
      assertThat(f.hasColumn("container_memory_working_set_bytes")).isTrue();
    }
    assertThat(Files.readString(dir.resolve("metrics.om"))).endsWith("# EOF\n");
    List<KubeEvent> events = KubectlJson.readEvents(dir.resolve("events.json"));
    assertThat(events).isNotEmpty();
    List<String> truth = Files.readAllLines(dir.resolve("ground-truth.csv"));
    assertThat(truth.get(0)).startsWith("start,end,fault,target,type,severity");
    assertThat(out).contains("incidents: " + (truth.size() - 1));
  }
}
