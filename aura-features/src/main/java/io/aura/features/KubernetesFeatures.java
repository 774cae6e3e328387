package io.aura.features;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The default Kubernetes pod feature set: from the usual cAdvisor and kube-state-metrics inputs to
 * 280-odd named features covering CPU (usage, requests, limits, CFS throttling), memory (working
 * set against request and limit, headroom), restarts, network (bytes and errors), filesystem (usage
 * against limit, I/O) and time of day.
 *
 * <p>Input names are Prometheus metric names. The cAdvisor ones are exactly as cAdvisor exposes
 * them (per container). kube-state-metrics v2 exposes requests and limits as {@code
 * kube_pod_container_resource_requests{resource="cpu"|"memory"}} and {@code ..._limits{...}}; Aura
 * names the four series with the v1-style suffixed names below (query them with the {@code
 * resource} matcher and name the column accordingly). A pod without a limit has a missing (NaN)
 * limit and the features derived from it are NaN, as documented in {@link FeatureSpec}.
 *
 * <p>Windows are 5 minutes, 15 minutes and 1 hour; rates use a range of four steps (Prometheus's
 * advice for {@code rate()} ranges). The step must divide 5 minutes, for example 15 s, 30 s or 1
 * minute.
 *
 * <p>Thread safety: stateless; the returned spec is immutable.
 */
public final class KubernetesFeatures {
  /** cAdvisor: cumulative CPU seconds (counter). */
  public static final String CPU_USAGE = "container_cpu_usage_seconds_total";

  /** cAdvisor: CFS periods (counter). */
  public static final String CPU_PERIODS = "container_cpu_cfs_periods_total";

  /** cAdvisor: throttled CFS periods (counter). */
  public static final String CPU_THROTTLED_PERIODS = "container_cpu_cfs_throttled_periods_total";

  /** cAdvisor: memory working set in bytes (gauge). */
  public static final String MEMORY_WORKING_SET = "container_memory_working_set_bytes";

  /** kube-state-metrics: CPU request in cores. */
  public static final String CPU_REQUEST = "kube_pod_container_resource_requests_cpu_cores";

  /** kube-state-metrics: CPU limit in cores. */
  public static final String CPU_LIMIT = "kube_pod_container_resource_limits_cpu_cores";

  /** kube-state-metrics: memory request in bytes. */
  public static final String MEMORY_REQUEST = "kube_pod_container_resource_requests_memory_bytes";

  /** kube-state-metrics: memory limit in bytes. */
  public static final String MEMORY_LIMIT = "kube_pod_container_resource_limits_memory_bytes";

  /** kube-state-metrics: container restarts (counter). */
  public static final String RESTARTS = "kube_pod_container_status_restarts_total";

  /** cAdvisor: received bytes (counter). */
  public static final String NETWORK_RX_BYTES = "container_network_receive_bytes_total";

  /** cAdvisor: transmitted bytes (counter). */
  public static final String NETWORK_TX_BYTES = "container_network_transmit_bytes_total";

  /** cAdvisor: receive errors (counter). */
  public static final String NETWORK_RX_ERRORS = "container_network_receive_errors_total";

  /** cAdvisor: transmit errors (counter). */
  public static final String NETWORK_TX_ERRORS = "container_network_transmit_errors_total";

  /** cAdvisor: filesystem bytes used (gauge). */
  public static final String FS_USAGE = "container_fs_usage_bytes";

  /** cAdvisor: filesystem size in bytes (gauge). */
  public static final String FS_LIMIT = "container_fs_limit_bytes";

  /** cAdvisor: bytes read (counter). */
  public static final String FS_READS = "container_fs_reads_bytes_total";

  /** cAdvisor: bytes written (counter). */
  public static final String FS_WRITES = "container_fs_writes_bytes_total";

  /** Every input of the default pod set, in the order a stream's input row follows. */
  public static final List<String> POD_INPUTS =
      List.of(
          CPU_USAGE,
          CPU_PERIODS,
          CPU_THROTTLED_PERIODS,
          MEMORY_WORKING_SET,
          CPU_REQUEST,
          CPU_LIMIT,
          MEMORY_REQUEST,
          MEMORY_LIMIT,
          RESTARTS,
          NETWORK_RX_BYTES,
          NETWORK_TX_BYTES,
          NETWORK_RX_ERRORS,
          NETWORK_TX_ERRORS,
          FS_USAGE,
          FS_LIMIT,
          FS_READS,
          FS_WRITES);

  private KubernetesFeatures() {}

  /**
   * The default pod feature set with calendar features in UTC.
   *
   * @param step the scrape step; must divide 5 minutes
   * @return the spec
   */
  public static FeatureSpec podFeatures(Duration step) {
    return podFeatures(step, ZoneOffset.UTC);
  }

