package io.aura.eval.nab;

import io.aura.models.detect.StreamingDetector;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a streaming detector over the NAB corpus and scores it with {@link NabScorer}: one fresh
 * detector per file, fed every row in order (causal), each score mapped to NAB's [0, 1] range by
 * {@code s / (1 + s)} (NaN, i.e. no verdict yet, becomes 0). The map is strictly increasing, so it
 * changes no NAB threshold decision; it only makes the results files look like NAB's.
 *
 * <p>Usable from the examples CLI: {@code NabBenchmark.run(nabDir, () -> new
 * RobustZScoreDetector(...), outDir)}. With an output directory, per-row scores are written in
 * NAB's results layout, {@code outDir/<category>/<name>.csv} with {@code
 * timestamp,value,anomaly_score}.
 *
 * <p>Thread safety: stateless. Allocation: the corpus and one score array per file. Complexity:
 * O(rows × detector cost + NAB scoring).
 */
public final class NabBenchmark {
  private NabBenchmark() {}

  /**
   * The per-profile results and the per-file scores. Not deeply immutable: the score arrays are
   * the benchmark's own, handed over to the caller; O(1) to construct.
   *
   * @param results NAB results per profile name, in NAB's order
   * @param files the corpus
   * @param anomalyScores the per-row scores in [0, 1]
   */
  public record Report(
      Map<String, NabScorer.Result> results, List<NabFile> files, List<double[]> anomalyScores) {}

  /**
   * Maps a non-negative detector score to [0, 1): {@code s / (1 + s)}, NaN to 0.
   *
   * @param s the score
   * @return the NAB anomaly score
   */
  public static double toUnitInterval(double s) {
    if (Double.isNaN(s) || s <= 0) {
      return 0;
    }
    if (s == Double.POSITIVE_INFINITY) {
      return 1;
    }
    return s / (1 + s);
  }

  /**
   * Runs and scores a detector on the NAB corpus.
   *
   * @param nabDir the NAB root ({@code data/}, {@code labels/})
   * @param detectors makes one fresh detector per file
   * @param outDir where to write per-row scores, or null
   * @return the report
   * @throws IOException if reading or writing fails
   */
  public static Report run(Path nabDir, Supplier<? extends StreamingDetector> detectors, Path outDir)
      throws IOException {
    return run(nabDir, NabDetectors.causal(detectors), NabProtocol.CAUSAL, outDir);
  }

  /**
   * Runs and scores detectors on the NAB corpus under a protocol (see {@link #score(List,
   * NabDetectors, NabProtocol)}).
   *
   * @param nabDir the NAB root ({@code data/}, {@code labels/})
   * @param detectors makes one fresh detector per file
   * @param protocol what the detectors may read before the first row
   * @param outDir where to write per-row scores, or null
   * @return the report
   * @throws IOException if reading or writing fails
   */
  public static Report run(Path nabDir, NabDetectors detectors, NabProtocol protocol, Path outDir)
      throws IOException {
    List<NabFile> files = NabCorpus.load(nabDir);
    List<double[]> scores = score(files, detectors, protocol);
    if (outDir != null) {
      write(outDir, files, scores);
    }
    return new Report(evaluate(files, scores), files, scores);
  }

  /**
   * Runs a detector over files already loaded: one fresh detector per file, fed every row in
   * order; scores mapped by {@link #toUnitInterval}.
   *
   * @param files the files
   * @param detectors makes one fresh detector per file
   * @return one score array per file, in [0, 1]
   */
  public static List<double[]> score(List<NabFile> files, Supplier<? extends StreamingDetector> detectors) {
    return score(files, NabDetectors.causal(detectors), NabProtocol.CAUSAL);
  }

  /**
   * Runs detectors under a protocol: one fresh detector per file, made by a causal factory, or,
   * under {@link NabProtocol#NAB} only, by a factory handed the file's {@link NabFileInfo}; fed
   * every row in order; scores mapped by {@link #toUnitInterval}.
   *
   * @param files the files
   * @param detectors makes one fresh detector per file
   * @param protocol what the detectors may read before the first row
   * @return one score array per file, in [0, 1]
   * @throws IllegalArgumentException if a metadata-reading factory is run under the causal protocol
   */
  public static List<double[]> score(List<NabFile> files, NabDetectors detectors, NabProtocol protocol) {
    if (protocol == NabProtocol.CAUSAL && !(detectors instanceof NabDetectors.Causal)) {
      throw new IllegalArgumentException("the detectors read NAB's per-file metadata (" + detectors.uses()
          + "): not allowed under the causal protocol");
    }
    List<double[]> scores = new ArrayList<>();
    for (NabFile f : files) {
      StreamingDetector d = detectors instanceof NabDetectors.Causal c
          ? c.detectors().get()
          : ((NabDetectors.WithFileInfo) detectors).detectors().apply(NabFileInfo.of(f));
      double[] s = new double[f.rows()];
      for (int i = 0; i < s.length; i++) {
        s[i] = toUnitInterval(d.update(f.timestamps()[i], f.values()[i]));
      }
      scores.add(s);
    }
    return scores;
  }

  /**
   * Writes per-row scores in NAB's results layout, {@code outDir/<category>/<name>.csv} with
   * {@code timestamp,value,anomaly_score}.
   *
   * @param outDir the detector's results directory
   * @param files the files
   * @param scores one score array per file
   * @throws IOException if writing fails
   */
  public static void write(Path outDir, List<NabFile> files, List<double[]> scores) throws IOException {
    for (int i = 0; i < files.size(); i++) {
      write(outDir.resolve(files.get(i).name()), files.get(i), scores.get(i));
    }
  }

  /**
   * Scores per-row results already on disk, in NAB's results layout: {@code
   * resultsDir/<category>/<prefix><name>.csv} with an {@code anomaly_score} column (for NAB's
   * published results, {@code prefix} is {@code "<detector>_"}).
   *
   * @param nabDir the NAB root
   * @param resultsDir the detector's results directory
   * @param prefix the file-name prefix, possibly empty
   * @return the report
   * @throws IOException if reading fails
   */
  public static Report scoreResults(Path nabDir, Path resultsDir, String prefix) throws IOException {
    List<NabFile> files = NabCorpus.load(nabDir);
    List<double[]> scores = new ArrayList<>();
    for (NabFile f : files) {
      String[] parts = f.name().split("/");
      Path csv = resultsDir.resolve(parts[0]).resolve(prefix + parts[1]);
      scores.add(NabCorpus.readColumn(csv, "anomaly_score", null));
    }
    return new Report(evaluate(files, scores), files, scores);
  }

  /**
   * NAB's optimized and normalized result under every profile.
   *
   * @param files the corpus (or a part of it)
   * @param scores one score array per file
   * @return the results per profile name, in NAB's order
   */
  public static Map<String, NabScorer.Result> evaluate(List<NabFile> files, List<double[]> scores) {
    Map<String, NabScorer.Result> out = new LinkedHashMap<>();
    for (NabProfile p : NabProfile.ALL) {
      out.put(p.name(), NabScorer.evaluate(files, scores, p));
    }
    return out;
  }

  private static void write(Path file, NabFile f, double[] s) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("timestamp,value,anomaly_score\n");
      for (int i = 0; i < s.length; i++) {
        w.write(NabCorpus.formatTime(f.timestamps()[i]));
        w.write(',');
        w.write(Double.toString(f.values()[i]));
        w.write(',');
        w.write(Double.toString(s[i]));
        w.write('\n');
      }
    }
  }
}
