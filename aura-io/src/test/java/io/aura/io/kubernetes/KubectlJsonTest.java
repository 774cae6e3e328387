package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.AnomalyType;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubectlJsonTest {

  private static Path resource(String name) {
    try {
      return Path.of(KubectlJsonTest.class.getResource("/kubernetes/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long ms(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  @Test
  void readsCoreV1EventsWithEveryFallback() {
    List<KubeEvent> events = KubectlJson.readEvents(resource("events-core.json"));
    assertThat(events).hasSize(5);
    KubeEvent backOff = events.get(0);
    assertThat(backOff.reason()).isEqualTo("BackOff");
    assertThat(backOff.namespace()).isEqualTo("shop");
    assertThat(backOff.name()).isEqualTo("web-7d4b9c6f5d-x2x4q.17a2b3c4d5e6f701");
    assertThat(backOff.involvedObject())
        .isEqualTo(ObjectRef.container("shop", "web-7d4b9c6f5d-x2x4q", "app"));
    assertThat(backOff.involvedObject().container()).isEqualTo("app");
    assertThat(backOff.count()).isEqualTo(12);
    assertThat(backOff.firstMillis()).isEqualTo(ms("2026-01-05T10:00:00Z"));
    assertThat(backOff.lastMillis()).isEqualTo(ms("2026-01-05T10:20:00Z"));
    assertThat(backOff.component()).isEqualTo("kubelet");
    assertThat(backOff.host()).isEqualTo("node-1");
    assertThat(backOff.resourceVersion()).isEqualTo("1310");
    assertThat(backOff.isWarning()).isTrue();

    KubeEvent node = events.get(2);
    assertThat(node.involvedObject()).isEqualTo(ObjectRef.node("node-1"));
    assertThat(node.type()).isEqualTo("Normal");

    // count 0 with only eventTime (how the API server shows events.k8s.io events through core/v1)
    KubeEvent sched = events.get(3);
    assertThat(sched.count()).isEqualTo(1);
    assertThat(sched.firstMillis()).isEqualTo(ms("2026-01-05T10:23:00.123Z"));
    assertThat(sched.lastMillis()).isEqualTo(sched.firstMillis());
    assertThat(sched.component()).isEqualTo("default-scheduler");
    assertThat(sched.host()).isEqualTo("default-scheduler-control-plane");
  }

  @Test
  void readsEventsK8sIoV1EventsIncludingDeprecatedFields() {
    List<KubeEvent> events = KubectlJson.readEvents(resource("events-v1.json"));
    assertThat(events).hasSize(2);
    KubeEvent probe = events.get(0);
    assertThat(probe.message()).startsWith("Startup probe failed");
    assertThat(probe.involvedObject().name()).isEqualTo("api-5f6d7c8b9a-qq2w3");
    assertThat(probe.firstMillis()).isEqualTo(ms("2026-01-05T09:00:00.500Z"));
    assertThat(probe.lastMillis()).isEqualTo(ms("2026-01-05T09:04:30Z"));
    assertThat(probe.count()).isEqualTo(9);
    assertThat(probe.component()).isEqualTo("kubelet");
    assertThat(probe.host()).isEqualTo("node-2");
    assertThat(ReasonTaxonomy.defaults().classify(probe).cause()).isEqualTo("startup-probe");

    KubeEvent config = events.get(1);
    assertThat(config.firstMillis()).isEqualTo(ms("2026-01-05T09:05:00Z"));
    assertThat(config.lastMillis()).isEqualTo(ms("2026-01-05T09:06:00Z"));
    assertThat(config.count()).isEqualTo(2);
    assertThat(config.host()).isEqualTo("node-2");
    assertThat(ReasonTaxonomy.defaults().classify(config).type()).isEqualTo(AnomalyType.CONFIG);
  }

  @Test
  void readsPodsWithContainerReasonsAndRestartCounts() {
    List<PodStatus> pods = KubectlJson.readPods(resource("pods.json"));
    assertThat(pods).hasSize(2);
    PodStatus w = pods.get(0);
    assertThat(w.node()).isEqualTo("node-3");
    assertThat(w.phase()).isEqualTo("Running");
    assertThat(w.startMillis()).isEqualTo(ms("2026-01-05T08:00:00Z"));
    assertThat(w.containers())
        .extracting(ContainerStatus::name)
        .containsExactly("migrate", "app", "sidecar");
    assertThat(w.containers().get(0).init()).isTrue();
    ContainerStatus app = w.containers().get(1);
    assertThat(app.state()).isEqualTo(ContainerStatus.State.RUNNING);
    assertThat(app.restartCount()).isEqualTo(3);
    assertThat(app.lastTerminationReason()).isEqualTo("OOMKilled");
    assertThat(app.lastTerminationExitCode()).isEqualTo(137);
    assertThat(app.lastTerminationMillis()).isEqualTo(ms("2026-01-05T09:29:55Z"));
    assertThat(w.totalRestarts()).isEqualTo(3);
    ReasonTaxonomy tax = ReasonTaxonomy.defaults();
    assertThat(tax.classify(app).type()).isEqualTo(AnomalyType.MEMORY);
    assertThat(tax.classify(w.containers().get(2)).type()).isEqualTo(AnomalyType.IMAGE_PULL);
    assertThat(tax.classify(w.containers().get(0)).type()).isEqualTo(AnomalyType.NORMAL);
    PodStatus evicted = pods.get(1);
    assertThat(evicted.reason()).isEqualTo("Evicted");
    assertThat(
            tax.classify(ReasonTaxonomy.Source.POD, evicted.reason(), evicted.message(), true)
                .type())
        .isEqualTo(AnomalyType.EVICTION);
    assertThat(evicted.labels().get("node")).isEqualTo("node-1");
  }

  @Test
  void readsNodesWithConditions() {
    NodeStatus n = KubectlJson.readNodes(resource("nodes.json")).get(0);
    assertThat(n.unschedulable()).isTrue();
    assertThat(n.isReady()).isFalse();
    assertThat(n.conditions()).hasSize(4);
    ReasonTaxonomy tax = ReasonTaxonomy.defaults();
    assertThat(tax.classify(n.condition("DiskPressure").orElseThrow()).type())
        .isEqualTo(AnomalyType.STORAGE);
    assertThat(tax.classify(n.condition("MemoryPressure").orElseThrow()).type())
        .isEqualTo(AnomalyType.NORMAL);
    assertThat(tax.classify(n.condition("Ready").orElseThrow()).type())
        .isEqualTo(AnomalyType.NODE_FAILURE);
    assertThat(n.condition("Ready").orElseThrow().lastTransitionMillis())
        .isEqualTo(ms("2026-01-05T10:30:00Z"));
  }

  @Test
  void malformedJsonNamesTheFileLineColumnAndPath() {
    Path bad = resource("malformed.json");
    assertThatThrownBy(() -> KubectlJson.readEvents(bad))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(bad.toString())
        .hasMessageContaining("line 5")
        .hasMessageContaining("column")
        .hasMessageContaining("/items/0/metadata");
  }

  @Test
  void wrongShapesNameTheItemAndField() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"items\":[{\"kind\":\"Event\",\"count\":\"x\","
                        + "\"firstTimestamp\":\"2026-01-05T10:00:00Z\"}]}"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("ev.json: items[0].count: expected an integer");
    assertThatThrownBy(
            () ->
                read("{\"items\":[{},{\"kind\":\"Event\"," + "\"firstTimestamp\":\"yesterday\"}]}"))
        .hasMessageContaining("items[0]")
        .hasMessageContaining("no time");
    assertThatThrownBy(
            () -> read("{\"items\":[{\"kind\":\"Event\"," + "\"firstTimestamp\":\"yesterday\"}]}"))
        .hasMessageContaining("items[0].firstTimestamp: 'yesterday' is not an RFC 3339 time");
    assertThatThrownBy(() -> read("{\"items\":[{\"kind\":\"Pod\"}]}"))
        .hasMessageContaining("items[0]: kind is 'Pod', expected 'Event'");
    assertThatThrownBy(() -> read("[1,2]")).hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> read("")).hasMessageContaining("empty document");
    assertThatThrownBy(() -> read("{\"items\":[]} {"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("after the JSON document");
    assertThatThrownBy(
            () ->
                read(
                    "{\"items\":[{\"kind\":\"Event\",\"firstTimestamp\":"
                        + "\"2026-01-05T10:00:00Z\",\"lastTimestamp\":\"2026-01-05T09:00:00Z\"}]}"))
        .hasMessageContaining("is before its first time");
    assertThatThrownBy(
            () ->
                KubectlJson.readPods(
                    new StringReader(
                        "{\"items\":[{\"metadata\":{\"name\":\"p\"},\"status\":{\"containerStatuses\":"
                            + "[{\"name\":\"a\",\"restartCount\":-2}]}}]}"),
                    "pods.json"))
        .hasMessageContaining(
            "pods.json: items[0].status.containerStatuses[0].restartCount: -2 is negative");
  }

  private static List<KubeEvent> read(String json) {
    return KubectlJson.readEvents(new StringReader(json), "ev.json");
  }

  @Test
  void writtenEventsReadBackEqual() {
    List<KubeEvent> events = KubectlJson.readEvents(resource("events-core.json"));
    KubeEvent unnamed =
        KubeEvent.of(
            "OOMKilled",
            "Container app was OOM-killed",
            KubeEvent.WARNING,
            ObjectRef.container("shop", "web-1", "app"),
            ms("2026-01-05T11:00:00.250Z"),
            "kubelet",
            "node-1");
    List<KubeEvent> all = new java.util.ArrayList<>(events);
    all.add(unnamed);
    StringWriter out = new StringWriter();
    KubectlJson.writeEvents(all, out);
    List<KubeEvent> back = KubectlJson.readEvents(new StringReader(out.toString()), "written.json");
    assertThat(back).hasSize(all.size());
    for (int i = 0; i < events.size(); i++) {
      KubeEvent a = events.get(i);
      KubeEvent b = back.get(i);
      assertThat(b.withName(a.name()))
          .isEqualTo(
              new KubeEvent(
                  a.namespace(),
                  a.name(),
                  a.reason(),
                  a.message(),
                  a.type(),
                  new ObjectRef(
                      a.involvedObject().kind(),
                      a.involvedObject().namespace(),
                      a.involvedObject().name(),
                      a.involvedObject().fieldPath()),
                  a.firstMillis(),
                  a.lastMillis(),
                  a.count(),
                  a.component(),
                  a.host(),
                  a.resourceVersion()));
    }
    KubeEvent u = back.get(back.size() - 1);
    assertThat(u.name()).isNotEmpty();
    assertThat(u.withName("")).isEqualTo(unnamed);
  }
}
