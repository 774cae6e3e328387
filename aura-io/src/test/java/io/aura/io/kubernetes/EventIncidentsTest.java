package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventIncidentsTest {
  private static final long M = 60_000;
  private static final ObjectRef APP = ObjectRef.container("shop", "web-1", "app");

  private static KubeEvent ev(String reason, String msg, boolean warning, ObjectRef ref, long at) {
    return KubeEvent.of(
        reason, msg, warning ? KubeEvent.WARNING : KubeEvent.NORMAL, ref, at, "kubelet", "node-1");
  }

  private static KubeEvent folded(
      String reason, String msg, ObjectRef ref, long first, long last, int count) {
    return new KubeEvent(
        "shop",
        "x",
        reason,
        msg,
        KubeEvent.WARNING,
        ref,
        first,
        last,
        count,
        "kubelet",
        "node-1",
        "");
  }

  @Test
  void aCrashLoopWithRestartsInBetweenIsOneIncidentEndingAtTheLastStart() {
    String backoff = "Back-off restarting failed container app in pod web-1_shop";
    List<KubeEvent> events =
        List.of(
            ev("BackOff", backoff, true, APP, 0),
            ev("Started", "Started container app", false, APP, 1 * M),
            ev("BackOff", backoff, true, APP, 3 * M),
            ev("Started", "Started container app", false, APP, 5 * M),
            ev("BackOff", backoff, true, APP, 9 * M),
            ev("Started", "Started container app", false, APP, 14 * M),
            // hours later, a new incident
            ev("OOMKilled", "Container app was OOM-killed", true, APP, 300 * M),
            ev("Started", "Started container app", false, APP, 301 * M));
    List<Incident> inc = EventIncidents.defaults().derive(events);
    assertThat(inc).hasSize(2);
    Incident loop = inc.get(0);
    assertThat(loop.type()).isEqualTo(AnomalyType.CRASH_LOOP);
    assertThat(loop.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(loop.entity()).isEqualTo(Labels.of("namespace", "shop", "pod", "web-1"));
    assertThat(loop.container()).isEqualTo("app");
    assertThat(loop.startMillis()).isZero();
    assertThat(loop.endMillis()).isEqualTo(14 * M);
    Incident oom = inc.get(1);
    assertThat(oom.type()).isEqualTo(AnomalyType.MEMORY);
    assertThat(oom.startMillis()).isEqualTo(300 * M);
    assertThat(oom.endMillis()).isEqualTo(301 * M);
  }

  @Test
  void problemsFurtherApartThanTheMergeGapSplitAndWithoutRecoveryTheHoldApplies() {
    ObjectRef pod = ObjectRef.pod("shop", "web-2");
    List<KubeEvent> events =
        List.of(
            ev("FailedMount", "MountVolume.SetUp failed", true, pod, 0),
            ev("FailedMount", "MountVolume.SetUp failed", true, pod, 8 * M),
            ev("FailedMount", "MountVolume.SetUp failed", true, pod, 30 * M));
    List<Incident> inc =
        EventIncidents.builder().hold(Duration.ofMinutes(2)).build().derive(events);
    assertThat(inc).extracting(Incident::startMillis).containsExactly(0L, 30 * M);
    assertThat(inc).extracting(Incident::endMillis).containsExactly(10 * M, 32 * M);
    assertThat(inc).allMatch(i -> i.type() == AnomalyType.STORAGE);
  }

  @Test
  void aFoldedEventCoversItsWholeSpanAndNodeRecoveriesCloseNodeIncidents() {
    ObjectRef node = ObjectRef.node("node-1");
    List<KubeEvent> events =
        List.of(
            folded("BackOff", "Back-off pulling image \"web:bad\"", APP, 0, 40 * M, 25),
            ev("Started", "Started container app", false, APP, 42 * M),
            ev("NodeNotReady", "Node node-1 status is now: NodeNotReady", false, node, 5 * M),
            ev("NodeReady", "Node node-1 status is now: NodeReady", false, node, 95 * M));
    List<Incident> inc = EventIncidents.defaults().derive(events);
    assertThat(inc).hasSize(2);
    assertThat(inc.get(0).type()).isEqualTo(AnomalyType.IMAGE_PULL);
    assertThat(inc.get(0).endMillis()).isEqualTo(42 * M);
    assertThat(inc.get(1).type()).isEqualTo(AnomalyType.NODE_FAILURE);
    assertThat(inc.get(1).entity()).isEqualTo(Labels.of("node", "node-1"));
    assertThat(inc.get(1).startMillis()).isEqualTo(5 * M);
    assertThat(inc.get(1).endMillis()).isEqualTo(95 * M);
  }

  @Test
  void aRecoveryTooLateIsIgnored() {
    ObjectRef node = ObjectRef.node("node-1");
    List<KubeEvent> events =
        List.of(ev("NodeNotReady", "", false, node, 0), ev("NodeReady", "", false, node, 200 * M));
    List<Incident> inc =
        EventIncidents.builder()
            .recoveryTimeout(Duration.ofMinutes(60))
            .hold(Duration.ofMinutes(5))
            .build()
            .derive(events);
    assertThat(inc).singleElement().satisfies(i -> assertThat(i.endMillis()).isEqualTo(5 * M));
  }

  @Test
  void unknownWarningsBecomeUnknownIncidentsAndInfoNeedsALowerThreshold() {
    List<KubeEvent> events =
        List.of(
            ev("ReconcileDrift", "operator says so", true, ObjectRef.pod("shop", "web-3"), 0),
            ev("SomethingHappened", "fine", false, ObjectRef.pod("shop", "web-3"), 60 * M),
            ev(
                "ScalingReplicaSet",
                "Scaled up",
                false,
                new ObjectRef("Deployment", "shop", "web", ""),
                0));
    List<Incident> inc = EventIncidents.defaults().derive(events);
    assertThat(inc)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.type()).isEqualTo(AnomalyType.UNKNOWN);
              assertThat(i.reason()).isEqualTo("ReconcileDrift");
            });
    List<Incident> all = EventIncidents.builder().minSeverity(Severity.NONE).build().derive(events);
    assertThat(all).hasSize(2).allMatch(i -> i.type() == AnomalyType.UNKNOWN);
  }

  @Test
  void otherKindsGetAKindLabel() {
    List<Incident> inc =
        EventIncidents.defaults()
            .derive(
                List.of(
                    ev(
                        "FailedCreate",
                        "exceeded quota",
                        true,
                        new ObjectRef("ReplicaSet", "shop", "web-7d4", ""),
                        0)));
    assertThat(inc.get(0).entity())
        .isEqualTo(Labels.of("namespace", "shop", "replicaset", "web-7d4"));
    assertThat(inc.get(0).appliesTo(Labels.of("namespace", "shop", "pod", "web-7d4-abcde")))
        .isFalse();
  }
}
