package io.aura.ensemble.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.PipelineDetection;
import io.aura.ensemble.pipeline.PipelineSession;
import io.aura.features.Frame;
import io.aura.features.anomaly.Contribution;
import io.aura.models.forest.IsolationForest;
import io.aura.models.trees.TreeEnsemble;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread equality (issue #8, "Load and bounds"): 8 threads sharing one model give results
 * bit-identical to one thread.
 *
 * <ul>
 *   <li><b>Models.</b> The pipeline's XGBoost-trained {@link TreeEnsemble} (all class margins) and
 *       its {@link IsolationForest}, each shared by 8 threads released together; every thread makes
 *       N predictions on each, walking a pool of 4,096 rows (random, 5 % missing for the trees,
 *       some extreme values) with its own stride, so the same nodes are read concurrently. Every
 *       result is compared bit for bit ({@code floatToRawIntBits}, {@code doubleToRawLongBits})
 *       with the one-thread result for the same row; nothing is stored per prediction. N =
 *       200,000 in the normal build ({@code -Daura.reliability.predictions=1000000} for the long run).
 *   <li><b>Pipeline.</b> One {@link DetectionPipeline} shared by 8 threads, each replaying N raw
 *       samples (pods of unseen simulator seeds) through its own {@link PipelineSession}s, one per
 *       pod, in its own order of pods. Every detection (type, severities, score, confidence and
 *       novelty bits, warning and its lead time, top features and their weight bits) is folded
 *       into an order-sensitive 64-bit hash per pod; every thread's per-pod hashes must equal one
 *       thread's. N = 50,000 per thread by default ({@code -Daura.reliability.samples}).
 * </ul>
 */
class SharedModelThreadTest {
  private static final Logger LOG = LoggerFactory.getLogger(SharedModelThreadTest.class);
  private static final int THREADS = 8;
  private static final int POOL = 4096;

  @Test
  void eightThreadsPredictBitIdenticallyToOneOnSharedModels() throws Exception {
    int n = Integer.getInteger("aura.reliability.predictions", 200_000);
    DetectionPipeline p = ReliabilityFixture.pipelineA();
    TreeEnsemble trees = p.classifier().ensemble();
    IsolationForest forest = p.forest();
    int groups = trees.numGroups();
    SplittableRandom r = new SplittableRandom(10);
    float[][] treeRows = new float[POOL][trees.featureCount()];
    double[][] forestRows = new double[POOL][forest.featureCount()];
    for (int i = 0; i < POOL; i++) {
      for (int j = 0; j < treeRows[i].length; j++) {
        int u = r.nextInt(100);
        treeRows[i][j] = u < 5 ? Float.NaN : u < 7 ? (float) (r.nextGaussian() * 1e6) : (float) (r.nextGaussian() * 2);
      }
      for (int j = 0; j < forestRows[i].length; j++) {
        forestRows[i][j] = r.nextInt(100) < 2 ? r.nextGaussian() * 1e6 : r.nextGaussian() * 2;
      }
    }
    int[][] treeRef = new int[POOL][groups];
    long[] forestRef = new long[POOL];
    float[] margins = new float[groups];
    for (int i = 0; i < POOL; i++) {
      trees.predictRaw(treeRows[i], margins);
      for (int g = 0; g < groups; g++) {
        treeRef[i][g] = Float.floatToRawIntBits(margins[g]);
      }
      forestRef[i] = Double.doubleToRawLongBits(forest.score(forestRows[i]));
    }
    // The pool must exercise the models: not every row may give the same answer.
    assertThat(Arrays.stream(forestRef).distinct().count()).isGreaterThan(POOL / 4);
    assertThat(Arrays.stream(treeRef).map(Arrays::toString).distinct().count()).isGreaterThan(16);

    long t0 = System.nanoTime();
    List<Callable<long[]>> work = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < THREADS; t++) {
      int stride = 2 * t + 1; // odd, so each thread visits every row of the power-of-two pool
      int offset = 389 * t;
      work.add(() -> {
        float[] mine = new float[groups];
        long treeMismatches = 0;
        long forestMismatches = 0;
        start.await();
        for (int k = 0; k < n; k++) {
          int i = (int) ((offset + (long) k * stride) % POOL);
          trees.predictRaw(treeRows[i], mine);
          for (int g = 0; g < groups; g++) {
            if (Float.floatToRawIntBits(mine[g]) != treeRef[i][g]) {
              treeMismatches++;
            }
          }
          if (Double.doubleToRawLongBits(forest.score(forestRows[i])) != forestRef[i]) {
            forestMismatches++;
          }
        }
        return new long[] {treeMismatches, forestMismatches};
      });
    }
    long[] total = new long[2];
    for (long[] m : runTogether(work, start)) {
      total[0] += m[0];
      total[1] += m[1];
    }
    assertThat(total[0]).as("tree-ensemble margins differing from one thread's").isZero();
    assertThat(total[1]).as("forest scores differing from one thread's").isZero();
    LOG.info("{} threads x {} predictions on each of {} ({} margins each) and a {}-tree forest: 0 mismatches, "
        + "{} s", THREADS, n, trees, groups, forest.treeCount(), seconds(t0));
  }

  @Test
  void eightThreadsOfSessionsSharingOnePipelineEqualOneThread() throws Exception {
    long n = Long.getLong("aura.reliability.samples", 50_000);
    DetectionPipeline p = ReliabilityFixture.pipelineA();
    List<Frame> pods = ReliabilityFixture.replay(p, n);
    assertThat(pods.stream().mapToLong(Frame::rows).sum()).isEqualTo(n);

    long t0 = System.nanoTime();
    long[] counts = new long[4]; // anomalies, novelties, warnings, explained
    long[] reference = new long[pods.size()];
    for (int i = 0; i < pods.size(); i++) {
      reference[i] = replay(p, pods.get(i), counts);
    }
    String oneThread = seconds(t0);
    // The replay must reach every part of a detection, explanations included.
    assertThat(counts[0]).as("anomalous detections").isPositive();
    assertThat(counts[3]).as("detections with top features").isPositive();

    long t1 = System.nanoTime();
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<long[]>> work = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int first = t;
      work.add(() -> {
        long[] mine = new long[pods.size()];
        start.await();
        for (int k = 0; k < pods.size(); k++) { // each thread walks the pods in its own order
          int i = (first + k) % pods.size();
          mine[i] = replay(p, pods.get(i), new long[4]);
        }
        return mine;
      });
    }
    List<long[]> results = runTogether(work, start);
    for (int t = 0; t < THREADS; t++) {
      assertThat(results.get(t)).as("thread %d's per-pod detection hashes", t).isEqualTo(reference);
    }
    LOG.info("{} threads x {} samples ({} pods) through sessions of one pipeline equal one thread; anomalies {}, "
        + "novelties {}, warning samples {}, explained {} per pass; one thread {} s, {} threads {} s", THREADS, n,
        pods.size(), counts[0], counts[1], counts[2], counts[3], oneThread, THREADS, seconds(t1));
  }

  /** Replays one pod through a new session; returns the order-sensitive hash of its detections. */
  private static long replay(DetectionPipeline p, Frame pod, long[] counts) {
    PipelineSession s = p.newSession(pod.labels());
    double[] row = new double[pod.columnCount()];
    long h = 0x2545F4914F6CDD1DL;
    for (int r = 0; r < pod.rows(); r++) {
      pod.row(r, row);
      PipelineDetection d = s.update(pod.timestamp(r), row);
      h = mix(h, d.timestampMillis());
      h = mix(h, d.type().ordinal());
      h = mix(h, d.severity().ordinal());
      h = mix(h, d.classifiedType().ordinal());
      h = mix(h, Double.doubleToRawLongBits(d.score()));
      h = mix(h, Double.doubleToRawLongBits(d.confidence()));
      h = mix(h, Double.doubleToRawLongBits(d.novelty()));
      h = mix(h, d.warningType().ordinal());
      h = mix(h, d.timeToAnomalyMillis());
      h = mix(h, d.newWarning() ? 1 : 0);
      for (Contribution c : d.topFeatures()) {
        h = mix(h, c.index());
        h = mix(h, c.feature().hashCode());
        h = mix(h, Double.doubleToRawLongBits(c.weight()));
      }
      counts[0] += d.isAnomaly() ? 1 : 0;
      counts[1] += d.isNovelty() ? 1 : 0;
      counts[2] += d.isWarning() ? 1 : 0;
      counts[3] += d.topFeatures().isEmpty() ? 0 : 1;
    }
    return h;
  }

  /** One step of an order-sensitive 64-bit hash (SplitMix64's finalizer over the running state). */
  private static long mix(long h, long v) {
    long z = (h ^ v) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static <T> List<T> runTogether(List<Callable<T>> work, CountDownLatch start) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> c : work) {
        futures.add(pool.submit(c));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String seconds(long t0) {
    return fmt((System.nanoTime() - t0) / 1e9);
  }

  private static String fmt(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }
}
