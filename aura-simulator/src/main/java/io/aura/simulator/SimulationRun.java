package io.aura.simulator;

import static io.aura.simulator.SimulatedMetric.CPU_CFS_PERIODS;
import static io.aura.simulator.SimulatedMetric.CPU_CFS_THROTTLED_PERIODS;
import static io.aura.simulator.SimulatedMetric.CPU_CFS_THROTTLED_SECONDS;
import static io.aura.simulator.SimulatedMetric.CPU_LIMIT;
import static io.aura.simulator.SimulatedMetric.CPU_REQUEST;
import static io.aura.simulator.SimulatedMetric.CPU_USAGE;
import static io.aura.simulator.SimulatedMetric.FS_LIMIT;
import static io.aura.simulator.SimulatedMetric.FS_READS;
import static io.aura.simulator.SimulatedMetric.FS_USAGE;
import static io.aura.simulator.SimulatedMetric.FS_WRITES;
import static io.aura.simulator.SimulatedMetric.HTTP_ERRORS;
import static io.aura.simulator.SimulatedMetric.HTTP_LATENCY_P99;
import static io.aura.simulator.SimulatedMetric.HTTP_REQUESTS;
import static io.aura.simulator.SimulatedMetric.MEMORY_LIMIT;
import static io.aura.simulator.SimulatedMetric.MEMORY_REQUEST;
import static io.aura.simulator.SimulatedMetric.MEMORY_WORKING_SET;
import static io.aura.simulator.SimulatedMetric.NETWORK_RECEIVE_BYTES;
import static io.aura.simulator.SimulatedMetric.NETWORK_RECEIVE_ERRORS;
import static io.aura.simulator.SimulatedMetric.NETWORK_RECEIVE_PACKETS;
import static io.aura.simulator.SimulatedMetric.NETWORK_TRANSMIT_BYTES;
import static io.aura.simulator.SimulatedMetric.NETWORK_TRANSMIT_ERRORS;
import static io.aura.simulator.SimulatedMetric.NETWORK_TRANSMIT_PACKETS;
import static io.aura.simulator.SimulatedMetric.RESTARTS;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.io.kubernetes.KubeEvent;
import io.aura.io.kubernetes.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** One execution of a {@link ClusterSimulator}; single-use, not thread-safe. */
final class SimulationRun {
  private static final int M = SimulatedMetric.values().length;
  private static final double SECONDS_PER_DAY = 86_400;
  private static final double LOG_ROTATION_SECONDS = 6 * 3600;
  private static final double EVICTION_THRESHOLD = 0.90; // nodefs.available < 10 %
  private static final int NONE = 0;
  private static final int RESTART = 1;
  private static final int IMAGE = 2;
  private static final int REPLACE = 3;

  private final ClusterSimulator c;
  private final int n;
  private final long[] ts;
  private final double stepSec;
  private final double[][][] vals;
  private final List<KubeEvent> events = new ArrayList<>();
  private final List<GroundTruth> truth = new ArrayList<>();
  private final double[] dailyWave;
  private final double[] weekly;
  private final Pod[] pods;
  private final Pod[][] nodePods;
  private final int[] fStart;
  private final int[] fEnd;
  private final boolean[] nodeDown;
  private final boolean[] contention;
  private final boolean[] pressure;
  private final int[] pressureUntil;
  private final double[] nodeUsed;
  private final Open[][] nodeOpen; // [node][type ordinal]
  private final double[] share;
  private final int[] replicas;
  private final SplittableRandom ops;

  private static final class Open {
    final long start;
    final Fault fault;
    final String container;
    final Severity severity;

    /** Whether the incident was announced by an event (false for metric-only faults). */
    final boolean visible;

    Open(long start, Fault fault, String container, Severity severity, boolean visible) {
      this.start = start;
      this.fault = fault;
      this.container = container;
      this.severity = severity;
      this.visible = visible;
    }
  }

  private static final class Pod {
    final int idx;
    final int dep;
    final int node;
    final SplittableRandom rng;
    final List<Integer> faults = new ArrayList<>();
    int wait = NONE;
    int waitUntil;
    int backoff;
    double cpu;
    double periods;
    double throttled;
    double throttledSec;
    double fsReads;
    double fsWrites;
    double rxB;
    double txB;
    double rxP;
    double txP;
    double rxE;
    double txE;
    double req;
    double err;
    double restarts;
    double leak;
    double leakRate;
    int leakFault = -1;
    double fill;
    double fillRate;
    int fillFault = -1;
    boolean fillDone;
    int startIdx;
    long lastStart = Long.MIN_VALUE;
    double ar;
    int crashAt = Integer.MAX_VALUE;
    int rolloutAt = -1;
    String image;
    AnomalyType openType;
    Open open;
    int openFault = -1;
    Fault lastFault;

