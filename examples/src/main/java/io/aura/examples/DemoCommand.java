package io.aura.examples;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.DetectionPipelineTrainer;
import io.aura.ensemble.pipeline.LabeledSeries;
import io.aura.ensemble.pipeline.PipelineAlarm;
import io.aura.ensemble.pipeline.PipelineDetection;
import io.aura.ensemble.pipeline.PipelineEvaluation;
import io.aura.ensemble.pipeline.PipelineFile;
import io.aura.ensemble.pipeline.PipelineSession;
import io.aura.features.Frame;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Contribution;
import io.aura.io.kubernetes.Incident;
import io.aura.io.prometheus.PrometheusClient;
import io.aura.models.detect.AlarmTransition;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.GroundTruth;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main job, Aura end to end: simulate a cluster with injected faults, derive labels
 * from its Kubernetes events, train a {@link DetectionPipeline} on it, then run the pipeline
 * sample by sample over an unseen cluster and report what it said about every fault — detections
 * per fault type, the lead time of its warnings, an explanation, and the latency per sample.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Train the detection pipeline on a simulated cluster with faults, run it on an unseen one, and"
        + " report detections, warnings and latency.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Seed of the first training cluster; the unseen cluster uses seed + 1000"
      + " (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--clusters", description = "Simulated clusters of training history (default: ${DEFAULT-VALUE}).")
  int clusters = 3;

  @Option(names = "--pods", description = "Pods per cluster (default: ${DEFAULT-VALUE}).")
  int pods = 12;

  @Option(names = "--days", description = "Days of training history (default: ${DEFAULT-VALUE}).")
  int days = 4;

  @Option(names = "--test-days", description = "Days of the unseen cluster (default: ${DEFAULT-VALUE}).")
  int testDays = 2;

  @Option(names = "--faults", description = "Random faults per simulated day (default: ${DEFAULT-VALUE}).")
  int faultsPerDay = 6;

  @Option(names = "--rounds", description = "Most boosting rounds (default: ${DEFAULT-VALUE}).")
  int rounds = 120;

  @Option(names = "--save", description = "Write the trained pipeline to this file.")
  Path save;

  @Option(names = "--pipeline", description = "Use this pipeline file instead of training one.")
  Path pipelineFile;

  @Option(names = "--prometheus", description = "Read the pods' metrics from this Prometheus (e.g."
      + " http://127.0.0.1:9090) instead of simulating an unseen cluster.")
  String prometheus;

  @Option(names = "--start", description = "With --prometheus: first time, ISO-8601 (default: --end minus 6 hours).")
  Instant start;

  @Option(names = "--end", description = "With --prometheus: last time, ISO-8601 (default: now).")
  Instant end;

  private static final Duration STEP = Duration.ofMinutes(1);

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    System.out.println("Aura demo");
    DetectionPipeline pipeline;
    if (pipelineFile != null) {
      pipeline = PipelineFile.read(pipelineFile);
      System.out.printf(Locale.ROOT, "1-2. Loaded %s: %s%n", pipelineFile, pipeline);
    } else {
      pipeline = train(t0);
    }
    return prometheus == null ? simulated(pipeline, t0) : fromPrometheus(pipeline, t0);
  }

  private DetectionPipeline train(long t0) throws IOException {
    List<LabeledSeries> train = new ArrayList<>();
    int faults = 0;
    int events = 0;
    for (int c = 0; c < clusters; c++) {
      Simulation history = simulate(seed + c, days);
      train.addAll(LabeledSeries.of(history.frames(), history.eventIncidents()));
      faults += history.faults().size();
      events += history.events().size();
    }
    System.out.printf(Locale.ROOT, "1. History: %d simulated clusters of %d pods on 3 nodes, %d days at %d s,"
            + " %d faults injected; labels derived from their %,d Kubernetes events%n", clusters, pods, days,
        STEP.toSeconds(), faults, events);
    BoostingSettings settings = BoostingSettings.builder().rounds(rounds).learningRate(0.15).maxDepth(6)
        .earlyStoppingRounds(20).seed(seed).threads(Math.max(1, Runtime.getRuntime().availableProcessors()))
        .build();
    DetectionPipelineTrainer.Result fitted = DetectionPipelineTrainer.builder()
        .classifier(XGBoostClassifierTrainer.of(settings))
        .listener((stage, detail) -> System.out.printf(Locale.ROOT, "   %-10s %s%n", stage, detail))
        .build().fit(train);
    DetectionPipeline pipeline = fitted.pipeline();
    System.out.printf(Locale.ROOT, "2. Trained in %.1f s: %d features -> %d selected; classes %s%n",
        (System.nanoTime() - t0) / 1e9, pipeline.featureSpec().schema().size(), pipeline.selection().size(),
        pipeline.classes());
    if (save != null) {
      pipeline.save(save);
      System.out.printf(Locale.ROOT, "   saved %s (%,d bytes)%n", save, Files.size(save));
    }
    return pipeline;
  }

  private int fromPrometheus(DetectionPipeline pipeline, long t0) {
    Instant to = end != null ? end : Instant.now();
    Instant from = start != null ? start : to.minus(Duration.ofHours(6));
    long step = pipeline.step().toMillis();
    from = Instant.ofEpochMilli(from.toEpochMilli() / step * step);
    to = Instant.ofEpochMilli(to.toEpochMilli() / step * step);
    PrometheusClient client = PrometheusClient.builder(prometheus).build();
    Map<String, Frame> pods = PrometheusPods.read(client, pipeline.inputNames(), from, to, pipeline.step());
    System.out.printf(Locale.ROOT, "3. %s: %d pods from %s to %s at %d s%n", client, pods.size(), from, to,
        pipeline.step().toSeconds());
    System.out.println("4. What Aura says per pod:");
    long samples = 0;
    long nanos = 0;
    int anomalous = 0;
    int warned = 0;
    for (Map.Entry<String, Frame> e : pods.entrySet()) {
      long a = System.nanoTime();
      List<PipelineDetection> ds = pipeline.detect(e.getValue());
      nanos += System.nanoTime() - a;
      samples += ds.size();
      Map<AnomalyType, long[]> types = new java.util.EnumMap<>(AnomalyType.class); // {count, first}
      List<String> warnings = new ArrayList<>();
      for (PipelineDetection d : ds) {
        if (d.isAnomaly()) {
          types.computeIfAbsent(d.type(), t -> new long[] {0, d.timestampMillis()})[0]++;
        }
        if (d.newWarning()) {
          warnings.add(String.format(Locale.ROOT, "%s in ~%.0f min at %s", d.warningType().label(),
              d.timeToAnomalyMillis() / 60_000.0, Instant.ofEpochMilli(d.timestampMillis())));
        }
      }
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<AnomalyType, long[]> t : types.entrySet()) {
        sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s x%d from %s",
            t.getKey().label(), t.getValue()[0], Instant.ofEpochMilli(t.getValue()[1])));
      }
      anomalous += types.isEmpty() ? 0 : 1;
      warned += warnings.isEmpty() ? 0 : 1;
      System.out.printf(Locale.ROOT, "   %-40s %s%s%n", e.getKey(), types.isEmpty() ? "normal" : sb,
          warnings.isEmpty() ? "" : "; warnings: " + String.join(", ", warnings));
    }
    System.out.printf(Locale.ROOT, "5. Latency: %.2f us per sample over %,d samples. Total %.1f s.%n",
        samples == 0 ? Double.NaN : nanos / 1e3 / samples, samples, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "DEMO prometheus pods=%d samples=%d anomalous_pods=%d warned_pods=%d%n",
        pods.size(), samples, anomalous, warned);
    return 0;
  }

  private int simulated(DetectionPipeline pipeline, long t0) {
    Simulation unseen = simulate(seed + 1000, testDays);
    System.out.printf(Locale.ROOT, "3. Unseen cluster (seed %d): %d pods, %d days, %d faults; streaming every sample"
        + " through one session per pod%n", seed + 1000, unseen.pods().size(), testDays, unseen.faults().size());
    Map<String, List<PipelineDetection>> byPod = new HashMap<>();
    Map<String, List<PipelineAlarm>> alarmsByPod = new HashMap<>();
    long nanos = 0;
    long samples = 0;
    for (SimulatedPod p : unseen.pods()) {
      Frame inputs = unseen.frame(p).select(pipeline.inputNames());
      PipelineSession session = pipeline.newSession(p.labels());
      double[] row = new double[inputs.columnCount()];
      List<PipelineDetection> ds = new ArrayList<>(inputs.rows());
      List<PipelineAlarm> alarms = new ArrayList<>();
      for (int r = 0; r < inputs.rows(); r++) {
        inputs.row(r, row);
        long a = System.nanoTime();
        ds.add(session.update(inputs.timestamp(r), row));
        nanos += System.nanoTime() - a;
        if (session.alarmTransition() == AlarmTransition.CLOSED) {
          alarms.add(session.lastAlarm()); // what a pager would have been sent (on OPENED)
        }
      }
      if (session.alarmOpen()) {
        alarms.add(session.lastAlarm());
      }
      samples += inputs.rows();
      byPod.put(p.key(), ds);
      alarmsByPod.put(p.key(), alarms);
    }

    long differ = 0;
    long compared = 0;
    for (SimulatedPod p : unseen.pods()) {
      List<PipelineDetection> batch = pipeline.detect(unseen.frame(p));
      List<PipelineDetection> streamed = byPod.get(p.key());
      for (int r = 0; r < batch.size(); r++) {
        differ += batch.get(r).equals(streamed.get(r)) ? 0 : 1;
      }
      compared += batch.size();
    }
    System.out.printf(Locale.ROOT, "   batch = streaming: %s (%,d of %,d detections differ)%n",
        differ == 0 ? "identical" : "DIFFERENT", differ, compared);
    System.out.println("4. Every injected fault and what Aura said about it:");
    PipelineDetection example = null;
    for (GroundTruth g : unseen.groundTruth()) {
      Incident inc = g.incident();
      String podName = inc.entity().get("pod");
      List<SimulatedPod> affected = new ArrayList<>();
      for (SimulatedPod p : unseen.pods()) {
        if (p.name().equals(podName) || (podName == null && p.node().equals(inc.entity().get("node")))) {
          affected.add(p);
        }
      }
      String said = "not detected";
      if (podName == null && inc.type() == AnomalyType.STORAGE) {
        said = "node condition (disk pressure): needs node metrics, which a pod pipeline does not read";
        affected.clear();
      }
      for (SimulatedPod p : affected) {
        String s = describe(byPod.get(p.key()), inc, g.visibleInEvents());
        if (s != null) {
          said = (affected.size() > 1 ? p.name() + ": " : "") + s;
          if (example == null && g.visibleInEvents()) {
            example = firstOfType(byPod.get(p.key()), inc);
          }
          break;
        }
      }
      System.out.printf(Locale.ROOT, "   %-19s %-13s %-40s %s%n", g.fault().kind(), inc.type().label(),
          (podName != null ? podName : inc.entity().get("node")) + " at " + Instant.ofEpochMilli(inc.startMillis()),
          said);
    }
    if (example != null) {
      System.out.printf(Locale.ROOT, "5. Why: %s %s on %s at %s (confidence %.3f), top features:%n",
          example.type().label(), example.severity(), example.entity().get("pod"),
          Instant.ofEpochMilli(example.timestampMillis()), example.confidence());
      for (Contribution c : example.topFeatures()) {
        System.out.printf(Locale.ROOT, "     %-55s %+.3f%n", c.feature(), c.weight());
      }
    }

    PipelineEvaluation.Accumulator acc = PipelineEvaluation.accumulator(pipeline.warningHorizon(),
        Long.MIN_VALUE);
    List<LabeledSeries> truth = LabeledSeries.of(unseen.frames(), unseen.eventVisibleIncidents());
    for (int k = 0; k < unseen.pods().size(); k++) {
      String key = unseen.pods().get(k).key();
      acc.add(truth.get(k), new DetectionPipeline.PipelineRun(byPod.get(key), alarmsByPod.get(key)));
    }
    PipelineEvaluation ev = acc.result();
    System.out.println("6. Scored against the event-visible ground truth:");
    for (String line : ev.report().split("\n")) {
      System.out.println("   " + line);
    }
    System.out.printf(Locale.ROOT, "7. Latency: %.2f us per sample over %,d samples (features + GBDT + Isolation Forest"
        + " + warnings, wall clock with JIT warm-up; JMH in docs/benchmarks.md). Total %.1f s.%n", nanos / 1e3 / samples,
        samples, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "DEMO incidentMacroF1=%.4f warn_recall=%.3f warn_lead_min=%.1f"
        + " false_warn_per_pod_day=%.3f false_alarms_per_pod_day=%.3f alarm_recall=%.3f%n", ev.incidentMacroF1(),
        ev.warningRecall(), ev.medianLeadMinutes(), ev.falseWarningsPerPodDay(), ev.falseAlarmsPerPodDay(),
        ev.alarmRecall());
    return differ == 0 ? 0 : 1;
  }

  private Simulation simulate(long s, int d) {
    return ClusterSimulator.builder().seed(s).nodes(3).pods(pods).days(d).step(STEP).randomFaults(faultsPerDay * d)
        .build().run();
  }

  /** What the pipeline said about one incident on one pod, or null if nothing. */
  private static String describe(List<PipelineDetection> ds, Incident inc, boolean eventVisible) {
    long tol = PipelineEvaluation.TOLERANCE_STEPS * STEP.toMillis();
    List<String> parts = new ArrayList<>();
    // A warning episode that opened before the incident, within the horizon.
    for (PipelineDetection d : ds) {
      if (d.newWarning() && d.warningType() == inc.type() && d.timestampMillis() < inc.startMillis()
          && inc.startMillis() - d.timestampMillis() <= Duration.ofHours(1).toMillis()) {
        parts.add(String.format(Locale.ROOT, "warned %.0f min ahead (predicted %.0f min)",
            (inc.startMillis() - d.timestampMillis()) / 60_000.0, d.timeToAnomalyMillis() / 60_000.0));
        break;
      }
    }
    for (PipelineDetection d : ds) {
      long t = d.timestampMillis();
      if (t >= inc.startMillis() && t <= inc.endMillis() + tol && d.classifiedType() == inc.type()) {
        parts.add(String.format(Locale.ROOT, "%s detected %s after onset, %s", d.type().label(),
            minutes(t - inc.startMillis()), d.severity().name().toLowerCase(Locale.ROOT)));
        break;
      }
    }
    if (parts.isEmpty() && !eventVisible) {
      for (PipelineDetection d : ds) {
        long t = d.timestampMillis();
        if (t >= inc.startMillis() && t <= inc.endMillis() && d.isNovelty()) {
          parts.add(String.format(Locale.ROOT, "novelty flagged %s after onset (a kind never labelled: metrics-only"
              + " fault)", minutes(t - inc.startMillis())));
          break;
        }
      }
      if (parts.isEmpty()) {
        parts.add("metrics-only fault, no event to learn from: not flagged");
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static PipelineDetection firstOfType(List<PipelineDetection> ds, Incident inc) {
    for (PipelineDetection d : ds) {
      if (d.timestampMillis() >= inc.startMillis() && d.classifiedType() == inc.type() && !d.topFeatures().isEmpty()) {
        return d;
      }
    }
    return null;
  }

  private static String minutes(long millis) {
    return millis == 0 ? "at once" : String.format(Locale.ROOT, "%.0f min", millis / 60_000.0);
  }

}
