package io.aura.ensemble.pipeline;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Publishes {@link PipelineDetection}s as Prometheus metrics, so that Grafana dashboards and
 * Alertmanager rules can use them:
 *
 * <table>
 *   <caption>Metrics (labels {@code namespace}, {@code pod}, {@code node} from the entity; empty when absent)</caption>
 *   <tr><th>name</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code aura_anomaly_score}</td><td>gauge</td><td>1 − P(normal) of the last sample</td></tr>
 *   <tr><td>{@code aura_novelty_score}</td><td>gauge</td><td>Isolation Forest score of the last sample</td></tr>
 *   <tr><td>{@code aura_anomaly_severity}</td><td>gauge</td><td>0 none, 1 low, 2 medium, 3 high, 4 critical</td></tr>
 *   <tr><td>{@code aura_detections_total}</td><td>counter</td><td>anomalous samples, by {@code type} and {@code severity}</td></tr>
 *   <tr><td>{@code aura_warning_eta_seconds}</td><td>gauge</td><td>predicted seconds until the anomaly {@code type}, present only while a warning is active</td></tr>
 *   <tr><td>{@code aura_warnings_total}</td><td>counter</td><td>warning episodes opened, by {@code type}</td></tr>
 *   <tr><td>{@code aura_alarm_severity}</td><td>gauge</td><td>severity of the open alarm episode so far (0 when none is open; see {@link PipelineAlarm})</td></tr>
 *   <tr><td>{@code aura_alarms_total}</td><td>counter</td><td>alarm episodes opened, by {@code type} at opening</td></tr>
 * </table>
 *
 * <p>An alerting rule then reads, for example, {@code aura_warning_eta_seconds{type="memory"} < 900},
 * or pages once per episode on {@code aura_alarm_severity > 0} (the false-alarm budget the trainer
 * calibrated applies to these episodes). Alarm metrics need {@link #record(PipelineSession,
 * PipelineDetection)}, which reads the session's alarm transition.
 * {@link #serve(String, int)} starts the small HTTP endpoint of {@code
 * prometheus-metrics-exporter-httpserver} on the given address ({@code /metrics}); {@link
 * #registry()} lets an application expose the metrics through its own server instead.
 *
 * <p>Thread safety: {@link #record} may be called from many threads (the metric types are
 * thread-safe). Allocation: a label-value array per call and one data point per new label set.
 * Complexity: O(1) per detection, plus a hash lookup per metric.
 */
public final class DetectionExporter implements AutoCloseable {
  private final java.util.Set<AnomalyType> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final PrometheusRegistry registry;
  private final Gauge score;
  private final Gauge novelty;
  private final Gauge severity;
  private final Counter detections;
  private final Gauge eta;
  private final Counter warnings;
  private final Gauge alarm;
  private final Counter alarms;
  private volatile HTTPServer server;

  private DetectionExporter(PrometheusRegistry registry) {
    this.registry = registry;
    this.score = Gauge.builder().name("aura_anomaly_score").help("1 - P(normal) of the last sample")
        .labelNames("namespace", "pod", "node").register(registry);
    this.novelty = Gauge.builder().name("aura_novelty_score").help("Isolation Forest score of the last sample")
        .labelNames("namespace", "pod", "node").register(registry);
    this.severity = Gauge.builder().name("aura_anomaly_severity")
        .help("Severity of the last sample: 0 none, 1 low, 2 medium, 3 high, 4 critical")
        .labelNames("namespace", "pod", "node").register(registry);
    this.detections = Counter.builder().name("aura_detections_total").help("Anomalous samples by type and severity")
        .labelNames("namespace", "pod", "node", "type", "severity").register(registry);
    this.eta = Gauge.builder().name("aura_warning_eta_seconds")
        .help("Predicted seconds until the anomaly, while a warning is active")
        .labelNames("namespace", "pod", "node", "type").register(registry);
    this.warnings = Counter.builder().name("aura_warnings_total").help("Warning episodes opened, by type")
        .labelNames("namespace", "pod", "node", "type").register(registry);
    this.alarm = Gauge.builder().name("aura_alarm_severity")
        .help("Severity of the open alarm episode so far: 0 none open, 1 low, 2 medium, 3 high, 4 critical")
        .labelNames("namespace", "pod", "node").register(registry);
    this.alarms = Counter.builder().name("aura_alarms_total").help("Alarm episodes opened, by type at opening")
        .labelNames("namespace", "pod", "node", "type").register(registry);
  }

  /**
   * An exporter with its own registry.
   *
   * @return the exporter
   */
  public static DetectionExporter create() {
    return new DetectionExporter(new PrometheusRegistry());
  }

  /**
   * An exporter that registers its metrics in an application's registry.
   *
   * @param registry the registry; must not hold metrics of the same names
   * @return the exporter
   */
  public static DetectionExporter in(PrometheusRegistry registry) {
    return new DetectionExporter(Objects.requireNonNull(registry, "registry"));
  }

  /** @return the registry holding the metrics */
  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Starts the HTTP endpoint ({@code /metrics}); at most once.
   *
   * @param host the address to bind, e.g. {@code "127.0.0.1"}
   * @param port the port, 0 for any free one
   * @return the bound port
   * @throws IOException if the port cannot be bound
   * @throws IllegalStateException if already serving
   */
  public synchronized int serve(String host, int port) throws IOException {
    if (server != null) {
      throw new IllegalStateException("the exporter already serves on port " + server.getPort());
    }
    server = HTTPServer.builder().hostname(Objects.requireNonNull(host, "host")).port(port).registry(registry)
        .buildAndStart();
    return server.getPort();
  }

  /**
   * Publishes one detection.
   *
   * @param d the detection
   */
  public void record(PipelineDetection d) {
    Labels e = d.entity();
    String ns = value(e, Labels.NAMESPACE);
    String pod = value(e, Labels.POD);
    String node = value(e, Labels.NODE);
    score.labelValues(ns, pod, node).set(d.score());
    novelty.labelValues(ns, pod, node).set(d.novelty());
    severity.labelValues(ns, pod, node).set(d.severity().ordinal());
    if (d.isAnomaly()) {
      detections.labelValues(ns, pod, node, d.type().label(), d.severity().name().toLowerCase(Locale.ROOT)).inc();
    }
    if (d.isWarning()) {
      warned.add(d.warningType());
    }
    for (AnomalyType t : warned) {
      if (d.warningType() == t) {
        eta.labelValues(ns, pod, node, t.label()).set(d.timeToAnomalyMillis() / 1000.0);
      } else {
        eta.remove(ns, pod, node, t.label());
      }
    }
    if (d.newWarning()) {
      warnings.labelValues(ns, pod, node, d.warningType().label()).inc();
    }
  }

  /**
   * Publishes one detection and what it did to its session's alarm episode: on {@code OPENED} the
   * episode counter, and the open episode's severity until it closes.
   *
   * @param session the session that made {@code d} (its last sample)
   * @param d the detection
   */
  public void record(PipelineSession session, PipelineDetection d) {
    record(d);
    Labels e = d.entity();
    String ns = value(e, Labels.NAMESPACE);
    String pod = value(e, Labels.POD);
    String node = value(e, Labels.NODE);
    switch (session.alarmTransition()) {
      case OPENED -> {
        PipelineAlarm a = session.lastAlarm();
        alarms.labelValues(ns, pod, node, a.type().label()).inc();
        alarm.labelValues(ns, pod, node).set(a.severity().ordinal());
      }
      case CONTINUED -> alarm.labelValues(ns, pod, node).set(session.lastAlarmSeverity().ordinal());
      case CLOSED, QUIET -> alarm.labelValues(ns, pod, node).set(0);
    }
  }

  private static String value(Labels labels, String name) {
    String v = labels.get(name);
    return v == null ? "" : v;
  }

  /** Stops the HTTP endpoint, if started. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
