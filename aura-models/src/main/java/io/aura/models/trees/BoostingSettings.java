package io.aura.models.trees;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Hyper-parameters shared by the gradient-boosting trainers ({@code XGBoostClassifierTrainer},
 * {@code LightGbmClassifierTrainer}). Each trainer maps them to its library's names; {@link
 * Builder#nativeParam} passes anything else through verbatim.
 *
 * <p>Thread safety: immutable. Allocation: none after build. Complexity: O(1).
 */
public final class BoostingSettings {
  private final int rounds;
  private final double learningRate;
  private final int maxDepth;
  private final int numLeaves;
  private final double minChildWeight;
  private final int earlyStoppingRounds;
  private final ClassWeights classWeights;
  private final long seed;
  private final int threads;
  private final Map<String, String> nativeParams;

  private BoostingSettings(Builder b) {
    this.rounds = b.rounds;
    this.learningRate = b.learningRate;
    this.maxDepth = b.maxDepth;
    this.numLeaves = b.numLeaves;
    this.minChildWeight = b.minChildWeight;
    this.earlyStoppingRounds = b.earlyStoppingRounds;
    this.classWeights = b.classWeights;
    this.seed = b.seed;
    this.threads = b.threads;
    this.nativeParams = Map.copyOf(new LinkedHashMap<>(b.nativeParams));
  }

  /** @return a builder with the defaults listed on each setter */
  public static Builder builder() {
    return new Builder();
  }

  /** @return maximum boosting rounds */
  public int rounds() {
    return rounds;
  }

  /** @return shrinkage per round */
  public double learningRate() {
    return learningRate;
  }

  /** @return maximum tree depth (XGBoost {@code max_depth}; LightGBM {@code max_depth}) */
  public int maxDepth() {
    return maxDepth;
  }

  /** @return maximum leaves per tree (LightGBM {@code num_leaves}) */
  public int numLeaves() {
    return numLeaves;
  }

  /** @return XGBoost {@code min_child_weight} / LightGBM {@code min_sum_hessian_in_leaf} */
  public double minChildWeight() {
    return minChildWeight;
  }

  /** @return rounds without validation improvement before stopping; 0 disables */
  public int earlyStoppingRounds() {
    return earlyStoppingRounds;
  }

  /** @return class weights */
  public ClassWeights classWeights() {
    return classWeights;
  }

  /** @return random seed */
  public long seed() {
    return seed;
  }

  /** @return native threads */
  public int threads() {
    return threads;
  }

  /** @return extra library parameters, passed verbatim */
  public Map<String, String> nativeParams() {
    return nativeParams;
  }

  /** @return every setting by name, as the pipeline's provenance records it */
  @Override
  public String toString() {
    return "BoostingSettings{rounds=" + rounds + ", learningRate=" + learningRate + ", maxDepth=" + maxDepth
        + ", numLeaves=" + numLeaves + ", minChildWeight=" + minChildWeight + ", earlyStoppingRounds="
        + earlyStoppingRounds + ", classWeights=" + classWeights + ", seed=" + seed + ", threads=" + threads
        + ", nativeParams=" + nativeParams + "}";
  }

  /**
   * Builder of {@link BoostingSettings}. Thread safety: not thread-safe.
   */
  public static final class Builder {
    private int rounds = 200;
    private double learningRate = 0.1;
    private int maxDepth = 6;
    private int numLeaves = 31;
    private double minChildWeight = 1.0;
    private int earlyStoppingRounds = 20;
    private ClassWeights classWeights = ClassWeights.none();
    private long seed = 42;
    private int threads = 1;
    private final Map<String, String> nativeParams = new LinkedHashMap<>();

    private Builder() {}

    /**
     * @param n maximum rounds, at least 1 (default 200)
     * @return this builder
     */
    public Builder rounds(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("rounds must be at least 1, got " + n);
      }
      this.rounds = n;
      return this;
    }

    /**
     * @param eta learning rate in (0, 1] (default 0.1)
     * @return this builder
     */
    public Builder learningRate(double eta) {
      if (!(eta > 0 && eta <= 1)) {
        throw new IllegalArgumentException("learningRate must be in (0, 1], got " + eta);
      }
      this.learningRate = eta;
      return this;
    }

    /**
     * @param depth maximum depth in [1, 64] (default 6)
     * @return this builder
     */
    public Builder maxDepth(int depth) {
      if (depth < 1 || depth > 64) {
        throw new IllegalArgumentException("maxDepth must be in [1, 64], got " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /**
     * @param leaves maximum leaves per tree, at least 2 (default 31; LightGBM only)
     * @return this builder
     */
    public Builder numLeaves(int leaves) {
      if (leaves < 2) {
        throw new IllegalArgumentException("numLeaves must be at least 2, got " + leaves);
      }
      this.numLeaves = leaves;
      return this;
    }

    /**
     * @param w minimum hessian sum in a child, non-negative (default 1)
     * @return this builder
     */
    public Builder minChildWeight(double w) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("minChildWeight must be finite and >= 0, got " + w);
      }
      this.minChildWeight = w;
      return this;
    }

    /**
     * @param n patience in rounds, 0 to disable (default 20); needs validation rows to act
     * @return this builder
     */
    public Builder earlyStoppingRounds(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("earlyStoppingRounds must be >= 0, got " + n);
      }
      this.earlyStoppingRounds = n;
      return this;
    }

    /**
     * @param weights class weights (default none)
     * @return this builder
     */
    public Builder classWeights(ClassWeights weights) {
      this.classWeights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /**
     * @param s random seed (default 42)
     * @return this builder
     */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /**
     * @param n native threads, at least 1 (default 1)
     * @return this builder
     */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + n);
      }
      this.threads = n;
      return this;
    }

    /**
     * Passes a parameter to the native library verbatim (overrides the mapped settings).
     *
     * @param name library parameter name
     * @param value its value
     * @return this builder
     */
    public Builder nativeParam(String name, String value) {
      nativeParams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** @return the settings */
    public BoostingSettings build() {
      return new BoostingSettings(this);
    }
  }
}
