package io.aura.simulator;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.TimeSeries;
import io.aura.io.exposition.MetricType;
import io.aura.io.exposition.OpenMetricsWriter;
import io.aura.io.kubernetes.EventIncidents;
import io.aura.io.kubernetes.Incident;
import io.aura.io.kubernetes.KubeEvent;
import io.aura.io.kubernetes.KubectlJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The output of one {@link ClusterSimulator#run()}: metrics per pod (as Aura {@link TimeSeries} or
 * a per-pod {@link Frame}), the Kubernetes events the cluster would have emitted, the injected
 * faults and the ground-truth incidents.
 *
 * <p>All pods share one timestamp grid: {@code start + i × step} for {@code i} in {@code [0,
 * samples)}. A NaN value means the series had no sample then (container not running, pod being
 * replaced, node down), as a Prometheus range query would show.
 *
 * <p>Thread safety: immutable, safe to share; the accessors copy. Memory: {@code 8 × samples ×}
 * {@value #METRICS} bytes per pod. Complexity: {@link #frame} and {@link #series(SimulatedPod)}
 * O(samples × metrics); {@link #events()} O(1).
 */
public final class Simulation {
  /** Number of metrics per pod, {@code SimulatedMetric.values().length}. */
  public static final int METRICS = 23;

  private static final SimulatedMetric[] METRIC = SimulatedMetric.values();

  private final long[] timestamps;
  private final List<SimulatedPod> pods;
  private final List<String> nodes;
  private final double[][][] values; // [pod][metric][sample]
  private final List<KubeEvent> events;
  private final List<Fault> faults;
  private final List<GroundTruth> groundTruth;

  Simulation(
      long[] timestamps,
      List<SimulatedPod> pods,
      List<String> nodes,
      double[][][] values,
      List<KubeEvent> events,
      List<Fault> faults,
      List<GroundTruth> groundTruth) {
    this.timestamps = timestamps;
    this.pods = List.copyOf(pods);
    this.nodes = List.copyOf(nodes);
    this.values = values;
    this.events = List.copyOf(events);
    this.faults = List.copyOf(faults);
    this.groundTruth = List.copyOf(groundTruth);
  }

  /**
   * The shared timestamp grid.
   *
   * @return a copy, epoch milliseconds
   */
  public long[] timestamps() {
    return timestamps.clone();
  }

  /**
   * Number of samples per series.
   *
   * @return the sample count
   */
  public int samples() {
    return timestamps.length;
  }

  /**
   * The pods, in simulation order.
   *
   * @return an unmodifiable list
   */
  public List<SimulatedPod> pods() {
    return pods;
  }

  /**
   * The node names.
   *
   * @return an unmodifiable list
   */
  public List<String> nodes() {
    return nodes;
  }

  /**
   * The pod with the given namespace and name.
   *
   * @param namespace the namespace
   * @param name the pod name
   * @return the pod
   * @throws InvalidDataException if there is no such pod
   */
  public SimulatedPod pod(String namespace, String name) {
    return pods.get(indexOf(namespace, name));
  }

  /**
   * One metric of one pod.
   *
   * @param pod the pod
   * @param metric the metric
   * @return a copy of the values, one per timestamp; NaN = no sample
   */
  public double[] values(SimulatedPod pod, SimulatedMetric metric) {
    return values[indexOf(pod.namespace(), pod.name())][metric.ordinal()].clone();
  }

  /**
   * A pod's metrics as a frame: labels {@link SimulatedPod#labels()}, one column per {@link
   * SimulatedMetric}, named by {@link SimulatedMetric#column()}, in enum order.
   *
   * @param pod the pod
   * @return the frame
   */
  public Frame frame(SimulatedPod pod) {
    double[][] v = values[indexOf(pod.namespace(), pod.name())];
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    for (SimulatedMetric m : METRIC) {
      cols.put(m.column(), v[m.ordinal()]);
    }
    return Frame.of(pod.labels(), timestamps, cols);
  }

  /**
   * A pod's metrics as a frame.
   *
   * @param namespace the namespace
   * @param name the pod name
   * @return the frame
   * @throws InvalidDataException if there is no such pod
   */
  public Frame frame(String namespace, String name) {
    return frame(pod(namespace, name));
  }

  /**
   * A pod's metrics as Prometheus-style series: every series has {@code namespace}, {@code pod} and
   * {@code node} labels; per-container metrics add {@code container}, resource metrics add {@code
   * resource} and {@code unit}, network metrics add {@code interface="eth0"}, the latency adds
   * {@code quantile="0.99"}.
   *
   * @param pod the pod
   * @return one series per metric, in {@link SimulatedMetric} order
   */
  public List<TimeSeries> series(SimulatedPod pod) {
    double[][] v = values[indexOf(pod.namespace(), pod.name())];
    List<TimeSeries> out = new ArrayList<>(METRIC.length);
    Labels base =
        Labels.of(
            Labels.NAMESPACE, pod.namespace(), Labels.POD, pod.name(), Labels.NODE, pod.node());
    for (SimulatedMetric m : METRIC) {
      Labels l =
          m.perContainer()
              ? base.with(Labels.CONTAINER, pod.container())
              : base.with("interface", "eth0");
      if (!m.resource().isEmpty()) {
        l = l.with("resource", m.resource()).with("unit", m.unit());
      }
      if (m == SimulatedMetric.HTTP_LATENCY_P99) {
        l = l.with("quantile", "0.99");
      }
      out.add(TimeSeries.of(m.metricName(), l, timestamps, v[m.ordinal()]));
    }
    return out;
  }

  /**
   * All pods' series, pod by pod.
   *
   * @return the series
   */
  public List<TimeSeries> series() {
    List<TimeSeries> out = new ArrayList<>(pods.size() * METRIC.length);
    for (SimulatedPod p : pods) {
      out.addAll(series(p));
    }
    return out;
  }

  /**
   * Writes every pod's series as OpenMetrics text (counters typed as counters, the rest as gauges,
   * timestamps in seconds, ending with {@code # EOF}), ready for {@code promtool tsdb
   * create-blocks-from openmetrics} to backfill a Prometheus.
   *
   * @param out the writer (flushed, not closed)
   * @throws IOException when writing fails
   */
  public void writeOpenMetrics(Writer out) throws IOException {
    OpenMetricsWriter w = OpenMetricsWriter.create();
    for (SimulatedMetric m : METRIC) {
      w = w.withType(m.metricName(), m.isCounter() ? MetricType.COUNTER : MetricType.GAUGE);
    }
    w.write(series(), out);
  }

  /**
   * The Kubernetes events, in time order, one object per occurrence (count 1). A real kubelet folds
   * repeats into one object with a count; {@link io.aura.io.kubernetes.EventIncidents} handles
   * both.
   *
   * @return an unmodifiable list
   */
  public List<KubeEvent> events() {
    return events;
  }

  /**
   * Writes {@link #events()} as {@code kubectl get events -o json} would print them.
   *
   * @param out the writer (not closed)
   */
  public void writeEvents(Writer out) {
    KubectlJson.writeEvents(events, out);
  }

  /**
   * The injected faults (explicit and random), in start order.
   *
   * @return an unmodifiable list
   */
  public List<Fault> faults() {
    return faults;
  }

  /**
   * What really happened, in onset order.
   *
   * @return an unmodifiable list
   */
  public List<GroundTruth> groundTruth() {
    return groundTruth;
  }

  /**
   * The ground-truth incidents alone.
   *
   * @return the incidents, in onset order
   */
  public List<Incident> incidents() {
    List<Incident> out = new ArrayList<>(groundTruth.size());
    for (GroundTruth g : groundTruth) {
      out.add(g.incident());
    }
    return List.copyOf(out);
  }

  /**
   * The ground-truth incidents that Kubernetes events announce: the reference to score a pipeline
   * trained on event labels against, independent of Aura's event parsing.
   *
   * @return the incidents, in onset order
   */
  public List<Incident> eventVisibleIncidents() {
    List<Incident> out = new ArrayList<>(groundTruth.size());
    for (GroundTruth g : groundTruth) {
      if (g.visibleInEvents()) {
        out.add(g.incident());
      }
    }
    return List.copyOf(out);
  }

  /**
   * The incidents a user's cluster would be labelled with: those {@link EventIncidents#defaults()}
   * derives from the simulated Kubernetes events.
   *
   * @return the incidents
   */
  public List<Incident> eventIncidents() {
    return EventIncidents.defaults().derive(events());
  }

  /**
   * Every pod's raw metrics, in pod order ({@link #frame(SimulatedPod)} of each).
   *
   * @return an unmodifiable list
   */
  public List<Frame> frames() {
    List<Frame> out = new ArrayList<>(pods.size());
    for (SimulatedPod p : pods) {
      out.add(frame(p));
    }
    return List.copyOf(out);
  }

  /**
   * {@link #writeOpenMetrics(Writer)} into a string.
   *
   * @return the OpenMetrics text, ending with {@code # EOF}
   */
  public String openMetrics() {
    StringWriter w = new StringWriter();
    try {
      writeOpenMetrics(w);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  private int indexOf(String namespace, String name) {
    for (int i = 0; i < pods.size(); i++) {
      SimulatedPod p = pods.get(i);
      if (p.name().equals(name) && p.namespace().equals(namespace)) {
        return i;
      }
    }
    throw new InvalidDataException("simulation has no pod " + namespace + "/" + name);
  }
}
