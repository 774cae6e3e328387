package io.aura.features;

import io.aura.features.state.StateReader;
import io.aura.features.state.StateWriter;
import java.util.Arrays;

/**
 * Statistics over the last {@code size} values of a stream, updated in O(1) amortized time per
 * value (quantiles: O(log size) comparisons plus one {@code System.arraycopy} of at most {@code
 * size} doubles), with no allocation after construction.
 *
 * <p>The window counts <em>rows</em>: a NaN value (missing) occupies a place in the window but is
 * left out of every statistic, so the statistics are over the valid values among the last {@code
 * size} rows. A statistic that needs more valid values than the window holds returns NaN: mean,
 * min, max and quantiles need 1, the standard deviation 2, skewness 3 and kurtosis 4.
 *
 * <p>Algorithms:
 *
 * <ul>
 *   <li>Mean, variance, skewness, kurtosis: power sums of values shifted by a reference point, added
 *       and removed as values enter and leave. To bound round-off drift, the sums are recomputed
 *       exactly from the window (in time order) after every {@code size} evictions, with the
 *       reference moved to the current mean — O(size) every {@code size} updates, so O(1)
 *       amortized (cf. Welford 1962; Chan, Golub &amp; LeVeque 1983 on shifted sums). The sums
 *       are also recomputed at once when the window's spread falls below 10<sup>-6</sup> of the
 *       squared deviations that passed through them since the last recomputation (a level
 *       shift into a flat stretch), where cancellation would otherwise leave a visible residue;
 *       this costs O(size) once per such collapse.
 *   <li>Minimum and maximum: monotonic deques of positions (Lemire 2006, "Streaming maximum-minimum
 *       filter using no more than three comparisons per element"), O(1) amortized.
 *   <li>Quantiles: a sorted copy of the valid values, maintained by binary search and one array
 *       move per update (the leaving value's slot is shifted towards the entering value's);
 *       quantiles interpolate linearly between order statistics (Hyndman &amp; Fan 1996, definition
 *       7, as NumPy and pandas do by default).
 * </ul>
 *
 * The sample standard deviation uses {@code n - 1}; skewness is the adjusted Fisher–Pearson
 * coefficient G1 and kurtosis the bias-corrected excess kurtosis G2 (as pandas' rolling {@code
 * skew()} and {@code kurt()}); a window whose valid values are all equal has skewness and kurtosis
 * 0 by convention. When a window holds no valid value it is reset to its empty state, which changes
 * no result (those missing values would leave before anything pushed later) and makes results
 * independent of how long a run of missing values was.
 *
 * <p>Thread safety: not thread-safe; confine an instance to one thread (one per entity and
 * signal). Memory: {@code 8 × size} bytes for the ring, plus {@code 16 × size} for min/max and
 * {@code 8 × size} for quantiles when enabled.
 */
public final class RollingWindow {
  private final int size;
  private final double[] ring;
  private int head; // next write position; the oldest value when the ring is full
  private int filled; // rows in the window, up to size
  private int valid; // non-NaN rows in the window

  private final int momentOrder; // 0 (none), 2 (mean/variance) or 4 (up to kurtosis)
  private double shift;
  private double s1;
  private double s2;
  private double s3;
  private double s4;
  private double magnitude; // sum of squared deviations added or removed since the last recompute
  private int evictionsSinceRecompute;

  private final boolean minMax;
  private final long[] minQ; // positions (sequence numbers) with increasing values
  private final long[] maxQ; // positions with decreasing values
  private final double[] minV; // the values at those positions
  private final double[] maxV;
  private int minHead;
  private int minLen;
  private int maxHead;
  private int maxLen;
  private long seq; // sequence number of the next value

  private final boolean quantiles;
  private final double[] sorted;

