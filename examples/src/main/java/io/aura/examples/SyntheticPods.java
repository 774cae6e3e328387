package io.aura.examples;

import io.aura.features.Frame;
import io.aura.features.KubernetesFeatures;
import io.aura.features.Labels;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;

/**
 * A few pods' cAdvisor and kube-state-metrics inputs, seeded: a daily load cycle, noise, and one
 * trouble per pod kind (a memory leak that ends in an OOM kill and restart, CPU throttling under a
 * tight limit, a disk filling up). Enough for the demo; aura-io's ClusterSimulator is the full
 * simulator.
 */
final class SyntheticPods {
  enum Kind {
    HEALTHY,
    MEMORY_LEAK,
    CPU_THROTTLED,
    DISK_FILLING
  }

  private SyntheticPods() {}

  static Frame pod(String name, Kind kind, long seed, long start, long stepMillis, int rows) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = KubernetesFeatures.POD_INPUTS.size();
    double[][] c = new double[n][rows];
    double cpuSeconds = 0;
    double periods = 0;
    double throttled = 0;
    double rx = 0;
    double tx = 0;
    double rxErr = 0;
    double txErr = 0;
    double reads = 0;
    double writes = 0;
    double restarts = 0;
    double memLimit = 512e6;
    double cpuLimit = kind == Kind.CPU_THROTTLED ? 0.25 : 1.0;
    double mem = 180e6;
    double fs = 2e9;
    double fsSize = 20e9;
    double stepSec = stepMillis / 1000.0;
    for (int i = 0; i < rows; i++) {
      long t = start + i * stepMillis;
      double day = 2 * Math.PI * ((t / 1000.0) % 86_400) / 86_400;
      double load = 0.5 + 0.35 * Math.sin(day - Math.PI / 2) + 0.05 * r.nextGaussian();
      double cpuWanted = Math.max(0.01, load * (kind == Kind.CPU_THROTTLED ? 0.6 : 0.3));
      double cpu = Math.min(cpuWanted, cpuLimit);
      cpuSeconds += cpu * stepSec;
      double p = 10 * stepSec; // 100 ms CFS periods
      periods += p;
      throttled += cpuWanted > cpuLimit ? p * Math.min(1, (cpuWanted - cpuLimit) / cpuWanted * 2) : 0;
      if (kind == Kind.MEMORY_LEAK) {
        mem += 40e3 * stepSec * (1 + 0.2 * r.nextGaussian());
        if (mem >= memLimit) { // OOM kill: the container restarts, its counters start again
          mem = 180e6;
          restarts++;
          cpuSeconds = 0;
          rx = tx = reads = writes = 0;
        }
      } else {
        mem = 180e6 + 40e6 * load + 2e6 * r.nextGaussian();
      }
      double rxRate = 2e6 * load * (1 + 0.1 * r.nextGaussian());
      rx += Math.max(0, rxRate) * stepSec;
      tx += Math.max(0, rxRate * 0.6) * stepSec;
      rxErr += r.nextInt(2000) == 0 ? 1 : 0;
      txErr += r.nextInt(4000) == 0 ? 1 : 0;
      double w = (kind == Kind.DISK_FILLING ? 600e3 : 50e3) * stepSec * Math.max(0, load);
      writes += w;
      reads += 20e3 * stepSec * Math.max(0, load);
      fs = Math.min(fsSize, fs + (kind == Kind.DISK_FILLING ? w : 0)); // a full disk takes no more
      double[] row = {
        cpuSeconds, periods, throttled, mem, 0.1, cpuLimit, 256e6, memLimit, restarts, rx, tx, rxErr, txErr, fs, fsSize,
        reads, writes
      };
      if (r.nextInt(500) == 0) { // a failed scrape now and then: the row is missing
        java.util.Arrays.fill(row, Double.NaN);
      }
      for (int k = 0; k < n; k++) {
        c[k][i] = row[k];
      }
    }
    long[] ts = new long[rows];
    for (int i = 0; i < rows; i++) {
      ts[i] = start + i * stepMillis;
    }
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    for (int k = 0; k < n; k++) {
      cols.put(KubernetesFeatures.POD_INPUTS.get(k), c[k]);
    }
    return Frame.of(Labels.of("namespace", "demo", "pod", name), ts, cols);
  }
}
