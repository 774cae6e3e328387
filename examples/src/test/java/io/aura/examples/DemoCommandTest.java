package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void demoTrainsDetectsAndReportsEveryFault() {
    String out =
        CliRun.ok(
            "demo",
            "--clusters",
            "1",
            "--days",
            "2",
            "--test-days",
            "1",
            "--pods",
            "6",
            "--faults",
            "8",
            "--rounds",
            "20",
            "--seed",
            "7");
    assertThat(out)
        .contains(
            "1. History: 1 simulated clusters of 6 pods",
            "2. Trained in",
            "batch = streaming: identical (0 of 8,640 detections differ)",
            "4. Every injected fault",
            "6. Scored against the event-visible ground truth",
            "7. Latency:");
    // One line per ground-truth incident of the unseen cluster: fault kind, type, entity, verdict.
    assertThat(out).containsPattern("(?m)^   [A-Z_]+ +[a-z-]+ +\\S+ at 20\\d\\d-");
    assertThat(out)
        .containsPattern("DEMO incidentMacroF1=\\d\\.\\d{4} warn_recall=(\\d\\.\\d{3}|NaN)");
  }

  @Test
  void unknownCommandIsAnError() {
    assertThat(CliRun.of("no-such-command").exitCode()).isNotZero();
  }
}
