package io.aura.examples;

import io.aura.features.FeatureSchema;
import io.aura.features.FeatureSpec;
import io.aura.features.FeatureStream;
import io.aura.features.Frame;
import io.aura.features.KubernetesFeatures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's main job: generate a few pods' metrics, engineer the default Kubernetes features in
 * batch and in streaming form, check that both agree, and print a summary.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate pods' metrics, engineer the default features batch and streaming, print a summary.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--hours", description = "Hours of metrics per pod (default: ${DEFAULT-VALUE}).")
  int hours = 24;

  @Option(names = "--step", description = "Scrape step in seconds (default: ${DEFAULT-VALUE}).")
  int stepSeconds = 15;

  @Override
  public Integer call() {
    long step = stepSeconds * 1000L;
    int rows = (int) (hours * 3_600_000L / step);
    long start = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    FeatureSpec spec = KubernetesFeatures.podFeatures(Duration.ofSeconds(stepSeconds));
    FeatureSchema schema = spec.schema();
    System.out.printf(Locale.ROOT, "Aura demo: %d pods x %d h at %d s (%,d samples each), %d inputs -> %d features%n",
        SyntheticPods.Kind.values().length, hours, stepSeconds, rows, spec.inputNames().size(), schema.size());

    List<Frame> pods = new ArrayList<>();
    int k = 0;
    for (SyntheticPods.Kind kind : SyntheticPods.Kind.values()) {
      String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-0";
      pods.add(SyntheticPods.pod(name, kind, seed + k++, start, step, rows));
    }

    long batchNanos = 0;
    long streamNanos = 0;
    long samples = 0;
    long mismatches = 0;
    List<Frame> features = new ArrayList<>();
    for (Frame pod : pods) {
      long t0 = System.nanoTime();
      Frame batch = spec.transform(pod);
      batchNanos += System.nanoTime() - t0;
      features.add(batch);

      FeatureStream stream = spec.newStream();
      double[] in = new double[pod.columnCount()];
      double[] out = new double[schema.size()];
      double[] expected = new double[schema.size()];
      long t1 = System.nanoTime();
      for (int r = 0; r < pod.rows(); r++) {
        pod.row(r, in);
        stream.update(pod.timestamp(r), in, out);
        batch.row(r, expected);
        if (!Arrays.equals(out, expected)) {
          mismatches++;
        }
      }
      streamNanos += System.nanoTime() - t1;
      samples += pod.rows();
    }
    System.out.printf(Locale.ROOT, "batch:     %,.0f samples/s (%d pods, %.2f s)%n",
        samples / (batchNanos / 1e9), pods.size(), batchNanos / 1e9);
    System.out.printf(Locale.ROOT, "streaming: %.2f us per sample (all %d features, includes the comparison)%n",
        streamNanos / 1e3 / samples, schema.size());
    System.out.printf(Locale.ROOT, "batch = streaming: %s (%d of %,d rows differ)%n",
        mismatches == 0 ? "identical" : "DIFFERENT", mismatches, samples);

    System.out.println();
    // What an operator would look at first, each with the extreme that matters.
    String[] shown = {
      "memory_usage_over_limit", "memory_limit_headroom.min_1h", "cpu_throttled_fraction.mean_15m",
      "cpu_usage_over_limit.max_5m", "fs_usage_over_limit", "fs_write_bytes_per_second.zscore_1h", "restarts.max_1h"
    };
    boolean[] lowest = {false, true, false, false, false, false, false};
    System.out.printf(Locale.ROOT, "%-18s", "pod");
    for (String s : shown) {
      System.out.printf(Locale.ROOT, " %14s", abbreviate(s));
    }
    System.out.println();
    for (Frame f : features) {
      System.out.printf(Locale.ROOT, "%-18s", f.labels().get("pod"));
      for (int i = 0; i < shown.length; i++) {
        double[] v = f.column(shown[i]);
        System.out.printf(Locale.ROOT, " %14.3f", lowest[i] ? -extreme(negate(v)) : extreme(v));
      }
      System.out.println();
    }
    System.out.println("(maximum over the run of each feature, minimum for headroom; missing cells are skipped)");
    long missing = 0;
    long cells = 0;
    for (Frame f : features) {
      for (int c = 0; c < f.columnCount(); c++) {
        for (double v : f.column(c)) {
          cells++;
          if (Double.isNaN(v)) {
            missing++;
          }
        }
      }
    }
    System.out.printf(Locale.ROOT, "missing feature cells: %.2f%% (warm-up of windows and lags, failed scrapes)%n",
        100.0 * missing / cells);
    return mismatches == 0 ? 0 : 1;
  }

  private static String abbreviate(String s) {
    return s.length() <= 14 ? s : s.substring(0, 6) + ".." + s.substring(s.length() - 6);
  }

  private static double[] negate(double[] v) {
    double[] n = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      n[i] = -v[i];
    }
    return n;
  }

  private static double extreme(double[] v) {
    double m = Double.NaN;
    for (double x : v) {
      if (!Double.isNaN(x) && (Double.isNaN(m) || x > m)) {
        m = x;
      }
    }
    return m;
  }
}
