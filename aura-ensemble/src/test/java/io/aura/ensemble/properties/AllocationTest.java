package io.aura.ensemble.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.ensemble.calibration.Calibrator;
import io.aura.ensemble.calibration.EmpiricalCdf;
import io.aura.ensemble.calibration.IsotonicRegression;
import io.aura.ensemble.calibration.PlattScaling;
import io.aura.ensemble.drift.ModelDriftMonitor;
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
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
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
    Calibrator[] all = {
      PlattScaling.defaults().fit(s, y), IsotonicRegression.fit(s, y), EmpiricalCdf.of(s)
    };
    for (Calibrator c : all) {
      double[] sink = new double[1];
      long bytes =
          measure(
              () -> {
                for (int i = 0; i < CALLS; i++) {
                  sink[0] += c.calibrate((i % 1000) / 250.0 - 2);
                }
              });
      assertThat(bytes).as("%s", c).isLessThan(SLACK_BYTES);
    }
  }

  @Test
  void driftMonitorDoesNotAllocate() {
    ModelDriftMonitor monitor = ModelDriftMonitor.builder().windowSize(100).build();
    assertThat(
            measure(
                () -> {
                  for (int i = 0; i < CALLS; i++) {
                    monitor.observe(i & 1, (i >> 1) & 1);
                  }
                }))
        .isLessThan(SLACK_BYTES);
  }
}
