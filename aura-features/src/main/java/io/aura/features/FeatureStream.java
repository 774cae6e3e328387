package io.aura.features;

import io.aura.features.state.StateReader;
import io.aura.features.state.StateWriter;
import java.util.Objects;

/**
 * The streaming form of a {@link FeatureSpec}: the state of one entity (one pod, one node), fed one
 * sample at a time, giving the same numbers as {@link FeatureSpec#transform(Frame)} over the same
 * rows.
 *
 * <p>Timestamps must increase and stay on the spec's step grid relative to the first one; a jump
 * of k steps is processed as k − 1 missing rows followed by the sample (runs longer than the
 * longest memory of any feature are shortened, which does not change any result). An earlier or
 * repeated timestamp, a timestamp off the grid, an input row of the wrong width and an infinite
 * input are rejected with an {@link InvalidDataException}; the state is unchanged by a rejected
 * update.
 *
 * <p>Thread safety: not thread-safe; confine each stream to one thread at a time (streams of
 * different entities are independent). Allocation: {@link #update(long, double[], double[])}
 * allocates nothing. Complexity: O(features) per update, O(1) amortized per rolling statistic.
 * Memory: O(sum of the window lengths).
 *
 * <p>State: {@link #snapshot()} writes the stream's state (every node's memory of past rows, the
 * last timestamp) as a versioned, checksummed byte string, and {@link FeatureSpec#resumeStream}
 * continues from it bit for bit; the feature slots are scratch, not state. The snapshot is
 * canonical (equal states give equal bytes) and names the spec it belongs to (its feature
 * fingerprint, inputs, step and node kinds), so resuming under another spec is refused. Layout,
 * version 1: header (see {@link StateWriter}); the schema fingerprint, the input count, the step,
 * whether a sample was seen and the last timestamp; the node count and a hash of the node kinds in order; per node its fields; CRC-32C. A snapshot allocates its byte array, O(state size).
 */
public final class FeatureStream {
  private final FeatureSpec spec;
  private final FeatureNode[] nodes;
  private final double[] slots;
  private final int[] featureSlots;
  private final int inputs;
  private final long step;
  private final int horizon;
  private final long nodeLayout;
  private int lastSnapshotBytes = 4096; // sizes the next snapshot's buffer // the node kinds in order, hashed once: a snapshot names its layout
  private long last = Long.MIN_VALUE;
  private boolean started;

  /** The kind of state a snapshot holds. */
  static final String STATE_KIND = "feature-stream";
  /** The newest snapshot format this build writes and reads. */
  static final int STATE_VERSION = 1;

  FeatureStream(FeatureSpec spec) {
    this.spec = spec;
    this.nodes = spec.newNodes();
    this.slots = new double[spec.slotCount()];
    this.featureSlots = spec.featureSlots();
    this.inputs = spec.inputNames().size();
    this.step = spec.stepMillis();
    this.horizon = spec.horizon();
    long h = 1125899906842597L;
    for (FeatureNode n : nodes) {
      for (char c : n.getClass().getSimpleName().toCharArray()) {
        h = 31 * h + c;
      }
      h = 31 * h + ';';
    }
    this.nodeLayout = h;
  }

  /**
   * The spec this stream runs.
   *
   * @return the spec
   */
  public FeatureSpec spec() {
    return spec;
  }

