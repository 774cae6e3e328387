package io.aura.io.kubernetes;

import static io.aura.io.kubernetes.ReasonTaxonomy.Source.EVENT;
import static io.aura.io.kubernetes.ReasonTaxonomy.Source.NODE_CONDITION;
import static io.aura.io.kubernetes.ReasonTaxonomy.Source.TERMINATED;
import static io.aura.io.kubernetes.ReasonTaxonomy.Source.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import org.junit.jupiter.api.Test;

class ReasonTaxonomyTest {
  private final ReasonTaxonomy tax = ReasonTaxonomy.defaults();

  private AnomalyType type(ReasonTaxonomy.Source s, String reason) {
    return tax.classify(s, reason, "", true).type();
  }

  @Test
  void knowsAtLeastSixtyReasons() {
    assertThat(tax.size()).isGreaterThanOrEqualTo(60);
    assertThat(tax.reasons(EVENT)).hasSizeGreaterThanOrEqualTo(60);
  }

  @Test
  void mapsTheReasonsTheIssueNames() {
    assertThat(type(TERMINATED, "OOMKilled")).isEqualTo(AnomalyType.MEMORY);
    assertThat(type(EVENT, "OOMKilled")).isEqualTo(AnomalyType.MEMORY);
    assertThat(type(WAITING, "CrashLoopBackOff")).isEqualTo(AnomalyType.CRASH_LOOP);
    assertThat(type(WAITING, "ImagePullBackOff")).isEqualTo(AnomalyType.IMAGE_PULL);
    assertThat(type(WAITING, "ErrImagePull")).isEqualTo(AnomalyType.IMAGE_PULL);
    assertThat(type(EVENT, "ErrImagePull")).isEqualTo(AnomalyType.IMAGE_PULL);
    assertThat(type(WAITING, "CreateContainerConfigError")).isEqualTo(AnomalyType.CONFIG);
    assertThat(type(WAITING, "RunContainerError")).isEqualTo(AnomalyType.CONFIG);
    assertThat(type(EVENT, "Evicted")).isEqualTo(AnomalyType.EVICTION);
    assertThat(type(EVENT, "Preempted")).isEqualTo(AnomalyType.EVICTION);
    assertThat(type(EVENT, "FailedScheduling")).isEqualTo(AnomalyType.SCHEDULING);
    assertThat(type(EVENT, "FailedMount")).isEqualTo(AnomalyType.STORAGE);
    assertThat(type(EVENT, "FailedAttachVolume")).isEqualTo(AnomalyType.STORAGE);
    assertThat(type(EVENT, "Unhealthy")).isEqualTo(AnomalyType.PROBE_FAILURE);
    assertThat(type(EVENT, "BackOff")).isEqualTo(AnomalyType.CRASH_LOOP);
    assertThat(type(EVENT, "FailedCreatePodSandBox")).isEqualTo(AnomalyType.NETWORK);
    assertThat(type(EVENT, "NodeNotReady")).isEqualTo(AnomalyType.NODE_FAILURE);
    assertThat(type(NODE_CONDITION, "MemoryPressure")).isEqualTo(AnomalyType.MEMORY);
    assertThat(type(NODE_CONDITION, "DiskPressure")).isEqualTo(AnomalyType.STORAGE);
    assertThat(type(NODE_CONDITION, "PIDPressure")).isEqualTo(AnomalyType.RESOURCE_CONTENTION);
    assertThat(type(NODE_CONDITION, "NetworkUnavailable")).isEqualTo(AnomalyType.NETWORK);
    assertThat(type(EVENT, "DeadlineExceeded")).isEqualTo(AnomalyType.JOB_FAILURE);
    assertThat(type(TERMINATED, "DeadlineExceeded")).isEqualTo(AnomalyType.JOB_FAILURE);
  }

