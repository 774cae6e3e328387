package io.aura.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aura.models.detect.AlarmSuppression;
import io.aura.models.detect.AnomalyLikelihood;
import io.aura.models.detect.EwmaDetector;
import io.aura.models.detect.ForecastResidualDetector;
import io.aura.models.detect.FuzzyArtDetector;
import io.aura.models.detect.KnnCadDetector;
import io.aura.models.detect.MaxFusionDetector;
import io.aura.models.detect.RelativeEntropyDetector;
import io.aura.models.detect.RobustZScoreDetector;
import io.aura.models.detect.SeasonalBaselineDetector;
import io.aura.models.detect.StreamingDetector;
import io.aura.models.detect.WindowedGaussianDetector;
import io.aura.eval.nab.NabBenchmark;
import io.aura.eval.nab.NabProfile;
import io.aura.eval.nab.NabCorpus;
import io.aura.eval.nab.NabDetectors;
import io.aura.eval.nab.NabFile;
import io.aura.eval.nab.NabFileInfo;
import io.aura.eval.nab.NabProtocol;
import io.aura.eval.nab.NabScorer;
import io.aura.eval.nab.NabSelection;
import io.aura.eval.nab.NabTwoFold;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.forest.ShingledIsolationForestDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs Aura's streaming detectors over the Numenta Anomaly Benchmark and scores them with Aura's
 * reproduction of NAB's scorer (windows, probation, scaled sigmoid, one threshold per profile swept
 * over the corpus, normalization between the null and perfect detectors).
 */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    description = "Score Aura's detectors on the NAB corpus; ends with 'NAB standard=.. reward_low_FP=.. reward_low_FN=..'.")
