package io.aura.eval.mts;

import io.aura.models.detect.AnomalyModel;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.multivariate.KnnModel;
import io.aura.models.multivariate.KnnTrainer;
import io.aura.models.multivariate.LagWindow;
import io.aura.models.multivariate.PcaTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named detector configurations of the {@code mts} program, all global (never per entity).
 * {@code aura} is the configuration frozen after the SMD study in docs/detectors.md; the others are
 * the in-harness baselines and the candidates that study compared.
 *
 * <p>Thread safety: stateless.
 */
final class MtsDetectors {
  /** The smallest per-metric scale, in the data's units (SMD is min-max scaled to [0, 1]). */
  static final double FLOOR = 0.01;

  static final int RESERVOIR = 2000;
  static final long SEED = 42;

  /** The frozen configuration's name. */
  static final String CHOSEN = "aura";

  private MtsDetectors() {}

  /** A detector fitted on one entity's train rows. */
  record Fitted(double[] trainScores, Session session) {}

  /** A causal scorer of test rows, with attribution when it has one. */
  interface Session {
    double update(double[] row);

    /** Per-metric shares of the last score; false when this detector has no attribution. */
    boolean contributions(double[] out);
  }

  interface Spec {
    Fitted fit(double[][] train);
  }

  static Map<String, Spec> all() {
    Map<String, Spec> m = new LinkedHashMap<>();
    m.put(CHOSEN, train -> knn(train, 8, 1));
    m.put("pca90", train -> model(train, 0, PcaTrainer.unscaled(0.9).fit(train), null));
    m.put("knn1", train -> knn(train, 0, 1));
    m.put(
        "iforest",
        train ->
            model(
                train,
                0,
                IsolationForestTrainer.builder()
                    .treeCount(100)
                    .sampleSize(256)
                    .seed(SEED)
                    .build()
                    .fit(train),
                null));
    m.put("random", MtsDetectors::random);
    m.put(
        "pca90-z",
        train -> {
          double[][] w = LagWindow.rows(train, 0);
          return model(train, 0, new PcaTrainer(0.9, FLOOR).fit(w), null);
        });
    m.put("knn-z-lag3", train -> knn(train, 3, 1));
    m.put("knn-z-lag8-k3", train -> knn(train, 8, 3));
    return m;
  }

  static List<String> baselines() {
    return List.of("pca90", "knn1", "iforest", "random");
  }

  private static Fitted knn(double[][] train, int lags, int k) {
    double[][] w = LagWindow.rows(train, lags);
    KnnModel model = new KnnTrainer(RESERVOIR, k, FLOOR, SEED).fit(w);
    return model(train, lags, model, model.trainingScores(w));
  }

  /**
   * Streams test rows through a lag window primed with the last train rows (test follows train).
   */
  private static Fitted model(
      double[][] train, int lags, AnomalyModel model, double[] trainScores) {
    int d = train[0].length;
    double[] scores =
        trainScores != null ? trainScores : model.scoreAll(LagWindow.rows(train, lags));
    LagWindow window = new LagWindow(model, d, lags);
    for (int i = Math.max(0, train.length - lags); i < train.length; i++) {
      window.update(train[i]);
    }
    return new Fitted(
        scores,
        new Session() {
          @Override
          public double update(double[] row) {
            return window.update(row);
          }

          @Override
          public boolean contributions(double[] out) {
            window.contributions(out);
            return true;
          }
        });
  }

  private static Fitted random(double[][] train) {
    SplittableRandom rnd = new SplittableRandom(SEED);
    double[] s = new double[train.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = rnd.nextDouble();
    }
    return new Fitted(
        s,
        new Session() {
          @Override
          public double update(double[] row) {
            return rnd.nextDouble();
          }

          @Override
          public boolean contributions(double[] out) {
            return false;
          }
        });
  }
}
