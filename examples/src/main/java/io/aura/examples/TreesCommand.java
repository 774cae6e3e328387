package io.aura.examples;

import io.aura.features.FeatureSpec;
import io.aura.features.Frame;
import io.aura.features.KubernetesFeatures;
import io.aura.io.kubernetes.AnomalyType;
import io.aura.io.kubernetes.IncidentLabeler;
import io.aura.io.kubernetes.LabelPhase;
import io.aura.io.kubernetes.RowLabels;
import io.aura.io.simulator.ClusterSimulator;
import io.aura.io.simulator.SimulatedPod;
import io.aura.io.simulator.Simulation;
import io.aura.models.eval.RankingMetrics;
import io.aura.models.trees.BinnedTreeEnsemble;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.ClassWeights;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.ClassifierTrainer;
import io.aura.models.trees.LabeledRows;
import io.aura.models.trees.TimeOrderedSplit;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreePruner;
import io.aura.models.trees.lightgbm.LightGbmClassifierTrainer;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Gradient-boosted anomaly-type classification on simulated cluster data: per-pod frames from the
 * cluster simulator with random faults, the default pod features, labels from the ground-truth
 * incidents (a row inside an incident gets the incident's {@link AnomalyType}, every other row
 * {@code NORMAL}), all pods' rows in time order, split chronologically into train / validation /
 * test. Trains XGBoost and LightGBM (early stopping on the validation rows), and evaluates each
 * compiled model, its pruned form ({@link TreePruner#dropTrees}) and, where the model allows it,
 * its binned form ({@link BinnedTreeEnsemble}) on the test rows: macro and per-class F1, and the
 * binary "any anomaly" view (1 − P(NORMAL)) as ROC AUC and PR AUC. Latency per row is a plain
 * timing loop (not JMH; see {@code TreeBenchmark} in aura-bench for measured figures).
 */
@Command(
    name = "trees",
    mixinStandardHelpOptions = true,
    description = "Train XGBoost and LightGBM anomaly-type classifiers on simulated cluster data; print accuracy and latency.")
final class TreesCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--pods", description = "Pods (default: ${DEFAULT-VALUE}).")
  int pods = 6;

  @Option(names = "--days", description = "Days simulated (default: ${DEFAULT-VALUE}).")
  int days = 4;

  @Option(names = "--step", description = "Scrape step in seconds; must divide 300 (default: ${DEFAULT-VALUE}).")
  int stepSeconds = 60;

  @Option(names = "--faults", description = "Random faults to inject (default: ${DEFAULT-VALUE}).")
  int faults = 30;

  @Option(names = "--rounds", description = "Most boosting rounds (default: ${DEFAULT-VALUE}).")
  int rounds = 80;

  @Option(names = "--depth", description = "Tree depth (default: ${DEFAULT-VALUE}).")
  int depth = 5;

  @Option(names = "--threads", description = "Training threads (default: ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(names = "--prune-tolerance", description = "Largest margin change TreePruner may cause on the validation rows (default: ${DEFAULT-VALUE}).")
  double pruneTolerance = 0.05;

  @Override
  public Integer call() {
    Duration step = Duration.ofSeconds(stepSeconds);
    long t0 = System.nanoTime();
    Simulation sim = ClusterSimulator.builder().seed(seed).nodes(3).pods(pods).days(days).step(step)
        .randomFaults(faults).build().run();
    FeatureSpec spec = KubernetesFeatures.podFeatures(step);
    IncidentLabeler labeler = IncidentLabeler.withLead(Duration.ZERO);

    // every pod's rows, then a stable sort by timestamp: rows from all pods in time order
    List<float[]> rows = new ArrayList<>();
    List<AnomalyType> types = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    for (SimulatedPod p : sim.pods()) {
      Frame frame = sim.frame(p);
      Frame features = spec.transform(frame);
      RowLabels labels = labeler.label(frame, sim.incidents());
      double[] row = new double[features.columnCount()];
      for (int r = 0; r < features.rows(); r++) {
        features.row(r, row);
        float[] f = new float[row.length];
        for (int c = 0; c < row.length; c++) {
          f[c] = (float) row[c];
        }
        rows.add(f);
        types.add(labels.phase(r) == LabelPhase.INCIDENT ? labels.type(r) : AnomalyType.NORMAL);
        times.add(features.timestamp(r));
      }
    }
    Integer[] order = new Integer[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(times.get(a), times.get(b)));

    // classes: NORMAL first, then the anomaly types that occur, in enum order
    Map<AnomalyType, Integer> classOf = new EnumMap<>(AnomalyType.class);
    classOf.put(AnomalyType.NORMAL, 0);
    for (AnomalyType t : AnomalyType.values()) {
      if (t != AnomalyType.NORMAL && types.contains(t)) {
        classOf.put(t, classOf.size());
      }
    }
    List<AnomalyType> className = new ArrayList<>(classOf.keySet());
    int k = className.size();
    float[][] x = new float[order.length][];
    int[] y = new int[order.length];
    long[] ts = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      x[i] = rows.get(order[i]);
      y[i] = classOf.get(types.get(order[i]));
      ts[i] = times.get(order[i]);
    }
    LabeledRows all = LabeledRows.of(x, y, Math.max(2, k));
    TimeOrderedSplit split = TimeOrderedSplit.of(all, ts, 0.6, 0.2);
    if (split.validation() == null || split.test() == null) {
      System.out.println("too few rows for a train / validation / test split");
      return 1;
    }
    System.out.printf(Locale.ROOT, "Aura trees: %d pods, %d days at %d s, %d faults; %,d rows x %d features; "
            + "prepared in %.1f s%n", sim.pods().size(), days, stepSeconds, sim.faults().size(), all.size(),
        all.numFeatures(), (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "classes: %s%n", className);
    System.out.printf(Locale.ROOT, "split (time order): train %,d  validation %,d  test %,d rows%n",
        split.train().size(), split.validation().size(), split.test().size());
    System.out.printf(Locale.ROOT, "train rows per class: %s%n", counts(split.train(), className));
    System.out.printf(Locale.ROOT, "test rows per class: %s%n", counts(split.test(), className));
    System.out.println("macro F1 = mean F1 over the classes present in the test rows; anomaly-vs-normal AUC scores"
        + " 1 - P(NORMAL)");
    System.out.println();

    BoostingSettings settings = BoostingSettings.builder().rounds(rounds).learningRate(0.15).maxDepth(depth)
        .numLeaves(Math.min(255, (1 << depth) - 1)).earlyStoppingRounds(20).classWeights(ClassWeights.balanced())
        .seed(seed).threads(threads).build();
    float[][] validation = rowsOf(split.validation());
    for (String learner : List.of("xgboost", "lightgbm")) {
      ClassifierTrainer trainer = learner.equals("xgboost") ? XGBoostClassifierTrainer.of(settings)
          : LightGbmClassifierTrainer.of(settings);
      long t1 = System.nanoTime();
      Classifier c = trainer.fit(split.train(), split.validation());
      double trainSeconds = (System.nanoTime() - t1) / 1e9;
      TreeEnsemble model = c.ensemble();
      System.out.printf(Locale.ROOT, "%s: %d rounds kept, %d trees, %,d nodes, trained in %.1f s%n", learner,
          c.rounds(), model.numTrees(), model.numNodes(), trainSeconds);
      Scorer compiled = (row, out) -> model.predict(row, out);
      report(learner + " compiled", compiled, split.test(), className, model);

      TreeEnsemble pruned = TreePruner.dropTrees(model, validation, pruneTolerance);
      System.out.printf(Locale.ROOT, "  pruned (tolerance %.2g on validation margins): %d of %d trees kept%n",
          pruneTolerance, pruned.numTrees(), model.numTrees());
      report(learner + " pruned", (row, out) -> pruned.predict(row, out), split.test(), className, pruned);

      BinnedTreeEnsemble binned;
      try {
        binned = BinnedTreeEnsemble.of(model);
      } catch (IllegalArgumentException e) {
        binned = null;
        System.out.printf(Locale.ROOT, "  binned: not applicable (%s)%n", e.getMessage());
      }
      if (binned != null) {
        BinnedTreeEnsemble b = binned;
        char[] scratch = new char[b.numFeatures()];
        Scorer binnedScorer = (row, out) -> {
          b.predictRaw(row, scratch, out);
          model.link().apply(out, model.numGroups(), model.linkScale());
        };
        report(learner + " binned", binnedScorer, split.test(), className, model);
      }
      System.out.println();
    }
    return 0;
  }

  /** Probabilities for one row, one output per class (K-class models) or one margin (binary). */
  private interface Scorer {
    void score(float[] row, float[] out);
  }

  private static float[][] rowsOf(LabeledRows rows) {
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows.row(i);
    }
    return out;
  }

  private static String counts(LabeledRows rows, List<AnomalyType> names) {
    int[] c = rows.classCounts();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(i < c.length ? c[i] : 0);
    }
    return sb.toString();
  }

  /** Accuracy lines and a rough per-row latency for one scorer on the test rows. */
  private static void report(String name, Scorer scorer, LabeledRows test, List<AnomalyType> names,
      TreeEnsemble model) {
    int k = Math.max(2, names.size());
    int n = test.size();
    float[][] rows = rowsOf(test);
    float[] out = new float[Math.max(k, model.numGroups())];
    int[] predicted = new int[n];
    double[] anomalyScore = new double[n];
    boolean[] anomalous = new boolean[n];
    for (int i = 0; i < n; i++) {
      scorer.score(rows[i], out);
      double pNormal;
      if (model.numGroups() == 1) { // binary: out[0] is P(class 1)
        pNormal = 1 - out[0];
        predicted[i] = out[0] > 0.5 ? 1 : 0;
      } else {
        pNormal = out[0];
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (out[c] > out[best]) {
            best = c;
          }
        }
        predicted[i] = best;
      }
      anomalyScore[i] = 1 - pNormal;
      anomalous[i] = test.label(i) != 0;
    }
    // F1 per class present in the test rows (a class the test period never shows has no F1)
    int[] tp = new int[k];
    int[] fp = new int[k];
    int[] fn = new int[k];
    for (int i = 0; i < n; i++) {
      int t = test.label(i);
      int p = predicted[i];
      if (t == p) {
        tp[t]++;
      } else {
        fp[p]++;
        fn[t]++;
      }
    }
    StringBuilder perClass = new StringBuilder();
    double macro = 0;
    int counted = 0;
    for (int c = 0; c < k; c++) {
      if (tp[c] + fn[c] == 0) {
        continue;
      }
      double f1 = tp[c] == 0 ? 0 : 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
      macro += f1;
      counted++;
      perClass.append(counted == 1 ? "" : ", ").append(c < names.size() ? names.get(c) : "class" + c)
          .append(String.format(Locale.ROOT, "=%.3f", f1));
    }
    macro /= Math.max(1, counted);
    String auc;
    boolean anyPos = false;
    boolean anyNeg = false;
    for (boolean a : anomalous) {
      anyPos |= a;
      anyNeg |= !a;
    }
    if (anyPos && anyNeg) {
      auc = String.format(Locale.ROOT, "anomaly-vs-normal ROC AUC %.4f  PR AUC %.4f",
          RankingMetrics.rocAuc(anomalyScore, anomalous), RankingMetrics.averagePrecision(anomalyScore, anomalous));
    } else {
      auc = "anomaly-vs-normal AUC: n/a (test rows of one kind only)";
    }
    // latency: a plain timing loop after a short warm-up; wall clock, not JMH
    int reps = Math.max(1, 20_000 / Math.max(1, n));
    for (int r = 0; r < Math.max(1, reps / 4); r++) {
      for (float[] row : rows) {
        scorer.score(row, out);
      }
    }
    long t0 = System.nanoTime();
    for (int r = 0; r < reps; r++) {
      for (float[] row : rows) {
        scorer.score(row, out);
      }
    }
    double usPerRow = (System.nanoTime() - t0) / 1e3 / ((double) reps * n);
    System.out.printf(Locale.ROOT, "  %-20s macro F1 %.4f  %s%n", name, macro, auc);
    System.out.printf(Locale.ROOT, "  %-20s per-class F1: %s%n", "", perClass);
    System.out.printf(Locale.ROOT, "  %-20s latency %.2f us/row (timing loop, not JMH)%n", "", usPerRow);
  }
}