final class NabCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, description = "The NAB directory (with data/, labels/, results/).")
  Path data;

  @Option(names = "--detector", completionCandidates = DetectorNames.class,
      description = "One of ${COMPLETION-CANDIDATES}; or all (default: ${DEFAULT-VALUE}). Names ending in -nab read NAB's "
          + "per-file metadata and need --protocol nab.",
      defaultValue = "ewma")
  String detector;

  @Option(names = "--protocol", completionCandidates = ProtocolNames.class,
      description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). causal: a detector sees only the rows so "
          + "far; nab: NAB's own protocol, a detector may also read each file's minimum, maximum and length before the "
          + "first row (as NAB's scoreboard was made).",
      defaultValue = "causal")
  String protocol;

  /** The registered detector names, for --help. */
  static final class DetectorNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return detectors().keySet().iterator();
    }
  }

  /** The protocol names, for --help. */
  static final class ProtocolNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("causal", "nab").iterator();
    }
  }

  @Option(names = "--plot", description = "Write one PNG per file and detector: DIR/<detector>/<category>/<name>.png.")
  Path plot;

  @Option(names = "--out", description = "Write per-row scores in NAB's results layout: DIR/<detector>/<category>/<name>.csv.")
  Path out;

  @Option(names = "--select-on", description = "Honest protocol: choose among the candidate configurations on this half "
      + "of the files (sorted by path; even = 0, 2, 4..., odd = 1, 3, 5...), report on the other half and the whole corpus "
      + "(even, odd, or both: the two directions and the mean of the two held-out halves with a bootstrap interval).")
  String selectOn;

  /**
   * Aura's causal detectors with their documented defaults (see docs/detectors.md for when each
   * was chosen).
   */
  static Map<String, Supplier<StreamingDetector>> causalDetectors() {
    Map<String, Supplier<StreamingDetector>> d = new LinkedHashMap<>();
    d.put("ewma", () -> new EwmaDetector(0.2, 0.01, 100));
    d.put("robust-z", () -> new RobustZScoreDetector(288, 30));
    d.put("seasonal", () -> new SeasonalBaselineDetector(
        new Duration[] {Duration.ofDays(1), Duration.ofDays(7)}, Duration.ofMinutes(3), 288, 30));
    d.put("forecast-residual", () -> ForecastResidualDetector.naive(288, 30));
    d.put("iforest", () -> new ShingledIsolationForestDetector(8, 500, 500, IsolationForestTrainer.builder().seed(1).build()));
    d.put("gauss", NabCommand::gauss);
    d.put("ewma-likelihood", () -> likelihood(new EwmaDetector(0.2, 0.01, 100)));
    d.put("gauss-likelihood", () -> new MaxFusionDetector(likelihood(new WindowedGaussianDetector(GAUSS_WINDOW, 100, false)),
        likelihood(new WindowedGaussianDetector(GAUSS_WINDOW, 100, true))));
    d.put("gauss-likelihood-quiet", () -> new AlarmSuppression(d.get("gauss-likelihood").get(), ALARM, QUIET_ROWS));
    // The best configuration: max fusion of three likelihoods (windowed Gaussian on values and on
    // differences, EWMA chart), one alarm per quiet period. See docs/detectors.md for how it was chosen.
    d.put("fusion-quiet", () -> fusion(3, QUIET_ROWS, false));
    // KNN-CAD with NAB's knncad settings (lag 19, k 27, alarm at rank 0.9965, quiet for a fifth of
    // the training window) and a fixed training window of 600 lag vectors (NAB: the probation period).
    d.put("knncad", () -> knncad(19, 600));
    // The likelihood of KNN-CAD's non-conformity measure, with fusion-quiet's alarm and quiet period.
    d.put("knncad-likelihood-quiet", NabCommand::knncadLikelihood);
    // fusion-quiet with a fourth member, the likelihood of KNN-CAD's non-conformity measure; the
    // other settings are fusion-quiet's.
    d.put("fusion-knncad-quiet", () -> fusion(3, QUIET_ROWS, true));
    // Relative entropy with NAB's relativeEntropy settings (window 52, 5 bins, χ² at 0.99), causal bins.
    d.put("relative-entropy", RelativeEntropyDetector::new);
    // Fuzzy ART, two scales (value and shape), one alarm per new pattern, warm-up range padded by
    // half its width: the configuration grid v4 selects on the even half (docs/detectors.md).
    d.put("art", () -> art(ART_SHAPE_ROWS, ART_SHAPE_VIGILANCE, ART_VALUE_VIGILANCE, QUIET_ROWS, ART_PADDING, null, 0));
    return d;
  }

  /**
   * Every registered detector: the causal ones, and the same Fuzzy ART configuration reading NAB's
   * per-file metadata (NAB protocol only) — all of it ({@code art-nab}), and each part alone for
   * the ablation.
   */
  static Map<String, NabDetectors> detectors() {
    Map<String, NabDetectors> d = new LinkedHashMap<>();
    causalDetectors().forEach((name, s) -> d.put(name, NabDetectors.causal(s)));
    d.put("art-nab", artNab(ART_SHAPE_ROWS, ART_SHAPE_VIGILANCE, ART_VALUE_VIGILANCE, QUIET_ROWS, true, true));
    d.put("art-range-nab", artNab(ART_SHAPE_ROWS, ART_SHAPE_VIGILANCE, ART_VALUE_VIGILANCE, QUIET_ROWS, true, false));
    d.put("art-quiet-nab", artNab(ART_SHAPE_ROWS, ART_SHAPE_VIGILANCE, ART_VALUE_VIGILANCE, QUIET_ROWS, false, true));
    return d;
  }

  /** Fuzzy ART's warm-up rows, alarm novelty, and the shape network's rows per sample and vigilance; the value network's vigilance. */
  static final int ART_WARM_UP = 200;
  static final double ART_ALARM = 0.1;
  static final int ART_SHAPE_ROWS = 10;
  static final double ART_SHAPE_VIGILANCE = 0.85;
  static final double ART_VALUE_VIGILANCE = 0.95;
  static final double ART_PADDING = 0.5;
  /** The file length a quiet period is expressed in under the NAB protocol: NAB's most common one (14 days of 5 min). */
  static final int ART_REFERENCE_ROWS = 4032;

  /**
   * The two-scale Fuzzy ART recipe; with a range, the file's; with {@code rows > 0}, the quiet
   * period is {@code quiet / 4032} of the file's rows.
   */
  private static StreamingDetector art(int shapeRows, double shapeRho, double valueRho, int quiet, NabFileInfo range,
      int rows) {
    return art(shapeRows, shapeRho, valueRho, quiet, 0, range, rows);
  }

  /**
   * The same with the warm-up range padded by {@code padding} of its width on each side (only when
   * the range is learnt, not when it is given).
   */
  private static StreamingDetector art(int shapeRows, double shapeRho, double valueRho, int quiet, double padding,
      NabFileInfo range, int rows) {
    int q = rows > 0 ? Math.max(1, (int) Math.round((double) quiet * rows / ART_REFERENCE_ROWS)) : quiet;
    double pad = range == null ? padding : 0; // a given range is used as it is
    FuzzyArtDetector.Builder value = FuzzyArtDetector.builder().window(1).warmUp(ART_WARM_UP).vigilance(valueRho)
        .padding(pad);
    FuzzyArtDetector.Builder shape = FuzzyArtDetector.builder().window(2).sampleRows(shapeRows).warmUp(ART_WARM_UP)
        .vigilance(shapeRho).padding(pad);
    if (range != null) {
      value.range(range.min(), range.max());
      shape.range(range.min(), range.max());
    }
    return FuzzyArtDetector.valueAndShape(value, shape, ART_ALARM, q);
  }

  /**
   * The recipe reading the file's range and/or length (NAB protocol); without the range, the
   * learnt range is padded as in {@code art}.
   */
  private static NabDetectors artNab(int shapeRows, double shapeRho, double valueRho, int quiet, boolean range,
      boolean length) {
    String uses = range && length ? "min, max, rows" : range ? "min, max" : "rows";
    return NabDetectors.withFileInfo(uses,
        i -> art(shapeRows, shapeRho, valueRho, quiet, ART_PADDING, range ? i : null, length ? i.rows() : 0));
  }

  /**
   * The candidate configurations of the honest protocol ({@code --select-on}), fixed before any
   * of them was scored on a half (grid v2, see docs/detectors.md): the fusion family over the
   * likelihood's short window {1, 3, 10} and the quiet period {20, 50, 100, 288, 750}; KNN-CAD
   * over lag {10, 19} and training window {300, 600, 1000}; the likelihood of KNN-CAD's
   * non-conformity with one alarm per 100 rows; the fusion with a KNN-CAD member over the quiet
   * period {50, 100, 288}; and (grid v3, issue 14) the two-scale Fuzzy ART over the shape
   * network's rows per sample {6, 10} × its vigilance {0.85, 0.9} × the value network's
   * vigilance {0.9, 0.95} × the quiet period {75, 100, 150}; under the NAB protocol, the same
   * Fuzzy ART grid again reading each file's range and length ({@code art-nab}); and (grid v4) the
   * causal Fuzzy ART grid with the warm-up range padded by half its width on each side.
   */
  static List<NabSelection.Candidate> candidates(NabProtocol protocol) {
    List<NabSelection.Candidate> c = candidates();
    for (boolean nab : protocol == NabProtocol.NAB ? new boolean[] {false, true} : new boolean[] {false}) {
      for (int shapeRows : new int[] {6, 10}) {
        for (double shapeRho : new double[] {0.85, 0.9}) {
          for (double valueRho : new double[] {0.9, 0.95}) {
            for (int quiet : new int[] {75, 100, 150}) {
              String name = String.format(Locale.ROOT, "art%s(shape=%d,rho=%.2f,value_rho=%.2f,quiet=%d)",
                  nab ? "-nab" : "", shapeRows, shapeRho, valueRho, quiet);
              c.add(nab ? new NabSelection.Candidate(name, artNab(shapeRows, shapeRho, valueRho, quiet, true, true))
                  : new NabSelection.Candidate(name, () -> art(shapeRows, shapeRho, valueRho, quiet, null, 0)));
            }
          }
        }
      }
    }
    // Grid v4 (written after grid v3's held-out figures were seen, see docs/detectors.md): the same
    // causal Fuzzy ART grid with the warm-up range padded by half its width on each side.
    for (int shapeRows : new int[] {6, 10}) {
      for (double shapeRho : new double[] {0.85, 0.9}) {
        for (double valueRho : new double[] {0.9, 0.95}) {
          for (int quiet : new int[] {75, 100, 150}) {
            String name = String.format(Locale.ROOT, "art(shape=%d,rho=%.2f,value_rho=%.2f,quiet=%d,padding=0.5)",
                shapeRows, shapeRho, valueRho, quiet);
            c.add(new NabSelection.Candidate(name, () -> art(shapeRows, shapeRho, valueRho, quiet, 0.5, null, 0)));
          }
        }
      }
    }
    return c;
  }

  /** The causal candidates of grid v2 (before the Fuzzy ART detector), kept as they were. */
  static List<NabSelection.Candidate> candidates() {
    List<NabSelection.Candidate> c = new ArrayList<>();
    for (int shortWindow : new int[] {1, 3, 10}) {
      for (int quiet : new int[] {20, 50, 100, 288, 750}) {
        c.add(new NabSelection.Candidate("fusion-quiet(short=" + shortWindow + ",quiet=" + quiet + ")",
            () -> fusion(shortWindow, quiet, false)));
      }
    }
    for (int dim : new int[] {10, 19}) {
      for (int training : new int[] {300, 600, 1000}) {
        c.add(new NabSelection.Candidate("knncad(dim=" + dim + ",k=27,training=" + training + ")",
            () -> knncad(dim, training)));
      }
    }
    c.add(new NabSelection.Candidate("knncad-likelihood-quiet(dim=19,k=27,training=600,short=3,quiet=100)",
        NabCommand::knncadLikelihood));
    for (int quiet : new int[] {50, 100, 288}) {
      c.add(new NabSelection.Candidate("fusion-knncad-quiet(short=3,quiet=" + quiet + ")", () -> fusion(3, quiet, true)));
    }
    return c;
  }

  /** The likelihood of KNN-CAD's non-conformity (lag 19, k 27, 600 rows), one alarm per quiet period. */
  private static StreamingDetector knncadLikelihood() {
    return new AlarmSuppression(likelihood(new KnnCadDetector(19, 27, 600, KnnCadDetector.Output.NON_CONFORMITY)),
        ALARM, QUIET_ROWS);
  }

  /**
   * Max fusion of the likelihoods of WG values, WG differences, EWMA (and KNN-CAD's non-conformity),
   * one alarm per quiet period.
   */
  private static StreamingDetector fusion(int shortWindow, int quietRows, boolean withKnnCad) {
    List<StreamingDetector> m = new ArrayList<>(List.of(
        new AnomalyLikelihood(new WindowedGaussianDetector(GAUSS_WINDOW, 100, false), 8640, shortWindow, 288),
        new AnomalyLikelihood(new WindowedGaussianDetector(GAUSS_WINDOW, 100, true), 8640, shortWindow, 288),
        new AnomalyLikelihood(new EwmaDetector(0.2, 0.01, 100), 8640, shortWindow, 288)));
    if (withKnnCad) {
      m.add(new AnomalyLikelihood(new KnnCadDetector(19, 27, 600, KnnCadDetector.Output.NON_CONFORMITY), 8640,
          shortWindow, 288));
    }
    return new AlarmSuppression(new MaxFusionDetector(m.toArray(new StreamingDetector[0])), ALARM, quietRows);
  }

  /** KNN-CAD (k = 27) with NAB's alarm rank 0.9965 and a quiet period of a fifth of the training window. */
  private static StreamingDetector knncad(int dim, int training) {
    return new AlarmSuppression(new KnnCadDetector(dim, 27, training), KNNCAD_ALARM, training / 5);
  }

  /** NAB's knncad alarm: conformal rank at least 0.9965. */
  static final double KNNCAD_ALARM = 0.9965;

  /** Rows in the windowed Gaussian's baseline: 10 days of 5-minute samples. */
  static final int GAUSS_WINDOW = 2880;
  /** The likelihood score counting as a detection: L ≥ 0.99999 (Ahmad et al. 2017). */
  static final double ALARM = 5.0;
  /** Rows silenced after a detection (chosen on the full corpus among 20, 50, 100, 288, 750, 1500; see docs/detectors.md). */
  static final int QUIET_ROWS = 100;

  private static StreamingDetector gauss() {
    return new MaxFusionDetector(new WindowedGaussianDetector(GAUSS_WINDOW, 100, false),
        new WindowedGaussianDetector(GAUSS_WINDOW, 100, true));
  }

  /**
   * Ahmad et al. 2017's long history of 8640 raw scores; a short average of 3 raw scores (the
   * paper uses 10; 3 was chosen on the full corpus among 1, 3, 10, see docs/detectors.md).
   */
  private static StreamingDetector likelihood(StreamingDetector base) {
    return new AnomalyLikelihood(base, 8640, 3, 288);
  }

  @Override
  public Integer call() throws IOException {
    NabProtocol proto = protocol();
    if (selectOn != null) {
      return select(proto);
    }
    Map<String, NabDetectors> all = detectors();
    List<String> names = new ArrayList<>();
    if (detector.equals("all")) {
      all.forEach((name, d) -> {
        if (proto == NabProtocol.NAB || d instanceof NabDetectors.Causal) {
          names.add(name);
        }
      });
    } else if (all.containsKey(detector)) {
      if (proto == NabProtocol.CAUSAL && !(all.get(detector) instanceof NabDetectors.Causal)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "detector '" + detector
            + "' reads NAB's per-file metadata (" + all.get(detector).uses() + "): run it with --protocol nab");
      }
      names.add(detector);
    } else {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "unknown detector '" + detector + "'; choose one of " + all.keySet() + " or all");
    }
    System.out.printf(Locale.ROOT, "protocol %s%s%n", protocol, proto == NabProtocol.NAB
        ? " (detectors may read each file's minimum, maximum and length before the first row; 'uses' says which do)"
        : " (detectors see only the rows so far)");
    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
    for (String name : names) {
      long t0 = System.nanoTime();
      NabBenchmark.Report r = NabBenchmark.run(data, all.get(name), proto, out == null ? null : out.resolve(name));
      Map<String, Double> byProfile = new LinkedHashMap<>();
      for (NabScorer.Result res : r.results().values()) {
        byProfile.put(res.profile().name(), res.normalizedScore());
      }
      rows.put("aura:" + name + (proto == NabProtocol.NAB ? " [nab]" : ""), byProfile);
      if (plot != null) {
        NabPlot.writeAll(plot.resolve(name), name, r);
      }
      System.out.printf(Locale.ROOT, "%-22s standard=%.3f reward_low_FP=%.3f reward_low_FN=%.3f uses=%s (%.1f s)%n", name,
          byProfile.get(NabProfile.STANDARD.name()), byProfile.get(NabProfile.REWARD_LOW_FP_RATE.name()),
          byProfile.get(NabProfile.REWARD_LOW_FN_RATE.name()), all.get(name).uses().replace(", ", "+"),
          (System.nanoTime() - t0) / 1e9);
    }
    if (names.size() > 1) {
      Path published = data.resolve("results").resolve("final_results.json");
      if (Files.exists(published)) {
        JsonNode root = new ObjectMapper().readTree(published.toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          Map<String, Double> byProfile = new LinkedHashMap<>();
          e.getValue().fields().forEachRemaining(p -> byProfile.put(p.getKey(), p.getValue().asDouble()));
          rows.put(e.getKey(), byProfile);
        }
      }
      List<Map.Entry<String, Map<String, Double>>> sorted = new ArrayList<>(rows.entrySet());
      sorted.sort((a, b) -> Double.compare(b.getValue().getOrDefault("standard", -1e9), a.getValue().getOrDefault("standard", -1e9)));
      System.out.printf(Locale.ROOT, "%n%-30s %10s %14s %14s%n", "detector (published unless aura:)", "standard", "reward_low_FP",
          "reward_low_FN");
      for (Map.Entry<String, Map<String, Double>> e : sorted) {
        Map<String, Double> v = e.getValue();
        System.out.printf(Locale.ROOT, "%-30s %10.3f %14.3f %14.3f%n", e.getKey(), v.getOrDefault("standard", Double.NaN),
            v.getOrDefault("reward_low_FP_rate", Double.NaN), v.getOrDefault("reward_low_FN_rate", Double.NaN));
      }
    }
    // The last line, for scripts: the first detector asked for (the best one with --detector all).
    Map<String, Double> last = rows.entrySet().stream().filter(e -> e.getKey().startsWith("aura:"))
        .max((a, b) -> Double.compare(a.getValue().get("standard"), b.getValue().get("standard"))).orElseThrow().getValue();
    System.out.printf(Locale.ROOT, "NAB standard=%.3f reward_low_FP=%.3f reward_low_FN=%.3f%n",
        last.get(NabProfile.STANDARD.name()), last.get(NabProfile.REWARD_LOW_FP_RATE.name()),
        last.get(NabProfile.REWARD_LOW_FN_RATE.name()));
    return 0;
  }

  private static String figures(Map<String, Double> byProfile) {
    return String.format(Locale.ROOT, "standard=%.3f reward_low_FP=%.3f reward_low_FN=%.3f",
        byProfile.get(NabProfile.STANDARD.name()), byProfile.get(NabProfile.REWARD_LOW_FP_RATE.name()),
        byProfile.get(NabProfile.REWARD_LOW_FN_RATE.name()));
  }

  private static Map<String, Double> normalized(Map<String, NabScorer.Result> results) {
    Map<String, Double> m = new LinkedHashMap<>();
    results.forEach((k, v) -> m.put(k, v.normalizedScore()));
    return m;
  }

  private NabProtocol protocol() {
    return switch (protocol) {
      case "causal" -> NabProtocol.CAUSAL;
      case "nab" -> NabProtocol.NAB;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--protocol must be causal or nab, got '" + protocol + "'");
    };
  }

  /** Bootstrap resamples and seed of the two-fold headline. */
  static final int RESAMPLES = 2000;
  static final long SEED = 14;

  /**
   * The honest protocol: select on one half, report on the other half and on the whole corpus;
   * with {@code both}, the two directions and their held-out mean.
   */
  private int select(NabProtocol proto) throws IOException {
    long t0 = System.nanoTime();
    List<NabSelection.Half> halves = switch (selectOn) {
      case "even" -> List.of(NabSelection.Half.EVEN);
      case "odd" -> List.of(NabSelection.Half.ODD);
      case "both" -> List.of(NabSelection.Half.EVEN, NabSelection.Half.ODD);
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--select-on must be even, odd or both, got '" + selectOn + "'");
    };
    List<NabFile> files = NabCorpus.load(data);
    List<NabSelection.Candidate> candidates = candidates(proto);
    Map<String, String> uses = new LinkedHashMap<>();
    candidates.forEach(c -> uses.put(c.name(), c.detectors().uses()));
    List<NabSelection.Outcome> outcomes = halves.size() == 2 ? NabSelection.selectBoth(files, candidates, proto)
        : List.of(NabSelection.select(files, candidates, halves.get(0), proto));
    for (NabSelection.Outcome o : outcomes) {
      NabSelection.Half half = o.half();
      String sel = half.name().toLowerCase(Locale.ROOT);
      String held = half.other().name().toLowerCase(Locale.ROOT);
      System.out.printf(Locale.ROOT, "Selection on the %s half (%d of %d files, sorted by path), protocol %s, standard profile:%n",
          sel, NabSelection.part(files, half).size(), files.size(), protocol);
      o.selectionStandard().forEach((name, s) -> System.out.printf(Locale.ROOT, "  %-56s standard=%.3f%n", name, s));
      System.out.printf(Locale.ROOT, "chosen: %s (protocol %s, uses NAB metadata: %s)%n", o.chosen(), protocol,
          uses.get(o.chosen()));
      System.out.printf(Locale.ROOT, "SELECTION %-5s half (swept)                 %s%n", sel, figures(normalized(o.onSelection())));
      System.out.printf(Locale.ROOT, "HELD-OUT  %-5s half (threshold transferred) %s%n", held, figures(o.heldOutTransferred()));
      System.out.printf(Locale.ROOT, "HELD-OUT  %-5s half (swept, as NAB)         %s%n", held, figures(normalized(o.heldOutSwept())));
      if (out != null) {
        NabBenchmark.write(out.resolve("selected-on-" + sel), o.files(), o.scores());
      }
    }
    System.out.printf(Locale.ROOT, "(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
    if (outcomes.size() == 2) {
      Map<String, Double> mean = new LinkedHashMap<>();
      for (NabProfile p : NabProfile.ALL) {
        NabTwoFold.Estimate e = NabTwoFold.heldOutMean(outcomes.get(0), outcomes.get(1), p, RESAMPLES, SEED);
        mean.put(p.name(), e.mean());
        System.out.printf(Locale.ROOT, "HEADLINE protocol=%s %-18s held-out mean=%.3f (odd %.3f, even %.3f) "
            + "95%% bootstrap interval over files [%.3f, %.3f] (%d resamples, seed %d)%n", protocol, p.name(), e.mean(),
            e.heldOutOdd(), e.heldOutEven(), e.lower(), e.upper(), e.resamples(), e.seed());
      }
      printPublished();
      System.out.printf(Locale.ROOT, "NAB %s (protocol %s, mean of the two held-out halves, threshold transferred)%n",
          figures(mean), protocol);
    } else {
      System.out.printf(Locale.ROOT, "NAB %s (whole corpus, swept)%n", figures(normalized(outcomes.get(0).full())));
    }
    return 0;
  }

  /**
   * NAB's published whole-corpus scores of the leaders, beside Aura's (their per-row results are
   * not in the data folder, so they cannot be re-scored by halves here).
   */
  private void printPublished() throws IOException {
    Path published = data.resolve("results").resolve("final_results.json");
    if (!Files.exists(published)) {
      return;
    }
    JsonNode root = new ObjectMapper().readTree(published.toFile());
    for (String name : List.of("ARTime", "numenta", "contextOSE")) {
      JsonNode n = root.get(name);
      if (n != null) {
        System.out.printf(Locale.ROOT, "PUBLISHED %-10s standard=%.3f reward_low_FP=%.3f reward_low_FN=%.3f "
            + "(whole corpus, NAB protocol, settings chosen on the whole corpus; per-row results not available here)%n",
            name, n.path("standard").asDouble(Double.NaN), n.path("reward_low_FP_rate").asDouble(Double.NaN),
            n.path("reward_low_FN_rate").asDouble(Double.NaN));
      }
    }
  }
}
