package io.aura.eval.m4;

import io.aura.features.InvalidDataException;
import io.aura.forecast.Forecast;
import io.aura.forecast.Forecaster;
import io.aura.forecast.Forecasters;
import io.aura.forecast.NaiveForecaster;
import io.aura.forecast.eval.Accuracy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates forecasting methods on an M4 subset with the competition's protocol: fit on each
 * training series, forecast the frequency's horizon, score against the test file with sMAPE, MASE
 * (scale with the frequency's period), and OWA relative to Naive2 computed in the same run; also
 * reports 95% interval coverage and MSIS, and wall-clock seconds per method.
 *
 * <p>When a method throws on a series (e.g. too short), the series gets the Naive2 forecast and is
 * counted in {@link Result#failures()} (logged at WARN); nothing is silently dropped. Optional
 * {@code outDir}: one CSV per method, {@code <method>.csv} with rows {@code id,f1..fh}, written
 * atomically (temp file then move).
 *
 * <p>Two protocols ({@link SelectOn}): {@link #run}/{@link #evaluate} score every method on the
 * test set (exploratory; choosing among them afterwards would be selection on test), and {@link
 * #confirm} is the blind protocol: candidates are compared on a validation split carved from the
 * training series (each series' last h values), the best validation OWA is frozen, and only that
 * method is scored once on the test set. {@link #main} exposes both ({@code --select-on
 * none|validation}).
 *
 * <p>Thread safety: stateless; each call uses its own executor of {@code threads} workers.
 * Complexity: the methods' own fit costs, summed over series.
 */
public final class M4Evaluation {
  private static final Logger LOG = LoggerFactory.getLogger(M4Evaluation.class);

  /** M4 frequency conventions: horizon and seasonal period. */
  public enum Frequency {
    /** h 6, m 1. */
    YEARLY(6, 1),
    /** h 8, m 4. */
    QUARTERLY(8, 4),
    /** h 18, m 12. */
    MONTHLY(18, 12),
    /** h 13, m 1. */
    WEEKLY(13, 1),
    /** h 14, m 1. */
    DAILY(14, 1),
    /** h 48, m 24. */
    HOURLY(48, 24);

    private final int horizon;
    private final int period;

    Frequency(int horizon, int period) {
      this.horizon = horizon;
      this.period = period;
    }

    /**
     * Forecast horizon.
     *
     * @return h
     */
    public int horizon() {
      return horizon;
    }

    /**
     * Seasonal period.
     *
     * @return m
     */
    public int period() {
      return period;
    }
  }

  /**
   * One method's set-level figures.
   *
   * @param method the method name
   * @param smape mean sMAPE over series
   * @param mase mean MASE over series
   * @param owa OWA against Naive2 of the same run
   * @param coverage95 mean 95% interval coverage
   * @param msis95 mean MSIS at 95%
   * @param seconds wall-clock seconds for fitting and forecasting the set
   * @param series number of series
   * @param failures series where the method threw and Naive2 was used instead
   */
  public record Result(
      String method,
      double smape,
      double mase,
      double owa,
      double coverage95,
      double msis95,
      double seconds,
      int series,
      int failures) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-16s sMAPE %7.3f  MASE %6.3f  OWA %6.3f  cov95 %5.3f  MSIS %7.3f  %7.1fs  (%d series,"
              + " %d failures)",
          method,
          smape,
          mase,
          owa,
          coverage95,
          msis95,
          seconds,
          series,
          failures);
    }
  }

  private M4Evaluation() {}

  /**
   * Runs the evaluation.
   *
   * @param train training CSV (M4 layout)
   * @param test test CSV (M4 layout)
   * @param freq frequency conventions
   * @param methods method names known to {@link Forecasters#byName}
   * @param outDir directory for per-method forecast CSVs, or null for none
   * @param threads worker threads ({@code >= 1})
   * @return one result per method, Naive2 first
   * @throws IOException on read/write failure
   * @throws InvalidDataException when train and test ids or lengths disagree
   */
  public static List<Result> run(
      Path train, Path test, Frequency freq, List<String> methods, Path outDir, int threads)
      throws IOException {
    List<Forecaster> fs = new ArrayList<>();
    for (String m : methods) {
      fs.add(Forecasters.byName(m));
    }
    return evaluate(train, test, freq, fs, outDir, threads);
  }

  /**
   * Runs the evaluation on forecaster instances (named by {@link Forecaster#name()}).
   *
   * @param train training CSV (M4 layout)
   * @param test test CSV (M4 layout)
   * @param freq frequency conventions
   * @param methods the forecasters
   * @param outDir directory for per-method forecast CSVs, or null for none
   * @param threads worker threads ({@code >= 1})
   * @return one result per method, Naive2 first
   * @throws IOException on read/write failure
   */
  public static List<Result> evaluate(
      Path train, Path test, Frequency freq, List<Forecaster> methods, Path outDir, int threads)
      throws IOException {
    Map<String, double[]> tr = M4Data.read(train);
    Map<String, double[]> te = M4Data.read(test);
    checkTest(tr, te, freq, test.toString());
    return score(tr, te, freq, withNaive2(methods), outDir, threads);
  }

  /** Which split the automatic choice is made on, for {@link #confirm}. */
  public enum SelectOn {
    /** No selection: every method is scored on the test set (exploratory runs only). */
    NONE,
    /**
     * Blind protocol: candidates are scored on a validation split carved from the training series
     * (each series' last h training values), the best validation OWA is frozen, and only that
     * method is then scored on the test set, once.
     */
    VALIDATION
  }

  /**
   * The outcome of the blind confirmation protocol.
   *
   * @param validation every candidate on the validation split (Naive2 of that split first)
   * @param chosen the candidate with the smallest validation OWA (first listed on ties)
   * @param test Naive2 and the chosen method on the test set
   * @param seriesUsed the number of series in the (possibly subsetted) set
   */
  public record Confirmation(
      List<Result> validation, String chosen, List<Result> test, int seriesUsed) {
    /**
     * Copies the lists.
     *
     * @param validation validation results
     * @param chosen the chosen method
     * @param test test results
     * @param seriesUsed number of series
     */
    public Confirmation {
      validation = List.copyOf(validation);
      test = List.copyOf(test);
    }

    /**
     * The chosen method's test figures.
     *
     * @return the result
     */
    public Result chosenOnTest() {
      return test.stream().filter(r -> r.method().equals(chosen)).findFirst().orElseThrow();
    }

    /**
     * The chosen method's validation figures.
     *
     * @return the result
     */
    public Result chosenOnValidation() {
      return validation.stream().filter(r -> r.method().equals(chosen)).findFirst().orElseThrow();
    }
  }

  /**
   * The blind confirmation protocol ({@link SelectOn#VALIDATION}). Validation split: every training
   * series without its last {@code h} values is the training part, those {@code h} values the
   * actuals (the test file is not read until the choice is made). All candidates and Naive2 are
   * scored there; the candidate with the smallest validation OWA is frozen; then the chosen method
   * is refitted on the full training series and scored once on the test file, together with Naive2
   * (for OWA). No other candidate ever sees the test values.
   *
   * <p>Subset: with {@code every > 1} only the series at positions 0, k, 2k, ... of the training
   * file are used (a rule fixed before any result is seen, independent of the data).
   *
   * @param train training CSV (M4 layout)
   * @param test test CSV (M4 layout)
   * @param freq frequency conventions
   * @param candidates candidate method names known to {@link Forecasters#byName}, non-empty
   * @param every keep every k-th series ({@code >= 1}; 1 = all)
   * @param outDir directory for forecasts ({@code validation/<m>.csv}, {@code test/<m>.csv}) or
   *     null
   * @param threads worker threads
   * @return the validation table, the choice and its test figures
   * @throws IOException on read/write failure
   * @throws InvalidDataException when train and test disagree, or a training series is not longer
   *     than the horizon
   */
  public static Confirmation confirm(
      Path train,
      Path test,
      Frequency freq,
      List<String> candidates,
      int every,
      Path outDir,
      int threads)
      throws IOException {
    if (candidates.isEmpty() || every < 1) {
      throw new IllegalArgumentException(
          "need at least one candidate and every >= 1, got " + candidates + ", " + every);
    }
    Map<String, double[]> tr = subset(M4Data.read(train), every);
    int h = freq.horizon();
    Map<String, double[]> vTrain = new LinkedHashMap<>();
    Map<String, double[]> vTest = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : tr.entrySet()) {
      double[] y = e.getValue();
      if (y.length <= h + 2) {
        throw new InvalidDataException(
            train
                + ": series "
                + e.getKey()
                + " has "
                + y.length
                + " values, too few for a validation split of "
                + h);
      }
      vTrain.put(e.getKey(), Arrays.copyOfRange(y, 0, y.length - h));
      vTest.put(e.getKey(), Arrays.copyOfRange(y, y.length - h, y.length));
    }
    List<Forecaster> cands = new ArrayList<>();
    for (String c : candidates) {
      cands.add(Forecasters.byName(c));
    }
    List<Result> val =
        score(
            vTrain,
            vTest,
            freq,
            withNaive2(cands),
            outDir == null ? null : outDir.resolve("validation"),
            threads);
    Result best = null;
    for (Result r : val) {
      boolean candidate = candidates.contains(r.method());
      if (candidate && (best == null || r.owa() < best.owa())) {
        best = r;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no candidate scored on validation: " + candidates);
    }
    LOG.info(
        "validation: chose {} (OWA {}); frozen before reading {}", best.method(), best.owa(), test);
    // Only now is the test file read.
    Map<String, double[]> te = M4Data.read(test);
    checkTest(tr, te, freq, test.toString());
    List<Result> tst =
        score(
            tr,
            te,
            freq,
            withNaive2(List.of(Forecasters.byName(best.method()))),
            outDir == null ? null : outDir.resolve("test"),
            threads);
    return new Confirmation(val, best.method(), tst, tr.size());
  }

  static Map<String, double[]> subset(Map<String, double[]> all, int every) {
    Map<String, double[]> out = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, double[]> e : all.entrySet()) {
      if (i++ % every == 0) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static void checkTest(
      Map<String, double[]> tr, Map<String, double[]> te, Frequency freq, String where) {
    for (String id : tr.keySet()) {
      double[] a = te.get(id);
      if (a == null || a.length != freq.horizon()) {
        throw new InvalidDataException(
            where + ": series " + id + " missing or not of length " + freq.horizon());
      }
    }
  }

  private static List<Forecaster> withNaive2(List<Forecaster> methods) {
    List<Forecaster> all = new ArrayList<>();
    all.add(NaiveForecaster.naive2());
    for (Forecaster m : methods) {
      if (!m.name().equals("naive2")) {
        all.add(m);
      }
    }
    return all;
  }

  /** Scores methods (Naive2 first, for OWA) on training parts {@code tr} and actuals {@code te}. */
  private static List<Result> score(
      Map<String, double[]> tr,
      Map<String, double[]> te,
      Frequency freq,
      List<Forecaster> all,
      Path outDir,
      int threads)
      throws IOException {
    List<String> ids = new ArrayList<>(tr.keySet());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Result> out = new ArrayList<>();
      double smapeN2 = Double.NaN;
      double maseN2 = Double.NaN;
      for (Forecaster method : all) {
        String name = method.name();
        Forecaster fallback = NaiveForecaster.naive2();
        long t0 = System.nanoTime();
        List<Future<double[][]>> futures = new ArrayList<>();
        for (String id : ids) {
          double[] y = tr.get(id);
          futures.add(
              pool.submit(
                  () -> {
                    boolean failed = false;
                    Forecast f;
                    try {
                      f = method.fit(y, freq.period()).forecast(freq.horizon(), 0.95);
                    } catch (RuntimeException e) {
                      LOG.warn("{} failed on {}: {}; using naive2", name, id, e.toString());
                      f = fallback.fit(y, freq.period()).forecast(freq.horizon(), 0.95);
                      failed = true;
                    }
                    return new double[][] {
                      f.mean(), f.lower(0.95), f.upper(0.95), {failed ? 1 : 0}
                    };
                  }));
        }
        double sSmape = 0;
        double sMase = 0;
        double sCov = 0;
        double sMsis = 0;
        int failures = 0;
        List<double[]> fc = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          double[][] r;
          try {
            r = futures.get(i).get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
          }
          double[] y = tr.get(ids.get(i));
          double[] a = te.get(ids.get(i));
          sSmape += Accuracy.smape(a, r[0]);
          sMase += Accuracy.mase(y, freq.period(), a, r[0]);
          sCov += Accuracy.coverage(a, r[1], r[2]);
          sMsis += Accuracy.msis(y, freq.period(), a, r[1], r[2], 0.95);
          failures += (int) r[3][0];
          fc.add(r[0]);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        int k = ids.size();
        double smape = sSmape / k;
        double mase = sMase / k;
        if (name.equals("naive2")) {
          smapeN2 = smape;
          maseN2 = mase;
        }
        Result res =
            new Result(
                name,
                smape,
                mase,
                Accuracy.owa(smape, mase, smapeN2, maseN2),
                sCov / k,
                sMsis / k,
                secs,
                k,
                failures);
        LOG.info("{}", res);
        out.add(res);
        if (outDir != null) {
          write(outDir, name, ids, fc);
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Command-line entry point (results are logged through SLF4J at INFO; bind a logger such as
   * slf4j-simple to see them):
   *
   * <pre>
   * M4Evaluation --train F --test F --frequency hourly [--methods a,b,...]
   *              [--select-on none|validation] [--every K] [--threads T] [--out DIR]
   * </pre>
   *
   * <p>{@code --select-on none} (default) scores every method on the test set (exploratory). {@code
   * --select-on validation} runs the blind protocol of {@link #confirm}: the methods are the
   * candidates, the choice is made on the validation split and only it is scored on test. {@code
   * --every K} keeps every K-th series (validation protocol only). {@code --out DIR} writes the
   * forecasts and {@code summary.csv} (split, method, sMAPE, MASE, OWA, coverage, MSIS, seconds,
   * series, failures, chosen). The last line logged is {@code M4 <frequency> method=<m> ...
   * sMAPE=<x> MASE=<y> OWA=<z> seconds=<t>}.
   *
   * @param args the arguments
   * @throws IOException on read/write failure
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + a + "'");
      }
      opt.put(a.substring(2), args[++i]);
    }
    for (String k : opt.keySet()) {
      if (!List.of("train", "test", "frequency", "methods", "select-on", "every", "threads", "out")
          .contains(k)) {
        throw new IllegalArgumentException("unknown option --" + k);
      }
    }
    Path train = Path.of(required(opt, "train"));
    Path test = Path.of(required(opt, "test"));
    Frequency freq = Frequency.valueOf(required(opt, "frequency").toUpperCase(Locale.ROOT));
    List<String> methods = List.of(opt.getOrDefault("methods", "auto").split(","));
    SelectOn sel = SelectOn.valueOf(opt.getOrDefault("select-on", "none").toUpperCase(Locale.ROOT));
    int every = Integer.parseInt(opt.getOrDefault("every", "1"));
    int threads =
        Integer.parseInt(
            opt.getOrDefault("threads", "" + Runtime.getRuntime().availableProcessors()));
    Path out = opt.containsKey("out") ? Path.of(opt.get("out")) : null;
    String f = freq.name().toLowerCase(Locale.ROOT);
    List<String[]> rows = new ArrayList<>();
    if (sel == SelectOn.NONE) {
      if (every != 1) {
        throw new IllegalArgumentException("--every is only supported with --select-on validation");
      }
      List<Result> res = run(train, test, freq, methods, out, threads);
      res.forEach(r -> rows.add(row("test", r, false)));
      Result first =
          res.stream().filter(r -> r.method().equals(methods.get(0))).findFirst().orElseThrow();
      writeSummary(out, rows);
      LOG.info(
          String.format(
              Locale.ROOT,
              "M4 %s method=%s sMAPE=%.3f MASE=%.3f OWA=%.3f seconds=%.1f",
              f,
              first.method(),
              first.smape(),
              first.mase(),
              first.owa(),
              first.seconds()));
      return;
    }
    Confirmation c = confirm(train, test, freq, methods, every, out, threads);
    LOG.info(
        "validation split ({} series, last {} training values held out):",
        c.seriesUsed(),
        freq.horizon());
    for (Result r : c.validation()) {
      LOG.info("  {}{}", r, r.method().equals(c.chosen()) ? "  <- chosen" : "");
      rows.add(row("validation", r, r.method().equals(c.chosen())));
    }
    LOG.info("test set, chosen method only:");
    for (Result r : c.test()) {
      LOG.info("  {}", r);
      rows.add(row("test", r, r.method().equals(c.chosen())));
    }
    writeSummary(out, rows);
    Result v = c.chosenOnValidation();
    Result t = c.chosenOnTest();
    LOG.info(
        String.format(
            Locale.ROOT,
            "M4 %s method=%s select-on=validation series=%d validationOWA=%.3f sMAPE=%.3f"
                + " MASE=%.3f OWA=%.3f seconds=%.1f",
            f,
            t.method(),
            c.seriesUsed(),
            v.owa(),
            t.smape(),
            t.mase(),
            t.owa(),
            t.seconds()));
  }

  private static String required(Map<String, String> opt, String k) {
    String v = opt.get(k);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + k);
    }
    return v;
  }

  private static String[] row(String split, Result r, boolean chosen) {
    return new String[] {
      split,
      r.method(),
      fmt(r.smape()),
      fmt(r.mase()),
      fmt(r.owa()),
      fmt(r.coverage95()),
      fmt(r.msis95()),
      fmt(r.seconds()),
      "" + r.series(),
      "" + r.failures(),
      "" + chosen
    };
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static void writeSummary(Path dir, List<String[]> rows) throws IOException {
    if (dir == null) {
      return;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "summary", ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("split,method,smape,mase,owa,coverage95,msis95,seconds,series,failures,chosen");
      w.newLine();
      for (String[] r : rows) {
        w.write(String.join(",", r));
        w.newLine();
      }
    }
    Files.move(
        tmp,
        dir.resolve("summary.csv"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static void write(Path dir, String method, List<String> ids, List<double[]> fc)
      throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(method + ".csv");
    Path tmp = Files.createTempFile(dir, method, ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      int h = fc.get(0).length;
      w.write("id");
      for (int j = 1; j <= h; j++) {
        w.write(",f" + j);
      }
      w.newLine();
      for (int i = 0; i < ids.size(); i++) {
        w.write(ids.get(i));
        for (double v : fc.get(i)) {
          w.write(',');
          w.write(Double.toString(v));
        }
        w.newLine();
      }
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
