package io.aura.eval.nab;

import java.nio.file.Path;

/**
 * Evaluation program (not a unit test): re-scores NAB's published per-row results with {@link
 * NabScorer}. Usage: {@code NabPublishedResultsEvaluation <nabDir> <resultsRoot> <detector>...}
 * where {@code resultsRoot/<detector>/<category>/<detector>_<name>.csv} are NAB's files (extract
 * them from the NAB repository's {@code results/} folder). Prints to standard output only.
 */
public final class NabPublishedResultsEvaluation {
  private NabPublishedResultsEvaluation() {}

  public static void main(String[] args) throws Exception {
    Path nab = Path.of(args[0]);
    Path root = Path.of(args[1]);
    for (int a = 2; a < args.length; a++) {
      String det = args[a];
      NabBenchmark.Report r = NabBenchmark.scoreResults(nab, root.resolve(det), det + "_");
      for (NabScorer.Result res : r.results().values()) {
        System.out.printf(
            "%s %s threshold=%.6f raw=%.4f null=%.4f perfect=%.1f normalized=%.3f%n",
            det,
            res.profile().name(),
            res.threshold(),
            res.rawScore(),
            res.nullScore(),
            res.perfectScore(),
            res.normalizedScore());
      }
    }
  }
}
