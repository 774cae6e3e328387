package io.aura.eval.nab;

import io.aura.models.detect.StreamingDetector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An honest selection protocol for NAB, which has no validation set: a configuration is chosen on
 * a fixed half of the corpus files and reported on the other half and on the whole corpus.
 *
 * <p>The split is fixed independently of any result: the files sorted by relative path (as {@link
 * NabCorpus#load} returns them), numbered from 0; {@link Half#EVEN} holds files 0, 2, 4, …, {@link
 * Half#ODD} files 1, 3, 5, …. Each candidate is run over every file (one fresh detector per file),
 * scored on the selection half with NAB's full threshold sweep under the standard profile, and the
 * best one wins (ties: the earlier candidate). The winner is then reported, under every profile:
 * on the selection half (optimistic, it was chosen there); on the held-out half with the
 * threshold chosen on the selection half ("transferred" — nothing of the held-out half is looked
 * at); on the held-out half with NAB's sweep (NAB's own protocol, the threshold chosen on the data
 * scored); and on the whole corpus with NAB's sweep, comparable with NAB's scoreboard. Each half is
 * normalized with its own null and perfect detectors.
 *
 * <p>Thread safety: stateless. Allocation: one score array per file and candidate (kept only for
 * the winner). Complexity: O(candidates × (rows × detector cost + NAB sweep)).
 */
public final class NabSelection {
  private NabSelection() {}

  /** One half of the corpus: files at even or odd positions in relative-path order. */
  public enum Half {
    /** Files 0, 2, 4, … in relative-path order. */
    EVEN,
    /** Files 1, 3, 5, … in relative-path order. */
    ODD;

    /**
     * Whether the file at a position belongs to this half.
     *
     * @param index the position in relative-path order, from 0
     * @return true if it does
     */
    public boolean contains(int index) {
      return (index % 2 == 0) == (this == EVEN);
    }

    /**
     * The other half.
     *
     * @return ODD for EVEN and EVEN for ODD
     */
    public Half other() {
      return this == EVEN ? ODD : EVEN;
    }
  }

  /**
   * A named configuration. Immutable; O(1).
   *
   * @param name a label naming every parameter
   * @param detectors makes one fresh detector per file (causal, or reading NAB's per-file metadata)
   */
  public record Candidate(String name, NabDetectors detectors) {
    /** Validates the fields. */
    public Candidate {
      if (name == null || name.isBlank() || detectors == null) {
        throw new IllegalArgumentException("candidate needs a name and a detector supplier");
      }
    }

    /**
     * A causal candidate.
     *
     * @param name a label naming every parameter
     * @param detectors makes one fresh detector per file
     */
    public Candidate(String name, Supplier<? extends StreamingDetector> detectors) {
      this(name, detectors == null ? null : NabDetectors.causal(detectors));
    }
  }

  /**
   * The outcome of a selection. Not deeply immutable: the score arrays are handed over; O(1).
   *
   * @param half the selection half
   * @param chosen the winning candidate's name
   * @param selectionStandard every candidate's normalized standard score on the selection half, in
   *     candidate order
   * @param onSelection the winner on the selection half, per profile (NAB sweep there)
   * @param heldOutTransferred the winner's normalized score on the held-out half at the threshold
   *     chosen on the selection half, per profile
   * @param heldOutSwept the winner on the held-out half with NAB's sweep, per profile
   * @param full the winner on the whole corpus with NAB's sweep, per profile
   * @param files the corpus
   * @param scores the winner's per-row scores in [0, 1], one array per file
   */
  public record Outcome(
      Half half,
      String chosen,
      Map<String, Double> selectionStandard,
      Map<String, NabScorer.Result> onSelection,
      Map<String, Double> heldOutTransferred,
      Map<String, NabScorer.Result> heldOutSwept,
      Map<String, NabScorer.Result> full,
      List<NabFile> files,
      List<double[]> scores) {}

  /**
   * The files of one half, in order.
   *
   * @param files the corpus in relative-path order
   * @param half the half
   * @param <T> the element type
   * @return the elements at the half's positions
   */
  public static <T> List<T> part(List<T> files, Half half) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (half.contains(i)) {
        out.add(files.get(i));
      }
    }
    return out;
  }

  /**
   * Selects a candidate on one half and reports it on the other half and the whole corpus.
   *
   * @param files the corpus in relative-path order, at least 2 files, each half with a window
   * @param candidates the configurations, at least one, names distinct
   * @param half the selection half
   * @return the outcome
   */
  public static Outcome select(List<NabFile> files, List<Candidate> candidates, Half half) {
    return select(files, candidates, half, NabProtocol.CAUSAL);
  }

  /**
   * Selects a candidate on one half under a protocol and reports it on the other half and the
   * whole corpus.
   *
   * @param files the corpus in relative-path order, at least 2 files, each half with a window
   * @param candidates the configurations, at least one, names distinct; under {@link
   *     NabProtocol#CAUSAL} every one causal
   * @param half the selection half
   * @param protocol what the candidates may read before each file's first row
   * @return the outcome
   */
  public static Outcome select(List<NabFile> files, List<Candidate> candidates, Half half, NabProtocol protocol) {
    return select(files, candidates, List.of(half), protocol).get(0);
  }

  /**
   * Both directions at once — select on even and report odd, select on odd and report even —
   * running each candidate once (the outcomes equal two calls of {@link #select(List, List, Half,
   * NabProtocol)}).
   *
   * @param files the corpus in relative-path order, at least 2 files, each half with a window
   * @param candidates the configurations, at least one, names distinct; under {@link
   *     NabProtocol#CAUSAL} every one causal
   * @param protocol what the candidates may read before each file's first row
   * @return the outcome selected on even, then the one selected on odd
   */
  public static List<Outcome> selectBoth(List<NabFile> files, List<Candidate> candidates, NabProtocol protocol) {
    return select(files, candidates, List.of(Half.EVEN, Half.ODD), protocol);
  }

  private static List<Outcome> select(List<NabFile> files, List<Candidate> candidates, List<Half> halves,
      NabProtocol protocol) {
    if (files.size() < 2) {
      throw new IllegalArgumentException("need at least 2 files to split, got " + files.size());
    }
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("need at least one candidate");
    }
    for (Half half : List.of(Half.EVEN, Half.ODD)) {
      if (part(files, half).stream().allMatch(f -> f.windows().isEmpty())) {
        throw new IllegalArgumentException("the " + half.name().toLowerCase(Locale.ROOT)
            + " half has no labelled window: NAB's normalization is undefined there");
      }
    }
    Set<String> names = new HashSet<>();
    for (Candidate c : candidates) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("duplicate candidate name '" + c.name() + "'");
      }
      if (protocol == NabProtocol.CAUSAL && !(c.detectors() instanceof NabDetectors.Causal)) {
        throw new IllegalArgumentException("candidate '" + c.name() + "' reads NAB's per-file metadata ("
            + c.detectors().uses() + "): not allowed under the causal protocol");
      }
    }
    int h = halves.size();
    List<Map<String, Double>> standard = new ArrayList<>();
    String[] best = new String[h];
    List<List<double[]>> bestScores = new ArrayList<>();
    double[] bestScore = new double[h];
    for (int k = 0; k < h; k++) {
      standard.add(new LinkedHashMap<>());
      bestScores.add(null);
      bestScore[k] = Double.NEGATIVE_INFINITY;
    }
    for (Candidate c : candidates) {
      List<double[]> scores = NabBenchmark.score(files, c.detectors(), protocol);
      for (int k = 0; k < h; k++) {
        Half half = halves.get(k);
        double s = NabScorer.evaluate(part(files, half), part(scores, half), NabProfile.STANDARD).normalizedScore();
        standard.get(k).put(c.name(), s);
        if (s > bestScore[k]) {
          bestScore[k] = s;
          best[k] = c.name();
          bestScores.set(k, scores);
        }
      }
    }
    List<Outcome> out = new ArrayList<>();
    for (int k = 0; k < h; k++) {
      out.add(outcome(files, halves.get(k), best[k], standard.get(k), bestScores.get(k)));
    }
    return out;
  }

  private static Outcome outcome(List<NabFile> files, Half half, String best, Map<String, Double> standard,
      List<double[]> bestScores) {
    List<NabFile> sel = part(files, half);
    List<NabFile> held = part(files, half.other());
    List<double[]> selScores = part(bestScores, half);
    List<double[]> heldScores = part(bestScores, half.other());
    Map<String, NabScorer.Result> onSel = NabBenchmark.evaluate(sel, selScores);
    Map<String, Double> transferred = new LinkedHashMap<>();
    for (NabProfile p : NabProfile.ALL) {
      double threshold = onSel.get(p.name()).threshold();
      double raw = NabScorer.scoreCorpus(held, heldScores, p, threshold);
      transferred.put(p.name(), NabScorer.normalize(raw, NabScorer.nullScore(held, p), NabScorer.perfectScore(held, p)));
    }
    return new Outcome(half, best, standard, onSel, transferred, NabBenchmark.evaluate(held, heldScores),
        NabBenchmark.evaluate(files, bestScores), files, bestScores);
  }
}
