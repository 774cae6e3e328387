package io.aura.models.detect;

import java.util.Arrays;

/**
 * A causal adaptive-resonance detector of one series: Fuzzy ART categories over a short window of
 * the range-normalized signal; a window that resonates with no stored category is a new pattern,
 * and its novelty is the score.
 *
 * <p><b>Algorithm.</b> Fuzzy ART (Carpenter, Grossberg &amp; Rosen 1991, "Fuzzy ART: fast stable
 * learning and categorization of analog patterns by an adaptive resonance system", Neural Networks
 * 4(6)), on the idea of the NAB entry ARTime (adaptive-resonance categories over a window of the
 * normalized signal, one alarm per new pattern), written from those descriptions. The series is
 * averaged over blocks of {@code sampleRows} rows (one sample per block); the input is the last
 * {@code window} samples {@code a ∈ [0, 1]^M}, normalized by the range {@code [lo, hi]}, complement
 * coded {@code I = (a, 1 − a)} so that {@code |I| = M}. Each category {@code j} has a weight
 * {@code w_j ∈ [0, 1]^{2M}} — under complement coding a hyperbox: lower corner {@code w_j[0..M)},
 * upper corner {@code 1 − w_j[M..2M)}. Choice {@code T_j = |I ∧ w_j| / (α + |w_j|)} (∧ the
 * component-wise minimum, |·| the L1 norm); match {@code m_j = |I ∧ w_j| / M}; the chosen category
 * is the one of highest {@code T_j} among those with {@code m_j ≥ ρ} (the vigilance), which is
 * what ART's search in order of {@code T_j} with reset on mismatch selects. It learns {@code w_j ←
 * β (I ∧ w_j) + (1 − β) w_j} (fast learning at β = 1: the hyperbox grows to enclose the input).
 * When no category passes vigilance, a new one is committed with {@code w = I}.
 *
 * <p><b>Score.</b> {@code 1 − max_j m_j} — the novelty of the window against every stored category,
 * in [0, 1] — on a sample that commits a new category; 0 on a sample that resonates, and 0 on the
 * rows inside a block. Wrap it in {@link AlarmSuppression} with an alarm score just above 0 to get
 * one alarm per new pattern followed by a quiet period.
 *
 * <p><b>Warm-up and range.</b> The first {@code warmUp} rows (a fixed count, global) score NaN;
 * their samples are kept. At the end of the warm-up the range is their minimum and maximum (or the
 * given {@link Builder#range fixed initial range}, widened to include them), and the warm-up
 * windows are learnt without alarms. Later, a sample outside {@code [lo, hi]} widens the range to
 * include it, and every stored category is re-mapped exactly to the new range: normalization is an
 * increasing affine map, the new coordinates are {@code x' = s·x + t} with {@code s = (hi − lo) /
 * (hi' − lo')}, {@code t = (lo − lo') / (hi' − lo')}, and both hyperbox corners map by the same
 * affine map (the minimum and the learning rule commute with it), so each category covers the same
 * raw values before and after. A warm-up of zero width (a constant signal) gets a width of {@code
 * 1e-9 · max(1, |lo|)}, so the first different value widens it.
 *
 * <p><b>Bounded memory.</b> At most {@code maxCategories} categories. When a new one is needed and
 * the memory is full, it replaces the least recently used category (the one whose last resonance
 * or commitment is oldest; the lowest index among ties), so a stream running for months keeps the
 * patterns it still sees.
 *
 * <p><b>Missing values.</b> A NaN row returns NaN and changes no state (it is not part of any
 * block).
 *
 * <p>Thread safety: not thread-safe (one instance per series). Allocation: none per update; {@code
 * 8 · (maxCategories · (2·window + 2) + 3·window + warmUp / sampleRows)} bytes at construction.
 * Complexity: O(maxCategories · window) per completed sample (O(1) on the other rows), and the same
 * for a range widening; O(warmUp / sampleRows · maxCategories · window) once, at the end of the
 * warm-up.
 */
public final class FuzzyArtDetector implements StreamingDetector {
  private final int window;
  private final int sampleRows;
  private final int warmUpRows;
  private final double vigilance;
  private final double learningRate;
  private final double choice;
  private final int maxCategories;
  private final double fixedLo;
  private final double fixedHi;
  private final double padding;

