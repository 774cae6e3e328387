package io.aura.models.fuzz;

import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.trees.CatBoostModelReader;
import io.aura.models.trees.TreeEnsemble;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Small deterministic models shared by the reliability tests and by the {@link SaveLoop} child
 * process: the same calls give the same models, hence byte-identical files, in any JVM.
 */
final class ReferenceModels {
  private ReferenceModels() {}

  /** Rows of {@code d} features from a seeded generator, with a few far points. */
  static double[][] rows(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      double scale = i % 50 == 0 ? 8 : 1;
      for (int j = 0; j < d; j++) {
        x[i][j] = scale * (r.nextDouble() * 2 - 1) + j;
      }
    }
    return x;
  }

  /** An Isolation Forest trained serially with the given seed (seed 1 and 2 give different models). */
  static IsolationForest isolationForest(long seed) {
    return IsolationForestTrainer.builder().treeCount(50).sampleSize(128).seed(seed).parallel(false).build()
        .fit(rows(512, 4, seed));
  }

  /** The CatBoost test model from {@code trees/catboost-small.json} (test resources). */
  static TreeEnsemble catBoost() {
    try (InputStream in = ReferenceModels.class.getResourceAsStream("/trees/catboost-small.json")) {
      if (in == null) {
        throw new IllegalStateException("test resource /trees/catboost-small.json is missing");
      }
      return CatBoostModelReader.read(in.readAllBytes(), "catboost-small.json");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A second, different ensemble: the CatBoost model keeping every other tree. */
  static TreeEnsemble catBoostHalf() {
    TreeEnsemble full = catBoost();
    BitSet keep = new BitSet();
    for (int t = 0; t < full.treeCount(); t += 2) {
      keep.set(t);
    }
    return full.selectTrees(keep);
  }
}