    Pod(int idx, int dep, int node, SplittableRandom rng) {
      this.idx = idx;
      this.dep = dep;
      this.node = node;
      this.rng = rng;
    }
  }

  private record Op(int at, boolean rollout, int deployment) {}

  SimulationRun(ClusterSimulator c) {
    this.c = c;
    this.n = c.samples;
    this.ts = new long[n];
    for (int i = 0; i < n; i++) {
      ts[i] = c.startMillis + (long) i * c.stepMillis;
    }
    this.stepSec = c.stepMillis / 1000.0;
    this.vals = new double[c.pods.size()][M][n];
    dailyWave = new double[n];
    weekly = new double[n];
    for (int i = 0; i < n; i++) {
      double sec = Math.floorMod(ts[i], 86_400_000L) / 1000.0;
      double h = sec / 3600.0;
      dailyWave[i] =
          0.8 * StrictMath.sin(2 * Math.PI * (h - 9) / 24)
              + 0.2 * StrictMath.sin(4 * Math.PI * (h - 6) / 24);
      long day = Math.floorDiv(ts[i], 86_400_000L);
      int dow = (int) Math.floorMod(day + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
      weekly[i] = dow >= 5 ? 0.65 : 1.0;
    }
    pods = new Pod[c.pods.size()];
    for (int i = 0; i < pods.length; i++) {
      pods[i] = new Pod(i, c.podDeployment[i], c.podNode[i], new SplittableRandom(c.podSeeds[i]));
      SimulatedPod sp = c.pods.get(i);
      pods[i].image = "registry.example.com/" + sp.namespace() + "/" + sp.deployment() + ":v1";
    }
    fStart = new int[c.faults.size()];
    fEnd = new int[c.faults.size()];
    for (int k = 0; k < c.faults.size(); k++) {
      Fault f = c.faults.get(k);
      fStart[k] = (int) ceilDiv(f.startMillis() - c.startMillis, c.stepMillis);
      fEnd[k] = (int) Math.min(n - 1, ceilDiv(f.endMillis() - c.startMillis, c.stepMillis));
      if (c.faultPod[k] >= 0) {
        pods[c.faultPod[k]].faults.add(k);
      }
    }
    int nodes = c.nodes.size();
    nodePods = new Pod[nodes][];
    for (int k = 0; k < nodes; k++) {
      int count = 0;
      for (Pod p : pods) {
        count += p.node == k ? 1 : 0;
      }
      nodePods[k] = new Pod[count];
      int j = 0;
      for (Pod p : pods) {
        if (p.node == k) {
          nodePods[k][j++] = p;
        }
      }
    }
    nodeDown = new boolean[nodes];
    contention = new boolean[nodes];
    pressure = new boolean[nodes];
    pressureUntil = new int[nodes];
    nodeUsed = new double[nodes];
    nodeOpen = new Open[nodes][AnomalyType.values().length];
    share = new double[c.profiles.length];
    replicas = new int[c.profiles.length];
    for (int d = 0; d < share.length; d++) {
      share[d] = 1.0;
      replicas[d] = c.profiles[d].replicas();
    }
    ops = new SplittableRandom(c.opsSeed);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private int steps(double seconds) {
    return Math.max(1, (int) Math.ceil(seconds / stepSec));
  }

  Simulation run() {
    List<Op> schedule = c.operations ? schedule() : List.of();
    int nextOp = 0;
    for (int t = 0; t < n; t++) {
      nodeFaults(t);
      while (nextOp < schedule.size() && schedule.get(nextOp).at == t) {
        operate(schedule.get(nextOp++), t);
      }
      for (Pod p : pods) {
        stepPod(p, t);
      }
      nodePass(t);
    }
    // Close whatever is still open at the end (truncated incidents).
    for (Pod p : pods) {
      if (p.open != null) {
        closePod(p, ts[n - 1]);
      }
    }
    for (int k = 0; k < nodeOpen.length; k++) {
      for (AnomalyType t : AnomalyType.values()) {
        if (nodeOpen[k][t.ordinal()] != null) {
          closeNode(k, t, ts[n - 1]);
        }
      }
    }
    truth.sort(
        Comparator.comparingLong((GroundTruth g) -> g.incident().startMillis())
            .thenComparing(g -> g.incident().entity().toString())
            .thenComparing(g -> g.incident().type()));
    return new Simulation(ts, c.pods, c.nodes, vals, events, c.faults, truth);
  }

  // --------------------------------------------------------------------------------- operations

  private List<Op> schedule() {
    List<Op> out = new ArrayList<>();
    double stepsPerDay = SECONDS_PER_DAY / stepSec;
    for (int d = 0; d < c.profiles.length; d++) {
      double t = -StrictMath.log(1 - ops.nextDouble()) * 2.5 * stepsPerDay;
      while (t < n) {
        out.add(new Op((int) t, true, d));
        t += -StrictMath.log(1 - ops.nextDouble()) * 2.5 * stepsPerDay;
      }
      t = -StrictMath.log(1 - ops.nextDouble()) * stepsPerDay;
      while (t < n) {
        out.add(new Op((int) t, false, d));
        t += -StrictMath.log(1 - ops.nextDouble()) * stepsPerDay;
      }
    }
    out.sort(
        Comparator.comparingInt(Op::at)
            .thenComparing(Op::rollout)
            .thenComparingInt(Op::deployment));
    return out;
  }

  private void operate(Op op, int t) {
    int d = op.deployment;
    String ns = c.deploymentNamespaces.get(d);
    String name = c.deploymentNames.get(d);
    ObjectRef deployment = new ObjectRef("Deployment", ns, name, "");
    long now = ts[t];
    if (op.rollout) {
      String rs = name + "-" + hash(ops);
      events.add(
          ClusterSimulator.event(
              "ScalingReplicaSet",
              "Scaled up replica set " + rs + " to " + replicas[d],
              false,
              deployment,
              now,
              "deployment-controller",
              ""));
      int k = 0;
      for (Pod p : pods) {
        if (p.dep == d) {
          int at = t + k * steps(60);
          if (at < n) {
            p.rolloutAt = at;
          }
          k++;
        }
      }
    } else {
      int base = c.profiles[d].replicas();
      int r = replicas[d];
      int next = r == base ? r + 1 : r == base + 3 ? r - 1 : (ops.nextBoolean() ? r + 1 : r - 1);
      replicas[d] = next;
      share[d] = (double) base / next;
      events.add(
          ClusterSimulator.event(
              "SuccessfulRescale",
              "New size: "
                  + next
                  + "; reason: "
                  + (next > r
                      ? "cpu resource utilization (percentage of request) above target"
                      : "All metrics below target"),
              false,
              new ObjectRef("HorizontalPodAutoscaler", ns, name, ""),
              now,
              "horizontal-pod-autoscaler",
              ""));
      events.add(
          ClusterSimulator.event(
              "ScalingReplicaSet",
              "Scaled " + (next > r ? "up" : "down") + " replica set " + name + " to " + next,
              false,
              deployment,
              now,
              "deployment-controller",
              ""));
    }
  }

  private static String hash(SplittableRandom r) {
    String a = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder sb = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      sb.append(a.charAt(r.nextInt(a.length())));
    }
    return sb.toString();
  }

  // -------------------------------------------------------------------------------------- nodes

  private void nodeFaults(int t) {
    for (int k = 0; k < c.faults.size(); k++) {
      int node = c.faultNode[k];
      if (node < 0) {
        continue;
      }
      Fault f = c.faults.get(k);
      String name = c.nodes.get(node);
      if (t == fStart[k]) {
        if (f.kind() == FaultKind.NODE_FAILURE) {
          nodeDown[node] = true;
          events.add(
              ClusterSimulator.event(
                  "NodeNotReady",
                  "Node " + name + " status is now: NodeNotReady",
                  false,
                  ObjectRef.node(name),
                  ts[t],
                  "node-controller",
                  ""));
          openNode(node, AnomalyType.NODE_FAILURE, ts[t], f, Severity.CRITICAL);
        } else {
          contention[node] = true;
          openNode(node, AnomalyType.RESOURCE_CONTENTION, ts[t], f, Severity.MEDIUM);
        }
      } else if (t == fEnd[k]) {
        if (f.kind() == FaultKind.NODE_FAILURE) {
          nodeDown[node] = false;
          events.add(
              ClusterSimulator.event(
                  "NodeReady",
                  "Node " + name + " status is now: NodeReady",
                  false,
                  ObjectRef.node(name),
                  ts[t],
                  "node-controller",
                  ""));
          closeNode(node, AnomalyType.NODE_FAILURE, ts[t]);
        } else {
          contention[node] = false;
          closeNode(node, AnomalyType.RESOURCE_CONTENTION, ts[t - 1]);
        }
      }
    }
  }

  private void nodePass(int t) {
    for (int k = 0; k < nodeUsed.length; k++) {
      if (nodeDown[k]) {
        continue;
      }
      double used = c.nodeSystemDisk[k];
      Pod top = null;
      double topUsage = -1;
      for (Pod p : nodePods[k]) {
        double u = vals[p.idx][FS_USAGE.ordinal()][t];
        if (!Double.isNaN(u)) {
          used += u;
          if (u > topUsage) {
            topUsage = u;
            top = p;
          }
        }
      }
      nodeUsed[k] = used;
      double cap = c.nodeDiskCapacity[k];
      String name = c.nodes.get(k);
      long now = ts[t];
      if (!pressure[k] && used > EVICTION_THRESHOLD * cap && top != null) {
        pressure[k] = true;
        pressureUntil[k] = t + steps(300);
        events.add(
            ClusterSimulator.event(
                "NodeHasDiskPressure",
                "Node " + name + " status is now: NodeHasDiskPressure",
                false,
                ObjectRef.node(name),
                now,
                "kubelet",
                name));
        events.add(
            ClusterSimulator.event(
                "EvictionThresholdMet",
                "Attempting to reclaim ephemeral-storage",
                true,
                ObjectRef.node(name),
                now,
                "kubelet",
                name));
        Fault cause =
            top.lastFault != null
                ? top.lastFault
                : new Fault(
                    FaultKind.DISK_FILL, c.pods.get(top.idx).key(), now, now + c.stepMillis);
        openNode(k, AnomalyType.STORAGE, now, cause, Severity.MEDIUM);
        evict(top, t, (cap - used) / (1024.0 * 1024 * 1024));
      } else if (pressure[k] && t >= pressureUntil[k]) {
        pressure[k] = false;
        events.add(
            ClusterSimulator.event(
                "NodeHasNoDiskPressure",
                "Node " + name + " status is now: NodeHasNoDiskPressure",
                false,
                ObjectRef.node(name),
                now,
                "kubelet",
                name));
        closeNode(k, AnomalyType.STORAGE, now);
      }
    }
  }

  private void openNode(int node, AnomalyType type, long start, Fault f, Severity s) {
    if (nodeOpen[node][type.ordinal()] == null) {
      nodeOpen[node][type.ordinal()] = new Open(start, f, "", s, true);
    }
  }

  private void closeNode(int node, AnomalyType type, long end) {
    Open o = nodeOpen[node][type.ordinal()];
    if (o == null) {
      return;
    }
    nodeOpen[node][type.ordinal()] = null;
    boolean visible = type == AnomalyType.NODE_FAILURE || type == AnomalyType.STORAGE;
    truth.add(
        new GroundTruth(
            ClusterSimulator.incident(
                type,
                o.severity,
                Labels.of(Labels.NODE, c.nodes.get(node)),
                "",
                o.fault.kind().name(),
                o.start,
                end),
            o.fault,
            visible));
  }

  // --------------------------------------------------------------------------------------- pods

  private int activeFault(Pod p, int t) {
    for (int k : p.faults) {
      if (t >= fStart[k] && t < fEnd[k]) {
        return k;
      }
    }
    return -1;
  }

  private boolean faultNear(Pod p, int t, int window) {
    for (int k : p.faults) {
      if (t + window >= fStart[k] && t - window < fEnd[k]) {
        return true;
      }
    }
    for (int k = 0; k < c.faults.size(); k++) {
      if (c.faultNode[k] == p.node && t + window >= fStart[k] && t - window < fEnd[k]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Opens a pod incident unless one is open. An incident announced by an event ({@code visible})
   * ends a metric-only one that is still open, so that every event-derived incident has its ground
   * truth.
   */
  private void openPod(
      Pod p, AnomalyType type, long start, Fault f, String container, Severity s, boolean visible) {
    if (p.open != null && visible && !p.open.visible) {
      closePod(p, start);
    }
    if (p.open == null) {
      p.open = new Open(start, f, container, s, visible);
      p.openType = type;
    }
  }

  private void closePod(Pod p, long end) {
    SimulatedPod sp = c.pods.get(p.idx);
    truth.add(
        new GroundTruth(
            ClusterSimulator.incident(
                p.openType,
                p.open.severity,
                Labels.of(Labels.NAMESPACE, sp.namespace(), Labels.POD, sp.name()),
                p.open.container,
                p.open.fault.kind().name(),
                p.open.start,
                Math.max(end, p.open.start)),
            p.open.fault,
            p.open.visible));
    p.open = null;
    p.openType = null;
    p.openFault = -1;
  }

  private ObjectRef containerRef(Pod p) {
    SimulatedPod sp = c.pods.get(p.idx);
    return ObjectRef.container(sp.namespace(), sp.name(), sp.container());
  }

  private void kubelet(
      Pod p, String reason, String message, boolean warning, ObjectRef ref, long at) {
    events.add(
        ClusterSimulator.event(reason, message, warning, ref, at, "kubelet", c.nodes.get(p.node)));
  }

  private void resetContainer(Pod p, int t) {
    p.cpu = 0;
    p.periods = 0;
    p.throttled = 0;
    p.throttledSec = 0;
    p.fsReads = 0;
    p.fsWrites = 0;
    p.req = 0;
    p.err = 0;
    p.leak = 0;
    p.fill = 0;
    p.startIdx = t;
  }

  private void stepPod(Pod p, int t) {
    double[][] v = vals[p.idx];
    ClusterSimulator.Profile pr = c.profiles[p.dep];
    long now = ts[t];
    v[CPU_REQUEST.ordinal()][t] = pr.cpuRequest();
    v[MEMORY_REQUEST.ordinal()][t] = pr.memRequest();
    v[CPU_LIMIT.ordinal()][t] = pr.cpuLimit();
    v[MEMORY_LIMIT.ordinal()][t] = pr.memLimit();
    int fk = activeFault(p, t);
    Fault f = fk < 0 ? null : c.faults.get(fk);
    FaultKind kind = f == null ? null : f.kind();
    if (f != null) {
      p.lastFault = f;
    }
    // Metric-only faults: ground truth is the fault window.
    if (p.open != null && p.openFault >= 0 && t >= fEnd[p.openFault]) {
      closePod(p, ts[fEnd[p.openFault] - 1]);
    }
    if (f != null && !kind.emitsEvents() && t == fStart[fk] && p.open == null) {
      openPod(p, kind.anomalyType(), now, f, c.pods.get(p.idx).container(), Severity.MEDIUM, false);
      p.openFault = fk;
    }
    if (nodeDown[p.node]) {
      missing(p, v, t, true);
      v[RESTARTS.ordinal()][t] = p.restarts;
      return;
    }
    if (p.wait != NONE) {
      if (t < p.waitUntil) {
        missing(p, v, t, p.wait == REPLACE);
        v[RESTARTS.ordinal()][t] = p.restarts;
        return;
      }
      if (p.wait == IMAGE && kind == FaultKind.IMAGE_PULL_FAILURE) {
        failPull(p, t);
        missing(p, v, t, false);
        v[RESTARTS.ordinal()][t] = p.restarts;
        return;
      }
      start(p, t, kind);
    } else if (p.open != null
        && p.openType == AnomalyType.CRASH_LOOP
        && kind != FaultKind.CRASH_LOOP) {
      // The crash loop ended while the container was running: it recovered at its last start.
      closePod(p, p.lastStart);
      p.crashAt = Integer.MAX_VALUE;
      p.backoff = 0;
    }
    if (kind == FaultKind.IMAGE_PULL_FAILURE && t == fStart[fk]) {
      kubelet(
          p,
          "Killing",
          "Stopping container " + c.pods.get(p.idx).container(),
          false,
          containerRef(p),
          now);
      resetContainer(p, t);
      p.image = p.image.replace(":v1", ":v2-broken");
      p.backoff = 0;
      openPod(
          p,
          AnomalyType.IMAGE_PULL,
          now,
          f,
          c.pods.get(p.idx).container(),
          Severity.CRITICAL,
          true);
      failPull(p, t);
      missing(p, v, t, false);
      v[RESTARTS.ordinal()][t] = p.restarts;
      return;
    }
    if (kind == FaultKind.CRASH_LOOP && t == fStart[fk]) {
      p.crashAt = t + 1 + p.rng.nextInt(3);
    }
    if (kind == FaultKind.CRASH_LOOP && t >= p.crashAt) {
      crash(p, t);
      missing(p, v, t, false);
      v[RESTARTS.ordinal()][t] = p.restarts;
      return;
    }
    if (p.rolloutAt == t) {
      p.rolloutAt = -1;
      if (p.open == null && !faultNear(p, t, steps(7200))) {
        ObjectRef ref = containerRef(p);
        String ctr = c.pods.get(p.idx).container();
        kubelet(p, "Killing", "Stopping container " + ctr, false, ref, now);
        kubelet(
            p,
            "Pulled",
            "Container image \"" + p.image + "\" already present on machine",
            false,
            ref,
            now);
        kubelet(p, "Created", "Created container " + ctr, false, ref, now);
        kubelet(p, "Started", "Started container " + ctr, false, ref, now);
        resetContainer(p, t);
        p.lastStart = now;
      }
    }
    running(p, t, f, fk, pr, v);
  }

  private void running(Pod p, int t, Fault f, int fk, ClusterSimulator.Profile pr, double[][] v) {
    SplittableRandom r = p.rng;
    FaultKind kind = f == null ? null : f.kind();
    double ramp =
        f == null
            ? 0
            : Math.min(1.0, (t - fStart[fk] + 1) / Math.max(1.0, 0.2 * (fEnd[fk] - fStart[fk])));
    p.ar = 0.95 * p.ar + 0.31224989991991992 * r.nextGaussian();
    double load =
        pr.baseRps()
            * (1 + pr.amplitude() * dailyWave[t])
            * weekly[t]
            * share[p.dep]
            * (1 + 0.08 * p.ar)
            * (1 + 0.03 * r.nextGaussian());
    if (load < 0) {
      load = 0;
    }
    // CPU
    double demand = (pr.cpuIdle() + pr.cpuPerRps() * load) * (1 + 0.05 * r.nextGaussian());
    if (kind == FaultKind.CPU_SATURATION) {
      demand += pr.cpuLimit() * 1.6 * ramp;
    } else if (kind == FaultKind.SLOW_DEPENDENCY) {
      demand *= 0.85;
    } else if (kind == FaultKind.NETWORK_SATURATION) {
      demand *= 1 + 0.3 * ramp;
    }
    demand = Math.max(demand, 0.001);
    double limited = Math.min(demand, pr.cpuLimit());
    boolean cont = contention[p.node];
    double usage = cont ? Math.min(limited, demand * 0.45) : limited;
    double ratio = demand / pr.cpuLimit();
    double frac = ratio > 0.9 ? Math.min(1, (ratio - 0.9) * 2.5) : 0;
    frac = Math.min(1, frac + 0.004 * Math.abs(r.nextGaussian()) * ratio);
    double pps = Math.floor(stepSec * 10);
    double throttledInc = Math.rint(frac * pps);
    p.periods += pps;
    p.throttled += throttledInc;
    p.throttledSec += (demand - limited) * stepSec + throttledInc * 0.002;
    p.cpu += usage * stepSec;
    // Memory
    if (kind == FaultKind.MEMORY_LEAK) {
      if (p.leakFault != fk) {
        p.leakFault = fk;
        double typical = pr.memBase() + pr.memPerRps() * pr.baseRps();
        p.leakRate =
            Math.max(0, (pr.memLimit() - typical) / (0.6 * (fEnd[fk] - fStart[fk]) * stepSec));
      }
      p.leak += p.leakRate * stepSec;
    }
    double ws =
        pr.memBase() + pr.memPerRps() * load + pr.memBase() * 0.01 * r.nextGaussian() + p.leak;
    if (ws >= pr.memLimit()) {
      oom(p, t, pr);
      missing(p, v, t, false);
      v[RESTARTS.ordinal()][t] = p.restarts;
      return;
    }
    // File system
    if (kind == FaultKind.DISK_FILL && p.fillFault != fk) {
      p.fillFault = fk;
      p.fillDone = false;
      double cap = c.nodeDiskCapacity[p.node];
      double used = nodeUsed[p.node] > 0 ? nodeUsed[p.node] : c.nodeSystemDisk[p.node];
      p.fillRate = Math.max(0, (0.905 * cap - used) / (0.6 * (fEnd[fk] - fStart[fk]) * stepSec));
    }
    boolean filling = kind == FaultKind.DISK_FILL && !p.fillDone;
    if (filling) {
      p.fill += p.fillRate * stepSec;
    }
    double since = (t - p.startIdx) * stepSec;
    double fsUsage = pr.fsBase() + pr.logRate() * (since % LOG_ROTATION_SECONDS) + p.fill;
    p.fsReads += Math.rint(load * pr.readPerReq() * stepSec);
    p.fsWrites +=
        Math.rint((pr.logRate() + load * pr.writePerReq() + (filling ? p.fillRate : 0)) * stepSec);
    // Network
    double rxInc =
        Math.max(0, Math.rint(load * pr.reqBytes() * stepSec * (1 + 0.02 * r.nextGaussian())));
    double txInc =
        Math.max(0, Math.rint(load * pr.respBytes() * stepSec * (1 + 0.02 * r.nextGaussian())));
    boolean net = kind == FaultKind.NETWORK_SATURATION;
    if (net) {
      rxInc = Math.rint(rxInc * (1 + 2 * ramp));
      txInc = Math.rint(txInc * (1 + 5 * ramp));
    }
    double rxPInc = Math.rint(rxInc / 900);
    double txPInc = Math.rint(txInc / 1400);
    double errP = 1e-8 + (net ? 2e-4 * ramp : 0);
    p.rxB += rxInc;
    p.txB += txInc;
    p.rxP += rxPInc;
    p.txP += txPInc;
    p.rxE += poisson(r, rxPInc * errP);
    p.txE += poisson(r, txPInc * errP);
    // HTTP
    double reqInc = Math.rint(load * stepSec);
    double errRate =
        pr.errorRate() * (1 + 0.3 * Math.abs(r.nextGaussian()))
            + (kind == FaultKind.SLOW_DEPENDENCY ? 0.04 * ramp : 0)
            + (net ? 0.02 * ramp : 0)
            + 0.01 * frac
            + (cont ? 0.005 : 0);
    double errInc = Math.min(reqInc, poisson(r, reqInc * Math.min(1, errRate)));
    p.req += reqInc;
    p.err += errInc;
    double util = usage / pr.cpuLimit();
    double latency =
        pr.latency()
            * (1 + 0.5 * util * util)
            * (1 + 3 * frac)
            * StrictMath.exp(0.08 * r.nextGaussian())
            * (kind == FaultKind.SLOW_DEPENDENCY ? 1 + 3 * ramp : 1)
            * (net ? 1 + 1.5 * ramp : 1)
            * (cont ? 2.2 : 1);

    v[CPU_USAGE.ordinal()][t] = p.cpu;
    v[CPU_CFS_PERIODS.ordinal()][t] = p.periods;
    v[CPU_CFS_THROTTLED_PERIODS.ordinal()][t] = p.throttled;
    v[CPU_CFS_THROTTLED_SECONDS.ordinal()][t] = p.throttledSec;
    v[MEMORY_WORKING_SET.ordinal()][t] = Math.rint(ws);
    v[RESTARTS.ordinal()][t] = p.restarts;
    v[FS_USAGE.ordinal()][t] = Math.rint(fsUsage);
    v[FS_LIMIT.ordinal()][t] = c.nodeDiskCapacity[p.node];
    v[FS_READS.ordinal()][t] = p.fsReads;
    v[FS_WRITES.ordinal()][t] = p.fsWrites;
    v[NETWORK_RECEIVE_BYTES.ordinal()][t] = p.rxB;
    v[NETWORK_TRANSMIT_BYTES.ordinal()][t] = p.txB;
    v[NETWORK_RECEIVE_PACKETS.ordinal()][t] = p.rxP;
    v[NETWORK_TRANSMIT_PACKETS.ordinal()][t] = p.txP;
    v[NETWORK_RECEIVE_ERRORS.ordinal()][t] = p.rxE;
    v[NETWORK_TRANSMIT_ERRORS.ordinal()][t] = p.txE;
    v[HTTP_REQUESTS.ordinal()][t] = p.req;
    v[HTTP_ERRORS.ordinal()][t] = p.err;
    v[HTTP_LATENCY_P99.ordinal()][t] = latency;
  }

  /** Marks container metrics missing; network too when the pod itself is gone. */
  private void missing(Pod p, double[][] v, int t, boolean podGone) {
    double nan = Double.NaN;
    v[CPU_USAGE.ordinal()][t] = nan;
    v[CPU_CFS_PERIODS.ordinal()][t] = nan;
    v[CPU_CFS_THROTTLED_PERIODS.ordinal()][t] = nan;
    v[CPU_CFS_THROTTLED_SECONDS.ordinal()][t] = nan;
    v[MEMORY_WORKING_SET.ordinal()][t] = nan;
    v[FS_USAGE.ordinal()][t] = nan;
    v[FS_LIMIT.ordinal()][t] = nan;
    v[FS_READS.ordinal()][t] = nan;
    v[FS_WRITES.ordinal()][t] = nan;
    v[HTTP_REQUESTS.ordinal()][t] = nan;
    v[HTTP_ERRORS.ordinal()][t] = nan;
    v[HTTP_LATENCY_P99.ordinal()][t] = nan;
    // The pod sandbox (and its network counters) outlives container restarts.
    v[NETWORK_RECEIVE_BYTES.ordinal()][t] = podGone ? nan : p.rxB;
    v[NETWORK_TRANSMIT_BYTES.ordinal()][t] = podGone ? nan : p.txB;
    v[NETWORK_RECEIVE_PACKETS.ordinal()][t] = podGone ? nan : p.rxP;
    v[NETWORK_TRANSMIT_PACKETS.ordinal()][t] = podGone ? nan : p.txP;
    v[NETWORK_RECEIVE_ERRORS.ordinal()][t] = podGone ? nan : p.rxE;
    v[NETWORK_TRANSMIT_ERRORS.ordinal()][t] = podGone ? nan : p.txE;
  }

  private void failPull(Pod p, int t) {
    long now = ts[t];
    ObjectRef ref = containerRef(p);
    kubelet(p, "Pulling", "Pulling image \"" + p.image + "\"", false, ref, now);
    kubelet(
        p,
        "Failed",
        "Failed to pull image \""
            + p.image
            + "\": rpc error: code = NotFound desc = "
            + "failed to pull and unpack image \""
            + p.image
            + "\": not found",
        true,
        ref,
        now);
    kubelet(p, "Failed", "Error: ErrImagePull", true, ref, now);
    kubelet(p, "BackOff", "Back-off pulling image \"" + p.image + "\"", true, ref, now);
    p.wait = IMAGE;
    p.waitUntil = t + steps(Math.min(300, 10L << Math.min(p.backoff, 5)));
    p.backoff++;
  }

  private void crash(Pod p, int t) {
    long now = ts[t];
    SimulatedPod sp = c.pods.get(p.idx);
    p.restarts++;
    kubelet(
        p,
        "BackOff",
        "Back-off restarting failed container "
            + sp.container()
            + " in pod "
            + sp.name()
            + "_"
            + sp.namespace(),
        true,
        containerRef(p),
        now);
    openPod(p, AnomalyType.CRASH_LOOP, now, p.lastFault, sp.container(), Severity.CRITICAL, true);
    resetContainer(p, t);
    p.wait = RESTART;
    p.waitUntil = t + steps(Math.min(300, 10L << Math.min(p.backoff, 5)));
    p.backoff++;
    p.crashAt = Integer.MAX_VALUE;
  }

  private void oom(Pod p, int t, ClusterSimulator.Profile pr) {
    long now = ts[t];
    SimulatedPod sp = c.pods.get(p.idx);
    p.restarts++;
    kubelet(
        p,
        "OOMKilled",
        "Container "
            + sp.container()
            + " was OOM-killed: memory limit "
            + (long) pr.memLimit()
            + " bytes reached",
        true,
        containerRef(p),
        now);
    // The cause is the leak that filled the memory, even if a later fault is the last one seen.
    Fault cause = p.leakFault >= 0 ? c.faults.get(p.leakFault) : p.lastFault;
    openPod(p, AnomalyType.MEMORY, now, cause, sp.container(), Severity.CRITICAL, true);
    resetContainer(p, t);
    p.wait = RESTART;
    p.waitUntil = t + steps(10);
  }

  private void evict(Pod p, int t, double availableGib) {
    long now = ts[t];
    SimulatedPod sp = c.pods.get(p.idx);
    events.add(
        ClusterSimulator.event(
            "Evicted",
            String.format(
                java.util.Locale.ROOT,
                "The node was low on resource: ephemeral-storage. Threshold quantity: 10%%, available: %.1fGi.",
                availableGib),
            true,
            ObjectRef.pod(sp.namespace(), sp.name()),
            now,
            "kubelet",
            c.nodes.get(p.node)));
    kubelet(p, "Killing", "Stopping container " + sp.container(), false, containerRef(p), now);
    if (p.open != null) {
      closePod(p, now);
    }
    openPod(
        p,
        AnomalyType.EVICTION,
        now,
        p.lastFault != null
            ? p.lastFault
            : new Fault(FaultKind.DISK_FILL, sp.key(), now, now + c.stepMillis),
        "",
        Severity.CRITICAL,
        true);
    resetContainer(p, t);
    p.restarts = 0;
    p.rxB = 0;
    p.txB = 0;
    p.rxP = 0;
    p.txP = 0;
    p.rxE = 0;
    p.txE = 0;
    p.fillDone = true;
    p.wait = REPLACE;
    p.waitUntil = t + steps(60);
  }

  private void start(Pod p, int t, FaultKind kind) {
    long now = ts[t];
    SimulatedPod sp = c.pods.get(p.idx);
    ObjectRef ref = containerRef(p);
    if (p.wait == IMAGE) {
      p.image = p.image.replace(":v2-broken", ":v2");
      kubelet(p, "Pulled", "Successfully pulled image \"" + p.image + "\"", false, ref, now);
    } else if (p.wait == REPLACE) {
      events.add(
          ClusterSimulator.event(
              "Scheduled",
              "Successfully assigned " + sp.key() + " to " + sp.node(),
              false,
              ObjectRef.pod(sp.namespace(), sp.name()),
              now,
              "default-scheduler",
              ""));
      kubelet(
          p,
          "Pulled",
          "Container image \"" + p.image + "\" already present on machine",
          false,
          ref,
          now);
    }
    kubelet(p, "Created", "Created container " + sp.container(), false, ref, now);
    kubelet(p, "Started", "Started container " + sp.container(), false, ref, now);
    p.wait = NONE;
    p.startIdx = t;
    p.lastStart = now;
    if (kind == FaultKind.CRASH_LOOP) {
      p.crashAt = t + 1 + p.rng.nextInt(3);
    } else {
      p.crashAt = Integer.MAX_VALUE;
      p.backoff = 0;
      if (p.open != null && p.openFault < 0) {
        closePod(p, now);
      }
    }
  }

  private static double poisson(SplittableRandom r, double lambda) {
    if (!(lambda > 0)) {
      return 0;
    }
    if (lambda < 30) {
      double l = StrictMath.exp(-lambda);
      int k = 0;
      double prod = 1;
      do {
        k++;
        prod *= r.nextDouble();
      } while (prod > l);
      return k - 1;
    }
    return Math.max(0, Math.rint(lambda + Math.sqrt(lambda) * r.nextGaussian()));
  }
}
