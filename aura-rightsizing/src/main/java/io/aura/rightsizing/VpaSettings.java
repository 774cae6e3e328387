package io.aura.rightsizing;

/**
 * Every constant of the VPA recommender, with the upstream defaults (Kubernetes autoscaler,
 * {@code vertical-pod-autoscaler/pkg/recommender}: {@code model/aggregations_config.go}, {@code
 * logic/recommender.go}, {@code logic/estimator.go}). Build with {@link #builder()}; {@link
 * #defaults()} is VPA's configuration.
 *
 * <p>Defaults: exponential buckets starting 0.01 core / 1e7 bytes, each 5 % wider, up to 1000
 * cores / 1e12 bytes, epsilon 1e-4; 24 h half-life for both histograms; memory aggregated as one
 * peak per 24 h interval; target / lower / upper percentiles 0.9 / 0.5 / 0.95 with a 15 % safety
 * margin; confidence multipliers {@code (1 + 1/c)^1} (upper) and {@code (1 + 0.001/c)^-2} (lower)
 * with {@code c = min(days between the first and last CPU sample, CPU samples / 1440)}; OOM bump
 * {@code max(+100 MiB, ×1.2)}; per-pod minimums 25 mCPU and 250 MiB; no caps; CPU samples weighted
 * by {@code max(request, 0.1)} cores when a request is given, else by 1.
 *
 * <p>Immutable and thread-safe; O(1) to build.
 */
public final class VpaSettings {
  private static final long DAY = 24L * 3600 * 1000;
  private static final double MIB = 1024.0 * 1024.0;

  final double cpuFirstBucket;
  final double cpuMaxValue;
  final double memoryFirstBucket;
  final double memoryMaxValue;
  final double bucketGrowth;
  final double epsilon;
  final long cpuHalfLifeMillis;
  final long memoryHalfLifeMillis;
  final long memoryAggregationMillis;
  final double maxDecayExponent;
  final double cpuTargetPercentile;
  final double memoryTargetPercentile;
  final double lowerPercentile;
  final double upperPercentile;
  final double safetyMargin;
  final double upperConfidenceMultiplier;
  final double upperConfidenceExponent;
  final double lowerConfidenceMultiplier;
  final double lowerConfidenceExponent;
  final double samplesPerConfidenceDay;
  final double oomBumpRatio;
  final double oomMinBumpBytes;
  final double podMinCpuCores;
  final double podMinMemoryBytes;
  final double cpuMinAllowed;
  final double cpuMaxAllowed;
  final double memoryMinAllowed;
  final double memoryMaxAllowed;
  final double minSampleWeight;

  private VpaSettings(Builder b) {
    cpuFirstBucket = b.cpuFirstBucket;
    cpuMaxValue = b.cpuMaxValue;
    memoryFirstBucket = b.memoryFirstBucket;
    memoryMaxValue = b.memoryMaxValue;
    bucketGrowth = b.bucketGrowth;
    epsilon = b.epsilon;
    cpuHalfLifeMillis = b.cpuHalfLifeMillis;
    memoryHalfLifeMillis = b.memoryHalfLifeMillis;
    memoryAggregationMillis = b.memoryAggregationMillis;
    maxDecayExponent = b.maxDecayExponent;
    cpuTargetPercentile = b.cpuTargetPercentile;
    memoryTargetPercentile = b.memoryTargetPercentile;
    lowerPercentile = b.lowerPercentile;
    upperPercentile = b.upperPercentile;
    safetyMargin = b.safetyMargin;
    upperConfidenceMultiplier = b.upperConfidenceMultiplier;
    upperConfidenceExponent = b.upperConfidenceExponent;
    lowerConfidenceMultiplier = b.lowerConfidenceMultiplier;
    lowerConfidenceExponent = b.lowerConfidenceExponent;
    samplesPerConfidenceDay = b.samplesPerConfidenceDay;
    oomBumpRatio = b.oomBumpRatio;
    oomMinBumpBytes = b.oomMinBumpBytes;
    podMinCpuCores = b.podMinCpuCores;
    podMinMemoryBytes = b.podMinMemoryBytes;
    cpuMinAllowed = b.cpuMinAllowed;
    cpuMaxAllowed = b.cpuMaxAllowed;
    memoryMinAllowed = b.memoryMinAllowed;
    memoryMaxAllowed = b.memoryMaxAllowed;
    minSampleWeight = b.minSampleWeight;
  }

