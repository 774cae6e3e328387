package io.aura.examples;

import io.aura.features.FeatureSpec;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.KubernetesFeatures;
import io.aura.features.anomaly.AnomalyType;
import io.aura.io.kubernetes.IncidentLabeler;
import io.aura.io.kubernetes.LabelPhase;
import io.aura.io.kubernetes.RowLabels;
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
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
 *
 * <p>For each learner it also prints the quantization comparison (array bytes of the float32 and
 * binned models, and the change of ROC AUC and macro F1) and a pruning curve: {@link
 * TreePruner#curve} at several validation-margin tolerances, each point with its trees, nodes,
 * bytes, used features and test accuracy.
 *
 * <p>With {@code --csv FILE} it evaluates the same way on a public tabular data set instead (for
 * example {@code ../shared/data/iforest/mammography.csv}: {@code #} comment lines, numeric
 * features, the integer class label last); rows carry no time, so they are shuffled with the seed
 * and split 60 / 20 / 20. {@code --out DIR} writes each learner's test predictions with labels and
 * its pruning curve as CSV.
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

  @Option(names = "--curve", split = ",", description = "Tolerances of the pruning curve (default: ${DEFAULT-VALUE}).")
  double[] curveTolerances = {0, 0.01, 0.03, 0.1, 0.3, 1, 3};

  @Option(names = "--csv", description = "Evaluate on this CSV data set (numeric features, integer label last, '#' comments) instead of simulated data.")
  Path csv;

  @Option(names = "--out", description = "Directory for raw outputs: per-learner test predictions with labels and the pruning curve.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (out != null) {
      Files.createDirectories(out);
    }
    if (csv != null) {
      return evaluateCsv();
    }
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
        all.featureCount(), (System.nanoTime() - t0) / 1e9);
    List<String> names = className.stream().map(Enum::name).collect(Collectors.toList());
    System.out.printf(Locale.ROOT, "classes: %s%n", className);
    System.out.printf(Locale.ROOT, "split (time order): train %,d  validation %,d  test %,d rows%n",
        split.train().size(), split.validation().size(), split.test().size());
    System.out.printf(Locale.ROOT, "train rows per class: %s%n", counts(split.train(), names));
    System.out.printf(Locale.ROOT, "test rows per class: %s%n", counts(split.test(), names));
    System.out.println("macro F1 = mean F1 over the classes present in the test rows; anomaly-vs-normal AUC scores"
        + " 1 - P(NORMAL)");
    System.out.println();
    evaluateLearners(split, names);
    return 0;
  }

  /** Trains both learners and prints (and with --out writes) every variant's figures. */
  private void evaluateLearners(TimeOrderedSplit split, List<String> className) throws IOException {
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
          c.rounds(), model.treeCount(), model.numNodes(), trainSeconds);
      Scorer compiled = (row, o) -> model.predict(row, o);
      Eval compiledEval = report(learner + " compiled", compiled, split.test(), className, model);

      TreeEnsemble pruned = TreePruner.dropTrees(model, validation, pruneTolerance);
      System.out.printf(Locale.ROOT, "  pruned (tolerance %.2g on validation margins): %d of %d trees kept%n",
          pruneTolerance, pruned.treeCount(), model.treeCount());
      report(learner + " pruned", (row, o) -> pruned.predict(row, o), split.test(), className, pruned);

      BinnedTreeEnsemble binned;
      try {
        binned = BinnedTreeEnsemble.of(model);
      } catch (IllegalArgumentException e) {
        binned = null;
        System.out.printf(Locale.ROOT, "  binned: not applicable (%s)%n", e.getMessage());
      }
      if (binned != null) {
        BinnedTreeEnsemble b = binned;
        char[] scratch = new char[b.featureCount()];
        Scorer binnedScorer = (row, o) -> b.predict(row, scratch, o);
        Eval binnedEval = report(learner + " binned", binnedScorer, split.test(), className, model);
        long floatBytes = model.sizeBytes() - model.explanationBytes();
        System.out.printf(Locale.ROOT, "  %-20s quantization: bytes float32 %,d (+%,d covers/gains) binned %,d = %.2fx"
                + " smaller; ROC AUC change %+.4f, macro F1 change %+.4f (binned - float32)%n", "", floatBytes,
            model.explanationBytes(), b.sizeBytes(), (double) floatBytes / b.sizeBytes(),
            binnedEval.auc - compiledEval.auc, binnedEval.macro - compiledEval.macro);
        if (out != null) {
          writePredictions(out.resolve(learner + "-predictions.csv"), split.test(), compiledEval, binnedEval);
        }
      } else if (out != null) {
        writePredictions(out.resolve(learner + "-predictions.csv"), split.test(), compiledEval, null);
      }
      printCurve(learner, model, validation, split.test(), className);
      System.out.println();
    }
  }

  /** The public-data evaluation: load, shuffle with the seed, split 60/20/20, evaluate. */
  private int evaluateCsv() throws IOException {
    long t0 = System.nanoTime();
    LabeledRows all = readCsv(csv);
    int[] perm = new int[all.size()];
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = perm.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    float[][] x = new float[perm.length][];
    int[] y = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      x[i] = all.row(perm[i]);
      y[i] = all.label(perm[i]);
    }
    LabeledRows shuffled = LabeledRows.of(x, y, all.numClasses());
    TimeOrderedSplit split = TimeOrderedSplit.of(shuffled, 0.6, 0.2);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < all.numClasses(); c++) {
      names.add(Integer.toString(c));
    }
    System.out.printf(Locale.ROOT, "Aura trees on %s: %,d rows x %d features, %d classes; read in %.1f s%n", csv,
        all.size(), all.featureCount(), all.numClasses(), (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "split (shuffled with seed %d): train %,d  validation %,d  test %,d rows%n", seed,
        split.train().size(), split.validation().size(), split.test().size());
    System.out.printf(Locale.ROOT, "test rows per class: %s%n", counts(split.test(), names));
    System.out.println("macro F1 = mean F1 over the classes present in the test rows; ROC/PR AUC score 1 - P(class 0)"
        + " against label != 0");
    System.out.println();
    evaluateLearners(split, names);
    return 0;
  }

  /** Reads numeric rows with the integer class label last; '#' lines and a non-numeric header are skipped. */
  static LabeledRows readCsv(Path file) throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int width = -1;
    boolean first = true;
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (first) {
        first = false;
        try {
          Double.parseDouble(f[0].strip());
        } catch (NumberFormatException e) {
          continue; // a header line
        }
      }
      if (width < 0) {
        width = f.length;
        if (width < 2) {
          throw new InvalidDataException(file + ", line " + (ln + 1) + ": need features and a label");
        }
      } else if (f.length != width) {
        throw new InvalidDataException(file + ", line " + (ln + 1) + ": " + f.length + " fields, expected " + width);
      }
      float[] row = new float[width - 1];
      for (int c = 0; c < width - 1; c++) {
        String v = f[c].strip();
        try {
          row[c] = v.isEmpty() ? Float.NaN : Float.parseFloat(v); // empty or NaN = missing
        } catch (NumberFormatException e) {
          throw new InvalidDataException(file + ", line " + (ln + 1) + ", column " + (c + 1) + ": '" + v
              + "' is not a number");
        }
      }
      String lab = f[width - 1].strip();
      int label;
      try {
        label = Integer.parseInt(lab);
      } catch (NumberFormatException e) {
        throw new InvalidDataException(file + ", line " + (ln + 1) + ": label '" + lab + "' is not an integer");
      }
      if (label < 0) {
        throw new InvalidDataException(file + ", line " + (ln + 1) + ": negative label " + label);
      }
      rows.add(row);
      labels.add(label);
    }
    if (rows.isEmpty()) {
      throw new InvalidDataException(file + ": no data rows");
    }
    return LabeledRows.of(rows.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The size / accuracy curve of {@link TreePruner#curve} on the test rows. */
  private void printCurve(String learner, TreeEnsemble model, float[][] validation, LabeledRows test,
      List<String> className) throws IOException {
    List<TreePruner.CurvePoint> curve = TreePruner.curve(model, validation, curveTolerances);
    System.out.printf(Locale.ROOT, "  %s pruning curve (trees dropped by validation contribution, then unused"
        + " features removed and indices remapped; accuracy on the test rows):%n", learner);
    System.out.printf(Locale.ROOT, "  %9s %6s %7s %10s %8s %8s %8s  %s%n", "tolerance", "trees", "nodes", "bytes",
        "features", "macroF1", "ROC-AUC", "kept features (original index)");
    Writer w = out == null ? null : Files.newBufferedWriter(out.resolve(learner + "-pruning-curve.csv"),
        StandardCharsets.UTF_8);
    try {
      if (w != null) {
        w.write("tolerance,trees,nodes,bytes,features,macro_f1,roc_auc,kept_original_indices\n");
      }
      float[][] rows = rowsOf(test);
      for (TreePruner.CurvePoint p : curve) {
        TreePruner.FeatureSubset s = p.subset();
        TreeEnsemble m = p.model();
        float[] small = new float[m.featureCount()];
        Scorer scorer = (row, o) -> {
          s.select(row, small);
          m.predict(small, o);
        };
        Eval e = evaluate(scorer, rows, test, className, m.numGroups());
        int[] kept = s.originalIndex();
        String keptText = Arrays.toString(kept.length <= 16 ? kept : Arrays.copyOf(kept, 16));
        if (kept.length > 16) {
          keptText = keptText.substring(0, keptText.length() - 1) + ", ... (" + kept.length + ")]";
        }
        System.out.printf(Locale.ROOT, "  %9.3g %6d %7d %,10d %5d/%-3d %8.4f %8.4f  %s%n", p.tolerance(),
            m.treeCount(), m.numNodes(), m.sizeBytes() - m.explanationBytes(), kept.length, model.featureCount(),
            e.macro, e.auc, keptText);
        if (w != null) {
          w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%.6f,%.6f,%s%n", p.tolerance(), m.treeCount(),
              m.numNodes(), m.sizeBytes() - m.explanationBytes(), kept.length, e.macro, e.auc,
              Arrays.stream(kept).mapToObj(Integer::toString).collect(Collectors.joining(" "))));
        }
      }
    } finally {
      if (w != null) {
        w.close();
      }
    }
  }

  /** Test predictions with labels: row, label, anomaly score and predicted class of float32 (and binned). */
  private static void writePredictions(Path file, LabeledRows test, Eval compiled, Eval binned) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(binned == null ? "row,label,score_float32,predicted_float32\n"
          : "row,label,score_float32,predicted_float32,score_binned,predicted_binned\n");
      for (int i = 0; i < test.size(); i++) {
        w.write(i + "," + test.label(i) + "," + compiled.score[i] + "," + compiled.predicted[i]);
        if (binned != null) {
          w.write("," + binned.score[i] + "," + binned.predicted[i]);
        }
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static String counts(LabeledRows rows, List<String> names) {
    int[] c = rows.classCounts();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(i < c.length ? c[i] : 0);
    }
    return sb.toString();
  }

  /** Accuracy of one scorer on the test rows, with the per-row scores behind it. */
  private static final class Eval {
    double macro;
    double auc = Double.NaN;
    double pr = Double.NaN;
    String perClass;
    double[] score; // anomaly score 1 - P(class 0)
    int[] predicted;
  }

  /** Macro and per-class F1, and ROC/PR AUC of 1 - P(class 0) against label != 0. */
  private static Eval evaluate(Scorer scorer, float[][] rows, LabeledRows test, List<String> names, int groups) {
    int k = Math.max(2, names.size());
    int n = test.size();
    float[] o = new float[Math.max(k, groups)];
    Eval e = new Eval();
    e.predicted = new int[n];
    e.score = new double[n];
    boolean[] anomalous = new boolean[n];
    for (int i = 0; i < n; i++) {
      scorer.score(rows[i], o);
      double pNormal;
      if (groups == 1) { // binary: o[0] is P(class 1)
        pNormal = 1 - o[0];
        e.predicted[i] = o[0] > 0.5 ? 1 : 0;
      } else {
        pNormal = o[0];
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (o[c] > o[best]) {
            best = c;
          }
        }
        e.predicted[i] = best;
      }
      e.score[i] = 1 - pNormal;
      anomalous[i] = test.label(i) != 0;
    }
    // F1 per class present in the test rows (a class the test period never shows has no F1)
    int[] tp = new int[k];
    int[] fp = new int[k];
    int[] fn = new int[k];
    for (int i = 0; i < n; i++) {
      int t = test.label(i);
      int p = e.predicted[i];
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
    e.macro = macro / Math.max(1, counted);
    e.perClass = perClass.toString();
    boolean anyPos = false;
    boolean anyNeg = false;
    for (boolean a : anomalous) {
      anyPos |= a;
      anyNeg |= !a;
    }
    if (anyPos && anyNeg) {
      e.auc = RankingMetrics.rocAuc(e.score, anomalous);
      e.pr = RankingMetrics.averagePrecision(e.score, anomalous);
    }
    return e;
  }

  /** Accuracy lines and a rough per-row latency for one scorer on the test rows. */
  private static Eval report(String name, Scorer scorer, LabeledRows test, List<String> names,
      TreeEnsemble model) {
    int k = Math.max(2, names.size());
    int n = test.size();
    float[][] rows = rowsOf(test);
    Eval e = evaluate(scorer, rows, test, names, model.numGroups());
    String perClass = e.perClass;
    String auc = Double.isNaN(e.auc) ? "anomaly-vs-normal AUC: n/a (test rows of one kind only)"
        : String.format(Locale.ROOT, "anomaly-vs-normal ROC AUC %.4f  PR AUC %.4f", e.auc, e.pr);
    float[] out = new float[Math.max(k, model.numGroups())];
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
    System.out.printf(Locale.ROOT, "  %-20s macro F1 %.4f  %s%n", name, e.macro, auc);
    System.out.printf(Locale.ROOT, "  %-20s per-class F1: %s%n", "", perClass);
    System.out.printf(Locale.ROOT, "  %-20s latency %.2f us/row (timing loop, not JMH)%n", "", usPerRow);
    return e;
  }
}
