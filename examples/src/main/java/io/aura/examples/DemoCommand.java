package io.aura.examples;

import io.aura.features.FeatureSchema;
import io.aura.features.FeatureSpec;
import io.aura.features.FeatureStream;
import io.aura.features.Frame;
import io.aura.features.KubernetesFeatures;
import io.aura.io.kubernetes.Incident;
import io.aura.io.simulator.ClusterSimulator;
import io.aura.io.simulator.GroundTruth;
import io.aura.io.simulator.SimulatedPod;
import io.aura.io.simulator.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main job: simulate a small cluster with injected faults, engineer the default
 * Kubernetes features for every pod in batch and in streaming form, check that both agree, and
 * show which features move when each fault hits.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Simulate a cluster with faults, engineer the default features batch and streaming, print a summary.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--pods", description = "Pods (default: ${DEFAULT-VALUE}).")
  int pods = 8;

  @Option(names = "--hours", description = "Hours simulated (default: ${DEFAULT-VALUE}).")
  int hours = 24;

  @Option(names = "--step", description = "Scrape step in seconds (default: ${DEFAULT-VALUE}).")
  int stepSeconds = 15;

  @Option(names = "--faults", description = "Random faults to inject (default: ${DEFAULT-VALUE}).")
  int faults = 5;

  @Override
  public Integer call() {
    Duration step = Duration.ofSeconds(stepSeconds);
    long t0 = System.nanoTime();
    Simulation sim = ClusterSimulator.builder().seed(seed).nodes(3).pods(pods).duration(Duration.ofHours(hours))
        .step(step).randomFaults(faults).build().run();
    double simSeconds = (System.nanoTime() - t0) / 1e9;
    FeatureSpec spec = KubernetesFeatures.podFeatures(step);
    FeatureSchema schema = spec.schema();
    System.out.printf(Locale.ROOT, "Aura demo: %d pods on %d nodes, %d h at %d s (%,d samples per pod), %d faults injected"
            + " (simulated in %.2f s)%n", sim.pods().size(), sim.nodes().size(), hours, stepSeconds, sim.samples(),
        sim.faults().size(), simSeconds);
    System.out.printf(Locale.ROOT, "features: %d inputs -> %d features per sample%n%n", spec.inputNames().size(), schema.size());

    long batchNanos = 0;
    long streamNanos = 0;
    long samples = 0;
    long mismatches = 0;
    List<Frame> features = new ArrayList<>();
    for (SimulatedPod p : sim.pods()) {
      Frame pod = sim.frame(p);
      long t1 = System.nanoTime();
      Frame batch = spec.transform(pod);
      batchNanos += System.nanoTime() - t1;
      features.add(batch);

      FeatureStream stream = spec.newStream();
      Frame inputs = pod.select(spec.inputNames());
      double[] in = new double[inputs.columnCount()];
      double[] out = new double[schema.size()];
      double[] expected = new double[schema.size()];
      for (int r = 0; r < inputs.rows(); r++) {
        inputs.row(r, in);
        long t2 = System.nanoTime();
        stream.update(inputs.timestamp(r), in, out);
        streamNanos += System.nanoTime() - t2;
        batch.row(r, expected);
        if (!Arrays.equals(out, expected)) {
          mismatches++;
        }
      }
      samples += pod.rows();
    }
    System.out.printf(Locale.ROOT, "batch:     %,.0f samples/s over %d pods%n", samples / (batchNanos / 1e9), features.size());
    System.out.printf(Locale.ROOT, "streaming: %.2f us per sample, all %d features (wall clock, includes JIT warm-up;"
        + " see docs/benchmarks.md for JMH)%n", streamNanos / 1e3 / samples, schema.size());
    System.out.printf(Locale.ROOT, "batch = streaming: %s (%d of %,d rows differ)%n%n",
        mismatches == 0 ? "identical" : "DIFFERENT", mismatches, samples);

    System.out.println("Injected faults, and the pod features whose values in the 5 minutes after onset are the rarest");
    System.out.println("of the pod's whole run (share of the run at least as extreme on the same side, ties included):");
    for (GroundTruth g : sim.groundTruth()) {
      Incident i = g.incident();
      System.out.printf(Locale.ROOT, "- %s -> %s %s on %s at %s%n", g.fault().kind(), i.type(), i.severity(), i.entity(),
          Instant.ofEpochMilli(i.startMillis()));
      for (int k = 0; k < sim.pods().size(); k++) {
        SimulatedPod p = sim.pods().get(k);
        boolean affected = p.name().equals(i.entity().get("pod")) || p.node().equals(i.entity().get("node"));
        if (!affected) {
          continue;
        }
        Frame f = features.get(k);
        int row = Math.min(f.rows() - 1, Math.max(0, (int) ((i.startMillis() - f.timestamp(0)) / step.toMillis())));
        int rows = (int) Math.max(1, Duration.ofMinutes(5).toMillis() / step.toMillis());
        System.out.printf(Locale.ROOT, "    %-28s %s%n", p.name(), rarest(f, row, Math.min(f.rows(), row + rows), 3));
      }
    }
    return mismatches == 0 ? 0 : 1;
  }

  /**
   * The {@code k} features whose most unusual value in rows {@code [from, to)} is rarest in the
   * whole frame: for a value x above the median, the share of valid rows with a value >= x (below:
   * <= x). Constant features and calendar features are skipped.
   */
  private static String rarest(Frame f, int from, int to, int k) {
    List<double[]> scored = new ArrayList<>(); // {column, share, value}
    for (int c = 0; c < f.columnCount(); c++) {
      if (f.columnNames().get(c).startsWith("calendar.")) {
        continue;
      }
      double[] col = f.column(c);
      double[] sorted = Arrays.stream(col).filter(v -> !Double.isNaN(v)).sorted().toArray();
      int n = sorted.length;
      if (n < 2 || sorted[0] == sorted[n - 1]) {
        continue;
      }
      double median = sorted[n / 2];
      double best = 1;
      double bestValue = Double.NaN;
      for (int r = from; r < to; r++) {
        double x = col[r];
        if (Double.isNaN(x) || x == median) {
          continue;
        }
        int atLeastAsExtreme = x > median ? n - lowerBound(sorted, x) : upperBound(sorted, x);
        double share = atLeastAsExtreme / (double) n;
        if (share < best) {
          best = share;
          bestValue = x;
        }
      }
      if (best < 1) {
        scored.add(new double[] {c, best, bestValue});
      }
    }
    scored.sort(Comparator.comparingDouble((double[] s) -> s[1]));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(k, scored.size()); i++) {
      double[] s = scored.get(i);
      sb.append(i == 0 ? "" : ", ").append(f.columnNames().get((int) s[0]))
          .append(String.format(Locale.ROOT, "=%.3g (%.2f%%)", s[2], 100 * s[1]));
    }
    return sb.length() == 0 ? "(no feature stood out)" : sb.toString();
  }

  private static int lowerBound(double[] a, double x) {
    int i = Arrays.binarySearch(a, x);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && a[i - 1] == x) {
      i--;
    }
    return i;
  }

  private static int upperBound(double[] a, double x) {
    int i = Arrays.binarySearch(a, x);
    if (i < 0) {
      return -i - 1;
    }
    while (i < a.length - 1 && a[i + 1] == x) {
      i++;
    }
    return i + 1;
  }
}
