package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ResourceFeed} against fabric8's mock API server on 127.0.0.1 in expectation mode, scripted
 * like an API server whose watch cache moves on: a watch is closed by the server and the client's
 * own resumption is answered with a {@code 410 Gone} ERROR event, a later watch ends with a {@code
 * 410} ERROR event after replaying an event already delivered, another watch is refused with HTTP
 * 410, and the lists in between hold objects that appeared, changed and expired meanwhile. Each
 * event carries a sequence number; the consumer must see every (event, version) exactly once, in
 * order.
 */
class ResourceFeedTest {
  private static final String EVENTS = "/api/v1/namespaces/shop/events";
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private static Event event(int seq, int rv) {
    return new EventBuilder()
        .withNewMetadata()
        .withName("web-1.seq" + seq)
        .withNamespace("shop")
        .withUid("uid-" + seq)
        .withResourceVersion(Integer.toString(rv))
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Pod")
        .withNamespace("shop")
        .withName("web-1")
        .endInvolvedObject()
        .withReason("BackOff")
        .withMessage("seq=" + seq)
        .withType("Warning")
        .withFirstTimestamp("2026-01-05T10:00:00Z")
        .withLastTimestamp("2026-01-05T10:00:00Z")
        .withCount(rv - 100) // differs between versions of one event
        .build();
  }

  private void list(int listVersion, Event... items) {
    server
        .expect()
        .get()
        .withPath(EVENTS)
        .andReturn(
            200,
            new EventListBuilder()
                .withNewMetadata()
                .withResourceVersion(Integer.toString(listVersion))
                .endMetadata()
                .withItems(items)
                .build())
        .once();
  }

  private static String watchPath(int rv) {
    return EVENTS + "?allowWatchBookmarks=true&resourceVersion=" + rv + "&watch=true";
  }

