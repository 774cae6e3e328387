package io.aura.simulator;

/**
 * The metrics {@link ClusterSimulator} emits, with their Prometheus names, kinds and frame column
 * names. Names follow cAdvisor ({@code container_*}), kube-state-metrics ({@code kube_*}) and the
 * usual HTTP instrumentation ({@code http_*}); all are valid Prometheus metric names.
 *
 * <p>The four resource metrics share one Prometheus name with a {@code resource} and a {@code unit}
 * label, as kube-state-metrics exposes them ({@code
 * kube_pod_container_resource_requests{resource="cpu", unit="core"}}); in a per-pod {@link
 * io.aura.features.Frame} each gets its own column, for example {@code
 * kube_pod_container_resource_requests_cpu_cores}. Likewise the p99 latency is a summary quantile
 * {@code http_request_duration_seconds{quantile="0.99"}}, column {@code
 * http_request_duration_seconds_p99}. Network metrics are per pod (cAdvisor reports them for the
 * pod sandbox) with {@code interface="eth0"} and no {@code container} label.
 *
 * <p>Thread safety: immutable enum. Allocation: none. Complexity: O(1).
 */
public enum SimulatedMetric {
  /** CPU seconds consumed (counter). */
  CPU_USAGE("container_cpu_usage_seconds_total", true, "", "", true),
  /** Elapsed CFS enforcement periods (counter). */
  CPU_CFS_PERIODS("container_cpu_cfs_periods_total", true, "", "", true),
  /** CFS periods in which the container was throttled (counter). */
  CPU_CFS_THROTTLED_PERIODS("container_cpu_cfs_throttled_periods_total", true, "", "", true),
  /** Total time throttled, seconds (counter). */
  CPU_CFS_THROTTLED_SECONDS("container_cpu_cfs_throttled_seconds_total", true, "", "", true),
  /** Memory working set, bytes (gauge). */
  MEMORY_WORKING_SET("container_memory_working_set_bytes", false, "", "", true),
  /** CPU request, cores (gauge). */
  CPU_REQUEST("kube_pod_container_resource_requests", false, "cpu", "core", true),
  /** Memory request, bytes (gauge). */
  MEMORY_REQUEST("kube_pod_container_resource_requests", false, "memory", "byte", true),
  /** CPU limit, cores (gauge). */
  CPU_LIMIT("kube_pod_container_resource_limits", false, "cpu", "core", true),
  /** Memory limit, bytes (gauge). */
  MEMORY_LIMIT("kube_pod_container_resource_limits", false, "memory", "byte", true),
  /** Container restarts (counter). */
  RESTARTS("kube_pod_container_status_restarts_total", true, "", "", true),
  /** Container file-system usage, bytes (gauge). */
  FS_USAGE("container_fs_usage_bytes", false, "", "", true),
  /** File-system capacity seen by the container (the node's disk), bytes (gauge). */
  FS_LIMIT("container_fs_limit_bytes", false, "", "", true),
  /** Bytes read (counter). */
  FS_READS("container_fs_reads_bytes_total", true, "", "", true),
  /** Bytes written (counter). */
  FS_WRITES("container_fs_writes_bytes_total", true, "", "", true),
  /** Bytes received (counter). */
  NETWORK_RECEIVE_BYTES("container_network_receive_bytes_total", true, "", "", false),
  /** Bytes transmitted (counter). */
  NETWORK_TRANSMIT_BYTES("container_network_transmit_bytes_total", true, "", "", false),
  /** Packets received (counter). */
  NETWORK_RECEIVE_PACKETS("container_network_receive_packets_total", true, "", "", false),
  /** Packets transmitted (counter). */
  NETWORK_TRANSMIT_PACKETS("container_network_transmit_packets_total", true, "", "", false),
  /** Receive errors (counter). */
  NETWORK_RECEIVE_ERRORS("container_network_receive_errors_total", true, "", "", false),
  /** Transmit errors (counter). */
  NETWORK_TRANSMIT_ERRORS("container_network_transmit_errors_total", true, "", "", false),
  /** HTTP requests served (counter). */
  HTTP_REQUESTS("http_requests_total", true, "", "", true),
  /** HTTP requests answered with a 5xx status (counter). */
  HTTP_ERRORS("http_request_errors_total", true, "", "", true),
  /** 99th-percentile request latency over the last step, seconds (gauge). */
  HTTP_LATENCY_P99("http_request_duration_seconds", false, "", "", true);

  private final String metricName;
  private final boolean counter;
  private final String resource;
  private final String unit;
  private final boolean perContainer;

  SimulatedMetric(
      String metricName, boolean counter, String resource, String unit, boolean perContainer) {
    this.metricName = metricName;
    this.counter = counter;
    this.resource = resource;
    this.unit = unit;
    this.perContainer = perContainer;
  }

  /**
   * The Prometheus metric name.
   *
   * @return the name
   */
  public String metricName() {
    return metricName;
  }

  /**
   * Whether the metric is a counter (monotonic except at restarts).
   *
   * @return true for a counter
   */
  public boolean isCounter() {
    return counter;
  }

  /**
   * The {@code resource} label value, or empty.
   *
   * @return the resource
   */
  public String resource() {
    return resource;
  }

  /**
   * The {@code unit} label value, or empty.
   *
   * @return the unit
   */
  public String unit() {
    return unit;
  }

  /**
   * Whether the series carries a {@code container} label (false for per-pod network metrics).
   *
   * @return true if per container
   */
  public boolean perContainer() {
    return perContainer;
  }

  /**
   * The column name in a per-pod frame: the metric name, plus {@code _<resource>_<unit>s} for
   * resource metrics, or {@code _p99} for the latency quantile.
   *
   * @return the column name
   */
  public String column() {
    if (!resource.isEmpty()) {
      return metricName + "_" + resource + "_" + unit + "s";
    }
    if (this == HTTP_LATENCY_P99) {
      return metricName + "_p99";
    }
    return metricName;
  }
}
