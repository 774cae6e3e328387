package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demoEngineersFeaturesBothWaysAndReportsThemIdentical() {
    String out = CliRun.ok("demo", "--hours", "6", "--pods", "4", "--faults", "2", "--seed", "7");
    // 4 pods x 6 h at 15 s = 4 x 1,440 rows, every one identical in both forms.
    assertThat(out).contains("batch = streaming: identical (0 of 5,760 rows differ)");
    assertThat(out).contains("4 pods on 3 nodes", "2 faults injected");
    assertThat(out).containsPattern("- [A-Z_]+ -> [A-Z_]+ (WARNING|CRITICAL)");
  }

  @Test
  void unknownCommandIsAnError() {
    assertThat(CliRun.of("no-such-command").exitCode()).isNotZero();
  }
}
