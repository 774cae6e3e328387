package io.aura.simulator;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.io.kubernetes.Incident;
import io.aura.io.kubernetes.KubeEvent;
import io.aura.io.kubernetes.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A seeded, deterministic simulator of a Kubernetes cluster's metrics and events, with injected
 * faults and their ground truth.
 *
 * <pre>{@code
 * ClusterSimulator sim = ClusterSimulator.builder()
 *     .seed(42).nodes(3).pods(12).days(7).step(Duration.ofSeconds(15))
 *     .randomFaults(8)
 *     .build();
 * Simulation run = sim.run();
 * Frame f = run.frame(run.pods().get(0));          // 23 metric columns
 * List<KubeEvent> events = run.events();            // what `kubectl get events` would show
 * List<GroundTruth> truth = run.groundTruth();      // what really happened
 * }</pre>
 *
 * <p><b>Model.</b> Pods belong to deployments (about three pods each, spread round-robin over the
 * nodes), one container ({@code app}) per pod. Each deployment has a request rate with a daily
 * cycle (amplitude 30–60 %), a weekend dip (−35 %), AR(1) and white noise; HPA scaling events
 * change the number of replicas and so each simulated pod's share of traffic; rollouts restart
 * every pod's container in turn (counters reset, memory back to baseline). CPU demand follows the
 * request rate; usage is capped by the CPU limit, and demand above 90 % of the limit produces CFS
 * throttling. The memory working set follows the request rate around a baseline; file-system usage
 * grows with logs rotated every six hours; network bytes and packets follow the request rate;
 * latency (p99) grows with CPU utilisation and throttling. The metric names are in {@link
 * SimulatedMetric}.
 *
 * <p><b>Faults</b> ({@link FaultKind}) are placed explicitly with {@link Builder#fault} or at
 * random with {@link Builder#randomFaults}; random faults get disjoint time slots, so their
 * incidents never overlap. A fault changes the metrics and, where a real cluster would, emits the
 * Kubernetes events (kubelet, node controller, deployment controller, HPA). What really happened is
 * recorded as {@link GroundTruth}; {@link io.aura.io.kubernetes.EventIncidents} applied to the
 * simulator's own events recovers the event-visible part of it.
 *
 * <p><b>Simplifications</b> (documented in {@code docs/simulator.md}): pod names are stable; an
 * eviction or a rollout is modelled as the same pod starting afresh (an eviction also resets its
 * restart count, as a replacement pod would have). The kubelet itself reports an OOM kill in the
 * container status, not as an event; the simulator emits a pod-scoped {@code OOMKilled} warning
 * event for it. Events are written one per occurrence (count 1).
 *
 * <p><b>Determinism.</b> Everything derives from the seed through {@link SplittableRandom} splits
 * taken in a fixed order (topology, faults, operations, then one stream per pod), and
 * transcendental functions use {@link StrictMath}; the same configuration gives bit-identical
 * output on every run and platform of a given JDK.
 *
 * <p>Thread safety: immutable after {@link Builder#build()}; {@link #run()} may be called from
 * several threads at once, each call working on its own state. Allocation: {@link #run()} allocates
 * {@code 8 × samples × 23} bytes per pod plus the events. Complexity: O(pods × samples), about 23
 * metric values and a handful of random draws per pod and step.
 */
public final class ClusterSimulator {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSimulator.class);

  private static final String[] DEPLOYMENTS = {
    "web", "api", "checkout", "search", "cart", "auth", "worker", "gateway", "catalog", "payments"
  };
  private static final String[] NAMESPACES = {"shop", "platform", "search", "payments"};
  private static final char[] ALPHABET = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final double MIB = 1024.0 * 1024;

  final long seed;
  final int nodeCount;
  final long startMillis;
  final long stepMillis;
  final int samples;
  final boolean operations;
  final List<SimulatedPod> pods;
  final List<String> nodes;
  final Profile[] profiles; // per deployment
  final int[] podDeployment;
  final int[] podNode;
  final List<String> deploymentNames;
  final List<String> deploymentNamespaces;
  final List<Fault> faults;
  final int[] faultPod; // index of target pod, or -1
  final int[] faultNode; // index of target node, or -1
  final long[] podSeeds;
  final long opsSeed;
  final double[] nodeDiskCapacity;
  final double[] nodeSystemDisk;

  /** A deployment's traffic and resource profile. */
  record Profile(
      double baseRps,
      double amplitude,
      double cpuIdle,
      double cpuPerRps,
      double cpuRequest,
      double cpuLimit,
      double memBase,
      double memPerRps,
      double memRequest,
      double memLimit,
      double fsBase,
      double logRate,
      double reqBytes,
      double respBytes,
      double readPerReq,
      double writePerReq,
      double latency,
      double errorRate,
      int replicas) {}

  private ClusterSimulator(Builder b) {
    this.seed = b.seed;
    this.nodeCount = b.nodes;
    this.startMillis = b.start.toEpochMilli();
    this.stepMillis = b.step.toMillis();
    long n = b.duration.toMillis() / stepMillis;
    if (n < 2 || n > Integer.MAX_VALUE / 32) {
      throw new IllegalArgumentException(
          "duration "
              + b.duration
              + " at step "
              + b.step
              + " gives "
              + n
              + " samples; need 2 to "
              + Integer.MAX_VALUE / 32);
    }
    this.samples = (int) n;
    this.operations = b.operations;
    SplittableRandom root = new SplittableRandom(b.seed);
    SplittableRandom topo = root.split();
    SplittableRandom faultRng = root.split();
    this.opsSeed = root.split().nextLong();
    this.podSeeds = new long[b.pods];
    for (int i = 0; i < b.pods; i++) {
      podSeeds[i] = root.split().nextLong();
    }

    List<String> nodeNames = new ArrayList<>();
    nodeDiskCapacity = new double[b.nodes];
    nodeSystemDisk = new double[b.nodes];
    for (int i = 0; i < b.nodes; i++) {
      nodeNames.add("node-" + (i + 1));
      nodeDiskCapacity[i] = 100 * GIB;
      nodeSystemDisk[i] = (20 + 15 * topo.nextDouble()) * GIB;
    }
    this.nodes = List.copyOf(nodeNames);

    int deployments = (b.pods + 2) / 3;
    profiles = new Profile[deployments];
    List<String> dn = new ArrayList<>();
    List<String> dns = new ArrayList<>();
    int[] replicas = new int[deployments];
    for (int j = 0; j < b.pods; j++) {
      replicas[j % deployments]++;
    }
    for (int d = 0; d < deployments; d++) {
      String name =
          DEPLOYMENTS[d % DEPLOYMENTS.length]
              + (d >= DEPLOYMENTS.length ? "-" + (d / DEPLOYMENTS.length + 1) : "");
      dn.add(name);
      dns.add(NAMESPACES[d % NAMESPACES.length]);
      double rps = 5 * StrictMath.pow(40, topo.nextDouble()); // 5 .. 200 per pod
      double cpuIdle = 0.02 + 0.08 * topo.nextDouble();
      double cpuPerRps = 0.002 + 0.006 * topo.nextDouble();
      double amp = 0.3 + 0.3 * topo.nextDouble();
      double peakCpu = cpuIdle + cpuPerRps * rps * (1 + amp);
      double cpuRequest = Math.max(0.05, Math.ceil(peakCpu * 20) / 20);
      double memBase = (128 + 896 * topo.nextDouble()) * MIB;
      double memPerRps = memBase * 0.002;
      double memRequest = Math.ceil(memBase * 1.3 / (64 * MIB)) * 64 * MIB;
      profiles[d] =
          new Profile(
              rps,
              amp,
              cpuIdle,
              cpuPerRps,
              cpuRequest,
              cpuRequest * 2,
              memBase,
              memPerRps,
              memRequest,
              memRequest * 1.6,
              (50 + 450 * topo.nextDouble()) * MIB,
              1000 + 19000 * topo.nextDouble(),
              1000 + 3000 * topo.nextDouble(),
              5000 + 45000 * topo.nextDouble(),
              200 * topo.nextDouble(),
              100 * topo.nextDouble(),
              0.02 + 0.28 * topo.nextDouble(),
              0.0005 + 0.0045 * topo.nextDouble(),
              replicas[d]);
    }
    this.deploymentNames = List.copyOf(dn);
    this.deploymentNamespaces = List.copyOf(dns);
    List<SimulatedPod> ps = new ArrayList<>();
    podDeployment = new int[b.pods];
    podNode = new int[b.pods];
    String[] rsHash = new String[deployments];
    for (int d = 0; d < deployments; d++) {
      rsHash[d] = randomName(topo, 10);
    }
    for (int j = 0; j < b.pods; j++) {
      int d = j % deployments;
      podDeployment[j] = d;
      podNode[j] = j % b.nodes;
      ps.add(
          new SimulatedPod(
              dns.get(d),
              dn.get(d) + "-" + rsHash[d] + "-" + randomName(topo, 5),
              dn.get(d),
              "app",
              nodeNames.get(j % b.nodes)));
    }
    this.pods = List.copyOf(ps);

    List<Fault> fs = new ArrayList<>();
    for (Builder.FaultRequest r : b.explicitFaults) {
      fs.add(
          resolve(
              r.kind(),
              r.target(),
              startMillis + r.offset().toMillis(),
              startMillis + r.offset().toMillis() + r.duration().toMillis()));
    }
    if (b.randomFaults > 0) {
      fs.addAll(randomFaults(faultRng, b.randomFaults, List.copyOf(b.randomKinds)));
    }
    fs.sort(Comparator.comparingLong(Fault::startMillis).thenComparing(Fault::target));
    checkOverlaps(fs);
    this.faults = List.copyOf(fs);
    faultPod = new int[faults.size()];
    faultNode = new int[faults.size()];
    for (int k = 0; k < faults.size(); k++) {
      Fault f = faults.get(k);
      faultPod[k] = f.kind().targetsNode() ? -1 : podIndex(f.target());
      faultNode[k] = f.kind().targetsNode() ? nodes.indexOf(f.target()) : -1;
    }
  }

  private static String randomName(SplittableRandom r, int len) {
    char[] c = new char[len];
    for (int i = 0; i < len; i++) {
      c[i] = ALPHABET[r.nextInt(ALPHABET.length)];
    }
    return new String(c);
  }

  private Fault resolve(FaultKind kind, int target, long start, long end) {
    String name;
    if (kind.targetsNode()) {
      if (target < 0 || target >= nodes.size()) {
        throw new IllegalArgumentException(
            kind + ": node index " + target + " is not in [0, " + nodes.size() + ")");
      }
      name = nodes.get(target);
    } else {
      if (target < 0 || target >= pods.size()) {
        throw new IllegalArgumentException(
            kind + ": pod index " + target + " is not in [0, " + pods.size() + ")");
      }
      name = pods.get(target).key();
    }
    long last = startMillis + (long) (samples - 1) * stepMillis;
    if (start < startMillis || end > last) {
      throw new IllegalArgumentException(
          "fault "
              + kind
              + " on "
              + name
              + " ["
              + Instant.ofEpochMilli(start)
              + ", "
              + Instant.ofEpochMilli(end)
              + ") is not inside the simulated range ["
              + Instant.ofEpochMilli(startMillis)
              + ", "
              + Instant.ofEpochMilli(last)
              + "]");
    }
    if (end - start < 2 * stepMillis) {
      throw new IllegalArgumentException(
          "fault " + kind + " on " + name + " is shorter than two steps");
    }
    return new Fault(kind, name, start, end);
  }

  private List<Fault> randomFaults(SplittableRandom r, int count, List<FaultKind> kinds) {
    long total = (long) samples * stepMillis;
    long slot = total / count;
    long minDuration = Duration.ofHours(1).toMillis();
    long margin = Duration.ofHours(1).toMillis();
    if (slot < minDuration + 2 * margin) {
      throw new IllegalArgumentException(
          count
              + " random faults need at least "
              + Duration.ofMillis((minDuration + 2 * margin) * count)
              + " of simulated time, have "
              + Duration.ofMillis(total));
    }
    List<Fault> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      FaultKind kind = kinds.get(r.nextInt(kinds.size()));
      long maxDuration = Math.min(Duration.ofHours(6).toMillis(), slot - 2 * margin);
      long duration = minDuration + (long) (r.nextDouble() * (maxDuration - minDuration));
      duration = duration / stepMillis * stepMillis;
      long slack = slot - 2 * margin - duration;
      long offset = (long) i * slot + margin + (long) (r.nextDouble() * slack);
      offset = offset / stepMillis * stepMillis;
      int target = kind.targetsNode() ? r.nextInt(nodes.size()) : r.nextInt(pods.size());
      out.add(resolve(kind, target, startMillis + offset, startMillis + offset + duration));
    }
    return out;
  }

  private void checkOverlaps(List<Fault> fs) {
    for (int i = 0; i < fs.size(); i++) {
      for (int j = i + 1; j < fs.size(); j++) {
        Fault a = fs.get(i);
        Fault b = fs.get(j);
        if (a.target().equals(b.target())
            && a.startMillis() < b.endMillis()
            && b.startMillis() < a.endMillis()) {
          throw new IllegalArgumentException(
              "faults overlap on " + a.target() + ": " + a + " and " + b);
        }
      }
    }
  }

  private int podIndex(String key) {
    for (int i = 0; i < pods.size(); i++) {
      if (pods.get(i).key().equals(key)) {
        return i;
      }
    }
    throw new IllegalStateException(key);
  }

  /**
   * A builder with defaults: seed 0, 3 nodes, 9 pods, 1 day, 15 s step, start {@code
   * 2026-01-05T00:00:00Z} (a Monday), rollouts and scaling on, no faults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The pods, known before {@link #run()} (names derive from the seed), so that faults can be
   * aimed.
   *
   * @return an unmodifiable list
   */
  public List<SimulatedPod> pods() {
    return pods;
  }

  /**
   * The node names.
   *
   * @return an unmodifiable list
   */
  public List<String> nodes() {
    return nodes;
  }

  /**
   * The faults to inject, explicit and random, in start order.
   *
   * @return an unmodifiable list
   */
  public List<Fault> faults() {
    return faults;
  }

  /**
   * Number of samples per series.
   *
   * @return the count
   */
  public int samples() {
    return samples;
  }

  /**
   * Runs the simulation. Each call gives a bit-identical result.
   *
   * @return the simulation output
   */
  public Simulation run() {
    long t0 = System.nanoTime();
    Simulation s = new SimulationRun(this).run();
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "simulated {} pods x {} samples, {} events, {} incidents in {} ms",
          pods.size(),
          samples,
          s.events().size(),
          s.groundTruth().size(),
          (System.nanoTime() - t0) / 1_000_000);
    }
    return s;
  }

  /** Collects the configuration; not thread-safe. */
  public static final class Builder {
    record FaultRequest(FaultKind kind, int target, Duration offset, Duration duration) {}

    private long seed;
    private int nodes = 3;
    private int pods = 9;
    private Duration duration = Duration.ofDays(1);
    private Duration step = Duration.ofSeconds(15);
    private Instant start = Instant.parse("2026-01-05T00:00:00Z");
    private boolean operations = true;
    private int randomFaults;
    private Set<FaultKind> randomKinds = EnumSet.allOf(FaultKind.class);
    private final List<FaultRequest> explicitFaults = new ArrayList<>();

    private Builder() {}

    /**
     * The seed.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Number of nodes, 1 to 1000.
     *
     * @param nodes the count
     * @return this builder
     */
    public Builder nodes(int nodes) {
      if (nodes < 1 || nodes > 1000) {
        throw new IllegalArgumentException("nodes must be in [1, 1000], got " + nodes);
      }
      this.nodes = nodes;
      return this;
    }

    /**
     * Number of pods, 1 to 100 000.
     *
     * @param pods the count
     * @return this builder
     */
    public Builder pods(int pods) {
      if (pods < 1 || pods > 100_000) {
        throw new IllegalArgumentException("pods must be in [1, 100000], got " + pods);
      }
      this.pods = pods;
      return this;
    }

    /**
     * Simulated days.
     *
     * @param days at least 1
     * @return this builder
     */
    public Builder days(int days) {
      if (days < 1) {
        throw new IllegalArgumentException("days must be at least 1, got " + days);
      }
      this.duration = Duration.ofDays(days);
      return this;
    }

    /**
     * Simulated duration, for spans that are not whole days.
     *
     * @param duration positive
     * @return this builder
     */
    public Builder duration(Duration duration) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive, got " + duration);
      }
      this.duration = duration;
      return this;
    }

    /**
     * Sampling step, a whole number of milliseconds from 1 s to 1 h.
     *
     * @param step the step
     * @return this builder
     */
    public Builder step(Duration step) {
      if (step.compareTo(Duration.ofSeconds(1)) < 0 || step.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("step must be in [1s, 1h], got " + step);
      }
      this.step = step;
      return this;
    }

    /**
     * Timestamp of the first sample.
     *
     * @param start the instant
     * @return this builder
     */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Whether to simulate rollouts and HPA scaling (on by default).
     *
     * @param on true to simulate them
     * @return this builder
     */
    public Builder operations(boolean on) {
      this.operations = on;
      return this;
    }

    /**
     * Injects a fault. Faults on one target must not overlap.
     *
     * @param kind the kind
     * @param target index into {@link ClusterSimulator#pods()} for pod faults or into {@link
     *     ClusterSimulator#nodes()} for node faults
     * @param offset start, from the first sample
     * @param duration how long the fault acts, at least two steps
     * @return this builder
     */
    public Builder fault(FaultKind kind, int target, Duration offset, Duration duration) {
      explicitFaults.add(
          new FaultRequest(
              Objects.requireNonNull(kind),
              target,
              Objects.requireNonNull(offset),
              Objects.requireNonNull(duration)));
      return this;
    }

    /**
     * Injects {@code count} faults at random (seeded) in disjoint time slots, each lasting 1 to 6
     * hours with at least an hour of quiet before and after.
     *
     * @param count the number of faults
     * @return this builder
     */
    public Builder randomFaults(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative: " + count);
      }
      this.randomFaults = count;
      return this;
    }

    /**
     * Restricts the kinds random faults are drawn from.
     *
     * @param kinds a non-empty set
     * @return this builder
     */
    public Builder randomFaultKinds(Set<FaultKind> kinds) {
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("kinds must not be empty");
      }
      this.randomKinds = EnumSet.copyOf(kinds);
      return this;
    }

    /**
     * Builds the simulator: the topology and the fault schedule are fixed here.
     *
     * @return the simulator
     * @throws IllegalArgumentException if a fault is out of range, overlaps another on its target,
     *     or the random faults do not fit
     */
    public ClusterSimulator build() {
      return new ClusterSimulator(this);
    }
  }

  // Used by SimulationRun.
  static Incident incident(
      AnomalyType type,
      Severity severity,
      Labels entity,
      String container,
      String reason,
      long start,
      long end) {
    return new Incident(type, severity, entity, container, reason, start, end);
  }

  static KubeEvent event(
      String reason,
      String message,
      boolean warning,
      ObjectRef ref,
      long at,
      String component,
      String host) {
    return KubeEvent.of(
        reason, message, warning ? KubeEvent.WARNING : KubeEvent.NORMAL, ref, at, component, host);
  }
}
