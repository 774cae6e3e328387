package io.aura.ensemble.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DetectionPipeline} warns before an OOM kill or a full disk: a sliding least-squares
 * trend of the container's working set over its memory limit and of its file-system usage over its
 * limit, extrapolated to a threshold (see the session's trend rule in {@link PipelineSession}).
 *
 * <p>Defaults: a 30-sample window, R² ≥ 0.9, a 60-minute horizon, memory threshold 1.0 (the limit)
 * with floor 0.6, disk threshold 0.9 (kubelet's default eviction at 10 % free) with floor 0.5, and
 * an episode closes after 10 quiet samples.
 *
 * <p>Thread safety: immutable. Allocation: none after construction. Complexity: O(1).
 */
public final class WarningSettings {
  private final int window;
  private final double minR2;
  private final Duration horizon;
  private final double memoryThreshold;
  private final double memoryFloor;
  private final double diskThreshold;
  private final double diskFloor;
  private final int rearmSamples;
  private final int confirmSamples;

  private WarningSettings(Builder b) {
    this.window = b.window;
    this.minR2 = b.minR2;
    this.horizon = b.horizon;
    this.memoryThreshold = b.memoryThreshold;
    this.memoryFloor = b.memoryFloor;
    this.diskThreshold = b.diskThreshold;
    this.diskFloor = b.diskFloor;
    this.rearmSamples = b.rearmSamples;
    this.confirmSamples = b.confirmSamples;
  }

  /** @return the defaults */
  public static WarningSettings defaults() {
    return builder().build();
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return samples in the trend window */
  public int window() {
    return window;
  }

  /** @return the least R² of the trend line */
  public double minR2() {
    return minR2;
  }

  /** @return how far ahead a crossing may be to warn */
  public Duration horizon() {
    return horizon;
  }

  /** @return working set over limit that counts as an OOM kill */
  public double memoryThreshold() {
    return memoryThreshold;
  }

  /** @return least working set over limit to warn at */
  public double memoryFloor() {
    return memoryFloor;
  }

  /** @return file-system usage over limit that counts as full */
  public double diskThreshold() {
    return diskThreshold;
  }

  /** @return least file-system usage over limit to warn at */
  public double diskFloor() {
    return diskFloor;
  }

  /** @return quiet samples that close a warning episode */
  public int rearmSamples() {
    return rearmSamples;
  }

  /** @return consecutive samples the warning conditions must hold before an episode opens */
  public int confirmSamples() {
    return confirmSamples;
  }

  double[] toArray() {
    return new double[] {window, minR2, horizon.toMillis(), memoryThreshold, memoryFloor,
        diskThreshold, diskFloor, rearmSamples, confirmSamples};
  }

  static WarningSettings fromArray(double[] a) {
    if (a.length != 8 && a.length != 9) {
      throw new IllegalArgumentException("warning settings need 8 or 9 values, got " + a.length);
    }
    // Files written before confirmSamples existed hold 8 values: those warned at once.
    return builder().window((int) a[0]).minR2(a[1]).horizon(Duration.ofMillis((long) a[2]))
        .memory(a[3], a[4]).disk(a[5], a[6]).rearmSamples((int) a[7])
        .confirmSamples(a.length == 9 ? (int) a[8] : 1).build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WarningSettings w && java.util.Arrays.equals(toArray(), w.toArray());
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(toArray());
  }

  @Override
  public String toString() {
    return "WarningSettings{window=" + window + ", minR2=" + minR2 + ", horizon=" + horizon
        + ", memory=" + memoryThreshold + "/" + memoryFloor + ", disk=" + diskThreshold + "/"
        + diskFloor + ", rearm=" + rearmSamples + ", confirm=" + confirmSamples + "}";
  }

  /** Builder of {@link WarningSettings}; not thread-safe. */
  public static final class Builder {
    private int window = 30;
    private double minR2 = 0.9;
    private Duration horizon = Duration.ofMinutes(60);
    private double memoryThreshold = 1.0;
    private double memoryFloor = 0.6;
    private double diskThreshold = 0.9;
    private double diskFloor = 0.5;
    private int rearmSamples = 10;
    private int confirmSamples = 1;

    private Builder() {}

    /**
     * @param samples samples in the trend window, at least 3
     * @return this
     */
    public Builder window(int samples) {
      if (samples < 3 || samples > 100_000) {
        throw new IllegalArgumentException("trend window must be in [3, 100000], got " + samples);
      }
      this.window = samples;
      return this;
    }

    /**
     * @param r2 least R² of the trend line, in [0, 1]
     * @return this
     */
    public Builder minR2(double r2) {
      if (!(r2 >= 0 && r2 <= 1)) {
        throw new IllegalArgumentException("minR2 must be in [0, 1], got " + r2);
      }
      this.minR2 = r2;
      return this;
    }

    /**
     * @param h how far ahead a crossing may be to warn, positive
     * @return this
     */
    public Builder horizon(Duration h) {
      Objects.requireNonNull(h, "horizon");
      if (h.isNegative() || h.isZero()) {
        throw new IllegalArgumentException("horizon must be positive, got " + h);
      }
      this.horizon = h;
      return this;
    }

    /**
     * @param threshold working set over limit that counts as an OOM kill, positive
     * @param floor least working set over limit to warn at, in [0, threshold]
     * @return this
     */
    public Builder memory(double threshold, double floor) {
      check("memory", threshold, floor);
      this.memoryThreshold = threshold;
      this.memoryFloor = floor;
      return this;
    }

    /**
     * @param threshold file-system usage over limit that counts as full, positive
     * @param floor least usage over limit to warn at, in [0, threshold]
     * @return this
     */
    public Builder disk(double threshold, double floor) {
      check("disk", threshold, floor);
      this.diskThreshold = threshold;
      this.diskFloor = floor;
      return this;
    }

    /**
     * @param samples quiet samples that close a warning episode, at least 1
     * @return this
     */
    public Builder rearmSamples(int samples) {
      if (samples < 1) {
        throw new IllegalArgumentException("rearm samples must be at least 1, got " + samples);
      }
      this.rearmSamples = samples;
      return this;
    }

    /**
     * @param samples consecutive samples the conditions must hold before an episode opens (default
     *     1: at once), in [1, window]
     * @return this
     */
    public Builder confirmSamples(int samples) {
      if (samples < 1 || samples > 100_000) {
        throw new IllegalArgumentException("confirm samples must be in [1, 100000], got " + samples);
      }
      this.confirmSamples = samples;
      return this;
    }

    private static void check(String what, double threshold, double floor) {
      if (!(threshold > 0 && Double.isFinite(threshold) && floor >= 0 && floor <= threshold)) {
        throw new IllegalArgumentException(what + " threshold must be positive and finite and its floor in [0, "
            + "threshold], got " + threshold + " and " + floor);
      }
    }

    /** @return the settings */
    public WarningSettings build() {
      return new WarningSettings(this);
    }
  }
}