  /**
   * Feeds one sample and writes every feature.
   *
   * @param timestamp epoch milliseconds, after the previous one and on the step grid
   * @param input one value per {@link FeatureSpec#inputNames() input}, in order; NaN = missing
   * @param out receives {@link FeatureSpec#schema()}{@code .size()} features
   * @throws InvalidDataException on a bad timestamp, a wrong width or an infinite input
   */
  public void update(long timestamp, double[] input, double[] out) {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(out, "out");
    if (input.length != inputs) {
      throw new InvalidDataException(
          "input row has " + input.length + " values but the spec has " + inputs + " inputs " + spec.inputNames());
    }
    if (out.length < featureSlots.length) {
      throw new InvalidDataException(
          "output array has room for " + out.length + " features but the spec has " + featureSlots.length);
    }
    for (int i = 0; i < inputs; i++) {
      if (Double.isInfinite(input[i])) {
        throw new InvalidDataException(
            "input '" + spec.inputNames().get(i) + "' is " + input[i] + " at timestamp " + timestamp
                + "; infinite values are not accepted, use NaN for missing");
      }
    }
    if (started) {
      if (timestamp <= last) {
        throw new InvalidDataException(
            "timestamp " + timestamp + (timestamp == last ? " repeats the previous one" : " is before the previous one, " + last)
                + "; samples must arrive in time order");
      }
      long gap = timestamp - last;
      if (gap % step != 0) {
        throw new InvalidDataException(
            "timestamp " + timestamp + " is " + gap + " ms after the previous one, not a multiple of the step ("
                + step + " ms); align the samples to the step grid");
      }
      long missing = gap / step - 1;
      if (missing > 0) {
        // The first rows of a gap matter (derived signals such as rates still emit for a while);
        // once every state has settled, further missing rows change nothing and are skipped.
        long run = Math.min(missing, horizon + 1L);
        for (long k = 1; k <= run; k++) {
          for (int i = 0; i < inputs; i++) {
            slots[i] = Double.NaN;
          }
          FeatureSpec.runNodes(nodes, last + k * step, slots);
        }
      }
    }
    System.arraycopy(input, 0, slots, 0, inputs);
    FeatureSpec.runNodes(nodes, timestamp, slots);
    for (int f = 0; f < featureSlots.length; f++) {
      out[f] = slots[featureSlots[f]];
    }
    last = timestamp;
    started = true;
  }

  /**
   * Feeds one sample and returns a new feature array (allocates; see {@link #update(long, double[],
   * double[])} for the allocation-free form).
   *
   * @param timestamp epoch milliseconds
   * @param input one value per input
   * @return the features
   */
  public double[] update(long timestamp, double[] input) {
    double[] out = new double[featureSlots.length];
    update(timestamp, input, out);
    return out;
  }

  /**
   * The timestamp of the last accepted sample.
   *
   * @return epoch milliseconds, or {@link Long#MIN_VALUE} before the first
   */
  public long lastTimestamp() {
    return last;
  }

  /**
   * The stream's state, to resume it later or elsewhere with {@link FeatureSpec#resumeStream}.
   *
   * @return a versioned, checksummed, canonical byte string
   */
  public byte[] snapshot() {
    StateWriter w = StateWriter.start(STATE_KIND, STATE_VERSION, lastSnapshotBytes);
    writeState(w);
    byte[] b = w.finish();
    lastSnapshotBytes = b.length;
    return b;
  }

  /** Writes this stream's fields (no header), for a state that nests it. */
  void writeState(StateWriter w) {
    w.writeString(spec.schema().fingerprint());
    w.writeInt(inputs);
    w.writeLong(step);
    w.writeBoolean(started);
    w.writeLong(last);
    w.writeInt(nodes.length);
    w.writeLong(nodeLayout);
    for (FeatureNode n : nodes) {
      n.writeState(w);
    }
  }

  /** Replaces this fresh stream's state with the one {@link #writeState} wrote. */
  void restore(StateReader r) {
    String fingerprint = r.readString();
    r.check(fingerprint.equals(spec.schema().fingerprint()),
        "taken under a feature set with other features (fingerprint " + fingerprint + ", this one "
            + spec.schema().fingerprint() + ")");
    int in = r.readInt();
    r.check(in == inputs, "taken with " + in + " inputs, this feature set has " + inputs);
    long st = r.readLong();
    r.check(st == step, "taken at a step of " + st + " ms, this feature set's step is " + step + " ms");
    boolean s = r.readBoolean();
    long t = r.readLong();
    r.check(s || t == Long.MIN_VALUE, "a stream that saw no sample has a last timestamp");
    int n = r.readInt();
    r.check(n == nodes.length, "taken with " + n + " feature nodes, this feature set has " + nodes.length);
    r.check(r.readLong() == nodeLayout, "taken with other kinds of feature nodes than this feature set's");
    for (FeatureNode node : nodes) {
      node.readState(r);
    }
    r.requireEnd();
    started = s;
    last = t;
  }
}
