package io.aura.ensemble.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.ensemble.calibration.Calibrator;
import io.aura.ensemble.calibration.EmpiricalCdf;
import io.aura.ensemble.calibration.IsotonicRegression;
import io.aura.ensemble.calibration.PlattScaling;
import io.aura.ensemble.drift.ModelDriftMonitor;
import io.aura.ensemble.voting.DetectorFusion;
import io.aura.ensemble.voting.StackedEnsemble;
import io.aura.ensemble.voting.StackingTrainer;
import io.aura.ensemble.voting.WeightedSoftVote;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the Javadoc's "allocation: none" claims of the per-sample paths with the JVM's per-thread
 * allocation counter (bytes, not time). A path that allocated even 16 bytes per call would show
 * over a megabyte here.
 */
class AllocationTest {
  private static final int CALLS = 100_000;
  private static final long SLACK_BYTES = 64 * 1024;

  private static long allocated() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  private static long measure(Runnable body) {
    for (int i = 0; i < 3; i++) {
      body.run(); // warm up
    }
    long before = allocated();
    body.run();
    return allocated() - before;
  }

  @Test
  void calibratorsDoNotAllocate() {
    Random rnd = new Random(1);
    double[] s = new double[500];
    int[] y = new int[500];
    for (int i = 0; i < s.length; i++) {
      s[i] = rnd.nextGaussian();
      y[i] = s[i] + rnd.nextGaussian() > 0 ? 1 : 0;
    }
    Calibrator[] all = {PlattScaling.defaults().fit(s, y), IsotonicRegression.fit(s, y), EmpiricalCdf.of(s)};
    for (Calibrator c : all) {
      double[] sink = new double[1];
      long bytes = measure(() -> {
        for (int i = 0; i < CALLS; i++) {
          sink[0] += c.calibrate((i % 1000) / 250.0 - 2);
        }
      });
      assertThat(bytes).as("%s", c).isLessThan(SLACK_BYTES);
    }
  }

  @Test
  void combinersAndMonitorDoNotAllocate() {
    Random rnd = new Random(2);
    int n = 200;
    int[] y = new int[n];
    double[][][] p = new double[2][n][2];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(2);
      for (int m = 0; m < 2; m++) {
        double q = rnd.nextDouble();
        p[m][i][0] = q;
        p[m][i][1] = 1 - q;
      }
    }
    WeightedSoftVote vote = WeightedSoftVote.of(new double[] {0.3, 0.7}, 2);
    StackedEnsemble stack = StackingTrainer.defaults().fit(p, y);
    double[][] sample = {{0.2, 0.8}, {0.6, 0.4}};
    double[] out = new double[2];
    assertThat(measure(() -> {
      for (int i = 0; i < CALLS; i++) {
        vote.combine(sample, out);
      }
    })).isLessThan(SLACK_BYTES);
    assertThat(measure(() -> {
      for (int i = 0; i < CALLS; i++) {
        stack.predict(sample, out);
      }
    })).isLessThan(SLACK_BYTES);
    double[][] reference = new double[2][100];
    for (int i = 0; i < 100; i++) {
      reference[0][i] = i;
      reference[1][i] = -i;
    }
    DetectorFusion fusion = DetectorFusion.builder().rankNormalized(reference).build();
    double[] scores = {50, -20};
    boolean[] sink = new boolean[1];
    assertThat(measure(() -> {
      for (int i = 0; i < CALLS; i++) {
        sink[0] ^= fusion.vote(scores) || fusion.score(scores) > 2;
      }
    })).isLessThan(SLACK_BYTES);
    ModelDriftMonitor monitor = ModelDriftMonitor.builder().windowSize(100).build();
    assertThat(measure(() -> {
      for (int i = 0; i < CALLS; i++) {
        monitor.observe(i & 1, (i >> 1) & 1);
      }
    })).isLessThan(SLACK_BYTES);
  }
}
