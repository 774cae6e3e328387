package io.aura.forecast.eval;

import io.aura.features.InvalidDataException;
import io.aura.forecast.Forecast;
import io.aura.forecast.Forecaster;
import io.aura.forecast.Forecasters;
import io.aura.forecast.NaiveForecaster;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
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
          method, smape, mase, owa, coverage95, msis95, seconds, series, failures);
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
    List<String> ids = new ArrayList<>(tr.keySet());
    for (String id : ids) {
      double[] a = te.get(id);
      if (a == null || a.length != freq.horizon()) {
        throw new InvalidDataException(
            test + ": series " + id + " missing or not of length " + freq.horizon());
      }
    }
    List<Forecaster> all = new ArrayList<>();
    all.add(NaiveForecaster.naive2());
    for (Forecaster m : methods) {
      if (!m.name().equals("naive2")) {
        all.add(m);
      }
    }
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
