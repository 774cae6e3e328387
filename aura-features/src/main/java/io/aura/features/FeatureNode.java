package io.aura.features;

import io.aura.features.state.StateReader;
import io.aura.features.state.StateWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * One step of a compiled {@link FeatureSpec}: reads slots, writes its output slots. The streaming
 * and the batch path run the very same nodes in the very same order, which is what makes their
 * numbers identical. Not thread-safe: each {@link FeatureStream} owns its nodes.
 */
abstract class FeatureNode {

  /** Advances by one row at time {@code t}: reads input slots, writes output slots. */
  abstract void update(long t, double[] slots);

  /**
   * How many consecutive all-missing rows bring this node to a state that no longer depends on
   * anything before them (so longer runs of missing rows can be shortened without changing
   * results). {@code Integer.MAX_VALUE} for "never" is allowed but no node needs it.
   */
  abstract int horizon();

  /**
   * Writes the node's state (what its past rows left in it; caches and scratch are not state),
   * canonically: the same state gives the same bytes. Nodes without state write nothing.
   */
  void writeState(StateWriter w) {}

  /** Reads what {@link #writeState} wrote, for a node of the same shape, validating it. */
  void readState(StateReader r) {}

  /** Rolling statistics of one signal over one window; shares one {@link RollingWindow}. */
  static final class Window extends FeatureNode {
    private final int in;
    private static final int MEAN = 0;
    private static final int STD = 1;
    private static final int MIN = 2;
    private static final int MAX = 3;
    private static final int QUANTILE = 4;
    private static final int MAD = 5;
    private static final int SKEWNESS = 6;
    private static final int KURTOSIS = 7;
    private final RollingWindow w;
    private final int[] codes;
    private final double[] levels;
    private final int[] outs;
    private final int zscoreOut; // -1 when not requested

    Window(int in, int size, RollingStat[] stats, int[] outs) {
      this.in = in;
      boolean minMax = false;
      boolean quantiles = false;
      int order = 0;
      int z = -1;
      int n = 0;
      for (int i = 0; i < stats.length; i++) {
        switch (stats[i].kind()) {
          case MEAN:
          case STD:
            order = Math.max(order, 2);
            break;
          case ZSCORE:
            order = Math.max(order, 2);
            z = outs[i];
            break;
          case SKEWNESS:
          case KURTOSIS:
            order = 4;
            break;
          case MIN:
          case MAX:
            minMax = true;
            break;
          case QUANTILE:
          case MAD:
            quantiles = true;
            break;
          default:
            throw new AssertionError(stats[i]);
        }
        if (stats[i].kind() != RollingStat.Kind.ZSCORE) {
          n++;
        }
      }
      this.w = RollingWindow.of(size, order, minMax, quantiles);
      this.codes = new int[n];
      this.levels = new double[n];
      this.outs = new int[n];
      int k = 0;
      for (int i = 0; i < stats.length; i++) {
        if (stats[i].kind() != RollingStat.Kind.ZSCORE) {
          this.codes[k] = code(stats[i].kind());
          this.levels[k] = stats[i].level();
          this.outs[k++] = outs[i];
        }
      }
      this.zscoreOut = z;
    }

    private static int code(RollingStat.Kind kind) {
      switch (kind) {
        case MEAN:
          return MEAN;
        case STD:
          return STD;
        case MIN:
          return MIN;
        case MAX:
          return MAX;
        case QUANTILE:
          return QUANTILE;
        case MAD:
          return MAD;
        case SKEWNESS:
          return SKEWNESS;
        case KURTOSIS:
          return KURTOSIS;
        default:
          throw new AssertionError(kind);
      }
    }

    @Override
    void update(long t, double[] slots) {
      double x = slots[in];
      if (zscoreOut >= 0) {
        double z = Double.NaN;
        if (x == x && w.validCount() >= 2) {
          double mean = w.mean();
          double sd = Math.max(w.std(), 1e-9 * Math.max(1.0, Math.abs(mean)));
          z = (x - mean) / sd;
        }
        slots[zscoreOut] = z;
      }
      w.push(x);
      for (int i = 0; i < codes.length; i++) {
        double v;
        switch (codes[i]) {
          case MEAN:
            v = w.mean();
            break;
          case STD:
            v = w.std();
            break;
          case MIN:
            v = w.min();
            break;
          case MAX:
            v = w.max();
            break;
          case QUANTILE:
            v = w.quantile(levels[i]);
            break;
          case MAD:
            v = w.medianAbsoluteDeviation();
            break;
          case SKEWNESS:
            v = w.skewness();
            break;
          default:
            v = w.kurtosis();
            break;
        }
        slots[outs[i]] = v;
      }
    }