  private static Status gone(int rv) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(410)
        .withReason("Expired")
        .withMessage("too old resource version: " + rv + " (1000)")
        .build();
  }

  private static String seqAndVersion(KubeEvent e) {
    return e.message().substring("seq=".length()) + "@" + e.resourceVersion();
  }

  @Test
  void relistsAfterGoneAndResumesWithNoEventLostOrRepeated() throws Exception {
    // 1. First list: events 1-3.
    list(103, event(1, 101), event(2, 102), event(3, 103));
    // 2. Watch from 103: events 4 and 5, then the server closes the watch.
    server
        .expect()
        .withPath(watchPath(103))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(20)
        .andEmit(new WatchEvent(event(4, 104), "ADDED"))
        .waitFor(40)
        .andEmit(new WatchEvent(event(5, 105), "ADDED"))
        .done()
        .once();
    // 3. The client resumes from 105 by itself; the server has compacted 105 away and answers, as
    //    kube-apiserver does, with an ERROR event carrying Status 410 Gone.
    server
        .expect()
        .withPath(watchPath(105))
        .andUpgradeToWebSocket()
        .open()
        .immediately()
        .andEmit(new WatchEvent(gone(105), "ERROR"))
        .done()
        .once();
    // 4. Second list: event 1 expired, 3 was modified, 6-8 appeared while no watch ran.
    list(
        109,
        event(2, 102),
        event(3, 106),
        event(4, 104),
        event(5, 105),
        event(6, 107),
        event(7, 108),
        event(8, 109));
    // 5. Watch from 109 replays event 8 (already delivered), gives 9, then a 410 ERROR event.
    server
        .expect()
        .withPath(watchPath(109))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(20)
        .andEmit(new WatchEvent(event(8, 109), "ADDED"))
        .waitFor(40)
        .andEmit(new WatchEvent(event(9, 110), "ADDED"))
        .waitFor(60)
        .andEmit(new WatchEvent(gone(110), "ERROR"))
        .done()
        .once();
    // 6. Third list: 10 appeared.
    list(
        111,
        event(2, 102),
        event(3, 106),
        event(4, 104),
        event(5, 105),
        event(6, 107),
        event(7, 108),
        event(8, 109),
        event(9, 110),
        event(10, 111));
    // 7. The watch from 111 is refused outright with HTTP 410.
    server.expect().withPath(watchPath(111)).andReturn(410, gone(111)).once();
    // 8. Fourth list: 11 appeared.
    list(
        112,
        event(2, 102),
        event(3, 106),
        event(4, 104),
        event(5, 105),
        event(6, 107),
        event(7, 108),
        event(8, 109),
        event(9, 110),
        event(10, 111),
        event(11, 112));
    // 9. Watch from 112: 12 and 13. (The client's resumption from 114 then finds nothing: 404s, no
    // events.)
    server
        .expect()
        .withPath(watchPath(112))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(20)
        .andEmit(new WatchEvent(event(12, 113), "ADDED"))
        .waitFor(40)
        .andEmit(new WatchEvent(event(13, 114), "ADDED"))
        .done()
        .once();

    List<String> got = Collections.synchronizedList(new ArrayList<>());
    try (ResourceFeed<KubeEvent> feed =
        KubernetesApi.of(client).feedEvents("shop", e -> got.add(seqAndVersion(e)))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!got.contains("13@114") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(got).as("deliveries so far").contains("13@114");
      assertThat(feed.lists()).isEqualTo(4);
      // list 2 repeats 2, 4, 5; the watch replays 8; list 3 repeats 2-9 (3 at its new version);
      // list 4 repeats 2-10.
      assertThat(feed.skippedRepeats()).isEqualTo(3 + 1 + 8 + 9);
      assertThat(feed.lastFailure()).as("Gone is not a failure").isEmpty();
      assertThat(feed.isRunning()).isTrue();
    }
    assertThat(got)
        .containsExactly(
            "1@101", "2@102", "3@103", // list 1
            "4@104", "5@105", // watch from 103
            "3@106", "6@107", "7@108", "8@109", // list 2 after the 410 answer
            "9@110", // watch from 109 (8 replayed and skipped)
            "10@111", // list 3 after the 410 event
            "11@112", // list 4 after the watch was refused with HTTP 410
            "12@113", "13@114"); // watch from 112
  }

  /**
   * The client resumes a closed watch by itself and the server refuses that with an HTTP 410
   * status: fabric8 keeps retrying without telling the watcher, so the feed notices the silence and
   * lists again after its quiet period.
   */
  @Test
  void aWatchSilencedByRefusedResumptionsIsReplacedByARelist() throws Exception {
    list(103, event(1, 101), event(2, 102), event(3, 103));
    server
        .expect()
        .withPath(watchPath(103))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(20)
        .andEmit(new WatchEvent(event(4, 104), "ADDED"))
        .done()
        .once();
    server.expect().withPath(watchPath(104)).andReturn(410, gone(104)).always();
    list(106, event(2, 102), event(3, 103), event(4, 104), event(5, 105), event(6, 106));
    server
        .expect()
        .withPath(watchPath(106))
        .andUpgradeToWebSocket()
        .open()
        .waitFor(20)
        .andEmit(new WatchEvent(event(7, 107), "ADDED"))
        .done()
        .once();

    List<String> got = Collections.synchronizedList(new ArrayList<>());
    try (ResourceFeed<KubeEvent> feed =
        KubernetesApi.of(client)
            .feedEvents("shop", java.time.Duration.ofSeconds(3), e -> got.add(seqAndVersion(e)))) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!got.contains("7@107") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(got).as("deliveries so far").contains("7@107");
      assertThat(feed.quietRelists()).isGreaterThanOrEqualTo(1);
      assertThat(feed.lists()).isGreaterThanOrEqualTo(2);
    }
    assertThat(server.getRequestCount()).isGreaterThanOrEqualTo(5);
    assertThat(got).containsExactly("1@101", "2@102", "3@103", "4@104", "5@105", "6@106", "7@107");
  }
}
