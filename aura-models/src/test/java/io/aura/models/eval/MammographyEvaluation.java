package io.aura.models.eval;

import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation program (not a unit test): ROC AUC and average precision of Isolation Forest on ODDS
 * mammography, with Smile's forest as a peer in the same run. Usage: {@code MammographyEvaluation
 * <path/to/mammography.csv> [--seeds N] [--out DIR]}; with {@code --out}, writes {@code
 * DIR/mammography-auc.csv} (variant, seed, roc_auc, average_precision).
 */
public final class MammographyEvaluation {
  private MammographyEvaluation() {}

  public static void main(String[] args) throws IOException {
    Path path = Path.of(args[0]);
    int seeds = 10;
    Path out = null;
    for (int a = 1; a < args.length; a++) {
      if (args[a].equals("--seeds")) {
        seeds = Integer.parseInt(args[++a]);
      } else if (args[a].equals("--out")) {
        out = Path.of(args[++a]);
      } else {
        throw new IllegalArgumentException("unknown argument " + args[a]);
      }
    }
    List<double[]> rows = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    for (String line : Files.readAllLines(path)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split(",");
      double[] r = new double[p.length - 1];
      for (int j = 0; j < r.length; j++) {
        r[j] = Double.parseDouble(p[j].trim());
      }
      rows.add(r);
      labels.add(Double.parseDouble(p[p.length - 1].trim()) == 1.0);
    }
    double[][] x = rows.toArray(new double[0][]);
    boolean[] y = new boolean[labels.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels.get(i);
    }
    StringBuilder csv = new StringBuilder("variant,seed,roc_auc,average_precision\n");
    for (String mode : new String[] {"standard", "extended-full", "extended-0", "smile-standard"}) {
      double sumAuc = 0;
      double sumAp = 0;
      double min = 1;
      double max = 0;
      for (int s = 0; s < seeds; s++) {
        double[] scores;
        if (mode.equals("smile-standard")) {
          // Peer in the same run: Smile (GPL, test scope only), same trees, depth and ψ.
          smile.math.MathEx.setSeed(s);
          scores = smile.anomaly.IsolationForest.fit(x, 100, 8, 256.0 / x.length, 0).score(x);
        } else {
          IsolationForestTrainer.Builder b =
              IsolationForestTrainer.builder().seed(s).trees(100).sampleSize(256);
          if (mode.equals("extended-full")) {
            b.extended(IsolationForestTrainer.FULLY_EXTENDED);
          } else if (mode.equals("extended-0")) {
            b.extended(0);
          }
          IsolationForest f = b.build().fit(x);
          scores = f.scoreAll(x);
        }
        double auc = RankingMetrics.rocAuc(scores, y);
        double ap = RankingMetrics.averagePrecision(scores, y);
        csv.append(mode).append(',').append(s).append(',').append(auc).append(',').append(ap).append('\n');
        sumAuc += auc;
        min = Math.min(min, auc);
        max = Math.max(max, auc);
        sumAp += ap;
      }
      System.out.printf(
          "%s: rows=%d anomalies=%d seeds=%d meanROCAUC=%.4f (min %.4f max %.4f) meanAP=%.4f%n",
          mode, x.length, labels.stream().filter(v -> v).count(), seeds, sumAuc / seeds, min, max,
          sumAp / seeds);
    }
    if (out != null) {
      Files.createDirectories(out);
      Files.writeString(out.resolve("mammography-auc.csv"), csv);
    }
  }
}