    @Override
    void writeState(StateWriter out) {
      w.writeState(out);
    }

    @Override
    void readState(StateReader r) {
      w.readState(r);
    }

    @Override
    int horizon() {
      return w.size();
    }
  }

  /** Values of one signal k rows ago. */
  static final class Lags extends FeatureNode {
    private final int in;
    private final int[] lags;
    private final int[] outs;
    private final double[] ring;
    private int head;
    private int seen;

    Lags(int in, int[] lags, int[] outs) {
      this.in = in;
      this.lags = lags.clone();
      this.outs = outs.clone();
      int max = 0;
      for (int k : lags) {
        max = Math.max(max, k);
      }
      this.ring = new double[max + 1];
    }

    @Override
    void update(long t, double[] slots) {
      ring[head] = slots[in];
      if (seen < ring.length) {
        seen++;
      }
      for (int i = 0; i < lags.length; i++) {
        int k = lags[i];
        double v = Double.NaN;
        if (k < seen) {
          int idx = head - k;
          if (idx < 0) {
            idx += ring.length;
          }
          v = ring[idx];
        }
        slots[outs[i]] = v;
      }
      head = head + 1 == ring.length ? 0 : head + 1;
    }

    @Override
    void writeState(StateWriter w) {
      w.writeInt(seen);
      w.writeRing(ring, seen == ring.length ? head : 0, seen);
    }

    @Override
    void readState(StateReader r) {
      int n = r.readCount("lag rows seen", ring.length);
      r.readDoubles(ring, n);
      seen = n;
      head = n == ring.length ? 0 : n;
    }

    @Override
    int horizon() {
      return ring.length;
    }
  }

  /** First difference {@code x(t) − x(t−1)} and percentage change {@code x(t)/x(t−1) − 1}. */
  static final class Change extends FeatureNode {
    private final int in;
    private final int diffOut;
    private final int pctOut;
    private double prev = Double.NaN;

    Change(int in, int diffOut, int pctOut) {
      this.in = in;
      this.diffOut = diffOut;
      this.pctOut = pctOut;
    }

    @Override
    void update(long t, double[] slots) {
      double x = slots[in];
      if (diffOut >= 0) {
        slots[diffOut] = x - prev; // NaN when either is missing
      }
      if (pctOut >= 0) {
        slots[pctOut] = prev == 0 ? Double.NaN : x / prev - 1;
      }
      prev = x;
    }

    @Override
    void writeState(StateWriter w) {
      w.writeDouble(prev);
    }

    @Override
    void readState(StateReader r) {
      prev = r.readDouble();
    }

    @Override
    int horizon() {
      return 1;
    }
  }

  /** Exponentially weighted moving average, {@code s = αx + (1−α)s}; missing input leaves s. */
  static final class Ewma extends FeatureNode {
    private final int in;
    private final double[] alphas;
    private final int[] outs;
    private final double[] state;

    Ewma(int in, double[] alphas, int[] outs) {
      this.in = in;
      this.alphas = alphas.clone();
      this.outs = outs.clone();
      this.state = new double[alphas.length];
      java.util.Arrays.fill(state, Double.NaN);
    }

    @Override
    void update(long t, double[] slots) {
      double x = slots[in];
      for (int i = 0; i < alphas.length; i++) {
        double s = state[i];
        if (x == x) {
          s = s != s ? x : alphas[i] * x + (1 - alphas[i]) * s;
          state[i] = s;
        }
        slots[outs[i]] = s;
      }
    }

    @Override
    void writeState(StateWriter w) {
      w.writeInt(state.length);
      w.writeDoubles(state, state.length);
    }

    @Override
    void readState(StateReader r) {
      int n = r.readInt();
      r.check(n == state.length, "EWMA with " + n + " smoothing factors where the feature set has " + state.length);
      r.readDoubles(state, n);
    }

    @Override
    int horizon() {
      return 0; // missing rows do not change the state at all
    }
  }

