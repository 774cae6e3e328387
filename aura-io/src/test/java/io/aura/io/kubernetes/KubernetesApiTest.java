package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.anomaly.AnomalyType;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live path against fabric8's mock API server: a real HTTP server on 127.0.0.1 (CRUD mode
 * stores what is created and serves list and watch; expectation mode checks the exact request).
 */
class KubernetesApiTest {
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private static io.fabric8.kubernetes.api.model.Event coreEvent(
      String name,
      String reason,
      String message,
      String pod,
      String first,
      String last,
      int count) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Pod")
        .withNamespace("shop")
        .withName(pod)
        .withFieldPath("spec.containers{app}")
        .endInvolvedObject()
        .withReason(reason)
        .withMessage(message)
        .withType("Warning")
        .withFirstTimestamp(first)
        .withLastTimestamp(last)
        .withCount(count)
        .withNewSource()
        .withComponent("kubelet")
        .withHost("node-1")
        .endSource()
        .build();
  }

  @Test
  void listsThenWatchesEventsFromTheListsResourceVersion() throws Exception {
    client
        .v1()
        .events()
        .inNamespace("shop")
        .resource(
            coreEvent(
                "web-1.a",
                "OOMKilled",
                "Container app was OOM-killed",
                "web-1",
                "2026-01-05T10:00:00Z",
                "2026-01-05T10:00:00Z",
                1))
        .create();
    KubernetesApi api = KubernetesApi.of(client);
    ResourcePage<KubeEvent> page = api.listEvents("shop");
    assertThat(page.items()).hasSize(1);
    KubeEvent e = page.items().get(0);
    assertThat(e.reason()).isEqualTo("OOMKilled");
    assertThat(e.involvedObject()).isEqualTo(ObjectRef.container("shop", "web-1", "app"));
    assertThat(e.firstMillis())
        .isEqualTo(java.time.Instant.parse("2026-01-05T10:00:00Z").toEpochMilli());
    assertThat(e.host()).isEqualTo("node-1");
    assertThat(ReasonTaxonomy.defaults().classify(e).type()).isEqualTo(AnomalyType.MEMORY);
    assertThat(page.resourceVersion()).isNotEmpty();

    BlockingQueue<KubeEvent> got = new LinkedBlockingQueue<>();
    try (KubernetesApi.ResourceWatch w =
        api.watchEvents("shop", page.resourceVersion(), got::add)) {
      client
          .v1()
          .events()
          .inNamespace("shop")
          .resource(
              coreEvent(
                  "web-1.b",
                  "BackOff",
                  "Back-off restarting failed container app in pod web-1_shop",
                  "web-1",
                  "2026-01-05T10:01:00Z",
                  "2026-01-05T10:05:00Z",
                  7))
          .create();
      // The CRUD mock replays stored objects on every watch (a real API server would not after a
      // resourceVersion; the strict test below checks that the version is sent): skip them.
      KubeEvent next = got.poll(20, TimeUnit.SECONDS);
      while (next != null && next.reason().equals("OOMKilled")) {
        next = got.poll(20, TimeUnit.SECONDS);
      }
      assertThat(next).isNotNull();
      assertThat(next.reason()).isEqualTo("BackOff");
      assertThat(next.count()).isEqualTo(7);
      assertThat(next.lastMillis() - next.firstMillis()).isEqualTo(240_000);
      assertThat(ReasonTaxonomy.defaults().classify(next).cause()).isEqualTo("restart-backoff");
      assertThat(w.lastResourceVersion()).isNotEqualTo(page.resourceVersion()).isNotEmpty();
      assertThat(w.isClosed()).isFalse();
    }
  }

  @Test
  void listsEventsK8sIoV1Pods_andNodes() {
    client
        .events()
        .v1()
        .events()
        .inNamespace("shop")
        .resource(
            new io.fabric8.kubernetes.api.model.events.v1.EventBuilder()
                .withNewMetadata()
                .withName("web-2.c")
                .withNamespace("shop")
                .endMetadata()
                .withNewRegarding()
                .withKind("Pod")
                .withNamespace("shop")
                .withName("web-2")
                .endRegarding()
                .withReason("Unhealthy")
                .withNote("Readiness probe failed: HTTP probe failed with statuscode: 503")
                .withType("Warning")
                .withEventTime(
                    new io.fabric8.kubernetes.api.model.MicroTime("2026-01-05T11:00:00.250000Z"))
                .withNewSeries()
                .withCount(4)
                .withLastObservedTime(
                    new io.fabric8.kubernetes.api.model.MicroTime("2026-01-05T11:03:00.000000Z"))
                .endSeries()
                .withReportingController("kubelet")
                .withReportingInstance("node-2")
                .build())
        .create();
    client
        .pods()
        .inNamespace("shop")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("web-2")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-2")
                .addNewContainer()
                .withName("app")
                .withImage("web:1")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewContainerStatus()
                .withName("app")
                .withRestartCount(5)
                .withReady(false)
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .endState()
                .withNewLastState()
                .withNewTerminated()
                .withReason("OOMKilled")
                .withExitCode(137)
                .withFinishedAt("2026-01-05T10:59:00Z")
                .endTerminated()
                .endLastState()
                .endContainerStatus()
                .endStatus()
                .build())
        .create();
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName("node-2")
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .addNewCondition()
                .withType("DiskPressure")
                .withStatus("True")
                .withReason("KubeletHasDiskPressure")
                .endCondition()
                .endStatus()
                .build())
        .create();

    KubernetesApi api = KubernetesApi.of(client);
    KubeEvent ev = api.listEventsV1("shop").items().get(0);
    assertThat(ev.message()).startsWith("Readiness probe failed");
    assertThat(ev.count()).isEqualTo(4);
    assertThat(ev.firstMillis())
        .isEqualTo(java.time.Instant.parse("2026-01-05T11:00:00.250Z").toEpochMilli());
    assertThat(ev.lastMillis())
        .isEqualTo(java.time.Instant.parse("2026-01-05T11:03:00Z").toEpochMilli());
    assertThat(ev.component()).isEqualTo("kubelet");
    assertThat(ReasonTaxonomy.defaults().classify(ev).cause()).isEqualTo("readiness-probe");

    PodStatus pod = api.listPods("shop").items().get(0);
    assertThat(pod.node()).isEqualTo("node-2");
    ContainerStatus cs = pod.containers().get(0);
    assertThat(cs.restartCount()).isEqualTo(5);
    assertThat(cs.state()).isEqualTo(ContainerStatus.State.WAITING);
    assertThat(cs.reason()).isEqualTo("CrashLoopBackOff");
    assertThat(cs.lastTerminationReason()).isEqualTo("OOMKilled");
    assertThat(cs.lastTerminationExitCode()).isEqualTo(137);
    // Both are CRITICAL; the current state decides.
    assertThat(ReasonTaxonomy.defaults().classify(cs).type()).isEqualTo(AnomalyType.CRASH_LOOP);

    NodeStatus node = api.listNodes().items().get(0);
    assertThat(node.isReady()).isTrue();
    assertThat(
            ReasonTaxonomy.defaults().classify(node.condition("DiskPressure").orElseThrow()).type())
        .isEqualTo(AnomalyType.STORAGE);
    assertThat(ReasonTaxonomy.defaults().classify(node.condition("Ready").orElseThrow()).type())
        .isEqualTo(AnomalyType.NORMAL);
  }

  @Test
  void watchesPodsAndNodes() throws Exception {
    KubernetesApi api = KubernetesApi.of(client);
    BlockingQueue<PodStatus> pods = new LinkedBlockingQueue<>();
    BlockingQueue<NodeStatus> nodes = new LinkedBlockingQueue<>();
    try (KubernetesApi.ResourceWatch pw = api.watchPods("shop", null, pods::add);
        KubernetesApi.ResourceWatch nw = api.watchNodes("", nodes::add)) {
      client
          .pods()
          .inNamespace("shop")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("web-9")
                  .withNamespace("shop")
                  .endMetadata()
                  .withNewStatus()
                  .withPhase("Running")
                  .addNewContainerStatus()
                  .withName("app")
                  .withRestartCount(2)
                  .withNewState()
                  .withNewWaiting()
                  .withReason("CreateContainerConfigError")
                  .endWaiting()
                  .endState()
                  .endContainerStatus()
                  .endStatus()
                  .build())
          .create();
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName("node-9")
                  .endMetadata()
                  .withNewStatus()
                  .addNewCondition()
                  .withType("Ready")
                  .withStatus("False")
                  .endCondition()
                  .endStatus()
                  .build())
          .create();
      PodStatus p = pods.poll(20, TimeUnit.SECONDS);
      assertThat(p).isNotNull();
      assertThat(p.name()).isEqualTo("web-9");
      assertThat(ReasonTaxonomy.defaults().classify(p.containers().get(0)).type())
          .isEqualTo(AnomalyType.CONFIG);
      NodeStatus n = nodes.poll(20, TimeUnit.SECONDS);
      assertThat(n).isNotNull();
      assertThat(n.isReady()).isFalse();
      assertThat(pw.lastResourceVersion()).isNotEmpty();
      assertThat(nw.lastResourceVersion()).isNotEmpty();
    }
  }

  @Test
  void aWatchResumesFromTheGivenResourceVersion() throws Exception {
    KubernetesMockServer strict = new KubernetesMockServer(false);
    strict.init(InetAddress.getLoopbackAddress(), 0);
    io.fabric8.kubernetes.api.model.Event later =
        coreEvent(
            "web-3.d",
            "FailedMount",
            "MountVolume.SetUp failed for volume \"data\"",
            "web-3",
            "2026-01-05T12:00:00Z",
            "2026-01-05T12:00:00Z",
            1);
    later.getMetadata().setResourceVersion("1043");
    strict
        .expect()
        .withPath(
            "/api/v1/namespaces/shop/events?allowWatchBookmarks=true&resourceVersion=1042&watch=true")
        .andUpgradeToWebSocket()
        .open()
        .waitFor(50)
        .andEmit(new WatchEvent(later, "ADDED"))
        .done()
        .once();
    try (KubernetesClient c = strict.createClient()) {
      BlockingQueue<KubeEvent> got = new LinkedBlockingQueue<>();
      try (KubernetesApi.ResourceWatch w =
          KubernetesApi.of(c).watchEvents("shop", "1042", got::add)) {
        KubeEvent e = got.poll(20, TimeUnit.SECONDS);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo("FailedMount");
        assertThat(e.resourceVersion()).isEqualTo("1043");
        assertThat(ReasonTaxonomy.defaults().classify(e).type()).isEqualTo(AnomalyType.STORAGE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"1043".equals(w.lastResourceVersion()) && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(w.lastResourceVersion()).isEqualTo("1043");
      }
    } finally {
      strict.destroy();
    }
  }
}
