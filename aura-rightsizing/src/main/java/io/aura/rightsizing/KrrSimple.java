package io.aura.rightsizing;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * Robusta KRR's "simple" strategy (robusta-dev/krr, {@code strategies/simple.py}, as documented):
 * CPU request = the largest per-pod percentile (95th) of CPU usage over the history (14 days), no
 * CPU limit; memory request = memory limit = the largest per-pod maximum × (1 + buffer), buffer 15
 * %; each at least KRR's minimums (10 mCPU, 100 MB). Percentiles interpolate linearly between
 * order statistics at rank {@code q (n - 1)}, as Prometheus' {@code quantile_over_time} which KRR
 * queries.
 *
 * <p>Immutable and thread-safe. Cost: O(n log n) per pod (a sort of the pod's finite samples), one
 * copy of each pod's series. NaN = missing (skipped); a negative or infinite sample throws {@link
 * InvalidDataException} naming the pod and index; a pod without any sample is an error too.
 */
public final class KrrSimple {
  private final double cpuPercentile;
  private final double cpuBuffer;
  private final double memoryBuffer;
  private final double cpuMinCores;
  private final double memoryMinBytes;

  private KrrSimple(
      double cpuPercentile, double cpuBuffer, double memoryBuffer, double cpuMin, double memMin) {
    if (!(cpuPercentile > 0 && cpuPercentile <= 1)) {
      throw new IllegalArgumentException("cpu percentile must be in (0, 1], got " + cpuPercentile);
    }
    if (!(memoryBuffer > -1) || Double.isInfinite(memoryBuffer)
        || !(cpuBuffer > -1) || Double.isInfinite(cpuBuffer)) {
      throw new IllegalArgumentException("buffers must be finite and > -1");
    }
    this.cpuBuffer = cpuBuffer;
    if (!(cpuMin >= 0) || !(memMin >= 0)) {
      throw new IllegalArgumentException("minimums must be >= 0");
    }
    this.cpuPercentile = cpuPercentile;
    this.memoryBuffer = memoryBuffer;
    this.cpuMinCores = cpuMin;
    this.memoryMinBytes = memMin;
  }

  /**
   * KRR's defaults: p95 without CPU buffer, 15 % memory buffer, 10 mCPU and 100 MB minimums.
   *
   * @return the strategy
   */
  public static KrrSimple defaults() {
    return new KrrSimple(0.95, 0, 0.15, 0.010, 100e6);
  }

  /**
   * A copy with another CPU percentile and memory buffer.
   *
   * @param cpuPercentile in (0, 1]
   * @param memoryBuffer fraction, {@code > -1}
   * @return the strategy
   */
  public KrrSimple with(double cpuPercentile, double memoryBuffer) {
    return new KrrSimple(cpuPercentile, cpuBuffer, memoryBuffer, cpuMinCores, memoryMinBytes);
  }

  /**
   * A copy with a CPU buffer (KRR has none: 0): the CPU request is the percentile × (1 + buffer).
   *
   * @param buffer fraction, {@code > -1}
   * @return the strategy
   */
  public KrrSimple withCpuBuffer(double buffer) {
    return new KrrSimple(cpuPercentile, buffer, memoryBuffer, cpuMinCores, memoryMinBytes);
  }

  /**
   * A copy with other minimums.
   *
   * @param cpuCores CPU minimum
   * @param memoryBytes memory minimum
   * @return the strategy
   */
  public KrrSimple withMinimums(double cpuCores, double memoryBytes) {
    return new KrrSimple(cpuPercentile, cpuBuffer, memoryBuffer, cpuCores, memoryBytes);
  }

  /**
   * The CPU request (there is no CPU limit in this strategy).
   *
   * @param perPod each pod's CPU usage in cores over the history
   * @return cores
   */
  public double cpuRequest(double[]... perPod) {
    double best = 0;
    for (int p = 0; p < perPod.length; p++) {
      best = Math.max(best, quantile(finite(perPod[p], p, "cpu"), cpuPercentile));
    }
    return Math.max(best * (1 + cpuBuffer), cpuMinCores);
  }

  /**
   * The memory request and limit (equal in this strategy).
   *
   * @param perPod each pod's working set in bytes over the history
   * @return bytes
   */
  public double memoryRequest(double[]... perPod) {
    double best = 0;
    for (int p = 0; p < perPod.length; p++) {
      double[] v = finite(perPod[p], p, "memory");
      best = Math.max(best, v[v.length - 1]);
    }
    return Math.max(best * (1 + memoryBuffer), memoryMinBytes);
  }

  /**
   * Describes the settings (for provenance).
   *
   * @return e.g. {@code krr-simple(cpu-p=0.95, memory-buffer=0.15)}
   */
  public String describe() {
    return "krr-simple(cpu-p=" + cpuPercentile + ", cpu-buffer=" + cpuBuffer + ", memory-buffer="
        + memoryBuffer + ")";
  }

  private static double[] finite(double[] x, int pod, String what) {
    double[] v = new double[x.length];
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i];
      if (Double.isNaN(d)) {
        continue;
      }
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new InvalidDataException(
            "krr: pod " + pod + " " + what + " sample " + i + " must be finite and >= 0, got " + d);
      }
      v[n++] = d;
    }
    if (n == 0) {
      throw new InvalidDataException("krr: pod " + pod + " has no " + what + " samples");
    }
    v = Arrays.copyOf(v, n);
    Arrays.sort(v);
    return v;
  }

  /** Linear interpolation at rank q (n - 1) of sorted values (Prometheus' quantile). */
  static double quantile(double[] sorted, double q) {
    return quantile(sorted, sorted.length, q);
  }

  /** The same over the first n sorted values. */
  static double quantile(double[] sorted, int n, double q) {
    double rank = q * (n - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, n - 1);
    double w = rank - lo;
    return sorted[lo] * (1 - w) + sorted[hi] * w;
  }
}
