package io.aura.features;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A feature set, declared once and run two ways: over a whole {@link Frame} ({@link
 * #transform(Frame)}, for training) and one sample at a time ({@link #newStream()}, for live
 * scoring). Both ways run the same compiled nodes in the same order, so they give
 * <strong>identical</strong> numbers, bit for bit, including across gaps.
 *
 * <h2>Declaring</h2>
 *
 * <pre>{@code
 * FeatureSpec spec = FeatureSpec.builder(Duration.ofSeconds(15))
 *     .counter("container_cpu_usage_seconds_total")
 *     .gauge("container_memory_working_set_bytes")
 *     .input("kube_pod_container_resource_limits_memory_bytes")
 *     .rate("cpu_cores", "container_cpu_usage_seconds_total", Duration.ofMinutes(1))
 *     .ratio("memory_over_limit", "container_memory_working_set_bytes",
 *            "kube_pod_container_resource_limits_memory_bytes")
 *     .rolling("cpu_cores", Duration.ofMinutes(5), RollingStat.MEAN, RollingStat.MAX, RollingStat.ZSCORE)
 *     .lags("cpu_cores", 1, 2)
 *     .calendar(ZoneOffset.UTC)
 *     .build();
 * }</pre>
 *
 * Inputs are the raw metrics, in declaration order. {@link Builder#gauge gauges} are features
 * themselves; {@link Builder#counter counters} and plain {@link Builder#input inputs} (such as
 * limits) are not, but can feed derived signals. Every derived signal ({@code rate}, {@code
 * ratio}, ...) is a feature and can itself be the input of rolling statistics, lags, EWMA and
 * changes. Feature names are stable: {@code <signal>.<stat>_<window>} ({@code cpu_cores.mean_5m}),
 * {@code <signal>.lag_<k>}, {@code <signal>.diff}, {@code <signal>.pct_change}, {@code
 * <signal>.ewma_<α>}, {@code calendar.hour_sin} and so on; {@link #schema()} lists them.
 *
 * <h2>Time, gaps and missing values</h2>
 *
 * The spec has a step. Windows are given as durations, which must be whole multiples of it, and
 * count rows: a window of 5 minutes at a 15 s step is the last 20 rows. Batch input must be a frame
 * on that step ({@link Frame#align}). A stream accepts any timestamp on the step grid after the
 * previous one; skipped steps are treated exactly as the missing (NaN) rows the aligned frame would
 * hold. NaN input means missing: rolling statistics are over the valid values in the window, a lag
 * of a missing value is NaN, a difference or ratio involving a missing value is NaN, EWMA keeps its
 * state through a missing value, and a rate uses the samples that exist (as Prometheus does). A
 * ratio with a zero denominator is NaN. Infinite input is rejected with an {@link
 * InvalidDataException} naming the input and the timestamp.
 *
 * <p>Thread safety: immutable and thread-safe; {@link FeatureStream}s made from it are not (one per
 * entity). Complexity: building is O(features); a stream update is O(features) with O(1) amortized
 * work per rolling statistic (see {@link RollingWindow}); memory per stream is O(sum of window
 * lengths).
 */
public final class FeatureSpec {
  private final long step;
  private final List<String> inputs;
  private final FeatureSchema schema;
  private final int slotCount;
  private final int[] featureSlots;
  private final List<IntFunction<FeatureNode>> nodeFactories; // argument unused; factories are pure
  private final int horizon;
  private final String description;

  private FeatureSpec(Builder b) {
    this.step = b.step;
    this.inputs = Collections.unmodifiableList(new ArrayList<>(b.inputs));
    this.schema = FeatureSchema.of(b.featureNames);
    this.slotCount = b.slots.size();
    this.featureSlots = b.featureSlots.stream().mapToInt(Integer::intValue).toArray();
    this.nodeFactories = List.copyOf(b.nodes);
    int h = 1;
    for (int s : b.settle) {
      h = Math.max(h, s);
    }
    this.horizon = h;
    this.description = b.description.toString();
  }

  /**
   * Starts a spec on a step.
   *
   * @param step the sampling step of the data, at least 1 ms
   * @return a builder
   */
  public static Builder builder(Duration step) {
    return new Builder(step);
  }

  /**
   * The step.
   *
   * @return milliseconds
   */
  public long stepMillis() {
    return step;
  }

  /**
   * The input names, in the order a stream's input row must follow.
   *
   * @return an unmodifiable list
   */
  public List<String> inputNames() {
    return inputs;
  }

  /**
   * The output feature names and their indices.
   *
   * @return the schema
   */
  public FeatureSchema schema() {
    return schema;
  }

  /**
   * A new stream with empty state, for one entity (one pod, one node).
   *
   * @return the stream
   */
  public FeatureStream newStream() {
    return new FeatureStream(this);
  }

  /**
   * A stream that continues from a {@link FeatureStream#snapshot() snapshot}: fed the same
   * samples, it gives bit for bit what the snapshotted stream would have given.
   *
   * @param state the snapshot's bytes
   * @param source where the state came from, for messages (e.g. the entity)
   * @return the stream
   * @throws InvalidDataException if the state is corrupt, of another format, or was taken under a
   *     spec with other features, inputs or step
   */
  public FeatureStream resumeStream(byte[] state, String source) {
    FeatureStream s = new FeatureStream(this);
    s.restore(io.aura.features.state.StateReader.open(state, source, FeatureStream.STATE_KIND, FeatureStream.STATE_VERSION));
    return s;
  }

  /**
   * Computes every feature over a frame, row by row with the same nodes a stream uses.
   *
   * @param frame a frame on this spec's step holding every input column (other columns are
   *     ignored)
   * @return a frame with the frame's timestamps and labels and one column per feature
   * @throws InvalidDataException if an input column is missing, the frame is not on the step, or a
   *     value is infinite (naming column, row and timestamp)
   */
  public Frame transform(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    if (frame.rows() >= 2 && frame.stepMillis() != step) {
      throw new InvalidDataException(
          "frame " + frame.labels() + " is not on the spec's step of " + step + " ms (its step is "
              + (frame.stepMillis() == 0 ? "uneven" : frame.stepMillis() + " ms")
              + "); align it first with Frame.align");
    }
    int[] cols = new int[inputs.size()];
    for (int i = 0; i < cols.length; i++) {
      if (!frame.hasColumn(inputs.get(i))) {
        throw new InvalidDataException(
            "frame " + frame.labels() + " has no input column '" + inputs.get(i) + "' needed by the feature spec; it has "
                + frame.columnNames());
      }
      cols[i] = frame.columnIndex(inputs.get(i));
    }
    int rows = frame.rows();
    int nf = featureSlots.length;
    double[][] out = new double[nf][rows];
    FeatureNode[] nodes = newNodes();
    double[] slots = new double[slotCount];
    long[] ts = frame.timestampsRef();
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < cols.length; i++) {
        double v = frame.columnRef(cols[i])[r];
        if (Double.isInfinite(v)) {
          throw new InvalidDataException(
              "input '" + inputs.get(i) + "' of frame " + frame.labels() + " is " + v + " at row " + r
                  + " (timestamp " + ts[r] + "); infinite values are not accepted, use NaN for missing");
        }
        slots[i] = v;
      }
      runNodes(nodes, ts[r], slots);
      for (int f = 0; f < nf; f++) {
        out[f][r] = slots[featureSlots[f]];
      }
    }
    return Frame.wrap(frame.labels(), frame.timestamps(), schema.names(), out);
  }

  FeatureNode[] newNodes() {
    FeatureNode[] nodes = new FeatureNode[nodeFactories.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = nodeFactories.get(i).apply(0);
    }
    return nodes;
  }

  static void runNodes(FeatureNode[] nodes, long t, double[] slots) {
    for (FeatureNode n : nodes) {
      n.update(t, slots);
    }
  }

  int slotCount() {
    return slotCount;
  }

  int[] featureSlots() {
    return featureSlots;
  }

  int horizon() {
    return horizon;
  }

  /** A one-line-per-declaration description of the spec. */
  @Override
  public String toString() {
    return "FeatureSpec(step " + step + " ms, " + inputs.size() + " inputs, " + schema.size() + " features)\n"
        + description;
  }

  /**
   * Declares a {@link FeatureSpec}. Each method checks its arguments at once and names what is
   * wrong (unknown signal, duplicate name, window not a multiple of the step).
   *
   * <p>Thread safety: not thread-safe; use from one thread, then {@link #build()}.
   */
  public static final class Builder {
    private final long step;
    private final List<String> inputs = new ArrayList<>();
    private final Map<String, Integer> signals = new HashMap<>();
    private final List<String> slots = new ArrayList<>();
    // Per slot: how many all-missing input rows it takes until the slot, and every state that
    // feeds it, no longer depends on the rows before them (the sum of horizons along the chain).
    private final List<Integer> settle = new ArrayList<>();
    private final List<String> featureNames = new ArrayList<>();
    private final List<Integer> featureSlots = new ArrayList<>();
    private final List<IntFunction<FeatureNode>> nodes = new ArrayList<>();
    private final StringBuilder description = new StringBuilder();
    private boolean derivedDeclared;
    private boolean calendar;

    private Builder(Duration step) {
      long s = Objects.requireNonNull(step, "step").toMillis();
      if (s <= 0) {
        throw new IllegalArgumentException("step must be at least 1 ms, got " + step);
      }
      this.step = s;
    }

    private void line(String s) {
      description.append("  ").append(s).append('\n');
    }

    private int newSlot(String name) {
      if (signals.containsKey(name) || featureNames.contains(name)) {
        throw new InvalidDataException("feature spec: the name '" + name + "' is declared twice");
      }
      slots.add(name);
      settle.add(0);
      return slots.size() - 1;
    }

    /** Records a node: its outputs settle after its inputs settle plus its own horizon. */
    private void node(IntFunction<FeatureNode> factory, int[] ins, int[] outs) {
      int h = factory.apply(0).horizon();
      int s = 0;
      for (int i : ins) {
        s = Math.max(s, settle.get(i));
      }
      for (int o : outs) {
        if (o >= 0) {
          settle.set(o, s + h);
        }
      }
      nodes.add(factory);
    }

    private int signal(String name) {
      Integer s = signals.get(name);
      if (s == null) {
        throw new InvalidDataException(
            "feature spec: unknown signal '" + name + "'; declared signals: " + signals.keySet());
      }
      return s;
    }

    private int newSignal(String name, boolean feature) {
      if (name == null || name.isEmpty()) {
        throw new InvalidDataException("feature spec: a signal name must be non-empty");
      }
      int slot = newSlot(name);
      signals.put(name, slot);
      if (feature) {
        featureNames.add(name);
        featureSlots.add(slot);
      }
      return slot;
    }

    private int newFeature(String name) {
      int slot = newSlot(name);
      featureNames.add(name);
      featureSlots.add(slot);
      return slot;
    }

    private Builder addInput(String name, boolean feature, String kind) {
      if (derivedDeclared) {
        throw new IllegalStateException(
            "feature spec: declare every input before derived signals and features (input '" + name + "')");
      }
      newSignal(name, feature);
      inputs.add(name);
      line(kind + " " + name);
      return this;
    }

    /**
     * A gauge input (for example memory working set); it is also a feature.
     *
     * @param name the input (column / metric) name
     * @return this builder
     */
    public Builder gauge(String name) {
      return addInput(name, true, "gauge");
    }

    /**
     * A monotonic counter input (for example CPU seconds); not a feature by itself, use {@link
     * #rate} or {@link #counterDelta}.
     *
     * @param name the input name
     * @return this builder
     */
    public Builder counter(String name) {
      return addInput(name, false, "counter");
    }

    /**
     * An input that is not a feature by itself (for example a memory limit) but feeds others.
     *
     * @param name the input name
     * @return this builder
     */
    public Builder input(String name) {
      return addInput(name, false, "input");
    }

    private int rowsOf(Duration window, String what) {
      long ms = Objects.requireNonNull(window, "window").toMillis();
      if (ms <= 0 || ms % step != 0) {
        throw new InvalidDataException(
            "feature spec: " + what + " window " + window + " must be a positive multiple of the step (" + step + " ms)");
      }
      long rows = ms / step;
      if (rows > 1_000_000) {
        throw new InvalidDataException("feature spec: " + what + " window " + window + " is " + rows + " rows; at most 1,000,000");
      }
      return (int) rows;
    }

    /**
     * The per-second rate of a counter over a range, as Prometheus's {@code rate(counter[range])}
     * computes it (see the class documentation of {@link FeatureSpec}).
     *
     * @param name the new signal's name
     * @param counter the counter signal
     * @param range the range, a multiple of the step and at least two steps
     * @return this builder
     */
    public Builder rate(String name, String counter, Duration range) {
      derivedDeclared = true;
      int in = signal(counter);
      int rows = rowsOf(range, "rate");
      if (rows < 2) {
        throw new InvalidDataException("feature spec: rate range " + range + " must span at least two steps");
      }
      int out = newSignal(name, true);
      long ms = range.toMillis();
      node(x -> new FeatureNode.Rate(in, out, ms, rows + 1), new int[] {in}, new int[] {out});
      line(name + " = rate(" + counter + "[" + format(range) + "])");
      return this;
    }

    /**
     * The increase of a counter since the previous row, counting a reset as a restart from zero.
     *
     * @param name the new signal's name
     * @param counter the counter signal
     * @return this builder
     */
    public Builder counterDelta(String name, String counter) {
      derivedDeclared = true;
      int in = signal(counter);
      int out = newSignal(name, true);
      node(x -> new FeatureNode.CounterDelta(in, out), new int[] {in}, new int[] {out});
      line(name + " = delta(" + counter + ")");
      return this;
    }

    private Builder binary(String name, String a, String b, FeatureNode.Binary.Op op, String formula) {
      derivedDeclared = true;
      int ia = signal(a);
      int ib = signal(b);
      int out = newSignal(name, true);
      node(x -> new FeatureNode.Binary(ia, ib, out, op), new int[] {ia, ib}, new int[] {out});
      line(name + " = " + formula);
      return this;
    }

    /**
     * {@code a / b}; NaN when {@code b} is 0 or either is missing.
     *
     * @param name the new signal's name
     * @param a numerator signal
     * @param b denominator signal
     * @return this builder
     */
    public Builder ratio(String name, String a, String b) {
      return binary(name, a, b, FeatureNode.Binary.Op.RATIO, a + " / " + b);
    }

    /**
     * {@code (limit − usage) / limit}: the fraction of a limit still free; NaN when the limit is 0
     * or either is missing.
     *
     * @param name the new signal's name
     * @param usage the usage signal
     * @param limit the limit signal
     * @return this builder
     */
    public Builder headroom(String name, String usage, String limit) {
      return binary(name, usage, limit, FeatureNode.Binary.Op.HEADROOM, "(" + limit + " - " + usage + ") / " + limit);
    }

    /**
     * {@code a − b}.
     *
     * @param name the new signal's name
     * @param a first signal
     * @param b second signal
     * @return this builder
     */
    public Builder difference(String name, String a, String b) {
      return binary(name, a, b, FeatureNode.Binary.Op.DIFFERENCE, a + " - " + b);
    }

    /**
     * {@code a + b}.
     *
     * @param name the new signal's name
     * @param a first signal
     * @param b second signal
     * @return this builder
     */
    public Builder sum(String name, String a, String b) {
      return binary(name, a, b, FeatureNode.Binary.Op.SUM, a + " + " + b);
    }

    /**
     * {@code a × b}, an interaction.
     *
     * @param name the new signal's name
     * @param a first signal
     * @param b second signal
     * @return this builder
     */
    public Builder product(String name, String a, String b) {
      return binary(name, a, b, FeatureNode.Binary.Op.PRODUCT, a + " * " + b);
    }

    /**
     * Rolling statistics of a signal over a window; the features are named {@code
     * <signal>.<stat>_<window>}.
     *
     * @param signal the signal
     * @param window a multiple of the step
     * @param stats the statistics, at least one, no repeats
     * @return this builder
     */
    public Builder rolling(String signal, Duration window, RollingStat... stats) {
      derivedDeclared = true;
      int in = signal(signal);
      int rows = rowsOf(window, "rolling");
      if (stats.length == 0) {
        throw new InvalidDataException("feature spec: rolling(" + signal + ") needs at least one statistic");
      }
      int[] outs = new int[stats.length];
      String w = format(window);
      for (int i = 0; i < stats.length; i++) {
        outs[i] = newFeature(signal + "." + stats[i].shortName() + "_" + w);
      }
      RollingStat[] st = stats.clone();
      node(x -> new FeatureNode.Window(in, rows, st, outs), new int[] {in}, outs);
      line("rolling " + signal + " over " + w + ": " + Arrays.toString(stats));
      return this;
    }

    /**
     * Rolling statistics over several windows.
     *
     * @param signal the signal
     * @param windows the windows
     * @param stats the statistics for every window
     * @return this builder
     */
    public Builder rolling(String signal, List<Duration> windows, RollingStat... stats) {
      for (Duration w : windows) {
        rolling(signal, w, stats);
      }
      return this;
    }

    /**
     * The value {@code k} rows ago, for each {@code k}; features {@code <signal>.lag_<k>}.
     *
     * @param signal the signal
     * @param ks lags, each at least 1
     * @return this builder
     */
    public Builder lags(String signal, int... ks) {
      derivedDeclared = true;
      int in = signal(signal);
      if (ks.length == 0) {
        throw new InvalidDataException("feature spec: lags(" + signal + ") needs at least one lag");
      }
      int[] outs = new int[ks.length];
      for (int i = 0; i < ks.length; i++) {
        if (ks[i] < 1 || ks[i] > 1_000_000) {
          throw new InvalidDataException("feature spec: lag " + ks[i] + " of '" + signal + "' must be in 1..1,000,000");
        }
        outs[i] = newFeature(signal + ".lag_" + ks[i]);
      }
      int[] k = ks.clone();
      node(x -> new FeatureNode.Lags(in, k, outs), new int[] {in}, outs);
      line("lags " + signal + " " + Arrays.toString(ks));
      return this;
    }

    /**
     * First difference and/or percentage change; features {@code <signal>.diff} and {@code
     * <signal>.pct_change} ({@code x/prev − 1}, NaN when prev is 0).
     *
     * @param signal the signal
     * @param diff whether to emit the difference
     * @param pctChange whether to emit the percentage change
     * @return this builder
     */
    public Builder changes(String signal, boolean diff, boolean pctChange) {
      derivedDeclared = true;
      int in = signal(signal);
      if (!diff && !pctChange) {
        throw new InvalidDataException("feature spec: changes(" + signal + ") with neither diff nor pct_change");
      }
      int d = diff ? newFeature(signal + ".diff") : -1;
      int p = pctChange ? newFeature(signal + ".pct_change") : -1;
      node(x -> new FeatureNode.Change(in, d, p), new int[] {in}, new int[] {d, p});
      line("changes " + signal + (diff ? " diff" : "") + (pctChange ? " pct_change" : ""));
      return this;
    }

    /**
     * Exponentially weighted moving averages {@code s = αx + (1 − α)s} (pandas' {@code
     * ewm(alpha, adjust=False)}); features {@code <signal>.ewma_<α>}.
     *
     * @param signal the signal
     * @param alphas smoothing factors in (0, 1]
     * @return this builder
     */
    public Builder ewma(String signal, double... alphas) {
      derivedDeclared = true;
      int in = signal(signal);
      if (alphas.length == 0) {
        throw new InvalidDataException("feature spec: ewma(" + signal + ") needs at least one alpha");
      }
      int[] outs = new int[alphas.length];
      for (int i = 0; i < alphas.length; i++) {
        if (!(alphas[i] > 0 && alphas[i] <= 1)) {
          throw new InvalidDataException("feature spec: ewma alpha " + alphas[i] + " of '" + signal + "' must be in (0, 1]");
        }
        outs[i] = newFeature(signal + ".ewma_" + java.math.BigDecimal.valueOf(alphas[i]).stripTrailingZeros().toPlainString());
      }
      double[] a = alphas.clone();
      node(x -> new FeatureNode.Ewma(in, a, outs), new int[] {in}, outs);
      line("ewma " + signal + " " + Arrays.toString(alphas));
      return this;
    }

    /**
     * Calendar features in a zone: {@code calendar.hour_sin}, {@code calendar.hour_cos}, {@code
     * calendar.dow_sin}, {@code calendar.dow_cos} (continuous, Monday 00:00 = angle 0) and {@code
     * calendar.weekend} (1 on Saturday and Sunday). Daylight-saving transitions are followed.
     *
     * @param zone the zone, for example {@code ZoneOffset.UTC}
     * @return this builder
     */
    public Builder calendar(ZoneId zone) {
      Objects.requireNonNull(zone, "zone");
      derivedDeclared = true;
      if (calendar) {
        throw new InvalidDataException("feature spec: calendar features are declared twice");
      }
      calendar = true;
      int first = newFeature("calendar.hour_sin");
      newFeature("calendar.hour_cos");
      newFeature("calendar.dow_sin");
      newFeature("calendar.dow_cos");
      newFeature("calendar.weekend");
      node(x -> new FeatureNode.Calendar(zone, first), new int[0], new int[0]);
      line("calendar " + zone);
      return this;
    }

    /**
     * Whether a signal of this name has been declared.
     *
     * @param name the name
     * @return true when declared
     */
    public boolean hasSignal(String name) {
      return signals.containsKey(name);
    }

    /**
     * Builds the immutable spec.
     *
     * @return the spec
     * @throws InvalidDataException if it declares no input or no feature
     */
    public FeatureSpec build() {
      if (inputs.isEmpty()) {
        throw new InvalidDataException("feature spec: no input declared");
      }
      if (featureNames.isEmpty()) {
        throw new InvalidDataException("feature spec: no feature declared");
      }
      return new FeatureSpec(this);
    }
  }

  /** Formats a duration compactly for feature names: 15s, 5m, 1h, 1d, 90s. */
  static String format(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() != 0) {
      return d.toMillis() + "ms";
    }
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
