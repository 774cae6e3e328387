package io.aura.io.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.aura.features.InvalidDataException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-healing list-and-watch of one kind of object (the "reflector" loop of Kubernetes
 * client-go, {@code k8s.io/client-go/tools/cache/reflector.go}, without its cache): list, deliver
 * the items, watch from the list's {@code resourceVersion}; when the watch ends with {@code 410
 * Gone} (the version has been compacted away) list again at once and watch from the new version;
 * when it ends with any other error (or with Gone twice in a row without a single watch event in
 * between), wait with a growing pause (1 s doubling to 30 s) and do the same. Started by {@link
 * KubernetesApi#feedEvents}, {@link KubernetesApi#feedPods} and {@link KubernetesApi#feedNodes}.
 *
 * <p><b>Nothing lost, nothing repeated.</b> The feed remembers, for every live object, the {@code
 * metadata.resourceVersion} it last delivered, keyed by {@code metadata.uid} (namespace/name when
 * the server gives no uid). An object is delivered when its uid is new or its version differs from
 * the one delivered: so after a relist the objects that changed or appeared while no watch was
 * running are delivered once, those already delivered are not delivered again, and an event a
 * resumed watch replays is skipped. Each object's newest state is delivered; intermediate versions
 * that the server itself no longer has when the feed relists cannot be (this is the Kubernetes
 * list-watch contract). Deletions are not delivered; a deleted object is forgotten.
 *
 * <p><b>A silent watch.</b> fabric8 resumes a watch the server closed by itself, from the last
 * version it saw; if the server refuses that resumption with an HTTP {@code 410} status (rather
 * than, as kube-apiserver does, a {@code 410} ERROR event on an open watch), fabric8 7.1 keeps
 * retrying and tells the watcher nothing. So the feed also lists again when its watch has delivered
 * nothing, not even a bookmark (it asks for bookmarks, which kube-apiserver sends about once a
 * minute), for 10 minutes; see {@link #quietRelists()}.
 *
 * <p>Unreadable objects are logged at WARN and skipped (their version counts as delivered, so they
 * are not reported again); the consumer is never given a half-read object. An exception the
 * consumer throws is logged at WARN and the feed goes on (that version counts as delivered).
 *
 * <p>Close the feed before the {@code KubernetesClient} it reads through: a feed whose client is
 * closed keeps trying (with the growing pause) until it is closed itself.
 *
 * <p>Thread safety: all methods may be called from any thread. The consumer is called from the
 * feed's own thread (items of a list) and from the client's watch threads, but never concurrently
 * and always in delivery order (calls are serialized on one lock), so it need not be thread-safe;
 * it must not block for long. Allocation and complexity: a list costs O(items) time and a JSON tree
 * per delivered item; a watch event O(1) expected time; memory is O(live objects) (one uid and
 * version string each). One platform thread per feed, a daemon.
 *
 * @param <T> what is delivered: {@link KubeEvent}, {@link PodStatus} or {@link NodeStatus}
 */
public final class ResourceFeed<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceFeed.class);
  private static final long FIRST_PAUSE_MILLIS = 1_000;
  private static final long MAX_PAUSE_MILLIS = 30_000;

  /** The default longest silence of a watch before the feed lists again. */
  static final Duration DEFAULT_QUIET_RELIST = Duration.ofMinutes(10);

  private static final WatcherException QUIET = new WatcherException("quiet");

  private final String what;
  private final Supplier<? extends KubernetesResourceList<? extends HasMetadata>> lister;
  private final Watchable<? extends HasMetadata> watchable;
  private final Function<Object, JsonNode> tree;
  private final BiFunction<JsonNode, String, T> read;
  private final Consumer<T> sink;
  private final Thread thread;
  private final Object lock = new Object();
  // guarded by lock
  private final Map<String, String> delivered = new HashMap<>();
  private long generation;
  private String listVersion = "";
  private boolean watchProgress;
  private long lastEventNanos;
  private boolean watchEnded;
  private WatcherException watchFailure;
  private Watch watch;
  private volatile boolean closed;
  private volatile Exception lastFailure;
  private final AtomicLong lists = new AtomicLong();
  private final AtomicLong deliveredCount = new AtomicLong();
  private final AtomicLong skippedRepeats = new AtomicLong();
  private final AtomicLong quietRelists = new AtomicLong();
  private final Duration quietRelist;

  ResourceFeed(
      String what,
      Supplier<? extends KubernetesResourceList<? extends HasMetadata>> lister,
      Watchable<? extends HasMetadata> watchable,
      Function<Object, JsonNode> tree,
      BiFunction<JsonNode, String, T> read,
      Consumer<T> sink,
      Duration quietRelist) {
    this.what = what;
    this.quietRelist = quietRelist;
    this.lister = lister;
    this.watchable = watchable;
    this.tree = tree;
    this.read = read;
    this.sink = Objects.requireNonNull(sink, "sink");
    this.thread = new Thread(this::run, "aura-" + what + "-feed");
    thread.setDaemon(true);
  }

  ResourceFeed<T> start() {
    thread.start();
    return this;
  }

  private void run() {
    long pause = FIRST_PAUSE_MILLIS;
    int idleGones = 0;
    while (!closed) {
      boolean gone;
      synchronized (lock) {
        watchProgress = false;
      }
      try {
        long gen = listAndDeliver();
        startWatch(gen);
        WatcherException end = awaitWatchEnd();
        if (closed) {
          break;
        }
        if (end == QUIET) {
          LOG.info(
              "{} watch delivered nothing (not even a bookmark) for {}; listing again",
              what,
              quietRelist);
          quietRelists.incrementAndGet();
          gone = true; // the same remedy, counted separately
          synchronized (lock) {
            watchProgress = true; // not a tight loop: it waited the quiet period
          }
        } else {
          gone = end != null && end.isHttpGone();
          if (end != null && !gone) {
            lastFailure = end;
          }
          LOG.info(
              "{} watch ended ({}); listing again",
              what,
              end == null ? "closed by the server" : end.getMessage());
        }
      } catch (KubernetesClientException e) {
        if (closed) {
          break;
        }
        gone = e.getCode() == 410;
        if (gone) {
          LOG.info("{} watch refused with 410 Gone; listing again", what);
        } else {
          lastFailure = e;
          LOG.warn("{} list/watch failed ({}): {}", what, e.getCode(), e.getMessage());
        }
      } catch (RuntimeException e) {
        if (closed) {
          break;
        }
        gone = false;
        lastFailure = e;
        LOG.warn("{} list/watch failed: {}", what, e.toString());
      } catch (InterruptedException e) {
        break;
      }
      stopWatch();
      boolean progress;
      synchronized (lock) {
        progress = watchProgress;
      }
      idleGones = gone && !progress ? idleGones + 1 : 0;
      if (gone && idleGones < 2) {
        // Relist at once; only a server that keeps answering Gone without any watch event in
        // between (which would otherwise make a tight loop) gets the growing pause.
        pause = FIRST_PAUSE_MILLIS;
        continue;
      }
      if (progress) {
        pause = FIRST_PAUSE_MILLIS; // the watch worked for a while: start the pauses afresh
      }
      try {
        synchronized (lock) {
          if (!closed) {
            lock.wait(pause);
          }
        }
      } catch (InterruptedException e) {
        break;
      }
      pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
    }
    stopWatch();
  }

  /** Lists, delivers what is new or changed, forgets what is gone; returns the new generation. */
  private long listAndDeliver() {
    KubernetesResourceList<? extends HasMetadata> list = lister.get();
    lists.incrementAndGet();
    List<? extends HasMetadata> items = list.getItems();
    synchronized (lock) {
      generation++;
      Set<String> live = new HashSet<>(items.size() * 2);
      for (int i = 0; i < items.size(); i++) {
        HasMetadata item = items.get(i);
        live.add(key(item));
        offer(item, what + " list item " + i);
      }
      delivered.keySet().retainAll(live);
      watchEnded = false;
      watchFailure = null;
      String rv = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
      listVersion = rv == null ? "" : rv;
      return generation;
    }
  }

  private void startWatch(long gen) {
    String rv;
    synchronized (lock) {
      rv = listVersion;
    }
    ListOptions options =
        new ListOptionsBuilder()
            .withResourceVersion(rv.isEmpty() ? null : rv)
            .withAllowWatchBookmarks(true)
            .build();
    @SuppressWarnings("unchecked")
    Watchable<HasMetadata> w = (Watchable<HasMetadata>) watchable;
    Watch started =
        w.watch(
            options,
            new Watcher<HasMetadata>() {
              @Override
              public void eventReceived(Action action, HasMetadata resource) {
                synchronized (lock) {
                  if (gen != generation || closed) {
                    return; // a late event of a superseded watch
                  }
                  watchProgress = true;
                  lastEventNanos = System.nanoTime();
                  if (action == Action.ADDED || action == Action.MODIFIED) {
                    offer(resource, "watched " + what);
                  } else if (action == Action.DELETED) {
                    delivered.remove(key(resource));
                  }
                }
              }

              @Override
              public void onClose(WatcherException cause) {
                ended(gen, cause);
              }

              @Override
              public void onClose() {
                ended(gen, null);
              }
            });
    synchronized (lock) {
      watch = started;
    }
  }

  private void ended(long gen, WatcherException cause) {
    synchronized (lock) {
      if (gen == generation) {
        watchEnded = true;
        watchFailure = cause;
        lock.notifyAll();
      }
    }
  }

  /** Waits for the watch to end; returns its failure, null, or {@link #QUIET}. */
  private WatcherException awaitWatchEnd() throws InterruptedException {
    synchronized (lock) {
      long quietNanos = quietRelist.toNanos();
      lastEventNanos = System.nanoTime();
      while (!watchEnded && !closed) {
        long left = quietNanos - (System.nanoTime() - lastEventNanos);
        if (left <= 0) {
          return QUIET;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return watchFailure;
    }
  }

  private void stopWatch() {
    Watch w;
    synchronized (lock) {
      w = watch;
      watch = null;
      generation++; // silences the old watch's late events
    }
    if (w != null) {
      try {
        w.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the {} watch: {}", what, e.toString());
      }
    }
  }

  /** Called with the lock held. */
  private void offer(HasMetadata item, String where) {
    String key = key(item);
    ObjectMeta m = item.getMetadata();
    String rv = m == null || m.getResourceVersion() == null ? "" : m.getResourceVersion();
    String before = delivered.get(key);
    if (before != null && before.equals(rv) && !rv.isEmpty()) {
      skippedRepeats.incrementAndGet();
      return;
    }
    delivered.put(key, rv);
    T value;
    try {
      value = read.apply(tree.apply(item), where);
    } catch (InvalidDataException e) {
      LOG.warn("skipping a {} Aura cannot read: {}", what, e.getMessage());
      return;
    }
    deliveredCount.incrementAndGet();
    try {
      sink.accept(value);
    } catch (RuntimeException e) {
      LOG.warn("the {} feed's consumer threw {}; the feed goes on", what, e.toString());
    }
  }

  private static String key(HasMetadata item) {
    ObjectMeta m = item.getMetadata();
    if (m == null) {
      return "";
    }
    if (m.getUid() != null && !m.getUid().isEmpty()) {
      return m.getUid();
    }
    return (m.getNamespace() == null ? "" : m.getNamespace()) + "/" + m.getName();
  }

  /**
   * How many times the feed has listed: 1 after the start, one more per relist.
   *
   * @return the list count
   */
  public long lists() {
    return lists.get();
  }

  /**
   * How many objects have been given to the consumer.
   *
   * @return the count
   */
  public long delivered() {
    return deliveredCount.get();
  }

  /**
   * How many objects a list or watch gave again at a version already delivered, and were skipped.
   *
   * @return the count
   */
  public long skippedRepeats() {
    return skippedRepeats.get();
  }

  /**
   * How many times the feed listed again because its watch had been silent (no object, no bookmark)
   * for the quiet period.
   *
   * @return the count
   */
  public long quietRelists() {
    return quietRelists.get();
  }

  /**
   * The last failure other than {@code 410 Gone} (after which the feed paused and listed again).
   *
   * @return the failure, or empty
   */
  public Optional<Exception> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /**
   * Whether the feed is still running.
   *
   * @return false once closed
   */
  public boolean isRunning() {
    return !closed && thread.isAlive();
  }

  /**
   * Stops the watch and the feed's thread, waiting up to 10 s for the thread. Idempotent. The
   * consumer is not called after this returns, unless it is called from the consumer itself.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    thread.interrupt();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopWatch();
  }

  @Override
  public String toString() {
    return "ResourceFeed[" + what + ", lists=" + lists() + ", delivered=" + delivered() + "]";
  }
}
