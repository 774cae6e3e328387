package io.aura.examples;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.DetectionPipelineTrainer;
import io.aura.ensemble.pipeline.LabeledSeries;
import io.aura.ensemble.pipeline.PipelineDetection;
import io.aura.ensemble.pipeline.PipelineEvaluation;
import io.aura.ensemble.pipeline.WarningSettings;
import io.aura.features.InvalidDataException;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.ClassWeights;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pipeline's acceptance run: trains a {@link DetectionPipeline} on some simulator seeds, with
 * labels derived from the simulated Kubernetes events (what a user has), and evaluates it on
 * unseen seeds against the simulator's event-visible ground truth (which the labels never saw).
 */
@Command(
    name = "k8s",
    mixinStandardHelpOptions = true,
    description = "Train the detection pipeline on simulator seeds and evaluate it on unseen ones; ends with"
        + " 'K8S macroF1=.. warn_recall=.. warn_lead_min=.. false_warn_per_pod_day=.. row_macroF1=.."
        + " false_alarms_per_pod_day=..'.")
final class K8sCommand implements Callable<Integer> {
  @Option(names = "--train-seeds", description = "Training seeds, a range like 1-5 (default: ${DEFAULT-VALUE}).")
  String trainSeeds = "1-5";

  @Option(names = "--test-seeds", description = "Unseen test seeds (default: ${DEFAULT-VALUE}).")
  String testSeeds = "100-109";

  @Option(names = "--nodes", description = "Nodes per seed (default: ${DEFAULT-VALUE}).")
  int nodes = 3;

  @Option(names = "--pods", description = "Pods per seed (default: ${DEFAULT-VALUE}).")
  int pods = 12;

  @Option(names = "--days", description = "Days per seed (default: ${DEFAULT-VALUE}).")
  int days = 4;

  @Option(names = "--faults", description = "Random faults per seed, of every kind (default: ${DEFAULT-VALUE}).")
  int faults = 24;

  @Option(names = "--step", description = "Scrape step in seconds, dividing 300 (default: ${DEFAULT-VALUE}).")
  int stepSeconds = 60;

  @Option(names = "--rounds", description = "Most boosting rounds (default: ${DEFAULT-VALUE}).")
  int rounds = 200;

  @Option(names = "--depth", description = "Tree depth (default: ${DEFAULT-VALUE}).")
  int depth = 6;

  @Option(names = "--features", description = "Most selected features (default: every feature that varies in training).")
  int features = Integer.MAX_VALUE;

  @Option(names = "--threads", description = "Training threads (default: ${DEFAULT-VALUE}).")
  int threads = 2;

  @Option(names = "--horizon", description = "Warning horizon in minutes (default: ${DEFAULT-VALUE}).")
  int horizonMinutes = 60;

  @Option(names = "--balanced", description = "Weight classes inversely to their frequency.")
  boolean balanced;

  @Option(names = "--challenger-depth", description = "Also train a challenger pipeline with this tree depth and"
      + " compare it with the champion on the test stream (paired per pod).")
  Integer challengerDepth;

  @Option(names = "--save", description = "Write the trained pipeline to this file.")
  Path save;

  @Option(names = "--out", description = "Write DIR/predictions.csv: every test row with its true and predicted type.")
  Path out;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    Duration step = Duration.ofSeconds(stepSeconds);
    List<LabeledSeries> train = new ArrayList<>();
    for (long seed : seeds(trainSeeds)) {
      Simulation sim = simulate(seed, step);
      train.addAll(LabeledSeries.of(sim.frames(), sim.eventIncidents()));
    }
    System.out.printf(Locale.ROOT, "k8s: training seeds %s (%d pods x %d days at %d s, %d faults each; labels from"
        + " the simulated Kubernetes events)%n", trainSeeds, pods, days, stepSeconds, faults);
    DetectionPipeline pipeline = train(train, depth);
    DetectionPipeline challenger = challengerDepth == null ? null : train(train, challengerDepth);
    System.out.printf(Locale.ROOT, "trained in %.1f s: %s%n%n", (System.nanoTime() - t0) / 1e9, pipeline);
    if (save != null) {
      pipeline.save(save);
      System.out.printf(Locale.ROOT, "saved %s (%,d bytes)%n", save, Files.size(save));
    }

