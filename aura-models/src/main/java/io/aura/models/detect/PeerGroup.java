package io.aura.models.detect;

import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.Quantiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Compares the members of a group with each other, streaming: the replicas of one workload, or
 * the pods of one node. It sees what a model of one pod cannot: a replica that deviates from its
 * siblings while the workload as a whole is fine, and a node on which every pod slows at once (a
 * noisy neighbour), which each pod's own model may take for a normal busy hour.
 *
 * <p>Two numbers per update of member {@code i}:
 *
 * <ul>
 *   <li>{@link #update} returns the <b>peer score</b>: over the inputs, the largest robust z of
 *       member {@code i}'s value against its current peers' latest values, {@code |x − median| /
 *       (1.4826 · MAD)} (Hampel 1974; Rousseeuw &amp; Croux 1993), the peers being the other
 *       members that reported within {@link Builder#staleAfter} and have a value for that input.
 *       Where the peers' MAD is 0 their standard deviation is the scale, and where that is 0 too,
 *       {@code 1e-9 · max(1, |median|)}; the scale used is that one smoothed exponentially over
 *       the group's updates (weight {@link Builder#baselineAlpha}), since the MAD of a handful
 *       of replicas is itself noisy. NaN while fewer than {@link Builder#minPeers} peers
 *       have a value for any input, and for an input whose smoothed scale has taken fewer than
 *       {@link Builder#warmUp} updates. {@link #worstInput()} names the input of the maximum.
 *   <li>{@link #share()} is the <b>share of the group off its own baseline</b>: the fraction of the
 *       fresh members whose latest sample lies at least {@link Builder#deviationZ} standard
 *       deviations from its own exponentially weighted mean (West 1979's weighted incremental
 *       variance, factor {@link Builder#baselineAlpha}) on some input, after {@link
 *       Builder#warmUp} samples; once warm, a deviating sample moves its mean by at most {@code
 *       baselineAlpha · deviationZ} standard deviations and leaves its variance (Huber 1964), so a
 *       shift counts as deviating for a while before it is absorbed. A share near 1 on a node is the noisy-neighbour signature.
 * </ul>
 *
 * <p>Causal: each number uses only samples up to the one being scored; a member's own baseline
 * takes its sample after scoring it. NaN means missing: a NaN input is left out of both numbers and
 * of the baseline. Bad input is refused: a member joining with another input set, a second join of
 * the same entity, more members than {@link Builder#maxMembers}, a sample of the wrong width, an
 * infinite value, or a time that does not advance for that member.
 *
 * <p>Thread safety: not thread-safe; one group per workload or node, confined to one thread.
 * Memory: O(maxMembers × inputs), fixed at construction. Allocation: none per update. Complexity:
 * O(members × inputs) per update (expected; the medians use Hoare's selection).
 */
public final class PeerGroup {
  private final List<String> inputs;
  private final int width;
  private final int capacity;
  private final long staleMillis;
  private final int minPeers;
  private final double alpha;
  private final double deviationZ;
  private final int warmUp;

  private final Labels[] entity;
  private final long[] time;
  private final double[] latest; // [member * width + input]
  private final double[] mean;
  private final double[] var;
  private final int[] seen; // baseline samples per member and input
  private final boolean[] off; // latest sample off its own baseline
  private final double[] scratch;
  private final double[] deviations;
  private final double[] peerScale; // per input: the peers' robust scale, smoothed over updates
  private final int[] peerScaleSeen; // per input: scales that went into peerScale
  private int worst = -1;
  private double share = Double.NaN;

  private PeerGroup(Builder b) {
    this.inputs = List.copyOf(b.inputs);
    this.width = inputs.size();
    this.capacity = b.maxMembers;
    this.staleMillis = b.staleAfter.toMillis();
    this.minPeers = b.minPeers;
    this.alpha = b.baselineAlpha;
    this.deviationZ = b.deviationZ;
    this.warmUp = b.warmUp;
    this.entity = new Labels[capacity];
    this.time = new long[capacity];
    this.latest = new double[capacity * width];
    this.mean = new double[capacity * width];
    this.var = new double[capacity * width];
    this.seen = new int[capacity * width];
    this.off = new boolean[capacity];
    this.scratch = new double[capacity];
    this.deviations = new double[capacity];
    this.peerScale = new double[width];
    this.peerScaleSeen = new int[width];
    Arrays.fill(peerScale, Double.NaN);
  }

  /**
   * A builder for a group whose members report these inputs, in this order.
   *
   * @param inputs the input names, at least one, no duplicates
   * @return the builder, with the defaults of its setters
   */
  public static Builder builder(List<String> inputs) {
    return new Builder(inputs);
  }

  /** @return the input names every member reports, in order */
  public List<String> inputs() {
    return inputs;
  }

  /**
   * Adds a member.
   *
   * @param member its labels (for example namespace and pod), unique in the group
   * @param memberInputs the inputs it reports, which must be the group's
   * @return its index, for {@link #update} and {@link #leave}
   * @throws InvalidDataException if the inputs differ, the member is already in, or the group is full
   */
  public int join(Labels member, List<String> memberInputs) {
    Objects.requireNonNull(member, "member");
    if (!inputs.equals(memberInputs)) {
      throw new InvalidDataException("member " + member + " reports inputs " + memberInputs
          + " but its group compares " + inputs + "; every replica must report the same inputs");
    }
    int free = -1;
    for (int i = 0; i < capacity; i++) {
      if (member.equals(entity[i])) {
        throw new InvalidDataException("member " + member + " is already in the group (index " + i + ")");
      }
      if (free < 0 && entity[i] == null) {
        free = i;
      }
    }
    if (free < 0) {
      throw new InvalidDataException("the group is full (" + capacity + " members); " + member
          + " cannot join: raise maxMembers or let gone members leave");
    }
    entity[free] = member;
    time[free] = Long.MIN_VALUE;
    off[free] = false;
    Arrays.fill(latest, free * width, (free + 1) * width, Double.NaN);
    Arrays.fill(mean, free * width, (free + 1) * width, 0);
    Arrays.fill(var, free * width, (free + 1) * width, 0);
    Arrays.fill(seen, free * width, (free + 1) * width, 0);
    return free;
  }

  /**
   * Removes a member (a pod that is gone); its index may be given to a later member.
   *
   * @param member the index {@link #join} returned
   */
  public void leave(int member) {
    check(member);
    entity[member] = null;
  }

  /**
   * Takes member {@code i}'s sample and scores it against its peers.
   *
   * @param member the index {@link #join} returned
   * @param timestampMillis the sample's time, after the member's previous one
   * @param values one value per input, in order; NaN = missing
   * @return the peer score (largest robust z over the inputs), NaN with too few peers
   */
  public double update(int member, long timestampMillis, double[] values) {
    check(member);
    if (values.length != width) {
      throw new InvalidDataException("member " + entity[member] + " sent " + values.length + " values; the group's inputs are "
          + inputs);
    }
    if (timestampMillis <= time[member]) {
      throw new InvalidDataException("member " + entity[member] + ": time " + timestampMillis
          + " does not advance past its previous sample at " + time[member]);
    }
    for (int m = 0; m < width; m++) {
      if (Double.isInfinite(values[m])) {
        throw new InvalidDataException("member " + entity[member] + ": input '" + inputs.get(m) + "' is " + values[m]
            + "; use NaN for missing");
      }
    }
    time[member] = timestampMillis;
    long freshFrom = timestampMillis - staleMillis;
    double score = Double.NaN;
    worst = -1;
    for (int m = 0; m < width; m++) {
      double x = values[m];
      if (x != x) {
        continue;
      }
      int n = 0;
      for (int j = 0; j < capacity; j++) {
        if (j != member && entity[j] != null && time[j] >= freshFrom) {
          double v = latest[j * width + m];
          if (v == v) {
            scratch[n++] = v;
          }
        }
      }
      if (n < minPeers) {
        continue;
      }
      double z = robustZ(x, n, m);
      if (peerScaleSeen[m] <= warmUp) {
        continue; // the smoothed scale is still settling
      }
      if (!(z <= score)) { // also replaces NaN
        score = z;
        worst = m;
      }
    }
    baseline(member, values);
    int fresh = 0;
    int deviating = 0;
    for (int j = 0; j < capacity; j++) {
      if (entity[j] != null && time[j] >= freshFrom) {
        fresh++;
        deviating += off[j] ? 1 : 0;
      }
    }
    share = (double) deviating / fresh;
    return score;
  }

  /**
   * Robust z of x against scratch[0..n) for input m: permutes scratch, uses deviations as scratch.
   * The scale is the peers' robust scale smoothed over the group's updates (weight {@code
   * baselineAlpha} for the newest): the MAD of a handful of replicas is itself noisy, and a
   * smoothed scale keeps ordinary noise from scoring like a fault.
   */
  private double robustZ(double x, int n, int m) {
    double sum = 0;
    double sumSq = 0;
    for (int k = 0; k < n; k++) {
      sum += scratch[k];
      sumSq += scratch[k] * scratch[k];
    }
    double med = Quantiles.median(scratch, n);
    for (int k = 0; k < n; k++) {
      deviations[k] = Math.abs(scratch[k] - med);
    }
    double scale = 1.4826 * Quantiles.median(deviations, n);
    if (scale == 0) {
      double mu = sum / n;
      scale = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mu * mu) / (n - 1))) : 0;
    }
    if (scale == 0) {
      scale = 1e-9 * Math.max(1, Math.abs(med));
    }
    double smoothed = peerScale[m];
    smoothed = smoothed != smoothed ? scale : (1 - alpha) * smoothed + alpha * scale;
    peerScale[m] = smoothed;
    if (peerScaleSeen[m] < Integer.MAX_VALUE) {
      peerScaleSeen[m]++;
    }
    return Math.abs(x - med) / smoothed;
  }

  /** Scores the sample against the member's own baseline, then lets the baseline take it. */
  private void baseline(int member, double[] values) {
    boolean deviates = false;
    int base = member * width;
    for (int m = 0; m < width; m++) {
      double x = values[m];
      latest[base + m] = x;
      if (x != x) {
        continue;
      }
      int k = base + m;
      if (seen[k] >= warmUp) {
        double sd = Math.sqrt(var[k]);
        double d = Math.abs(x - mean[k]);
        deviates |= sd > 0 ? d >= deviationZ * sd : d > 1e-9 * Math.max(1, Math.abs(mean[k]));
      }
      if (seen[k] == 0) {
        mean[k] = x;
        var[k] = 0;
      } else {
        double diff = x - mean[k];
        double limit = deviationZ * Math.sqrt(var[k]);
        if (seen[k] >= warmUp && Math.abs(diff) > limit) {
          // Huber's clipping (Huber 1964): a deviating sample moves the mean by at most
          // deviationZ standard deviations' worth and leaves the variance, so a shift is absorbed
          // slowly (and counts as deviating meanwhile) instead of inflating the baseline at once.
          mean[k] += alpha * Math.copySign(limit, diff);
        } else {
          double incr = alpha * diff;
          mean[k] += incr;
          var[k] = (1 - alpha) * (var[k] + diff * incr);
        }
      }
      if (seen[k] < Integer.MAX_VALUE) {
        seen[k]++;
      }
    }
    off[member] = deviates;
  }

  /** @return the input index of the last peer score's maximum, or -1 when it was NaN */
  public int worstInput() {
    return worst;
  }

  /** @return the share of fresh members off their own baseline, as of the last update */
  public double share() {
    return share;
  }

  /**
   * @param member a member index
   * @return its labels, or null when the index is free
   */
  public Labels member(int member) {
    return entity[member];
  }

  private void check(int member) {
    if (member < 0 || member >= capacity || entity[member] == null) {
      throw new InvalidDataException("no member at index " + member + " in this group");
    }
  }

  /** Builds a {@link PeerGroup}. Not thread-safe. */
  public static final class Builder {
    private final List<String> inputs;
    private int maxMembers = 64;
    private Duration staleAfter = Duration.ofMinutes(2);
    private int minPeers = 3;
    private double baselineAlpha = 0.05;
    private double deviationZ = 3;
    private int warmUp = 30;

    private Builder(List<String> inputs) {
      if (inputs.isEmpty() || inputs.size() != inputs.stream().distinct().count()) {
        throw new IllegalArgumentException("a peer group needs at least one input and no duplicates, got " + inputs);
      }
      this.inputs = new ArrayList<>(inputs);
    }

    /** @param n the most members at once (default 64), memory is sized for them @return this */
    public Builder maxMembers(int n) {
      if (n < 2) {
        throw new IllegalArgumentException("maxMembers must be at least 2, got " + n);
      }
      maxMembers = n;
      return this;
    }

    /** @param d a member that has not reported for longer is no peer (default 2 minutes) @return this */
    public Builder staleAfter(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("staleAfter must be positive, got " + d);
      }
      staleAfter = d;
      return this;
    }

    /** @param n peers with a value an input needs before it is scored (default 3) @return this */
    public Builder minPeers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("minPeers must be at least 1, got " + n);
      }
      minPeers = n;
      return this;
    }

    /** @param a the weight of a new sample in a member's own baseline, in (0, 1) (default 0.05) @return this */
    public Builder baselineAlpha(double a) {
      if (!(a > 0 && a < 1)) {
        throw new IllegalArgumentException("baselineAlpha must be in (0, 1), got " + a);
      }
      baselineAlpha = a;
      return this;
    }

    /** @param z standard deviations off its own baseline that count a member as deviating (default 3) @return this */
    public Builder deviationZ(double z) {
      if (!(z > 0) || Double.isInfinite(z)) {
        throw new IllegalArgumentException("deviationZ must be positive and finite, got " + z);
      }
      deviationZ = z;
      return this;
    }

    /** @param n samples of a member's own baseline before it can count as deviating (default 30) @return this */
    public Builder warmUp(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("warmUp must be at least 1, got " + n);
      }
      warmUp = n;
      return this;
    }

    /** @return the group */
    public PeerGroup build() {
      return new PeerGroup(this);
    }
  }
}
