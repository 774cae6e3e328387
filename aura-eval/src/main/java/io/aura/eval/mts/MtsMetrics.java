package io.aura.eval.mts;

import java.util.Arrays;

/**
 * The event and attribution metrics of the {@code mts} program, on primitive arrays.
 *
 * <ul>
 *   <li>Events: maximal runs of anomalous test rows. An event is detected when an alarm row falls
 *       inside it; its delay is the rows from its start to that first alarm row.
 *   <li>False alarm episodes: alarm episodes (maximal runs of alarm rows) that touch no anomalous
 *       row, per day of test rows.
 *   <li>Point-wise F1 of alarm rows against labelled rows, never point-adjusted.
 *   <li>HitRate@P % (Su et al. 2019, OmniAnomaly, KDD, §4.5): for every anomalous row inside a
 *       segment with ground-truth metrics GT, the fraction of GT among the top {@code ⌊P·|GT|⌋}
 *       metrics of the detector's ranking; averaged over those rows. The random-order baseline is
 *       its expectation under a uniformly random ranking, {@code min(⌊P·|GT|⌋, d) / d} averaged
 *       over the same rows.
 * </ul>
 *
 * <p>Thread safety: stateless. Complexity: O(n) per series; O(d log d) per attributed row.
 */
public final class MtsMetrics {
  private MtsMetrics() {}

  /** Event figures of one series: events, detected, median delay (rows), false episodes, point-wise F1. */
  public record Events(int events, int detected, double medianDelay, int falseEpisodes, double f1) {
    /** Detected events / events. */
    public double recall() {
      return events == 0 ? Double.NaN : (double) detected / events;
    }
  }

  static Events events(boolean[] truth, boolean[] alarm) {
    int n = truth.length;
    int events = 0;
    int detected = 0;
    int[] delays = new int[n];
    int i = 0;
    while (i < n) {
      if (!truth[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && truth[i]) {
        i++;
      }
      events++;
      for (int t = start; t < i; t++) {
        if (alarm[t]) {
          delays[detected++] = t - start;
          break;
        }
      }
    }
    int falseEpisodes = 0;
    i = 0;
    while (i < n) {
      if (!alarm[i]) {
        i++;
        continue;
      }
      boolean touches = false;
      while (i < n && alarm[i]) {
        touches |= truth[i];
        i++;
      }
      if (!touches) {
        falseEpisodes++;
      }
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int t = 0; t < n; t++) {
      if (alarm[t] && truth[t]) {
        tp++;
      } else if (alarm[t]) {
        fp++;
      } else if (truth[t]) {
        fn++;
      }
    }
    double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    double median = Double.NaN;
    if (detected > 0) {
      int[] d = Arrays.copyOf(delays, detected);
      Arrays.sort(d);
      median = detected % 2 == 1 ? d[detected / 2] : (d[detected / 2 - 1] + d[detected / 2]) / 2.0;
    }
    return new Events(events, detected, median, falseEpisodes, f1);
  }

  /**
   * The hits of one row: the fraction of {@code gt} among the top {@code ⌊p · |gt|⌋} of {@code
   * shares} (ties broken by the lower metric index).
   */
  static double hitRate(double[] shares, int[] gt, double p) {
    int d = shares.length;
    int top = (int) Math.floor(p * gt.length + 1e-9);
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(shares[b], shares[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    boolean[] in = new boolean[d];
    for (int j = 0; j < Math.min(top, d); j++) {
      in[order[j]] = true;
    }
    int hit = 0;
    for (int g : gt) {
      if (in[g]) {
        hit++;
      }
    }
    return (double) hit / gt.length;
  }

  static double randomHitRate(int d, int gtSize, double p) {
    int top = (int) Math.floor(p * gtSize + 1e-9);
    return Math.min(top, d) / (double) d;
  }
}
