package io.aura.features;

import java.util.LinkedHashMap;
import java.util.SplittableRandom;

/**
 * Generates plausible pod inputs for the default feature set: counters with resets, gauges, limits.
 */
final class PodMetricsFixture {
  private PodMetricsFixture() {}

  /**
   * A frame of {@code rows} rows on {@code step}, starting at {@code start}.
   *
   * @param nanPercent the chance, in percent, that a cell is missing
   * @param gapPercent the chance, in percent, that a whole row is missing (a failed scrape)
   */
  static Frame frame(long seed, int rows, long start, long step, int nanPercent, int gapPercent) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = KubernetesFeatures.POD_INPUTS.size();
    double[][] cols = new double[n][rows];
    double[] counters = new double[n];
    for (int row = 0; row < rows; row++) {
      boolean gap = r.nextInt(100) < gapPercent;
      boolean restart = r.nextInt(400) == 0;
      for (int c = 0; c < n; c++) {
        String name = KubernetesFeatures.POD_INPUTS.get(c);
        double v;
        if (name.endsWith("_total")) {
          if (restart) {
            counters[c] = 0; // a container restart resets its counters
          }
          counters[c] +=
              Math.abs(r.nextGaussian())
                  * (name.contains("bytes") ? 1e5 : name.contains("errors") ? 0.3 : 2);
          v = counters[c];
          if (name.equals(KubernetesFeatures.RESTARTS)) {
            v = restart ? counters[c] + 1 : Math.floor(counters[c] / 50);
          }
        } else if (name.contains("limits")
            || name.contains("requests")
            || name.equals(KubernetesFeatures.FS_LIMIT)) {
          v = name.contains("memory") || name.contains("fs") ? 512e6 : 0.5;
          if (r.nextInt(50) == 0) {
            v = 0; // a zero limit exercises the ratio's NaN rule
          }
        } else {
          v = 100e6 + 50e6 * Math.sin(row / 30.0) + r.nextGaussian() * 5e6;
        }
        if (gap || r.nextInt(100) < nanPercent) {
          v = Double.NaN;
        }
        cols[c][row] = v;
      }
    }
    long[] ts = new long[rows];
    for (int i = 0; i < rows; i++) {
      ts[i] = start + i * step;
    }
    LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      m.put(KubernetesFeatures.POD_INPUTS.get(c), cols[c]);
    }
    return Frame.of(Labels.of("namespace", "shop", "pod", "web-" + seed), ts, m);
  }
}
