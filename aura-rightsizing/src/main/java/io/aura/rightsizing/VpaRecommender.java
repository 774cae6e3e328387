package io.aura.rightsizing;

import io.aura.features.InvalidDataException;

/**
 * The Kubernetes Vertical Pod Autoscaler's recommender for one container, re-implemented from its
 * design document and observed behaviour (kubernetes/autoscaler, {@code
 * vertical-pod-autoscaler/pkg/recommender}), streaming.
 *
 * <p>Algorithm: CPU usage samples go into a decaying histogram (weights double every half-life,
 * 24 h) with exponential buckets; memory is aggregated as one peak per container per interval (24
 * h): while a sample falls inside the current interval and exceeds its peak, the old peak is
 * subtracted from the memory histogram and the new one added, both at the interval's end time; a
 * sample past the interval starts the next one. An OOM kill adds a memory sample of {@code max(used
 * + 100 MiB, used × 1.2)} where {@code used = max(request, the interval's usage peak)}. The
 * recommendation is, per resource, {@code target = p90 × 1.15}, {@code lower = p50 × 1.15 × (1 +
 * 0.001/c)^-2}, {@code upper = p95 × 1.15 × (1 + 1/c)}, each at least the pod minimum (25 mCPU,
 * 250 MiB) and then clamped to the caps; {@code c} is the confidence in days ({@link
 * VpaRecommendation#confidenceDays()}). Percentiles are bucket upper edges. All constants are
 * {@link VpaSettings}.
 *
 * <p>Input policy: NaN = missing (skipped, counted in {@link #missingSamples()}); negative or
 * infinite usage, a memory sample {@code <= 0} (a working set is never 0 for a running container:
 * such values are missing data, map them to NaN) and samples out of time order (VPA drops them
 * silently) throw {@link InvalidDataException} naming the container, resource and time.
 *
 * <p>Thread safety: not thread-safe (one owner, or external locking). Memory: two {@code
 * double[176]} arrays with the default buckets, bounded whatever the history length. Cost: O(1)
 * per sample (one logarithm, a few multiplications; a O(buckets) renormalisation once every 100
 * half-lives), O(buckets) per {@link #recommend()}. Batch use ({@link #replay}) runs the same code
 * as streaming, so both give bit-identical recommendations.
 */
public final class VpaRecommender {
  private static final double DAY_MILLIS = 24.0 * 3600 * 1000;

  private final VpaSettings s;
  private final String container;
  final DecayingHistogram cpu;
  final DecayingHistogram memory;
  private long firstCpu = Long.MIN_VALUE; // fields not final: VpaStateFile restores them
  private long lastCpu = Long.MIN_VALUE;
  private long cpuSamples;
  private long missing;
  private long windowEnd = Long.MIN_VALUE;
  private long lastMemory = Long.MIN_VALUE;
  private double memoryPeak;
  private double oomPeak;