    PipelineEvaluation.Accumulator acc = PipelineEvaluation.accumulator(pipeline.warningHorizon(),
        Long.MIN_VALUE);
    long detectNanos = 0;
    long samples = 0;
    List<Double> championErrors = new ArrayList<>();
    List<Double> challengerErrors = new ArrayList<>();
    int driftedPods = 0;
    int testPods = 0;
    java.util.Map<String, Integer> driftCounts = new java.util.TreeMap<>();
    Writer w = null;
    Path tmp = null;
    if (out != null) {
      Files.createDirectories(out);
      tmp = out.resolve("predictions.csv.tmp");
      w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
      w.write("seed,namespace,pod,timestamp,truth,predicted,severity,score,confidence,novelty,warning,eta_minutes,"
          + "new_warning\n");
    }
    try {
      for (long seed : seeds(testSeeds)) {
        Simulation sim = simulate(seed, step);
        List<LabeledSeries> truth = LabeledSeries.of(sim.frames(), sim.eventVisibleIncidents());
        for (int k = 0; k < sim.pods().size(); k++) {
          SimulatedPod p = sim.pods().get(k);
          LabeledSeries s = truth.get(k);
          long t1 = System.nanoTime();
          DetectionPipeline.PipelineRun run = pipeline.run(s.raw());
          List<PipelineDetection> ds = run.detections();
          detectNanos += System.nanoTime() - t1;
          samples += ds.size();
          acc.add(s, run);
          if (challenger != null) {
            championErrors.add(errorRate(s, ds));
            challengerErrors.add(errorRate(s, challenger.detect(s.raw())));
          }
          testPods++;
          var drift = pipeline.assessDrift(s.raw());
          if (drift.anyDrifted()) {
            driftedPods++;
            for (String f : drift.driftedFeatures()) {
              driftCounts.merge(f, 1, Integer::sum);
            }
          }
          if (w != null) {
            write(w, seed, p, s, ds);
          }
        }
      }
    } finally {
      if (w != null) {
        w.close();
      }
    }
    if (tmp != null) {
      Files.move(tmp, out.resolve("predictions.csv"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      System.out.println("wrote " + out.resolve("predictions.csv"));
    }
    PipelineEvaluation ev = acc.result();
    System.out.printf(Locale.ROOT, "test seeds %s, truth = the simulator's event-visible ground truth:%n%s%n", testSeeds,
        ev.report());
    List<String> frequent = new ArrayList<>(driftCounts.keySet());
    frequent.sort((a, b) -> driftCounts.get(b) - driftCounts.get(a));
    System.out.printf(Locale.ROOT, "data drift against the training reference: %d of %d test pods have drifted"
        + " features; most often: %s%n", driftedPods, testPods, frequent.subList(0, Math.min(5, frequent.size())));
    if (challenger != null) {
      var verdict = io.aura.ensemble.compare.ChampionChallenger.builder().build().compare(
          championErrors.stream().mapToDouble(Double::doubleValue).toArray(),
          challengerErrors.stream().mapToDouble(Double::doubleValue).toArray());
      System.out.printf(Locale.ROOT, "champion (depth %d) vs challenger (depth %d), row error rate per pod: %.5f vs"
              + " %.5f, Welch p=%.4f, Cohen's d=%.3f, 95%% CI of the difference [%.5f, %.5f] -> %s%n", depth,
          challengerDepth, verdict.championMean(), verdict.challengerMean(), verdict.welchPValue(), verdict.cohensD(),
          verdict.ciLower(), verdict.ciUpper(), verdict.outcome());
    }
    System.out.printf(Locale.ROOT, "detection: %.2f us per sample over %,d samples (wall clock incl. JIT warm-up; JMH"
        + " figures in docs/benchmarks.md); total %.1f s%n", detectNanos / 1e3 / samples, samples,
        (System.nanoTime() - t0) / 1e9);
    System.out.println("macroF1 is per incident (see PipelineEvaluation); row_macroF1 scores every row.");
    System.out.printf(Locale.ROOT, "K8S macroF1=%.4f warn_recall=%.3f warn_lead_min=%.1f false_warn_per_pod_day=%.3f"
        + " row_macroF1=%.4f false_alarms_per_pod_day=%.3f alarm_recall=%.3f%n", ev.incidentMacroF1(),
        ev.warningRecall(), ev.medianLeadMinutes(), ev.falseWarningsPerPodDay(), ev.macroF1(),
        ev.falseAlarmsPerPodDay(), ev.alarmRecall());
    return 0;
  }

  private DetectionPipeline train(List<LabeledSeries> train, int treeDepth) {
    BoostingSettings settings = BoostingSettings.builder().rounds(rounds).learningRate(0.15).maxDepth(treeDepth)
        .earlyStoppingRounds(20).classWeights(balanced ? ClassWeights.balanced() : ClassWeights.none()).seed(42)
        .threads(threads).build();
    return DetectionPipelineTrainer.builder()
        .classifier(XGBoostClassifierTrainer.of(settings))
        .selectedFeatures(features)
        .warnings(WarningSettings.builder().horizon(Duration.ofMinutes(horizonMinutes)).build())
        .listener((stage, detail) -> System.out.printf(Locale.ROOT, "  %-10s %s%n", stage, detail))
        .build().fit(train).pipeline();
  }

  /** Share of a pod's rows whose classified type is wrong (the paired unit of the comparison). */
  private static double errorRate(LabeledSeries s, List<PipelineDetection> ds) {
    var labels = io.aura.io.kubernetes.IncidentLabeler.withLead(Duration.ZERO).label(s.raw(), s.podIncidents());
    int wrong = 0;
    for (int r = 0; r < ds.size(); r++) {
      var truth = labels.phase(r) == io.aura.io.kubernetes.LabelPhase.INCIDENT ? labels.type(r)
          : io.aura.features.anomaly.AnomalyType.NORMAL;
      wrong += ds.get(r).classifiedType() == truth ? 0 : 1;
    }
    return wrong / (double) ds.size();
  }

  private Simulation simulate(long seed, Duration step) {
    return ClusterSimulator.builder().seed(seed).nodes(nodes).pods(pods).days(days).step(step).randomFaults(faults)
        .build().run();
  }

  private static void write(Writer w, long seed, SimulatedPod p, LabeledSeries s, List<PipelineDetection> ds)
      throws IOException {
    var labels = io.aura.io.kubernetes.IncidentLabeler.withLead(Duration.ZERO).label(s.raw(), s.incidents());
    for (int r = 0; r < ds.size(); r++) {
      PipelineDetection d = ds.get(r);
      var truth = labels.phase(r) == io.aura.io.kubernetes.LabelPhase.INCIDENT ? labels.type(r)
          : io.aura.features.anomaly.AnomalyType.NORMAL;
      w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%.5f,%.5f,%.5f,%s,%s,%b%n", seed, p.namespace(),
          p.name(), Instant.ofEpochMilli(d.timestampMillis()), truth.label(), d.type().label(),
          d.severity().name().toLowerCase(Locale.ROOT), d.score(), d.confidence(), d.novelty(),
          d.warningType().label(), d.timeToAnomalyMillis() < 0 ? "" : String.format(Locale.ROOT, "%.1f",
              d.timeToAnomalyMillis() / 60_000.0), d.newWarning()));
    }
  }

  /** Parses {@code 1-5} or {@code 7} or {@code 1,3,9}. */
  static long[] seeds(String spec) {
    List<Long> out = new ArrayList<>();
    try {
      for (String part : spec.split(",")) {
        String p = part.trim();
        int dash = p.indexOf('-', 1);
        if (dash > 0) {
          long a = Long.parseLong(p.substring(0, dash).trim());
          long b = Long.parseLong(p.substring(dash + 1).trim());
          if (b < a || b - a > 10_000) {
            throw new InvalidDataException("seed range '" + p + "' must be ascending and at most 10000 long");
          }
          for (long s = a; s <= b; s++) {
            out.add(s);
          }
        } else {
          out.add(Long.parseLong(p));
        }
      }
    } catch (NumberFormatException e) {
      throw new InvalidDataException("bad seed list '" + spec + "': " + e.getMessage());
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }
}