  private final double[] weights; // maxCategories × 2·window
  private final double[] weightNorm; // |w_j|
  private final long[] lastUsed;
  private final double[] samples; // ring of the last `window` samples, raw units
  private final double[] input; // complement-coded input, 2·window
  private final double[] warmSamples;
  private int categories;
  private int head;
  private int sampleCount;
  private int warmSampleCount;
  private int rowsSeen;
  private int blockRows;
  private double blockSum;
  private boolean warm;
  private double lo;
  private double hi;
  private long clock;

  private FuzzyArtDetector(Builder b) {
    this.window = b.window;
    this.sampleRows = b.sampleRows;
    this.warmUpRows = b.warmUp;
    this.vigilance = b.vigilance;
    this.learningRate = b.learningRate;
    this.choice = b.choice;
    this.maxCategories = b.maxCategories;
    this.fixedLo = b.lo;
    this.fixedHi = b.hi;
    this.padding = b.padding;
    this.weights = new double[maxCategories * 2 * window];
    this.weightNorm = new double[maxCategories];
    this.lastUsed = new long[maxCategories];
    this.samples = new double[window];
    this.input = new double[2 * window];
    this.warmSamples = new double[warmUpRows / sampleRows + 1];
    reset();
  }

  /**
   * A builder with the defaults listed on each setter.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The two-scale recipe evaluated on NAB (docs/detectors.md): the maximum ({@link
   * MaxFusionDetector}) of a <em>value</em> network (e.g. window 1, every row: a category is an
   * interval of values) and a <em>shape</em> network (e.g. window 2 of 10-row means), then one
   * alarm per new pattern ({@link AlarmSuppression}: a novelty of at least {@code alarmNovelty}
   * silences the next {@code quietRows} rows). O(cost of both networks) per row; allocation-free
   * per update.
   *
   * @param value the value network's settings
   * @param shape the shape network's settings
   * @param alarmNovelty the novelty that counts as an alarm, in (0, 1]
   * @param quietRows rows silenced after an alarm, at least 1
   * @return a new detector
   */
  public static StreamingDetector valueAndShape(Builder value, Builder shape, double alarmNovelty, int quietRows) {
    if (!(alarmNovelty > 0 && alarmNovelty <= 1)) {
      throw new IllegalArgumentException("alarmNovelty must be in (0, 1], got " + alarmNovelty);
    }
    return new AlarmSuppression(new MaxFusionDetector(value.build(), shape.build()), alarmNovelty, quietRows);
  }

  @Override
  public double update(long epochMillis, double value) {
    if (Double.isNaN(value)) {
      return Double.NaN;
    }
    rowsSeen++;
    blockSum += value;
    blockRows++;
    boolean sampled = blockRows == sampleRows;
    double sample = 0;
    if (sampled) {
      sample = blockSum / sampleRows;
      blockSum = 0;
      blockRows = 0;
    }
    if (!warm) {
      if (sampled) {
        push(sample);
        warmSamples[warmSampleCount++] = sample;
      }
      if (rowsSeen < warmUpRows) {
        return Double.NaN;
      }
      endWarmUp();
      return 0;
    }
    if (!sampled) {
      return 0;
    }
    push(sample);
    if (sample < lo || sample > hi) {
      widen(Math.min(lo, sample), Math.max(hi, sample));
    }
    return present(true);
  }

  /** The number of stored categories, at most {@code maxCategories}. */
  int categories() {
    return categories;
  }

  /** The current range's lower end (NaN during the warm-up). */
  double lo() {
    return warm ? lo : Double.NaN;
  }

  /** The current range's upper end (NaN during the warm-up). */
  double hi() {
    return warm ? hi : Double.NaN;
  }

  /**
   * The best match {@code max_j m_j} of a window of raw values against the stored categories,
   * without learning; for tests.
   */
  double bestMatch(double[] rawWindow) {
    double width = hi - lo;
    for (int i = 0; i < window; i++) {
      double a = (rawWindow[i] - lo) / width;
      input[i] = a;
      input[window + i] = 1 - a;
    }
    double best = 0;
    for (int j = 0; j < categories; j++) {
      best = Math.max(best, overlap(j) / window);
    }
    return best;
  }

  private void push(double sample) {
    samples[head] = sample;
    head = head + 1 == window ? 0 : head + 1;
    sampleCount++;
  }

