package io.aura.models.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.models.forest.IsolationForest;
import io.aura.models.trees.TreeEnsemble;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Thread equality: 8 threads each make N predictions on one shared Isolation Forest and N on one
 * shared tree ensemble, and every result is bit-identical ({@code doubleToRawLongBits} /
 * {@code floatToRawIntBits}) to the one-thread result for the same row. The threads start together
 * and walk a pool of 4,096 rows with different strides, so the same model nodes are read
 * concurrently. N = 100,000 in the normal build; {@code -Daura.reliability.predictions=1000000}
 * for the long run.
 */
class SharedModelThreadTest {
  private static final int THREADS = 8;
  private static final int POOL = 4096;

  @Test
  void eightThreadsPredictBitIdenticallyToOne() throws Exception {
    int n = Integer.getInteger("aura.reliability.predictions", 100_000);
    IsolationForest forest = ReferenceModels.isolationForest(1);
    TreeEnsemble trees = ReferenceModels.catBoost();
    double[][] rows = ReferenceModels.rows(POOL, forest.featureCount(), 9);
    float[][] treeRows = new float[POOL][trees.featureCount()];
    SplittableRandom r = new SplittableRandom(10);
    for (float[] row : treeRows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = r.nextInt(20) == 0 ? Float.NaN : (float) (r.nextDouble() * 4 - 2);
      }
    }
    long[] forestRef = new long[POOL];
    int[][] treeRef = new int[POOL][trees.numGroups()];
    float[] out = new float[trees.numGroups()];
    for (int i = 0; i < POOL; i++) {
      forestRef[i] = Double.doubleToRawLongBits(forest.score(rows[i]));
      trees.predictRaw(treeRows[i], out);
      for (int g = 0; g < out.length; g++) {
        treeRef[i][g] = Float.floatToRawIntBits(out[g]);
      }
    }

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int stride = 2 * t + 1;
        int offset = t * 97;
        Callable<Long> work = () -> {
          float[] mine = new float[trees.numGroups()];
          long mismatches = 0;
          start.await();
          for (int k = 0; k < n; k++) {
            int i = (int) ((offset + (long) k * stride) % POOL);
            if (Double.doubleToRawLongBits(forest.score(rows[i])) != forestRef[i]) {
              mismatches++;
            }
            trees.predictRaw(treeRows[i], mine);
            for (int g = 0; g < mine.length; g++) {
              if (Float.floatToRawIntBits(mine[g]) != treeRef[i][g]) {
                mismatches++;
              }
            }
          }
          return mismatches;
        };
        results.add(pool.submit(work));
      }
      start.countDown();
      long total = 0;
      for (Future<Long> f : results) {
        total += f.get();
      }
      assertThat(total).as("predictions differing from the one-thread result").isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
