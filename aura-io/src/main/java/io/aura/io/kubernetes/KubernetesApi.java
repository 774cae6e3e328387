package io.aura.io.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.aura.features.InvalidDataException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads events, pods and nodes live from the Kubernetes API server through the fabric8 {@link
 * KubernetesClient}: list, then watch from the list's {@code resourceVersion}.
 *
 * <p>Objects are converted with the same rules as {@link KubectlJson} (the fabric8 object is turned
 * into a JSON tree with the client's own serialization, then read as a {@code kubectl} item), so a
 * live event and the same event read from a file are equal.
 *
 * <p>The fabric8 client is an optional dependency of {@code aura-io}: add {@code
 * io.fabric8:kubernetes-client} to use this class; every other class of the package works without
 * it.
 *
 * <p>Resuming: {@link #watchEvents} starts from a given {@code resourceVersion} (typically from
 * {@link ResourcePage#resourceVersion()} of a {@link #listEvents} call) and {@link
 * ResourceWatch#lastResourceVersion()} tracks the newest version delivered, so a new watch can pick
 * up where a closed one stopped. When the server answers {@code 410 Gone} (the version is too old),
 * the watch closes with {@link ResourceWatch#isGone()} true and the caller must list again. {@link
 * #feedEvents}, {@link #feedPods} and {@link #feedNodes} do all of that: they list, watch, and on
 * {@code 410 Gone} list again and resume, without losing or repeating an object version.
 *
 * <p>Thread safety: safe to share if the client is (fabric8 clients are). Watch callbacks run on
 * the client's threads. Allocation: a list call allocates its items and a JSON tree per item.
 * Complexity: O(items) per list, O(1) per watch event.
 */
public final class KubernetesApi {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesApi.class);

  private final KubernetesClient client;

  private KubernetesApi(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Wraps a client; the caller keeps ownership and closes it.
   *
   * @param client the fabric8 client
   * @return the API
   */
  public static KubernetesApi of(KubernetesClient client) {
    return new KubernetesApi(Objects.requireNonNull(client, "client"));
  }

  /**
   * Lists core/v1 events.
   *
   * @param namespace the namespace, or null for all namespaces
   * @return the events and the list's resource version
   * @throws InvalidDataException if the server returns an event Aura cannot read
   */
  public ResourcePage<KubeEvent> listEvents(String namespace) {
    io.fabric8.kubernetes.api.model.EventList list =
        namespace == null
            ? client.v1().events().inAnyNamespace().list()
            : client.v1().events().inNamespace(namespace).list();
    List<KubeEvent> out = new ArrayList<>(list.getItems().size());
    for (int i = 0; i < list.getItems().size(); i++) {
      out.add(KubectlJson.event(tree(list.getItems().get(i)), "api events[" + i + "]"));
    }
    return new ResourcePage<>(out, version(list.getMetadata()));
  }

  /**
   * Lists events.k8s.io/v1 events.
   *
   * @param namespace the namespace, or null for all namespaces
   * @return the events and the list's resource version
   * @throws InvalidDataException if the server returns an event Aura cannot read
   */
  public ResourcePage<KubeEvent> listEventsV1(String namespace) {
    io.fabric8.kubernetes.api.model.events.v1.EventList list =
        namespace == null
            ? client.events().v1().events().inAnyNamespace().list()
            : client.events().v1().events().inNamespace(namespace).list();
    List<KubeEvent> out = new ArrayList<>(list.getItems().size());
    for (int i = 0; i < list.getItems().size(); i++) {
      JsonNode n = tree(list.getItems().get(i));
      if (n.isObject() && !n.has("apiVersion")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) n).put("apiVersion", "events.k8s.io/v1");
      }
      out.add(KubectlJson.event(n, "api events.k8s.io[" + i + "]"));
    }
    return new ResourcePage<>(out, version(list.getMetadata()));
  }

  /**
   * Lists pods.
   *
   * @param namespace the namespace, or null for all namespaces
   * @return the pods and the list's resource version
   */
  public ResourcePage<PodStatus> listPods(String namespace) {
    io.fabric8.kubernetes.api.model.PodList list =
        namespace == null
            ? client.pods().inAnyNamespace().list()
            : client.pods().inNamespace(namespace).list();
    List<PodStatus> out = new ArrayList<>(list.getItems().size());
    for (int i = 0; i < list.getItems().size(); i++) {
      out.add(KubectlJson.pod(tree(list.getItems().get(i)), "api pods[" + i + "]"));
    }
    return new ResourcePage<>(out, version(list.getMetadata()));
  }

  /**
   * Lists nodes.
   *
   * @return the nodes and the list's resource version
   */
  public ResourcePage<NodeStatus> listNodes() {
    io.fabric8.kubernetes.api.model.NodeList list = client.nodes().list();
    List<NodeStatus> out = new ArrayList<>(list.getItems().size());
    for (int i = 0; i < list.getItems().size(); i++) {
      out.add(KubectlJson.node(tree(list.getItems().get(i)), "api nodes[" + i + "]"));
    }
    return new ResourcePage<>(out, version(list.getMetadata()));
  }

  /**
   * Watches core/v1 events from a resource version. Added and modified events are delivered (a
   * kubelet updates an event's count and last time by modifying it); deletions (events expire after
   * an hour by default) are not. An event Aura cannot read is logged and skipped, never delivered
   * half-read.
   *
   * @param namespace the namespace, or null for all namespaces
   * @param resourceVersion where to start; empty or null for "now"
   * @param onEvent called for each event, on the client's thread
   * @return the watch handle; close it when done
   */
  public ResourceWatch watchEvents(
      String namespace, String resourceVersion, Consumer<KubeEvent> onEvent) {
    return watch(
        namespace == null
            ? client.v1().events().inAnyNamespace()
            : client.v1().events().inNamespace(namespace),
        resourceVersion,
        KubectlJson::event,
        "event",
        onEvent);
  }

  /**
   * Watches pods from a resource version; added and modified pods are delivered, deletions are not.
   * A pod Aura cannot read is logged and skipped.
   *
   * @param namespace the namespace, or null for all namespaces
   * @param resourceVersion where to start; empty or null for "now"
   * @param onPod called for each pod, on the client's thread
   * @return the watch handle; close it when done
   */
  public ResourceWatch watchPods(
      String namespace, String resourceVersion, Consumer<PodStatus> onPod) {
    return watch(
        namespace == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(namespace),
        resourceVersion,
        KubectlJson::pod,
        "pod",
        onPod);
  }

  /**
   * Watches nodes from a resource version; added and modified nodes are delivered, deletions are
   * not. A node Aura cannot read is logged and skipped.
   *
   * @param resourceVersion where to start; empty or null for "now"
   * @param onNode called for each node, on the client's thread
   * @return the watch handle; close it when done
   */
  public ResourceWatch watchNodes(String resourceVersion, Consumer<NodeStatus> onNode) {
    return watch(client.nodes(), resourceVersion, KubectlJson::node, "node", onNode);
  }

  /**
   * A self-healing feed of core/v1 events: lists, delivers, watches, and lists again after {@code
   * 410 Gone} or a failure, delivering each event version exactly once (see {@link ResourceFeed}).
   * Added and modified events are delivered; deletions are not.
   *
   * @param namespace the namespace, or null for all namespaces
   * @param onEvent called for each new or changed event; never concurrently
   * @return the running feed; close it when done
   */
  public ResourceFeed<KubeEvent> feedEvents(String namespace, Consumer<KubeEvent> onEvent) {
    return feedEvents(namespace, ResourceFeed.DEFAULT_QUIET_RELIST, onEvent);
  }

  /** As {@link #feedEvents(String, Consumer)} with another quiet period (tests). */
  ResourceFeed<KubeEvent> feedEvents(
      String namespace, java.time.Duration quiet, Consumer<KubeEvent> onEvent) {
    if (namespace == null) {
      return new ResourceFeed<>(
              "event",
              () -> client.v1().events().inAnyNamespace().list(),
              client.v1().events().inAnyNamespace(),
              this::tree,
              KubectlJson::event,
              onEvent,
              quiet)
          .start();
    }
    return new ResourceFeed<>(
            "event",
            () -> client.v1().events().inNamespace(namespace).list(),
            client.v1().events().inNamespace(namespace),
            this::tree,
            KubectlJson::event,
            onEvent,
            quiet)
        .start();
  }

  /**
   * A self-healing feed of pods (see {@link #feedEvents} and {@link ResourceFeed}).
   *
   * @param namespace the namespace, or null for all namespaces
   * @param onPod called for each new or changed pod; never concurrently
   * @return the running feed; close it when done
   */
  public ResourceFeed<PodStatus> feedPods(String namespace, Consumer<PodStatus> onPod) {
    if (namespace == null) {
      return new ResourceFeed<>(
              "pod",
              () -> client.pods().inAnyNamespace().list(),
              client.pods().inAnyNamespace(),
              this::tree,
              KubectlJson::pod,
              onPod,
              ResourceFeed.DEFAULT_QUIET_RELIST)
          .start();
    }
    return new ResourceFeed<>(
            "pod",
            () -> client.pods().inNamespace(namespace).list(),
            client.pods().inNamespace(namespace),
            this::tree,
            KubectlJson::pod,
            onPod,
            ResourceFeed.DEFAULT_QUIET_RELIST)
        .start();
  }

  /**
   * A self-healing feed of nodes (see {@link #feedEvents} and {@link ResourceFeed}).
   *
   * @param onNode called for each new or changed node; never concurrently
   * @return the running feed; close it when done
   */
  public ResourceFeed<NodeStatus> feedNodes(Consumer<NodeStatus> onNode) {
    return new ResourceFeed<>(
            "node",
            () -> client.nodes().list(),
            client.nodes(),
            this::tree,
            KubectlJson::node,
            onNode,
            ResourceFeed.DEFAULT_QUIET_RELIST)
        .start();
  }

  private <R extends HasMetadata, T> ResourceWatch watch(
      Watchable<R> target,
      String resourceVersion,
      BiFunction<JsonNode, String, T> read,
      String what,
      Consumer<T> sink) {
    Objects.requireNonNull(sink, "sink");
    ResourceWatch handle = new ResourceWatch(resourceVersion == null ? "" : resourceVersion);
    ListOptions options =
        new ListOptionsBuilder()
            .withResourceVersion(
                resourceVersion == null || resourceVersion.isEmpty() ? null : resourceVersion)
            .withAllowWatchBookmarks(true)
            .build();
    Watcher<R> watcher =
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, R resource) {
            String rv =
                resource.getMetadata() == null ? null : resource.getMetadata().getResourceVersion();
            if (action == Action.ADDED || action == Action.MODIFIED) {
              T item;
              try {
                item = read.apply(tree(resource), "watched " + what);
              } catch (InvalidDataException ex) {
                LOG.warn("skipping a {} the watch delivered: {}", what, ex.getMessage());
                handle.advance(rv);
                return;
              }
              handle.advance(rv);
              sink.accept(item);
              return;
            }
            handle.advance(rv);
          }

          @Override
          public void onClose(WatcherException cause) {
            LOG.info("{} watch closed: {}", what, cause.getMessage());
            handle.closed(cause, cause.isHttpGone());
          }

          @Override
          public void onClose() {
            handle.closed(null, false);
          }
        };
    handle.watch = target.watch(options, watcher);
    return handle;
  }

  private JsonNode tree(Object o) {
    return client.getKubernetesSerialization().convertValue(o, JsonNode.class);
  }

  private static String version(io.fabric8.kubernetes.api.model.ListMeta meta) {
    return meta == null || meta.getResourceVersion() == null ? "" : meta.getResourceVersion();
  }

  /**
   * A running watch: tracks the newest resource version seen and how the watch ended.
   *
   * <p>Thread safety: safe to read from any thread while the client's thread updates it.
   */
  public static final class ResourceWatch implements AutoCloseable {
    private volatile Watch watch;
    private volatile String lastResourceVersion;
    private volatile boolean closed;
    private volatile boolean gone;
    private volatile Exception failure;

    private ResourceWatch(String start) {
      this.lastResourceVersion = start;
    }

    private void advance(String rv) {
      if (rv != null && !rv.isEmpty()) {
        lastResourceVersion = rv;
      }
    }

    private void closed(Exception cause, boolean isGone) {
      this.failure = cause;
      this.gone = isGone;
      this.closed = true;
    }

    /**
     * The resource version of the newest object delivered (or the starting version): pass it to
     * {@link KubernetesApi#watchEvents} to resume.
     *
     * @return the version, possibly empty
     */
    public String lastResourceVersion() {
      return lastResourceVersion;
    }

    /**
     * Whether the watch has ended (closed by the caller or by the server).
     *
     * @return true once ended
     */
    public boolean isClosed() {
      return closed;
    }

    /**
     * Whether the server ended the watch with {@code 410 Gone}: list again before watching.
     *
     * @return true if gone
     */
    public boolean isGone() {
      return gone;
    }

    /**
     * Why the watch ended, if it failed.
     *
     * @return the failure, or empty
     */
    public Optional<Exception> failure() {
      return Optional.ofNullable(failure);
    }

    /** Stops the watch. Idempotent. */
    @Override
    public void close() {
      Watch w = watch;
      if (w != null) {
        w.close();
      }
      closed = true;
    }
  }
}