  /**
   * The default pod feature set.
   *
   * @param step the scrape step; must divide 5 minutes
   * @param zone the zone of the calendar features
   * @return the spec
   */
  public static FeatureSpec podFeatures(Duration step, ZoneId zone) {
    Duration m5 = Duration.ofMinutes(5);
    Duration m15 = Duration.ofMinutes(15);
    Duration h1 = Duration.ofHours(1);
    if (m5.toMillis() % step.toMillis() != 0) {
      throw new InvalidDataException(
          "the default pod features need a step that divides 5 minutes, got " + step);
    }
    Duration rateRange = step.multipliedBy(4);
    FeatureSpec.Builder b = FeatureSpec.builder(step);
    b.counter(CPU_USAGE).counter(CPU_PERIODS).counter(CPU_THROTTLED_PERIODS);
    b.gauge(MEMORY_WORKING_SET);
    b.input(CPU_REQUEST).input(CPU_LIMIT).input(MEMORY_REQUEST).input(MEMORY_LIMIT);
    b.counter(RESTARTS);
    b.counter(NETWORK_RX_BYTES)
        .counter(NETWORK_TX_BYTES)
        .counter(NETWORK_RX_ERRORS)
        .counter(NETWORK_TX_ERRORS);
    b.gauge(FS_USAGE).input(FS_LIMIT).counter(FS_READS).counter(FS_WRITES);

    // Derived signals: Kubernetes ratios and per-second rates.
    b.rate("cpu_cores", CPU_USAGE, rateRange);
    b.ratio("cpu_usage_over_request", "cpu_cores", CPU_REQUEST);
    b.ratio("cpu_usage_over_limit", "cpu_cores", CPU_LIMIT);
    b.rate("cpu_periods_per_second", CPU_PERIODS, rateRange);
    b.rate("cpu_throttled_periods_per_second", CPU_THROTTLED_PERIODS, rateRange);
    b.ratio("cpu_throttled_fraction", "cpu_throttled_periods_per_second", "cpu_periods_per_second");
    b.product("cpu_throttling_pressure", "cpu_throttled_fraction", "cpu_usage_over_limit");
    b.ratio("memory_usage_over_request", MEMORY_WORKING_SET, MEMORY_REQUEST);
    b.ratio("memory_usage_over_limit", MEMORY_WORKING_SET, MEMORY_LIMIT);
    b.headroom("memory_limit_headroom", MEMORY_WORKING_SET, MEMORY_LIMIT);
    b.difference("memory_limit_headroom_bytes", MEMORY_LIMIT, MEMORY_WORKING_SET);
    b.counterDelta("restarts", RESTARTS);
    b.rate("network_receive_bytes_per_second", NETWORK_RX_BYTES, rateRange);
    b.rate("network_transmit_bytes_per_second", NETWORK_TX_BYTES, rateRange);
    b.rate("network_receive_errors_per_second", NETWORK_RX_ERRORS, rateRange);
    b.rate("network_transmit_errors_per_second", NETWORK_TX_ERRORS, rateRange);
    b.sum(
        "network_errors_per_second",
        "network_receive_errors_per_second",
        "network_transmit_errors_per_second");
    b.ratio("fs_usage_over_limit", FS_USAGE, FS_LIMIT);
    b.rate("fs_read_bytes_per_second", FS_READS, rateRange);
    b.rate("fs_write_bytes_per_second", FS_WRITES, rateRange);

    // Window statistics, lags, changes and smoothing of the signals that carry trouble.
    for (String s :
        List.of(
            "cpu_cores",
            "cpu_usage_over_limit",
            "cpu_throttled_fraction",
            MEMORY_WORKING_SET,
            "memory_usage_over_limit",
            "network_receive_bytes_per_second",
            "network_transmit_bytes_per_second",
            "network_errors_per_second",
            "fs_usage_over_limit",
            "fs_read_bytes_per_second",
            "fs_write_bytes_per_second")) {
      b.rolling(
          s,
          m5,
          RollingStat.MEAN,
          RollingStat.STD,
          RollingStat.MIN,
          RollingStat.MAX,
          RollingStat.MEDIAN,
          RollingStat.ZSCORE);
      b.rolling(
          s,
          m15,
          RollingStat.MEAN,
          RollingStat.STD,
          RollingStat.MAX,
          RollingStat.quantile(0.9),
          RollingStat.SKEWNESS,
          RollingStat.KURTOSIS,
          RollingStat.ZSCORE);
      b.rolling(
          s,
          h1,
          RollingStat.MEAN,
          RollingStat.STD,
          RollingStat.MIN,
          RollingStat.MAX,
          RollingStat.ZSCORE);
      b.lags(s, 1, 2);
      b.changes(s, true, false);
      b.ewma(s, 0.1, 0.5);
    }
    b.changes("memory_usage_over_limit", false, true);
    b.changes(MEMORY_WORKING_SET, false, true);
    b.rolling("memory_limit_headroom", m5, RollingStat.MIN);
    b.rolling("memory_limit_headroom", h1, RollingStat.MIN);
    b.changes("memory_limit_headroom", true, false);
    b.rolling("restarts", m15, RollingStat.MAX, RollingStat.MEAN);
    b.rolling("restarts", h1, RollingStat.MAX, RollingStat.MEAN);
    b.rolling("cpu_usage_over_request", m5, RollingStat.MEAN, RollingStat.MAX);
    b.rolling("memory_usage_over_request", m5, RollingStat.MEAN, RollingStat.MAX);
    b.calendar(zone);
    return b.build();
  }
}