  private RollingWindow(int size, int momentOrder, boolean minMax, boolean quantiles) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1, got " + size);
    }
    this.size = size;
    this.ring = new double[size];
    this.momentOrder = momentOrder;
    this.minMax = minMax;
    this.minQ = minMax ? new long[size] : null;
    this.maxQ = minMax ? new long[size] : null;
    this.minV = minMax ? new double[size] : null;
    this.maxV = minMax ? new double[size] : null;
    this.quantiles = quantiles;
    this.sorted = quantiles ? new double[size] : null;
  }

  /**
   * A window with every statistic enabled.
   *
   * @param size the number of rows, at least 1
   * @return the window
   */
  public static RollingWindow of(int size) {
    return new RollingWindow(size, 4, true, true);
  }

  /**
   * A window that keeps only what the requested statistics need, which is cheaper.
   *
   * @param size the number of rows, at least 1
   * @param momentOrder 0 for no moments, 2 for mean and standard deviation, 4 for skewness and
   *     kurtosis as well (the mean is always available: order 0 is raised to 2 if quantiles and
   *     min/max are off, since a window must compute something)
   * @param minMax whether {@link #min()} and {@link #max()} are needed
   * @param quantiles whether {@link #quantile(double)} and the median are needed
   * @return the window
   */
  public static RollingWindow of(int size, int momentOrder, boolean minMax, boolean quantiles) {
    if (momentOrder != 0 && momentOrder != 2 && momentOrder != 4) {
      throw new IllegalArgumentException("momentOrder must be 0, 2 or 4, got " + momentOrder);
    }
    if (momentOrder == 0 && !minMax && !quantiles) {
      momentOrder = 2;
    }
    return new RollingWindow(size, momentOrder, minMax, quantiles);
  }

  /**
   * Adds a value; the oldest one leaves when the window is full.
   *
   * @param x the value; NaN means missing
   */
  public void push(double x) {
    boolean evicting = filled == size;
    double old = ring[head];
    ring[head] = x;
    head = head + 1 == size ? 0 : head + 1;
    if (!evicting) {
      filled++;
    }
    long pos = seq++;
    boolean oldValid = evicting && old == old; // NaN != NaN
    boolean newValid = x == x;
    if (oldValid) {
      valid--;
      if (momentOrder > 0) {
        removeMoments(old);
      }
    }
    if (newValid) {
      if (momentOrder > 0) {
        addMoments(x);
      }
      valid++;
    }
    if (quantiles) {
      if (oldValid && newValid) {
        replaceSorted(old, x);
      } else if (oldValid) {
        removeSorted(old);
      } else if (newValid) {
        insertSorted(x);
      }
    }
    if (minMax) {
      long oldest = pos - size + 1; // positions below this have left
      if (minLen > 0 && minQ[minHead] < oldest) {
        minHead = minHead + 1 == size ? 0 : minHead + 1;
        minLen--;
      }
      if (maxLen > 0 && maxQ[maxHead] < oldest) {
        maxHead = maxHead + 1 == size ? 0 : maxHead + 1;
        maxLen--;
      }
      if (newValid) {
        while (minLen > 0 && minV[wrap(minHead + minLen - 1)] >= x) {
          minLen--;
        }
        int mi = wrap(minHead + minLen);
        minQ[mi] = pos;
        minV[mi] = x;
        minLen++;
        while (maxLen > 0 && maxV[wrap(maxHead + maxLen - 1)] <= x) {
          maxLen--;
        }
        int ma = wrap(maxHead + maxLen);
        maxQ[ma] = pos;
        maxV[ma] = x;
        maxLen++;
      }
    }
    if (valid == 0) {
      // Only missing values are left. They would all leave before any value pushed later, so
      // forgetting them changes no result, and it makes the state independent of how long the run
      // of missing values was (and of whether it was ever seen).
      head = filled = 0;
      seq = 0;
      shift = 0;
      s1 = s2 = s3 = s4 = 0;
      magnitude = 0;
      evictionsSinceRecompute = 0;
      minHead = minLen = maxHead = maxLen = 0;
    } else if (momentOrder > 0) {
      if (evicting && ++evictionsSinceRecompute >= size) {
        recomputeMoments();
      } else if (s2 - s1 * s1 / valid < 1e-6 * magnitude) {
        // The spread collapsed far below the magnitude of values that went through the sums
        // (a level shift into a flat stretch): cancellation would leave a visible residue.
        recomputeMoments();
      }
    }
  }

  private int wrap(int i) {
    return i >= size ? i - size : i;
  }

  private void addMoments(double x) {
    if (valid == 0) {
      shift = x;
      s1 = s2 = s3 = s4 = 0;
    }
    double d = x - shift;
    s1 += d;
    double d2 = d * d;
    s2 += d2;
    magnitude += d2;
    if (momentOrder == 4) {
      s3 += d2 * d;
      s4 += d2 * d2;
    }
  }

  private void removeMoments(double x) {
    double d = x - shift;
    s1 -= d;
    double d2 = d * d;
    s2 -= d2;
    magnitude += d2;
    if (momentOrder == 4) {
      s3 -= d2 * d;
      s4 -= d2 * d2;
    }
  }

  private void recomputeMoments() {
    evictionsSinceRecompute = 0;
    double newShift = shift + s1 / valid;
    shift = newShift;
    s1 = s2 = s3 = s4 = 0;
    int idx = filled == size ? head : 0; // the oldest value; iterate in time order
    for (int k = 0; k < filled; k++) {
      double x = ring[idx];
      idx = idx + 1 == size ? 0 : idx + 1;
      if (x != x) {
        continue;
      }
      double d = x - newShift;
      s1 += d;
      double d2 = d * d;
      s2 += d2;
      if (momentOrder == 4) {
        s3 += d2 * d;
        s4 += d2 * d2;
      }
    }
    magnitude = s2;
  }

  // The sorted buffer holds the valid values; NaN never enters it, so plain comparisons order it.

  /**
   * The first index in sorted[0..n) whose value is not less than x. Branch-free halving (the
   * comparison selects the next base instead of steering a branch), which is faster than a
   * classic binary search on the small, unpredictable buffers of rolling quantiles.
   */
  private int lowerBound(int n, double x) {
    if (n == 0) {
      return 0;
    }
    int base = 0;
    int len = n;
    while (len > 1) {
      int half = len >>> 1;
      base = sorted[base + half - 1] < x ? base + half : base;
      len -= half;
    }
    return sorted[base] < x ? base + 1 : base;
  }

  private void insertSorted(double x) {
    int n = valid - 1; // valid already counts x
    int i = lowerBound(n, x);
    System.arraycopy(sorted, i, sorted, i + 1, n - i);
    sorted[i] = x;
  }

  private void removeSorted(double x) {
    int n = valid + 1; // valid already excludes x
    int i = lowerBound(n, x); // sorted[i] == x: x is in the buffer
    System.arraycopy(sorted, i + 1, sorted, i, n - i - 1);
  }

  /** Removes {@code out} and inserts {@code in} with one shift of the values between them. */
  private void replaceSorted(double out, double in) {
    int n = valid; // unchanged: one leaves, one enters
    int r = lowerBound(n, out);
    if (in > out) {
      // Shift left the values in (r, j) where j is the first index with value >= in.
      int j = r + 1;
      while (j < n && sorted[j] < in) {
        j++;
      }
      System.arraycopy(sorted, r + 1, sorted, r, j - 1 - r);
      sorted[j - 1] = in;
    } else if (in < out) {
      int j = lowerBound(r, in); // insert position among sorted[0..r)
      System.arraycopy(sorted, j, sorted, j + 1, r - j);
      sorted[j] = in;
    } else {
      sorted[r] = in;
    }
  }

  /**
   * The window length in rows.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * The number of valid (non-NaN) values in the window.
   *
   * @return the count
   */
  public int validCount() {
    return valid;
  }

  /**
   * The mean of the valid values.
   *
   * @return the mean, NaN if there is none
   */
  public double mean() {
    requireMoments(2);
    return valid == 0 ? Double.NaN : shift + s1 / valid;
  }

  /**
   * The sample standard deviation (divisor {@code n - 1}).
   *
   * @return the standard deviation, NaN with fewer than 2 valid values
   */
  public double std() {
    requireMoments(2);
    if (valid < 2) {
      return Double.NaN;
    }
    double m2 = s2 - s1 * s1 / valid;
    return m2 <= 0 ? 0 : Math.sqrt(m2 / (valid - 1));
  }

  /**
   * The adjusted Fisher–Pearson skewness G1.
   *
   * @return the skewness, NaN with fewer than 3 valid values, 0 when all valid values are equal
   */
  public double skewness() {
    requireMoments(4);
    int n = valid;
    if (n < 3) {
      return Double.NaN;
    }
    double m = s1 / n;
    double m2 = s2 / n - m * m;
    if (m2 <= 0) {
      return 0;
    }
    double m3 = s3 / n - 3 * m * s2 / n + 2 * m * m * m;
    double g1 = m3 / (m2 * Math.sqrt(m2));
    return g1 * Math.sqrt((double) n * (n - 1)) / (n - 2);
  }

  /**
   * The bias-corrected excess kurtosis G2.
   *
   * @return the kurtosis, NaN with fewer than 4 valid values, 0 when all valid values are equal
   */
  public double kurtosis() {
    requireMoments(4);
    int n = valid;
    if (n < 4) {
      return Double.NaN;
    }
    double m = s1 / n;
    double m2 = s2 / n - m * m;
    if (m2 <= 0) {
      return 0;
    }
    double m4 = s4 / n - 4 * m * s3 / n + 6 * m * m * s2 / n - 3 * m * m * m * m;
    double g2 = m4 / (m2 * m2) - 3;
    return ((n + 1) * g2 + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
  }

  /**
   * The minimum valid value.
   *
   * @return the minimum, NaN if there is none
   */
  public double min() {
    if (!minMax) {
      throw new IllegalStateException("this window was built without min/max");
    }
    return minLen == 0 ? Double.NaN : minV[minHead];
  }

  /**
   * The maximum valid value.
   *
   * @return the maximum, NaN if there is none
   */
  public double max() {
    if (!minMax) {
      throw new IllegalStateException("this window was built without min/max");
    }
    return maxLen == 0 ? Double.NaN : maxV[maxHead];
  }

  /**
   * A quantile of the valid values, interpolated linearly between order statistics (Hyndman–Fan
   * definition 7).
   *
   * @param q in [0, 1]
   * @return the quantile, NaN if there is no valid value
   */
  public double quantile(double q) {
    if (!quantiles) {
      throw new IllegalStateException("this window was built without quantiles");
    }
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
    }
    int n = valid;
    if (n == 0) {
      return Double.NaN;
    }
    double h = (n - 1) * q;
    int lo = (int) h;
    if (lo >= n - 1) {
      return sorted[n - 1];
    }
    double a = sorted[lo];
    return a + (h - lo) * (sorted[lo + 1] - a);
  }

  /**
   * The median of the valid values.
   *
   * @return the median, NaN if there is no valid value
   */
  public double median() {
    return quantile(0.5);
  }

  /**
   * The median absolute deviation from the median (unscaled). O(valid) time, no allocation.
   *
   * @return the MAD, NaN if there is no valid value
   */
  public double medianAbsoluteDeviation() {
    if (!quantiles) {
      throw new IllegalStateException("this window was built without quantiles");
    }
    int n = valid;
    if (n == 0) {
      return Double.NaN;
    }
    double med = quantile(0.5);
    // Deviations below and above the median are each sorted; merge them to find the middle ranks.
    int split = lowerBound(n, med);
    int i = split - 1; // walks down the values below the median
    int j = split; // walks up the values at or above it
    int lowRank = (n - 1) / 2;
    int highRank = n / 2;
    double lowVal = 0;
    double highVal = 0;
    for (int r = 0; r <= highRank; r++) {
      double d;
      if (i < 0) {
        d = sorted[j++] - med;
      } else if (j >= n) {
        d = med - sorted[i--];
      } else {
        double a = med - sorted[i];
        double b = sorted[j] - med;
        if (a < b) {
          d = a;
          i--;
        } else {
          d = b;
          j++;
        }
      }
      if (r == lowRank) {
        lowVal = d;
      }
      if (r == highRank) {
        highVal = d;
      }
    }
    return (lowVal + highVal) / 2;
  }

  /** Forgets every value. */
  public void clear() {
    Arrays.fill(ring, 0);
    head = filled = valid = 0;
    shift = s1 = s2 = s3 = s4 = magnitude = 0;
    evictionsSinceRecompute = 0;
    minHead = minLen = maxHead = maxLen = 0;
    seq = 0;
  }

  /**
   * Writes the window's state canonically: the rows oldest first, the running sums as raw bits,
   * the min/max deques as (age, value) pairs oldest first, the sorted buffer. Positions are written
   * as ages, not sequence numbers, so equal windows give equal bytes.
   */
  void writeState(StateWriter w) {
    w.writeInt(size);
    w.writeInt(filled);
    w.writeInt(valid);
    w.writeRing(ring, filled == size ? head : 0, filled);
    if (momentOrder > 0) {
      w.writeDouble(shift);
      w.writeDouble(s1);
      w.writeDouble(s2);
      w.writeDouble(s3);
      w.writeDouble(s4);
      w.writeDouble(magnitude);
      w.writeInt(evictionsSinceRecompute);
    }
    if (minMax) {
      writeDeque(w, minQ, minV, minHead, minLen);
      writeDeque(w, maxQ, maxV, maxHead, maxLen);
    }
    if (quantiles) {
      w.writeDoubles(sorted, valid);
    }
  }

  private void writeDeque(StateWriter w, long[] q, double[] v, int from, int len) {
    w.writeInt(len);
    for (int i = 0, j = from; i < len; i++, j = wrap(j + 1)) {
      w.writeLong(seq - q[j]);
      w.writeDouble(v[j]);
    }
  }

  /** Replaces the state with one written by {@link #writeState} for a window of the same shape. */
  void readState(StateReader r) {
    int n = r.readInt();
    r.check(n == size, "rolling window of " + n + " rows where the feature set has " + size);
    int f = r.readCount("rows in the window", size);
    int v = r.readCount("valid rows in the window", f);
    r.readDoubles(ring, f);
    int counted = 0;
    for (int i = 0; i < f; i++) {
      counted += ring[i] == ring[i] ? 1 : 0;
    }
    r.check(counted == v, "window holds " + counted + " valid rows but records " + v);
    r.check(f == 0 || v > 0, "a window of only missing rows is stored empty");
    filled = f;
    valid = v;
    head = f == size ? 0 : f;
    seq = 2L * size; // any origin: only differences of positions matter
    if (momentOrder > 0) {
      shift = r.readDouble();
      s1 = r.readDouble();
      s2 = r.readDouble();
      s3 = r.readDouble();
      s4 = r.readDouble();
      magnitude = r.readDouble();
      evictionsSinceRecompute = r.readCount("evictions since the last recomputation", size);
    }
    if (minMax) {
      minHead = 0;
      minLen = readDeque(r, minQ, minV, f, "minimum");
      maxHead = 0;
      maxLen = readDeque(r, maxQ, maxV, f, "maximum");
    }
    if (quantiles) {
      r.readDoubles(sorted, v);
      for (int i = 1; i < v; i++) {
        r.check(!(sorted[i] < sorted[i - 1]), "the sorted buffer is out of order at " + i);
      }
    }
  }

  private int readDeque(StateReader r, long[] q, double[] vals, int rows, String what) {
    int len = r.readCount(what + " deque length", rows);
    long prevAge = Long.MAX_VALUE;
    for (int i = 0; i < len; i++) {
      long age = r.readLong();
      r.check(age >= 1 && age <= rows && age < prevAge, what + " deque age " + age + " out of order or range");
      prevAge = age;
      q[i] = seq - age;
      vals[i] = r.readDouble();
    }
    return len;
  }

  private void requireMoments(int order) {
    if (momentOrder < order) {
      throw new IllegalStateException("this window was built with moment order " + momentOrder + ", needs " + order);
    }
  }
}
