package io.aura.examples;

import io.aura.features.InvalidDataException;
import io.aura.models.eval.RankingMetrics;
import io.aura.models.forest.IsolationForestTrainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores an ODDS-style outlier dataset (CSV: {@code #} comment lines, feature columns, the label
 * last with 1 = outlier) with an unsupervised detector fitted on the whole set, as Liu et al. did,
 * and reports ROC AUC and average precision (PR AUC).
 */
@Command(
    name = "outliers",
    mixinStandardHelpOptions = true,
    description = "ROC AUC and PR AUC of an Aura detector on an ODDS-style CSV; ends with 'AUC=.. PR_AUC=..'.")
final class OutliersCommand implements Callable<Integer> {
  @Option(names = "--csv", required = true, description = "The dataset, e.g. ../shared/data/iforest/mammography.csv")
  Path csv;

  @Option(names = "--detector", description = "iforest or iforest-extended (default: ${DEFAULT-VALUE}).",
      defaultValue = "iforest")
  String detector;

  @Option(names = "--seeds", description = "Forests fitted with seeds 0..n-1; the mean is reported (default: ${DEFAULT-VALUE}).")
  int seeds = 10;

  @Option(names = "--out", description = "Write DIR/<dataset>-<detector>.csv with seed,row,score,label.")
  Path out;

  @Override
  public Integer call() throws IOException {
    List<double[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    read(csv, rows, labels);
    double[][] x = rows.toArray(new double[0][]);
    boolean[] y = new boolean[labels.size()];
    int outliers = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
      outliers += y[i] ? 1 : 0;
    }
    Writer w = null;
    if (out != null) {
      Files.createDirectories(out);
      String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
      w = Files.newBufferedWriter(out.resolve(name + "-" + detector + ".csv"), StandardCharsets.UTF_8);
      w.write("seed,row,score,label\n");
    }
    double sumAuc = 0;
    double sumAp = 0;
    long t0 = System.nanoTime();
    for (int s = 0; s < seeds; s++) {
      IsolationForestTrainer.Builder b = IsolationForestTrainer.builder().seed(s).treeCount(100).sampleSize(256);
      if (detector.equals("iforest-extended")) {
        b.extended(IsolationForestTrainer.FULLY_EXTENDED);
      } else if (!detector.equals("iforest")) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "unknown detector '" + detector + "'; choose iforest or iforest-extended");
      }
      double[] scores = b.build().fit(x).scoreAll(x);
      double auc = RankingMetrics.rocAuc(scores, y);
      double ap = RankingMetrics.averagePrecision(scores, y);
      System.out.printf(Locale.ROOT, "seed %d: ROC AUC %.4f, PR AUC %.4f%n", s, auc, ap);
      sumAuc += auc;
      sumAp += ap;
      if (w != null) {
        for (int i = 0; i < scores.length; i++) {
          w.write(s + "," + i + "," + scores[i] + "," + (y[i] ? 1 : 0) + "\n");
        }
      }
    }
    if (w != null) {
      w.close();
    }
    System.out.printf(Locale.ROOT, "%s on %s: %d rows, %d features, %d outliers, %d seeds, %.1f s%n", detector,
        csv.getFileName(), x.length, x[0].length, outliers, seeds, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "AUC=%.4f PR_AUC=%.4f%n", sumAuc / seeds, sumAp / seeds);
    return 0;
  }

  /** Reads the CSV; a bad line is an error naming the file and line. */
  static void read(Path file, List<double[]> rows, List<Boolean> labels) throws IOException {
    int width = -1;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.split(",", -1);
        if (width < 0) {
          width = p.length;
          if (width < 2) {
            throw new InvalidDataException(file + ":" + n + ": need at least one feature and a label, got '" + line + "'");
          }
        } else if (p.length != width) {
          throw new InvalidDataException(file + ":" + n + ": " + p.length + " columns, expected " + width);
        }
        double[] row = new double[width - 1];
        for (int j = 0; j < row.length; j++) {
          row[j] = number(p[j], file, n, j + 1);
        }
        double label = number(p[width - 1], file, n, width);
        if (label != 0 && label != 1) {
          throw new InvalidDataException(file + ":" + n + ": label (last column) must be 0 or 1, got " + p[width - 1]);
        }
        rows.add(row);
        labels.add(label == 1);
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidDataException(file + ": no data rows");
    }
  }

  private static double number(String s, Path file, int line, int column) {
    try {
      double v = Double.parseDouble(s.trim());
      if (!Double.isFinite(v)) {
        throw new InvalidDataException(file + ":" + line + ": column " + column + " is not finite: " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new InvalidDataException(file + ":" + line + ": column " + column + " is not a number: '" + s + "'");
    }
  }
}
