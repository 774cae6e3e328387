package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusIncidentsTest {
  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  private static final String POD =
      "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\",\"namespace\":\"shop\"},"
          + "\"status\":{\"containerStatuses\":["
          + "{\"name\":\"app\",\"restartCount\":1,\"state\":{\"running\":{\"startedAt\":\"2026-01-05T10:00:20Z\"}},"
          + "\"lastState\":{\"terminated\":{\"reason\":\"OOMKilled\",\"exitCode\":137,\"finishedAt\":\"2026-01-05T10:00:05Z\"}}},"
          + "{\"name\":\"init-ok\",\"restartCount\":0,\"state\":{\"running\":{}},"
          + "\"lastState\":{\"terminated\":{\"reason\":\"Completed\",\"exitCode\":0,\"finishedAt\":\"2026-01-05T09:00:00Z\"}}},"
          + "{\"name\":\"side\",\"restartCount\":4,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}},"
          + "\"lastState\":{\"terminated\":{\"reason\":\"Error\",\"exitCode\":1,\"finishedAt\":\"2026-01-05T10:03:00Z\"}}}"
          + "]}}";

  @Test
  void oomKillsInContainerStatusBecomeIncidentsEndingAtTheRestart() {
    List<PodStatus> snapshot = KubectlJson.readPods(new StringReader(POD), "pod.json");
    List<PodStatus> twice = new ArrayList<>(snapshot);
    twice.addAll(snapshot); // a poller sees the same lastState again
    List<Incident> inc = StatusIncidents.with(ReasonTaxonomy.defaults()).fromPods(twice);
    assertThat(inc).hasSize(2);
    Incident oom = inc.get(0);
    assertThat(oom.type()).isEqualTo(AnomalyType.MEMORY);
    assertThat(oom.container()).isEqualTo("app");
    assertThat(oom.entity()).isEqualTo(Labels.of("namespace", "shop", "pod", "web-1"));
    assertThat(oom.startMillis()).isEqualTo(ms("2026-01-05T10:00:05Z"));
    assertThat(oom.endMillis()).isEqualTo(ms("2026-01-05T10:00:20Z"));
    Incident crash = inc.get(1);
    assertThat(crash.type()).isEqualTo(AnomalyType.CRASH_LOOP);
    assertThat(crash.durationMillis()).isZero(); // still waiting: recovery not seen
  }

  @Test
  void unhealthyNodeConditionsAreOngoingIncidents() {
    List<NodeStatus> nodes =
        KubectlJson.readNodes(
            new StringReader(
                "{\"kind\":\"Node\","
                    + "\"metadata\":{\"name\":\"node-1\"},\"status\":{\"conditions\":["
                    + "{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-01T00:00:00Z\"},"
                    + "{\"type\":\"MemoryPressure\",\"status\":\"True\",\"lastTransitionTime\":\"2026-01-05T10:00:00Z\"}]}}"),
            "node.json");
    long asOf = ms("2026-01-05T10:30:00Z");
    List<Incident> inc = StatusIncidents.with(ReasonTaxonomy.defaults()).fromNodes(nodes, asOf);
    assertThat(inc)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.type()).isEqualTo(AnomalyType.MEMORY);
              assertThat(i.entity()).isEqualTo(Labels.of("node", "node-1"));
              assertThat(i.startMillis()).isEqualTo(ms("2026-01-05T10:00:00Z"));
              assertThat(i.endMillis()).isEqualTo(asOf);
            });
  }
}
