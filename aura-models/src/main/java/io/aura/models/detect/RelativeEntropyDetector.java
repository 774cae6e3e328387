package io.aura.models.detect;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Relative-entropy detection with multiple hypotheses (Wang, Viswanathan, Choudur, Talwar,
 * Satterfield &amp; Schwan 2011, "Statistical techniques for online anomaly detection in data
 * centers", IFIP/IEEE IM, figure 1), the model behind NAB's "relativeEntropy" entry (54.643
 * standard), made causal.
 *
 * <p>The last {@code window} values are quantized into {@code bins} equal-width bins and their
 * histogram {@code P̂} is tested against each stored hypothesis {@code P_i} (histograms of earlier
 * windows) by the multinomial goodness-of-fit statistic {@code 2 · window · KL(P̂ ‖ P_i)}, which is
 * asymptotically χ² with {@code bins − 1} degrees of freedom: a hypothesis is accepted when the
 * statistic is below the χ² quantile {@code 1 − falseAlarm}; the accepted hypothesis with the
 * smallest statistic has its count incremented. Score: 1 (anomalous) when every hypothesis is
 * rejected (the window becomes a new hypothesis) or when the accepted one had been seen at most
 * {@code minCount} times before; 0 otherwise. The first window becomes the first hypothesis and
 * scores 0.
 *
 * <p>Causal binning: NAB's detector bins with the file's minimum and maximum, known before the
 * first row; here the bins span the minimum and maximum of the values seen so far. When a value
 * widens that range, the window is re-quantized with the new bins, the hypotheses (histograms under
 * the old bins) are cleared, and the row scores 1 if the detector was already past its warm-up — a
 * value never seen before. A constant history (zero range) scores 0. At most {@code maxHypotheses}
 * hypotheses are kept; when full, a new one replaces the one with the smallest count (the earliest
 * among ties). NaN during the first {@code window} valid values and for a missing value, which
 * changes no state.
 *
 * <p>Thread safety: not thread-safe. Allocation: none per update ({@code 8 · (window + bins ·
 * (maxHypotheses + 1) + maxHypotheses)} bytes at construction). Complexity: O(hypotheses · bins)
 * per update, O(window) when the range widens.
 */
public final class RelativeEntropyDetector implements StreamingDetector {
  private final int window;
  private final int bins;
  private final int minCount;
  private final int maxHypotheses;
  private final double threshold;
  private final double[] values; // ring of the last `window` valid values
  private final int[] binOf; // their bins under the current range
  private final double[] counts; // histogram of the window
  private final double[] hypotheses; // maxHypotheses × bins frequencies
  private final long[] seen;
  private int hypothesisCount;
  private int head;
  private int valid;
  private double lo = Double.POSITIVE_INFINITY;
  private double hi = Double.NEGATIVE_INFINITY;

  /**
   * Creates the detector with NAB's settings: window 52, 5 bins, false alarm 0.01, count threshold
   * 1, and at most 1000 hypotheses.
   */
  public RelativeEntropyDetector() {
    this(52, 5, 0.01, 1, 1000);
  }

  /**
   * Creates the detector.
   *
   * @param window values per histogram, at least 2 (NAB: 52)
   * @param bins quantization bins, at least 2 (NAB: 5)
   * @param falseAlarm the χ² test's rejection probability, in (0, 1) (NAB: 0.01)
   * @param minCount a hypothesis seen at most this many times scores 1 when accepted, at least 0
   *     (NAB: 1)
   * @param maxHypotheses hypotheses kept, at least 1
   */
  public RelativeEntropyDetector(
      int window, int bins, double falseAlarm, int minCount, int maxHypotheses) {
    if (window < 2 || bins < 2) {
      throw new IllegalArgumentException(
          "need window >= 2 and bins >= 2, got " + window + ", " + bins);
    }
    if (!(falseAlarm > 0 && falseAlarm < 1)) {
      throw new IllegalArgumentException("falseAlarm must be in (0, 1), got " + falseAlarm);
    }
    if (minCount < 0 || maxHypotheses < 1) {
      throw new IllegalArgumentException(
          "need minCount >= 0 and maxHypotheses >= 1, got " + minCount + ", " + maxHypotheses);
    }
    this.window = window;
    this.bins = bins;
    this.minCount = minCount;
    this.maxHypotheses = maxHypotheses;
    this.threshold =
        new ChiSquaredDistribution(bins - 1).inverseCumulativeProbability(1 - falseAlarm);
    this.values = new double[window];
    this.binOf = new int[window];
    this.counts = new double[bins];
    this.hypotheses = new double[maxHypotheses * bins];
    this.seen = new long[maxHypotheses];
  }

  /**
   * The χ² acceptance threshold on {@code 2 · window · KL}.
   *
   * @return the {@code 1 − falseAlarm} quantile of χ² with {@code bins − 1} degrees of freedom
   */
  public double threshold() {
    return threshold;
  }

  private int bin(double x) {
    // NAB: ceil((x − min) / step) over a histogram of [0, 1), [1, 2), …, [bins − 1, bins].
    int b = (int) Math.ceil((x - lo) / ((hi - lo) / bins)) - 1;
    return Math.max(0, Math.min(bins - 1, b));
  }

  @Override
  public double update(long epochMillis, double value) {
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    boolean widened = value < lo || value > hi;
    lo = Math.min(lo, value);
    hi = Math.max(hi, value);
    boolean full = valid == window;
    int slot = head;
    values[slot] = value;
    head = (head + 1) % window;
    if (!full) {
      valid++;
    }
    if (valid < window) {
      return Double.NaN;
    }
    if (!(hi > lo)) {
      return 0; // constant so far: no bins, no anomaly (NAB's flat-file rule)
    }
    if (widened || !full) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < window; i++) {
        binOf[i] = bin(values[i]);
        counts[binOf[i]]++;
      }
      hypothesisCount = 0;
      if (full) {
        addHypothesis();
        return 1; // a value outside everything seen so far
      }
    } else {
      counts[binOf[slot]]--;
      binOf[slot] = bin(value);
      counts[binOf[slot]]++;
    }
    if (hypothesisCount == 0) {
      addHypothesis();
      return 0;
    }
    int best = -1;
    double bestStat = Double.POSITIVE_INFINITY;
    for (int h = 0; h < hypothesisCount; h++) {
      double kl = 0;
      int base = h * bins;
      for (int b = 0; b < bins && kl < Double.POSITIVE_INFINITY; b++) {
        double p = counts[b] / window;
        if (p > 0) {
          double q = hypotheses[base + b];
          kl = q > 0 ? kl + p * Math.log(p / q) : Double.POSITIVE_INFINITY;
        }
      }
      double stat = 2 * window * kl;
      if (stat < threshold && stat < bestStat) {
        bestStat = stat;
        best = h;
      }
    }
    if (best < 0) {
      addHypothesis();
      return 1;
    }
    seen[best]++;
    return seen[best] <= minCount ? 1 : 0;
  }

  private void addHypothesis() {
    int h = hypothesisCount;
    if (h == maxHypotheses) {
      h = 0;
      for (int i = 1; i < maxHypotheses; i++) {
        if (seen[i] < seen[h]) {
          h = i;
        }
      }
    } else {
      hypothesisCount++;
    }
    for (int b = 0; b < bins; b++) {
      hypotheses[h * bins + b] = counts[b] / window;
    }
    seen[h] = 1;
  }

  @Override
  public void reset() {
    hypothesisCount = 0;
    head = 0;
    valid = 0;
    lo = Double.POSITIVE_INFINITY;
    hi = Double.NEGATIVE_INFINITY;
  }
}