  /**
   * A recommender with no history.
   *
   * @param settings the settings
   * @param container the container's name, used in error messages
   */
  public VpaRecommender(VpaSettings settings, String container) {
    this.s = java.util.Objects.requireNonNull(settings, "settings");
    this.container = java.util.Objects.requireNonNull(container, "container");
    cpu =
        new DecayingHistogram(
            new ExponentialBuckets(s.cpuMaxValue, s.cpuFirstBucket, s.bucketGrowth, s.epsilon),
            s.cpuHalfLifeMillis,
            s.maxDecayExponent);
    memory =
        new DecayingHistogram(
            new ExponentialBuckets(
                s.memoryMaxValue, s.memoryFirstBucket, s.bucketGrowth, s.epsilon),
            s.memoryHalfLifeMillis,
            s.maxDecayExponent);
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public VpaSettings settings() {
    return s;
  }

  /**
   * Adds a CPU usage sample at weight 1 (VPA with a constant request: percentiles do not depend
   * on a constant weight).
   *
   * @param tMillis sample start, epoch ms, increasing
   * @param cores usage in cores; NaN = missing
   */
  public void addCpu(long tMillis, double cores) {
    addCpuWeighted(tMillis, cores, 1.0);
  }

  /**
   * Adds a CPU usage sample weighted by the container's request, as VPA does ({@code max(request,
   * 0.1)} cores): when the request grows, the history accumulated so far counts less.
   *
   * @param tMillis sample start, epoch ms, increasing
   * @param cores usage in cores; NaN = missing
   * @param requestCores the CPU request at that time, {@code >= 0}
   */
  public void addCpu(long tMillis, double cores, double requestCores) {
    if (!(requestCores >= 0) || Double.isInfinite(requestCores)) {
      throw new InvalidDataException(
          where(Resource.CPU, tMillis) + ": CPU request must be finite and >= 0, got "
              + requestCores);
    }
    addCpuWeighted(tMillis, cores, Math.max(requestCores, s.minSampleWeight));
  }

  private void addCpuWeighted(long t, double cores, double w) {
    if (Double.isNaN(cores)) {
      missing++;
      return;
    }
    if (!(cores >= 0) || Double.isInfinite(cores)) {
      throw new InvalidDataException(
          where(Resource.CPU, t) + ": CPU usage must be finite and >= 0, got " + cores);
    }
    if (cpuSamples > 0 && t <= lastCpu) {
      throw new InvalidDataException(
          where(Resource.CPU, t) + ": sample not after the previous one at " + lastCpu);
    }
    cpu.add(cores, w, t);
    if (cpuSamples == 0) {
      firstCpu = t;
    }
    lastCpu = t;
    cpuSamples++;
  }

  /**
   * Adds a memory working-set sample.
   *
   * @param tMillis sample time, epoch ms, not before the previous memory sample
   * @param bytes working set, {@code > 0}; NaN = missing
   */
  public void addMemory(long tMillis, double bytes) {
    if (Double.isNaN(bytes)) {
      missing++;
      return;
    }
    if (!(bytes > 0) || Double.isInfinite(bytes)) {
      throw new InvalidDataException(
          where(Resource.MEMORY, tMillis)
              + ": working set must be finite and > 0 (0 or less is missing data: pass NaN), got "
              + bytes);
    }
    if (lastMemory != Long.MIN_VALUE && tMillis < lastMemory) {
      throw new InvalidDataException(
          where(Resource.MEMORY, tMillis) + ": sample before the previous one at " + lastMemory);
    }
    lastMemory = tMillis;
    addMemoryPeak(tMillis, bytes, false);
  }

  /**
   * Records an OOM kill: adds the bumped sample {@code max(used + min bump, used × ratio)} with
   * {@code used = max(request, the current interval's usage peak)}.
   *
   * @param tMillis time of the kill, not older than the previous aggregation interval
   * @param requestBytes the memory request at the kill, {@code > 0}
   * @return the memory sample added, bytes
   */
  public double recordOom(long tMillis, double requestBytes) {
    if (!(requestBytes > 0) || Double.isInfinite(requestBytes)) {
      throw new InvalidDataException(
          where(Resource.MEMORY, tMillis) + ": OOM needs the memory request (> 0), got "
              + requestBytes);
    }
    if (windowEnd != Long.MIN_VALUE && tMillis < windowEnd - s.memoryAggregationMillis) {
      throw new InvalidDataException(
          where(Resource.MEMORY, tMillis) + ": OOM older than the current aggregation interval");
    }
    double used = Math.max(requestBytes, memoryPeak);
    double needed = Math.max(used + s.oomMinBumpBytes, used * s.oomBumpRatio);
    addMemoryPeak(tMillis, needed, true);
    return needed;
  }

  private void addMemoryPeak(long ts, double usage, boolean oom) {
    if (windowEnd == Long.MIN_VALUE) {
      windowEnd = ts;
    }
    boolean addNew = false;
    if (ts < windowEnd) {
      double old = Math.max(memoryPeak, oomPeak);
      if (old != 0 && usage > old) {
        memory.subtract(old, 1.0, windowEnd);
        addNew = true;
      }
    } else {
      long interval = s.memoryAggregationMillis;
      long shift = (ts - windowEnd) / interval * interval + interval;
      windowEnd += shift;
      memoryPeak = 0;
      oomPeak = 0;
      addNew = true;
    }
    if (oom) {
      oomPeak = Math.max(oomPeak, usage);
    } else {
      memoryPeak = Math.max(memoryPeak, usage);
    }
    if (addNew) {
      memory.add(usage, 1.0, windowEnd);
    }
  }

  /**
   * The current interval's peak (usage and OOM samples), bytes; 0 before any sample.
   *
   * @return the peak
   */
  public double currentMemoryPeak() {
    return Math.max(memoryPeak, oomPeak);
  }

  /**
   * CPU samples added so far.
   *
   * @return the count
   */
  public long cpuSamples() {
    return cpuSamples;
  }

  /**
   * NaN samples skipped so far (both resources).
   *
   * @return the count
   */
  public long missingSamples() {
    return missing;
  }

  /**
   * The confidence in days: {@code min(days between the first and last CPU sample, CPU samples /
   * samples per confidence day)}.
   *
   * @return days, 0 without CPU samples
   */
  public double confidenceDays() {
    if (cpuSamples == 0) {
      return 0;
    }
    double lifespan = (lastCpu - firstCpu) / DAY_MILLIS;
    return Math.min(lifespan, cpuSamples / s.samplesPerConfidenceDay);
  }

  /**
   * The recommendation from all samples so far. O(buckets), allocates the result.
   *
   * @return the recommendation
   */
  public VpaRecommendation recommend() {
    return recommend(s.safetyMargin);
  }

  /**
   * The recommendation with another safety margin (the same histograms; for margin sweeps).
   * O(buckets), allocates the result.
   *
   * @param safetyMargin the margin fraction, {@code > -1}
   * @return the recommendation
   */
  public VpaRecommendation recommend(double safetyMargin) {
    if (!(safetyMargin > -1)) {
      throw new IllegalArgumentException("safety margin must be > -1, got " + safetyMargin);
    }
    double c = confidenceDays();
    double m = 1 + safetyMargin;
    double up = Math.pow(1 + s.upperConfidenceMultiplier / c, s.upperConfidenceExponent);
    double lo = Math.pow(1 + s.lowerConfidenceMultiplier / c, s.lowerConfidenceExponent);
    double cpuT = cpu.percentile(s.cpuTargetPercentile) * m;
    double cpuL = cpu.percentile(s.lowerPercentile) * m * lo;
    double cpuU = cpu.percentile(s.upperPercentile) * m * up;
    double memT = memory.percentile(s.memoryTargetPercentile) * m;
    double memL = memory.percentile(s.lowerPercentile) * m * lo;
    double memU = memory.percentile(s.upperPercentile) * m * up;
    return new VpaRecommendation(
        cpuCap(Math.max(cpuT, s.podMinCpuCores)),
        cpuCap(Math.max(cpuL, s.podMinCpuCores)),
        cpuCap(Math.max(cpuU, s.podMinCpuCores)),
        memCap(Math.max(memT, s.podMinMemoryBytes)),
        memCap(Math.max(memL, s.podMinMemoryBytes)),
        memCap(Math.max(memU, s.podMinMemoryBytes)),
        c);
  }

  private double cpuCap(double v) {
    return Math.min(Math.max(v, s.cpuMinAllowed), s.cpuMaxAllowed);
  }

  private double memCap(double v) {
    return Math.min(Math.max(v, s.memoryMinAllowed), s.memoryMaxAllowed);
  }

  /**
   * Batch form: feeds equally timed CPU and memory series through a new recommender (the same
   * code as streaming) and returns its recommendation.
   *
   * @param settings the settings
   * @param container name for messages
   * @param startMillis time of sample 0
   * @param stepMillis spacing, {@code >= 1}
   * @param cpuCores CPU usage (NaN = missing)
   * @param memoryBytes memory working set (NaN = missing), same length
   * @return the recommendation
   */
  public static VpaRecommendation replay(
      VpaSettings settings,
      String container,
      long startMillis,
      long stepMillis,
      double[] cpuCores,
      double[] memoryBytes) {
    if (cpuCores.length != memoryBytes.length) {
      throw new InvalidDataException(
          container + ": CPU and memory series differ in length: " + cpuCores.length + " vs "
              + memoryBytes.length);
    }
    if (stepMillis < 1) {
      throw new IllegalArgumentException("step must be >= 1 ms, got " + stepMillis);
    }
    VpaRecommender r = new VpaRecommender(settings, container);
    for (int i = 0; i < cpuCores.length; i++) {
      long t = startMillis + i * stepMillis;
      r.addCpu(t, cpuCores[i]);
      r.addMemory(t, memoryBytes[i]);
    }
    return r.recommend();
  }

  void writeState(java.io.DataOutputStream out) throws java.io.IOException {
    out.writeUTF(container);
    double[] d = {s.cpuFirstBucket, s.cpuMaxValue, s.memoryFirstBucket, s.memoryMaxValue,
        s.bucketGrowth, s.epsilon, s.maxDecayExponent, s.cpuTargetPercentile,
        s.memoryTargetPercentile, s.lowerPercentile, s.upperPercentile, s.safetyMargin,
        s.upperConfidenceMultiplier, s.upperConfidenceExponent, s.lowerConfidenceMultiplier,
        s.lowerConfidenceExponent, s.samplesPerConfidenceDay, s.oomBumpRatio, s.oomMinBumpBytes,
        s.podMinCpuCores, s.podMinMemoryBytes, s.cpuMinAllowed, s.cpuMaxAllowed,
        s.memoryMinAllowed, s.memoryMaxAllowed, s.minSampleWeight};
    out.writeInt(d.length);
    for (double v : d) {
      out.writeDouble(v);
    }
    out.writeLong(s.cpuHalfLifeMillis);
    out.writeLong(s.memoryHalfLifeMillis);
    out.writeLong(s.memoryAggregationMillis);
    out.writeLong(firstCpu);
    out.writeLong(lastCpu);
    out.writeLong(cpuSamples);
    out.writeLong(missing);
    out.writeLong(windowEnd);
    out.writeLong(lastMemory);
    out.writeDouble(memoryPeak);
    out.writeDouble(oomPeak);
    for (DecayingHistogram h : new DecayingHistogram[] {cpu, memory}) {
      out.writeLong(h.reference);
      out.writeDouble(h.total);
      out.writeInt(h.minBucket);
      out.writeInt(h.maxBucket);
      out.writeInt(h.weight.length);
      for (double w : h.weight) {
        out.writeDouble(w);
      }
    }
  }

  static VpaRecommender readState(java.io.DataInputStream in) throws java.io.IOException {
    String name = in.readUTF();
    int n = in.readInt();
    if (n != 26) {
      throw new IllegalArgumentException("expected 26 settings, found " + n);
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = in.readDouble();
    }
    long cpuHalf = in.readLong();
    long memHalf = in.readLong();
    long agg = in.readLong();
    VpaSettings st = VpaSettings.builder()
        .cpuBuckets(d[0], d[1]).memoryBuckets(d[2], d[3]).bucketGrowth(d[4], d[5])
        .maxDecayExponent(d[6]).percentiles(d[7], d[8], d[9], d[10]).safetyMargin(d[11])
        .confidenceMultipliers(d[12], d[13], d[14], d[15]).samplesPerConfidenceDay(d[16])
        .oomBump(d[17], d[18]).podMinimums(d[19], d[20]).caps(d[21], d[22], d[23], d[24])
        .minSampleWeight(d[25]).halfLives(cpuHalf, memHalf).memoryAggregationInterval(agg)
        .build();
    VpaRecommender r = new VpaRecommender(st, name);
    r.firstCpu = in.readLong();
    r.lastCpu = in.readLong();
    r.cpuSamples = in.readLong();
    r.missing = in.readLong();
    r.windowEnd = in.readLong();
    r.lastMemory = in.readLong();
    r.memoryPeak = in.readDouble();
    r.oomPeak = in.readDouble();
    if (r.cpuSamples < 0 || r.missing < 0 || !(r.memoryPeak >= 0) || !(r.oomPeak >= 0)) {
      throw new IllegalArgumentException("negative counters or peaks");
    }
    for (DecayingHistogram h : new DecayingHistogram[] {r.cpu, r.memory}) {
      h.reference = in.readLong();
      h.total = in.readDouble();
      h.minBucket = in.readInt();
      h.maxBucket = in.readInt();
      int len = in.readInt();
      if (len != h.weight.length) {
        throw new IllegalArgumentException(
            "histogram of " + len + " buckets, the settings give " + h.weight.length);
      }
      if (h.minBucket < 0 || h.minBucket >= len || h.maxBucket < 0 || h.maxBucket >= len) {
        throw new IllegalArgumentException("bucket index out of range");
      }
      if (!(h.total >= 0) || Double.isInfinite(h.total)) {
        throw new IllegalArgumentException("histogram total " + h.total);
      }
      for (int i = 0; i < len; i++) {
        double w = in.readDouble();
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("bucket " + i + " weight " + w);
        }
        h.weight[i] = w;
      }
    }
    return r;
  }

  private String where(Resource r, long t) {
    return "container " + container + ", " + r.name().toLowerCase(java.util.Locale.ROOT)
        + " at " + java.time.Instant.ofEpochMilli(t);
  }
}
