package io.aura.models.eval;

import io.aura.models.detect.EwmaDetector;
import io.aura.models.detect.ForecastResidualDetector;
import io.aura.models.detect.RobustZScoreDetector;
import io.aura.models.detect.SeasonalBaselineDetector;
import io.aura.models.detect.StreamingDetector;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.forest.ShingledIsolationForestDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Evaluation program (not a unit test): NAB normalized scores of Aura's streaming detectors with
 * their documented default settings (fixed before looking at NAB results).
 * Usage: {@code NabDetectorsEvaluation <nabDir> [--out DIR]}; with {@code --out}, writes per-row
 * scores in NAB's results layout under {@code DIR/<detector>/} and {@code DIR/nab-summary.csv}.
 */
public final class NabDetectorsEvaluation {
  private NabDetectorsEvaluation() {}

  public static void main(String[] args) throws Exception {
    Path nab = Path.of(args[0]);
    Path out = args.length > 2 && args[1].equals("--out") ? Path.of(args[2]) : null;
    StringBuilder summary =
        new StringBuilder("detector,profile,threshold,raw,null,perfect,normalized\n");
    Map<String, Supplier<StreamingDetector>> detectors = new LinkedHashMap<>();
    detectors.put("robustZ(w=288,min=30)", () -> new RobustZScoreDetector(288, 30));
    detectors.put("ewma(l=0.2,a=0.01,warm=100)", () -> new EwmaDetector(0.2, 0.01, 100));
    detectors.put(
        "seasonal(1d,7d,tol=3m,w=288,min=30)",
        () -> new SeasonalBaselineDetector(
            new Duration[] {Duration.ofDays(1), Duration.ofDays(7)}, Duration.ofMinutes(3), 288, 30));
    detectors.put("forecastResidual(naive,w=288,min=30)", () -> ForecastResidualDetector.naive(288, 30));
    detectors.put(
        "iforest(shingle=8,train=500,refit=500)",
        () -> new ShingledIsolationForestDetector(
            8, 500, 500, IsolationForestTrainer.builder().seed(1).build()));
    for (Map.Entry<String, Supplier<StreamingDetector>> e : detectors.entrySet()) {
      long t0 = System.nanoTime();
      NabBenchmark.Report r =
          NabBenchmark.run(nab, e.getValue(), out == null ? null : out.resolve(e.getKey().replaceAll("[^A-Za-z]+.*", "")));
      double sec = (System.nanoTime() - t0) / 1e9;
      StringBuilder sb = new StringBuilder(e.getKey());
      for (NabScorer.Result res : r.results().values()) {
        sb.append(String.format(" %s=%.3f(raw %.3f thr %.4f)", res.profile().name(), res.normalizedScore(), res.rawScore(), res.threshold()));
        summary.append(String.format("\"%s\",%s,%s,%s,%s,%s,%s%n", e.getKey(), res.profile().name(),
            res.threshold(), res.rawScore(), res.nullScore(), res.perfectScore(), res.normalizedScore()));
      }
      System.out.println(sb + String.format(" [%.1fs]", sec));
    }
    if (out != null) {
      java.nio.file.Files.createDirectories(out);
      java.nio.file.Files.writeString(out.resolve("nab-summary.csv"), summary);
    }
  }
}