  /**
   * VPA's defaults.
   *
   * @return the settings
   */
  public static VpaSettings defaults() {
    return builder().build();
  }

  /**
   * A builder starting from VPA's defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from these settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.cpuFirstBucket = cpuFirstBucket;
    b.cpuMaxValue = cpuMaxValue;
    b.memoryFirstBucket = memoryFirstBucket;
    b.memoryMaxValue = memoryMaxValue;
    b.bucketGrowth = bucketGrowth;
    b.epsilon = epsilon;
    b.cpuHalfLifeMillis = cpuHalfLifeMillis;
    b.memoryHalfLifeMillis = memoryHalfLifeMillis;
    b.memoryAggregationMillis = memoryAggregationMillis;
    b.maxDecayExponent = maxDecayExponent;
    b.cpuTargetPercentile = cpuTargetPercentile;
    b.memoryTargetPercentile = memoryTargetPercentile;
    b.lowerPercentile = lowerPercentile;
    b.upperPercentile = upperPercentile;
    b.safetyMargin = safetyMargin;
    b.upperConfidenceMultiplier = upperConfidenceMultiplier;
    b.upperConfidenceExponent = upperConfidenceExponent;
    b.lowerConfidenceMultiplier = lowerConfidenceMultiplier;
    b.lowerConfidenceExponent = lowerConfidenceExponent;
    b.samplesPerConfidenceDay = samplesPerConfidenceDay;
    b.oomBumpRatio = oomBumpRatio;
    b.oomMinBumpBytes = oomMinBumpBytes;
    b.podMinCpuCores = podMinCpuCores;
    b.podMinMemoryBytes = podMinMemoryBytes;
    b.cpuMinAllowed = cpuMinAllowed;
    b.cpuMaxAllowed = cpuMaxAllowed;
    b.memoryMinAllowed = memoryMinAllowed;
    b.memoryMaxAllowed = memoryMaxAllowed;
    b.minSampleWeight = minSampleWeight;
    return b;
  }

  /**
   * The safety margin fraction (0.15 by default).
   *
   * @return the margin
   */
  public double safetyMargin() {
    return safetyMargin;
  }

  /**
   * The number of CPU samples that count as one day of history in the confidence (1440: one
   * sample a minute).
   *
   * @return samples per day
   */
  public double samplesPerConfidenceDay() {
    return samplesPerConfidenceDay;
  }

  /**
   * A compact description of the settings that differ from VPA's defaults (for provenance).
   *
   * @return e.g. {@code "vpa(margin=0.15)"}
   */
  public String describe() {
    return "vpa(margin=" + safetyMargin + ", target-cpu-p=" + cpuTargetPercentile
        + ", target-memory-p=" + memoryTargetPercentile + ", samples-per-day="
        + samplesPerConfidenceDay + ")";
  }

  /** Mutable builder of {@link VpaSettings}; not thread-safe. */
  public static final class Builder {
    private double cpuFirstBucket = 0.01;
    private double cpuMaxValue = 1000;
    private double memoryFirstBucket = 1e7;
    private double memoryMaxValue = 1e12;
    private double bucketGrowth = 0.05;
    private double epsilon = 1e-4;
    private long cpuHalfLifeMillis = DAY;
    private long memoryHalfLifeMillis = DAY;
    private long memoryAggregationMillis = DAY;
    private double maxDecayExponent = 100;
    private double cpuTargetPercentile = 0.9;
    private double memoryTargetPercentile = 0.9;
    private double lowerPercentile = 0.5;
    private double upperPercentile = 0.95;
    private double safetyMargin = 0.15;
    private double upperConfidenceMultiplier = 1.0;
    private double upperConfidenceExponent = 1.0;
    private double lowerConfidenceMultiplier = 0.001;
    private double lowerConfidenceExponent = -2.0;
    private double samplesPerConfidenceDay = 1440;
    private double oomBumpRatio = 1.2;
    private double oomMinBumpBytes = 100 * MIB;
    private double podMinCpuCores = 0.025;
    private double podMinMemoryBytes = 250 * MIB;
    private double cpuMinAllowed = 0;
    private double cpuMaxAllowed = Double.POSITIVE_INFINITY;
    private double memoryMinAllowed = 0;
    private double memoryMaxAllowed = Double.POSITIVE_INFINITY;
    private double minSampleWeight = 0.1;

