package io.aura.examples;

import io.aura.features.Alignment;
import io.aura.features.Frame;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import io.aura.io.prometheus.PrometheusClient;
import io.aura.io.prometheus.QueryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the pipeline's raw inputs for every pod from a Prometheus: one range query per input,
 * summed by {@code (namespace, pod)}, aligned onto one frame per pod.
 *
 * <p>Each input is read as {@code sum by (namespace, pod) (last_over_time(SELECTOR[step − 1 ms]))},
 * so a grid time holds the last sample of its step and a step without samples stays missing (no
 * 5-minute lookback fill). Selectors: container metrics exclude the pod-level cgroup series ({@code
 * container=""}) and the pause container ({@code container="POD"}), which cAdvisor also exports and
 * which would double-count; kube-state-metrics' requests and limits are read from the v2 form
 * {@code kube_pod_container_resource_limits{resource="cpu",unit="core"}} for the column {@code
 * kube_pod_container_resource_limits_cpu_cores}. An input with no series for a pod becomes a column
 * of NaN (missing), never zeros.
 *
 * <p>Thread safety: stateless. Allocation: the query results and the frames. Complexity: one range
 * query per input, O(samples) to align.
 */
final class PrometheusPods {
  private static final Pattern RESOURCE =
      Pattern.compile("(kube_pod_container_resource_(?:requests|limits))_([a-z]+)_([a-z]+)s");

  private PrometheusPods() {}

  static String selector(String input) {
    Matcher m = RESOURCE.matcher(input);
    if (m.matches()) {
      return m.group(1) + "{resource=\"" + m.group(2) + "\",unit=\"" + m.group(3) + "\"}";
    }
    if (input.startsWith("container_network_")) {
      return input; // pod-level: the network namespace is the pod's
    }
    return input + "{container!=\"\",container!=\"POD\"}";
  }

  /**
   * One frame per pod, keyed by {@code namespace/pod}, with every input column.
   *
   * @param client the client
   * @param inputs the input column names (the pipeline's)
   * @param start first grid time
   * @param end last grid time
   * @param step the grid step (the pipeline's)
   * @return the frames, sorted by key
   */
  static Map<String, Frame> read(
      PrometheusClient client, List<String> inputs, Instant start, Instant end, Duration step) {
    Map<String, List<TimeSeries>> byPod = new TreeMap<>();
    Map<String, Labels> podLabels = new LinkedHashMap<>();
    String window = (step.toMillis() - 1) + "ms";
    for (String input : inputs) {
      QueryResult r =
          client.queryRange(
              "sum by (namespace, pod) (last_over_time(" + selector(input) + "[" + window + "]))",
              start,
              end,
              step);
      for (TimeSeries s : r.series()) {
        String ns = s.labels().get(Labels.NAMESPACE);
        String pod = s.labels().get(Labels.POD);
        if (ns == null || pod == null) {
          continue; // a series without a pod (e.g. a node-level cAdvisor series) is not a pod's
        }
        String key = ns + "/" + pod;
        podLabels.putIfAbsent(key, Labels.of(Labels.NAMESPACE, ns, Labels.POD, pod));
        byPod
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(TimeSeries.of(input, s.labels(), s.timestamps(), s.values()));
      }
    }
    Map<String, Frame> out = new TreeMap<>();
    long a = start.toEpochMilli();
    long b = end.toEpochMilli();
    long[] grid = new long[(int) ((b - a) / step.toMillis()) + 1];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = a + i * step.toMillis();
    }
    for (Map.Entry<String, List<TimeSeries>> e : byPod.entrySet()) {
      Frame aligned = Frame.align(e.getValue(), Alignment.onStep(step).range(a, b));
      LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
      for (String input : inputs) {
        double[] col = new double[grid.length];
        if (aligned.columnNames().contains(input)) {
          col = aligned.column(input);
        } else {
          java.util.Arrays.fill(col, Double.NaN);
        }
        cols.put(input, col);
      }
      out.put(e.getKey(), Frame.of(podLabels.get(e.getKey()), grid, cols));
    }
    return out;
  }
}