  /**
   * Per-second rate of a monotonic counter over a range, with Prometheus 2.x {@code rate()}
   * semantics: the samples in {@code [t − range, t]}, counter resets detected when a value drops
   * (the value before the drop is added back), and the result extrapolated towards the range
   * boundaries as {@code promql.extrapolatedRate} does (at most half an average interval beyond
   * the samples unless they reach within 1.1 intervals of the boundary; never extrapolated below
   * zero for counters). NaN needs two samples in the range.
   */
  static final class Rate extends FeatureNode {
    private final int in;
    private final int out;
    private final long range;
    private final long[] ts;
    private final double[] vs;
    private final boolean[] resetBefore; // value dropped relative to the previous sample in the ring
    private int first;
    private int count;
    private int resets; // resets between consecutive samples inside the ring

    Rate(int in, int out, long rangeMillis, int capacity) {
      this.in = in;
      this.out = out;
      this.range = rangeMillis;
      this.ts = new long[capacity];
      this.vs = new double[capacity];
      this.resetBefore = new boolean[capacity];
    }

    @Override
    void update(long t, double[] slots) {
      long start = t - range;
      while (count > 0 && ts[first] < start) {
        first = first + 1 == ts.length ? 0 : first + 1;
        count--;
        if (count > 0 && resetBefore[first]) {
          resetBefore[first] = false; // the first sample's drop is no longer inside the range
          resets--;
        }
      }
      double x = slots[in];
      if (x == x) {
        if (count == ts.length) { // cannot happen with capacity = range/step + 1, kept as a guard
          throw new IllegalStateException("rate ring overflow");
        }
        int idx = first + count;
        if (idx >= ts.length) {
          idx -= ts.length;
        }
        boolean reset = false;
        if (count > 0) {
          int last = idx == 0 ? ts.length - 1 : idx - 1;
          reset = x < vs[last];
        }
        ts[idx] = t;
        vs[idx] = x;
        resetBefore[idx] = reset;
        if (reset) {
          resets++;
        }
        count++;
      }
      slots[out] = count < 2 ? Double.NaN : compute(start, t);
    }

    private double compute(long rangeStart, long rangeEnd) {
      int lastIdx = first + count - 1;
      if (lastIdx >= ts.length) {
        lastIdx -= ts.length;
      }
      double firstV = vs[first];
      double lastV = vs[lastIdx];
      double result = lastV - firstV;
      if (resets > 0) {
        int idx = first;
        double prev = vs[idx];
        for (int k = 1; k < count; k++) {
          idx = idx + 1 == ts.length ? 0 : idx + 1;
          if (vs[idx] < prev) {
            result += prev;
          }
          prev = vs[idx];
        }
      }
      double durationToStart = (ts[first] - rangeStart) / 1000.0;
      double durationToEnd = (rangeEnd - ts[lastIdx]) / 1000.0;
      double sampledInterval = (ts[lastIdx] - ts[first]) / 1000.0;
      double averageDurationBetweenSamples = sampledInterval / (count - 1);
      if (result > 0 && firstV >= 0) {
        double durationToZero = sampledInterval * (firstV / result);
        if (durationToZero < durationToStart) {
          durationToStart = durationToZero;
        }
      }
      double extrapolationThreshold = averageDurationBetweenSamples * 1.1;
      double extrapolateToInterval = sampledInterval;
      extrapolateToInterval +=
          durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
      extrapolateToInterval +=
          durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
      result = result * (extrapolateToInterval / sampledInterval);
      return result / (range / 1000.0);
    }

    @Override
    void writeState(StateWriter w) {
      w.writeInt(count);
      for (int k = 0, i = first; k < count; k++, i = i + 1 == ts.length ? 0 : i + 1) {
        w.writeLong(ts[i]);
        w.writeDouble(vs[i]);
        w.writeBoolean(resetBefore[i]);
      }
    }

    @Override
    void readState(StateReader r) {
      int n = r.readCount("samples in the rate range", ts.length);
      int drops = 0;
      for (int k = 0; k < n; k++) {
        ts[k] = r.readLong();
        vs[k] = r.readDouble();
        resetBefore[k] = r.readBoolean();
        r.check(vs[k] == vs[k], "a rate sample is NaN");
        r.check(k == 0 || ts[k] > ts[k - 1], "rate samples out of time order");
        r.check(k > 0 ? resetBefore[k] == (vs[k] < vs[k - 1]) : !resetBefore[k], "a counter-reset flag disagrees with its samples");
        drops += resetBefore[k] ? 1 : 0;
      }
      first = 0;
      count = n;
      resets = drops;
    }