  private void endWarmUp() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < warmSampleCount; i++) {
      min = Math.min(min, warmSamples[i]);
      max = Math.max(max, warmSamples[i]);
    }
    if (!Double.isNaN(fixedLo)) {
      min = Math.min(min, fixedLo);
      max = Math.max(max, fixedHi);
    }
    if (!(max > min)) {
      max = min + 1e-9 * Math.max(1, Math.abs(min));
    }
    double pad = padding * (max - min);
    min -= pad;
    max += pad;
    lo = min;
    hi = max;
    warm = true;
    // Learn every complete window of the warm-up, oldest first, without alarms: rebuild the ring.
    int kept = sampleCount;
    head = 0;
    sampleCount = 0;
    for (int i = 0; i < warmSampleCount; i++) {
      push(warmSamples[i]);
      if (sampleCount >= window) {
        present(false);
      }
    }
    sampleCount = kept;
  }

  /** Presents the current window to the ART network; returns its score. */
  private double present(boolean score) {
    double width = hi - lo;
    for (int i = 0; i < window; i++) {
      double a = (samples[(head + i) % window] - lo) / width;
      a = a < 0 ? 0 : a > 1 ? 1 : a; // only rounding can leave [0, 1]: the range holds every sample
      input[i] = a;
      input[window + i] = 1 - a;
    }
    clock++;
    int chosen = -1;
    double chosenT = Double.NEGATIVE_INFINITY;
    double bestMatch = 0;
    for (int j = 0; j < categories; j++) {
      double ov = overlap(j);
      double m = ov / window;
      if (m > bestMatch) {
        bestMatch = m;
      }
      if (m >= vigilance) {
        double t = ov / (choice + weightNorm[j]);
        if (t > chosenT) {
          chosenT = t;
          chosen = j;
        }
      }
    }
    if (chosen >= 0) {
      learn(chosen);
      return 0;
    }
    commit();
    return score ? 1 - bestMatch : 0;
  }

  private double overlap(int j) {
    int off = j * 2 * window;
    double s = 0;
    for (int i = 0; i < 2 * window; i++) {
      double w = weights[off + i];
      double x = input[i];
      s += x < w ? x : w;
    }
    return s;
  }

  private void learn(int j) {
    int off = j * 2 * window;
    double norm = 0;
    for (int i = 0; i < 2 * window; i++) {
      double w = weights[off + i];
      double x = input[i];
      double nw = learningRate * (x < w ? x : w) + (1 - learningRate) * w;
      weights[off + i] = nw;
      norm += nw;
    }
    weightNorm[j] = norm;
    lastUsed[j] = clock;
  }

  private void commit() {
    int j;
    if (categories < maxCategories) {
      j = categories++;
    } else {
      j = 0;
      for (int k = 1; k < maxCategories; k++) {
        if (lastUsed[k] < lastUsed[j]) {
          j = k;
        }
      }
    }
    System.arraycopy(input, 0, weights, j * 2 * window, 2 * window);
    weightNorm[j] = window; // |I| = M under complement coding
    lastUsed[j] = clock;
  }

  /** Widens the range to [newLo, newHi] and re-maps every category to it exactly. */
  private void widen(double newLo, double newHi) {
    double s = (hi - lo) / (newHi - newLo);
    double t = (lo - newLo) / (newHi - newLo);
    for (int j = 0; j < categories; j++) {
      int off = j * 2 * window;
      double norm = 0;
      for (int i = 0; i < window; i++) {
        double lower = s * weights[off + i] + t;
        double upper = s * (1 - weights[off + window + i]) + t;
        weights[off + i] = lower;
        weights[off + window + i] = 1 - upper;
        norm += lower + 1 - upper;
      }
      weightNorm[j] = norm;
    }
    lo = newLo;
    hi = newHi;
  }

  @Override
  public void reset() {
    Arrays.fill(weights, 0);
    Arrays.fill(weightNorm, 0);
    Arrays.fill(lastUsed, 0);
    Arrays.fill(samples, 0);
    categories = 0;
    head = 0;
    sampleCount = 0;
    warmSampleCount = 0;
    rowsSeen = 0;
    blockRows = 0;
    blockSum = 0;
    warm = false;
    lo = Double.NaN;
    hi = Double.NaN;
    clock = 0;
  }

  /**
   * Settings of a {@link FuzzyArtDetector}. Mutable, not thread-safe; {@link #build} validates and
   * copies them. O(1) per call.
   */
  public static final class Builder {
    private int window = 8;
    private int sampleRows = 1;
    private int warmUp = 150;
    private double vigilance = 0.9;
    private double learningRate = 1;
    private double choice = 1e-3;
    private int maxCategories = 256;
    private double lo = Double.NaN;
    private double hi = Double.NaN;
    private double padding;

    private Builder() {}

    /**
     * Margin added on each side of the range at the end of the warm-up, as a fraction of its
     * width, at least 0 (default 0): a value just past the warm-up's extremes then neither widens
     * the range nor counts as never seen.
     *
     * @param fraction the margin per side
     * @return this builder
     */
    public Builder padding(double fraction) {
      if (!(fraction >= 0 && Double.isFinite(fraction))) {
        throw new IllegalArgumentException("padding must be finite and at least 0, got " + fraction);
      }
      this.padding = fraction;
      return this;
    }

    /**
     * Samples per input window, at least 1 (default 8).
     *
     * @param samples the window length M
     * @return this builder
     */
    public Builder window(int samples) {
      this.window = samples;
      return this;
    }

    /**
     * Rows averaged into one sample, at least 1 (default 1: every row is a sample).
     *
     * @param rows the block length
     * @return this builder
     */
    public Builder sampleRows(int rows) {
      this.sampleRows = rows;
      return this;
    }

    /**
     * Rows of warm-up, scored NaN, that set the range and train the first categories; at least
     * {@code window · sampleRows} (default 150).
     *
     * @param rows the warm-up length
     * @return this builder
     */
    public Builder warmUp(int rows) {
      this.warmUp = rows;
      return this;
    }

    /**
     * The vigilance ρ in (0, 1]: the least match {@code |I ∧ w| / M} for a window to resonate
     * with a category (default 0.9).
     *
     * @param rho the vigilance
     * @return this builder
     */
    public Builder vigilance(double rho) {
      this.vigilance = rho;
      return this;
    }

    /**
     * The learning rate β in (0, 1] (default 1, fast learning).
     *
     * @param beta the learning rate
     * @return this builder
     */
    public Builder learningRate(double beta) {
      this.learningRate = beta;
      return this;
    }

    /**
     * The choice parameter α &gt; 0 (default 0.001).
     *
     * @param alpha the choice parameter
     * @return this builder
     */
    public Builder choice(double alpha) {
      this.choice = alpha;
      return this;
    }

    /**
     * The most categories kept, at least 1 (default 256); past it the least recently used one is
     * replaced.
     *
     * @param n the bound
     * @return this builder
     */
    public Builder maxCategories(int n) {
      this.maxCategories = n;
      return this;
    }

    /**
     * A range known before the first row (e.g. a metric's documented bounds, or NAB's per-file
     * minimum and maximum under its own protocol): the range at the end of the warm-up is this one
     * widened to include the warm-up's samples. Default: none, the range is the warm-up's.
     *
     * @param min the lower end, finite
     * @param max the upper end, finite, at least {@code min}
     * @return this builder
     */
    public Builder range(double min, double max) {
      if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
        throw new IllegalArgumentException("range must be finite with min <= max, got [" + min + ", " + max + "]");
      }
      this.lo = min;
      this.hi = max;
      return this;
    }

    /**
     * Validates the settings and builds a detector.
     *
     * @return a new detector
     */
    public FuzzyArtDetector build() {
      if (window < 1 || sampleRows < 1 || maxCategories < 1) {
        throw new IllegalArgumentException("need window, sampleRows and maxCategories >= 1, got "
            + window + ", " + sampleRows + ", " + maxCategories);
      }
      if ((long) window * sampleRows > warmUp) {
        throw new IllegalArgumentException("warmUp (" + warmUp + " rows) must cover one window of "
            + window + " samples of " + sampleRows + " rows");
      }
      if (!(vigilance > 0 && vigilance <= 1)) {
        throw new IllegalArgumentException("vigilance must be in (0, 1], got " + vigilance);
      }
      if (!(learningRate > 0 && learningRate <= 1)) {
        throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
      }
      if (!(choice > 0 && Double.isFinite(choice))) {
        throw new IllegalArgumentException("choice must be positive and finite, got " + choice);
      }
      return new FuzzyArtDetector(this);
    }
  }
}