  @Test
  void splitsAmbiguousReasonsByMessage() {
    Classification live =
        tax.classify(
            EVENT,
            "Unhealthy",
            "Liveness probe failed: HTTP probe failed with statuscode: 500",
            true);
    Classification ready =
        tax.classify(
            EVENT,
            "Unhealthy",
            "Readiness probe failed: Get \"http://10.0.0.1:8080/ready\": context deadline exceeded",
            true);
    Classification startup =
        tax.classify(EVENT, "Unhealthy", "Startup probe failed: connection refused", true);
    assertThat(live.cause()).isEqualTo("liveness-probe");
    assertThat(live.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(ready.cause()).isEqualTo("readiness-probe");
    assertThat(ready.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(startup.cause()).isEqualTo("startup-probe");

    assertThat(tax.classify(EVENT, "BackOff", "Back-off pulling image \"web:bad\"", true).type())
        .isEqualTo(AnomalyType.IMAGE_PULL);
    assertThat(
            tax.classify(
                    EVENT, "BackOff", "Back-off restarting failed container app in pod x", true)
                .type())
        .isEqualTo(AnomalyType.CRASH_LOOP);
    assertThat(tax.classify(EVENT, "Failed", "Error: ImagePullBackOff", true).type())
        .isEqualTo(AnomalyType.IMAGE_PULL);
    assertThat(tax.classify(EVENT, "Failed", "Error: secret \"db\" not found", true).type())
        .isEqualTo(AnomalyType.CONFIG);
    assertThat(tax.classify(EVENT, "Failed", "something else", true).type())
        .isEqualTo(AnomalyType.UNKNOWN);
    assertThat(
            tax.classify(EVENT, "EvictionThresholdMet", "Attempting to reclaim memory", true)
                .type())
        .isEqualTo(AnomalyType.MEMORY);
    assertThat(
            tax.classify(
                    EVENT, "EvictionThresholdMet", "Attempting to reclaim ephemeral-storage", true)
                .type())
        .isEqualTo(AnomalyType.STORAGE);
  }

  @Test
  void unknownReasonsBecomeUnknownNeverDropped() {
    Classification w = tax.classify(EVENT, "SomethingNobodyHeardOf", "boom", true);
    assertThat(w.type()).isEqualTo(AnomalyType.UNKNOWN);
    assertThat(w.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(w.isAnomaly()).isTrue();
    Classification n = tax.classify(EVENT, "SomethingNobodyHeardOf", "fine", false);
    assertThat(n.type()).isEqualTo(AnomalyType.UNKNOWN);
    assertThat(n.severity()).isEqualTo(Severity.NONE);
    assertThat(tax.classify(EVENT, "", "", true).type()).isEqualTo(AnomalyType.UNKNOWN);
    assertThat(tax.classify(WAITING, "BrandNewWaitingReason", "", true).type())
        .isEqualTo(AnomalyType.UNKNOWN);
  }

  @Test
  void recoveriesEndTheirTypes() {
    assertThat(tax.classify(EVENT, "NodeReady", "", false).ends())
        .containsExactly(AnomalyType.NODE_FAILURE);
    assertThat(tax.classify(EVENT, "Started", "", false).ends())
        .contains(AnomalyType.MEMORY, AnomalyType.CRASH_LOOP);
    assertThat(tax.classify(EVENT, "Started", "", false).isAnomaly()).isFalse();
  }

  @Test
  void builderOverridesAndExtends() {
    ReasonTaxonomy custom =
        ReasonTaxonomy.builder(tax)
            .put(EVENT, "ReconcileDrift", AnomalyType.CONFIG, Severity.MEDIUM)
            .put(EVENT, "Unhealthy", AnomalyType.PROBE_FAILURE, Severity.NONE)
            .build();
    assertThat(custom.classify(EVENT, "ReconcileDrift", "", true).type())
        .isEqualTo(AnomalyType.CONFIG);
    // put replaced the message rules too
    assertThat(custom.classify(EVENT, "Unhealthy", "Liveness probe failed", true).severity())
        .isEqualTo(Severity.NONE);
    assertThat(tax.classify(EVENT, "ReconcileDrift", "", true).type())
        .isEqualTo(AnomalyType.UNKNOWN);
    assertThat(custom.size()).isEqualTo(tax.size() + 1);
  }
}