    @Override
    int horizon() {
      return ts.length;
    }
  }

  /**
   * Increase of a counter since the previous row: {@code x − prev}, or {@code x} when the counter
   * was reset ({@code x < prev}); NaN when either row is missing.
   */
  static final class CounterDelta extends FeatureNode {
    private final int in;
    private final int out;
    private double prev = Double.NaN;

    CounterDelta(int in, int out) {
      this.in = in;
      this.out = out;
    }

    @Override
    void update(long t, double[] slots) {
      double x = slots[in];
      slots[out] = x < prev ? x : x - prev;
      prev = x;
    }

    @Override
    void writeState(StateWriter w) {
      w.writeDouble(prev);
    }

    @Override
    void readState(StateReader r) {
      prev = r.readDouble();
    }

    @Override
    int horizon() {
      return 1;
    }
  }

  /** An element-wise combination of two signals. */
  static final class Binary extends FeatureNode {
    enum Op {
      RATIO,
      DIFFERENCE,
      SUM,
      PRODUCT,
      HEADROOM
    }

    private final int a;
    private final int b;
    private final int out;
    private final Op op;

    Binary(int a, int b, int out, Op op) {
      this.a = a;
      this.b = b;
      this.out = out;
      this.op = op;
    }

    @Override
    void update(long t, double[] slots) {
      double x = slots[a];
      double y = slots[b];
      double v;
      switch (op) {
        case RATIO:
          v = y == 0 ? Double.NaN : x / y;
          break;
        case HEADROOM:
          v = y == 0 ? Double.NaN : (y - x) / y;
          break;
        case DIFFERENCE:
          v = x - y;
          break;
        case SUM:
          v = x + y;
          break;
        case PRODUCT:
          v = x * y;
          break;
        default:
          throw new AssertionError(op);
      }
      slots[out] = v;
    }

    @Override
    int horizon() {
      return 0;
    }
  }

  /**
   * Calendar features of the row's time in a zone: hour of day and day of week as sin/cos pairs
   * (continuous, so 23:59 is next to 00:00) and a weekend flag (Saturday or Sunday).
   */
  static final class Calendar extends FeatureNode {
    private static final double TWO_PI = 2 * Math.PI;
    private static final long DAY = 86_400_000L;
    private final ZoneRules rules;
    private final int hourSin;
    private final int hourCos;
    private final int dowSin;
    private final int dowCos;
    private final int weekend;
    private long validFrom = Long.MAX_VALUE;
    private long validTo = Long.MIN_VALUE;
    private long offsetMillis;

    Calendar(ZoneId zone, int firstOut) {
      this.rules = zone.getRules();
      this.hourSin = firstOut;
      this.hourCos = firstOut + 1;
      this.dowSin = firstOut + 2;
      this.dowCos = firstOut + 3;
      this.weekend = firstOut + 4;
      if (rules.isFixedOffset()) {
        offsetMillis = rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
        validFrom = Long.MIN_VALUE;
        validTo = Long.MAX_VALUE;
      }
    }

    @Override
    void update(long t, double[] slots) {
      if (t < validFrom || t >= validTo) {
        Instant at = Instant.ofEpochMilli(t); // only when crossing a zone transition
        offsetMillis = rules.getOffset(at).getTotalSeconds() * 1000L;
        ZoneOffsetTransition prev = rules.previousTransition(at.plusMillis(1));
        ZoneOffsetTransition next = rules.nextTransition(at);
        validFrom = prev == null ? Long.MIN_VALUE : prev.getInstant().toEpochMilli();
        validTo = next == null ? Long.MAX_VALUE : next.getInstant().toEpochMilli();
      }
      long local = t + offsetMillis;
      long day = Math.floorDiv(local, DAY);
      double hour = Math.floorMod(local, DAY) / 3_600_000.0;
      int dow = (int) Math.floorMod(day + 3, 7L); // 1970-01-01 was a Thursday; 0 = Monday
      double h = TWO_PI * hour / 24;
      double d = TWO_PI * (dow + hour / 24) / 7;
      slots[hourSin] = Math.sin(h);
      slots[hourCos] = Math.cos(h);
      slots[dowSin] = Math.sin(d);
      slots[dowCos] = Math.cos(d);
      slots[weekend] = dow >= 5 ? 1 : 0;
    }

    @Override
    int horizon() {
      return 0;
    }
  }
}
