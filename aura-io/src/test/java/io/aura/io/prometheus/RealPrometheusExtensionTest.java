package io.aura.io.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a machine without the binaries the extension fails loudly with the install command; it never
 * skips.
 */
class RealPrometheusExtensionTest {

  @Test
  void missingBinariesWithoutAptOrRootFailWithTheInstallCommand(@TempDir Path empty) {
    List<String> bare = List.of(empty.toString());
    assertThatThrownBy(() -> RealPrometheusExtension.Binaries.ensureInstalled(bare, null, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prometheus, promtool, prometheus-node-exporter")
        .hasMessageContaining("has no apt-get")
        .hasMessageContaining(
            "apt-get install -y --no-install-recommends prometheus prometheus-node-exporter");
    assertThatThrownBy(
            () -> RealPrometheusExtension.Binaries.ensureInstalled(bare, "/usr/bin/apt-get", false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running the tests as root");
  }

  @Test
  void binariesFoundInTheSearchPathAreUsed(@TempDir Path dir) throws Exception {
    for (String name : new String[] {"prometheus", "promtool", "node_exporter"}) {
      Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
      p.toFile().setExecutable(true);
    }
    RealPrometheusExtension.Binaries b =
        RealPrometheusExtension.Binaries.ensureInstalled(List.of(dir.toString()), null, false);
    assertThat(b.prometheus).isEqualTo(dir.resolve("prometheus").toString());
    assertThat(b.nodeExporter).isEqualTo(dir.resolve("node_exporter").toString());
  }
}