    private Builder() {}

    private static double positive(String what, double v) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(what + " must be finite and > 0, got " + v);
      }
      return v;
    }

    private static double fraction(String what, double v) {
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException(what + " must be in (0, 1], got " + v);
      }
      return v;
    }

    private static double nonNegative(String what, double v) {
      if (!(v >= 0)) {
        throw new IllegalArgumentException(what + " must be >= 0, got " + v);
      }
      return v;
    }

    /**
     * CPU buckets.
     *
     * @param firstCores width of the first bucket (0.01)
     * @param maxCores largest value with its own bucket (1000)
     * @return this
     */
    public Builder cpuBuckets(double firstCores, double maxCores) {
      cpuFirstBucket = positive("cpu first bucket", firstCores);
      cpuMaxValue = positive("cpu max value", maxCores);
      return this;
    }

    /**
     * Memory buckets.
     *
     * @param firstBytes width of the first bucket (1e7)
     * @param maxBytes largest value with its own bucket (1e12)
     * @return this
     */
    public Builder memoryBuckets(double firstBytes, double maxBytes) {
      memoryFirstBucket = positive("memory first bucket", firstBytes);
      memoryMaxValue = positive("memory max value", maxBytes);
      return this;
    }

    /**
     * Bucket growth and the weight below which a bucket counts as empty.
     *
     * @param growth each bucket is {@code 1 + growth} times wider than the previous (0.05)
     * @param epsilon empty-bucket weight (1e-4)
     * @return this
     */
    public Builder bucketGrowth(double growth, double epsilon) {
      bucketGrowth = positive("bucket growth", growth);
      this.epsilon = positive("epsilon", epsilon);
      return this;
    }

    /**
     * Half-lives of the sample weights.
     *
     * @param cpuMillis CPU half-life (24 h)
     * @param memoryMillis memory half-life (24 h)
     * @return this
     */
    public Builder halfLives(long cpuMillis, long memoryMillis) {
      if (cpuMillis < 1 || memoryMillis < 1) {
        throw new IllegalArgumentException("half-lives must be >= 1 ms");
      }
      cpuHalfLifeMillis = cpuMillis;
      memoryHalfLifeMillis = memoryMillis;
      return this;
    }

    /**
     * Length of the memory aggregation interval (one peak per interval, 24 h).
     *
     * @param millis the interval
     * @return this
     */
    public Builder memoryAggregationInterval(long millis) {
      if (millis < 1) {
        throw new IllegalArgumentException("memory aggregation interval must be >= 1 ms");
      }
      memoryAggregationMillis = millis;
      return this;
    }

    /**
     * Number of half-lives after the reference time before weights are renormalised (100).
     *
     * @param exponent the exponent
     * @return this
     */
    public Builder maxDecayExponent(double exponent) {
      maxDecayExponent = positive("max decay exponent", exponent);
      return this;
    }

    /**
     * Percentiles.
     *
     * @param cpuTarget CPU target (0.9)
     * @param memoryTarget memory-peak target (0.9)
     * @param lower lower bound (0.5)
     * @param upper upper bound (0.95)
     * @return this
     */
    public Builder percentiles(double cpuTarget, double memoryTarget, double lower, double upper) {
      cpuTargetPercentile = fraction("cpu target percentile", cpuTarget);
      memoryTargetPercentile = fraction("memory target percentile", memoryTarget);
      lowerPercentile = fraction("lower percentile", lower);
      upperPercentile = fraction("upper percentile", upper);
      return this;
    }

    /**
     * The safety margin fraction applied to target and bounds (0.15).
     *
     * @param margin the fraction, {@code > -1}
     * @return this
     */
    public Builder safetyMargin(double margin) {
      if (!(margin > -1) || Double.isInfinite(margin)) {
        throw new IllegalArgumentException("safety margin must be finite and > -1, got " + margin);
      }
      safetyMargin = margin;
      return this;
    }

    /**
     * Confidence multipliers {@code (1 + multiplier / c)^exponent}.
     *
     * @param upperMultiplier 1.0
     * @param upperExponent 1.0
     * @param lowerMultiplier 0.001
     * @param lowerExponent -2.0
     * @return this
     */
    public Builder confidenceMultipliers(
        double upperMultiplier, double upperExponent, double lowerMultiplier, double lowerExponent) {
      upperConfidenceMultiplier = nonNegative("upper confidence multiplier", upperMultiplier);
      lowerConfidenceMultiplier = nonNegative("lower confidence multiplier", lowerMultiplier);
      if (!Double.isFinite(upperExponent) || !Double.isFinite(lowerExponent)) {
        throw new IllegalArgumentException("confidence exponents must be finite");
      }
      upperConfidenceExponent = upperExponent;
      lowerConfidenceExponent = lowerExponent;
      return this;
    }

    /**
     * CPU samples that count as one day in the confidence (1440, one a minute). With 5-minute
     * samples VPA's confidence grows 5 times more slowly; 288 makes it grow by the calendar.
     *
     * @param samples samples per day
     * @return this
     */
    public Builder samplesPerConfidenceDay(double samples) {
      samplesPerConfidenceDay = positive("samples per confidence day", samples);
      return this;
    }

    /**
     * The OOM bump: the OOM sample is {@code max(used + minBytes, used × ratio)}.
     *
     * @param ratio 1.2
     * @param minBytes 100 MiB
     * @return this
     */
    public Builder oomBump(double ratio, double minBytes) {
      oomBumpRatio = positive("oom bump ratio", ratio);
      oomMinBumpBytes = nonNegative("oom min bump", minBytes);
      return this;
    }

    /**
     * Per-pod minimums applied to target and bounds (the whole pod's, for one container).
     *
     * @param cpuCores 0.025
     * @param memoryBytes 250 MiB
     * @return this
     */
    public Builder podMinimums(double cpuCores, double memoryBytes) {
      podMinCpuCores = nonNegative("pod min cpu", cpuCores);
      podMinMemoryBytes = nonNegative("pod min memory", memoryBytes);
      return this;
    }

    /**
     * Caps of the container resource policy (minAllowed / maxAllowed), applied last.
     *
     * @param cpuMin minimum cores (0)
     * @param cpuMax maximum cores (+inf)
     * @param memoryMin minimum bytes (0)
     * @param memoryMax maximum bytes (+inf)
     * @return this
     */
    public Builder caps(double cpuMin, double cpuMax, double memoryMin, double memoryMax) {
      cpuMinAllowed = nonNegative("cpu min allowed", cpuMin);
      memoryMinAllowed = nonNegative("memory min allowed", memoryMin);
      if (!(cpuMax >= cpuMin) || !(memoryMax >= memoryMin)) {
        throw new IllegalArgumentException("caps: max must be >= min");
      }
      cpuMaxAllowed = cpuMax;
      memoryMaxAllowed = memoryMax;
      return this;
    }

    /**
     * Smallest CPU sample weight when samples are weighted by the request (0.1 core).
     *
     * @param cores the weight
     * @return this
     */
    public Builder minSampleWeight(double cores) {
      minSampleWeight = positive("min sample weight", cores);
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public VpaSettings build() {
      return new VpaSettings(this);
    }
  }
}
