package io.aura.examples;

import io.aura.eval.rightsizing.BitbrainsTrace;
import io.aura.eval.rightsizing.RightsizingReplay;
import io.aura.eval.rightsizing.RightsizingScore;
import io.aura.eval.rightsizing.RightsizingScore.Point;
import io.aura.eval.rightsizing.RightsizingScore.Saving;
import io.aura.eval.rightsizing.RightsizingScore.Tally;
import io.aura.forecast.Forecasters;
import io.aura.rightsizing.ForecastRecommender;
import io.aura.rightsizing.KrrSimple;
import io.aura.rightsizing.Resource;
import io.aura.rightsizing.VpaSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Replays right-sizing recommenders causally over the Bitbrains VMs and compares them with VPA
 * along frontiers (allocation at fixed violation budgets, paired bootstrap over VMs); see
 * docs/rightsizing.md.
 */
@Command(
    name = "rightsize",
    mixinStandardHelpOptions = true,
    description =
        "Right-sizing replay on Bitbrains traces; ends with 'RIGHTSIZE data=.. cpu_saving_vs_vpa_1pct=.. "
            + "cpu_saving_vs_vpa_5pct=.. mem_saving_vs_vpa_1pct=.. mem_saving_vs_vpa_5pct=..'.")
final class RightsizeCommand implements Callable<Integer> {
  private static final long JUL8 = Instant.parse("2013-07-08T00:00:00Z").toEpochMilli();
  private static final long JUL31 = Instant.parse("2013-07-31T00:00:00Z").toEpochMilli();
  private static final long AUG1 = Instant.parse("2013-08-01T00:00:00Z").toEpochMilli();
  private static final long SEP30 = Instant.parse("2013-09-30T00:00:00Z").toEpochMilli();
  static final double[] BUDGETS = {0.01, 0.02, 0.05};

  @Option(
      names = "--data",
      required = true,
      description = "The bitbrains folder, e.g. ../shared/data/bitbrains")
  Path data;

  @Option(
      names = "--methods",
      split = ",",
      defaultValue = "vpa,vpa-5min,krr,forecast",
      description = "Methods from vpa, vpa-5min, krr, forecast (default: ${DEFAULT-VALUE}).")
  List<String> methods;

  @Option(
      names = "--period",
      defaultValue = "aug-sep",
      description =
          "july: July only, evaluated 8-31 July (choose settings here); aug-sep: July as history, evaluated"
              + " 1 August - 30 September (default: ${DEFAULT-VALUE}).")
  String period;

  @Option(
      names = "--forecaster",
      description =
          "Forecaster of the hourly series (aura-forecast name, or mstl-log-ets; default: the"
              + " recommender's, snaive-lag).")
  String forecaster;

  @Option(
      names = "--cpu-peak-quantile",
      defaultValue = "0.25",
      description = "Within-hour quantile of the CPU peak" + " series (default: ${DEFAULT-VALUE}).")
  double cpuPeakQuantile;

  @Option(
      names = "--cpu-shape",
      defaultValue = "HOURLY_SCHEDULE",
      description =
          "Forecast recommender's CPU shape:"
              + " HOURLY_SCHEDULE or STATIC (default: ${DEFAULT-VALUE}).")
  ForecastRecommender.Shape cpuShape;

  @Option(
      names = "--fall-per-hour",
      defaultValue = "0.5",
      description =
          "Largest relative fall per hour of the CPU" + " schedule (default: ${DEFAULT-VALUE}).")
  double fallPerHour;

  @Option(
      names = "--cpu-budget",
      defaultValue = "0.01",
      description = "Forecast recommender's CPU budget (windows).")
  double cpuBudget;

  @Option(
      names = "--memory-budget",
      defaultValue = "0.05",
      description = "Forecast recommender's memory budget (days).")
  double memoryBudget;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Worker threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--bootstrap",
      defaultValue = "2000",
      description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(
      names = "--out",
      description = "Write allocations.csv, usage.csv, tallies.csv, frontier.csv to DIR.")
  Path out;

  @Option(
      names = "--png",
      description = "Write the frontiers as PREFIX-cpu.png and PREFIX-memory.png.")
  String png;

  static double[] factors() {
    List<Double> f = new ArrayList<>();
    for (double x = 0.30; x < 4.0; x *= 1.06) {
      f.add(Math.rint(x * 1e4) / 1e4);
    }
    f.add(1.0);
    return f.stream().mapToDouble(Double::doubleValue).sorted().distinct().toArray();
  }

  @Override
  public Integer call() throws Exception {
    List<String> months;
    long start;
    long end;
    if (period.equals("july")) {
      months = List.of("2013-7");
      start = JUL8;
      end = JUL31;
    } else if (period.equals("aug-sep")) {
      months = List.of("2013-7", "2013-8", "2013-9");
      start = AUG1;
      end = SEP30;
    } else {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--period must be july or aug-sep, got " + period);
    }
    for (String m : methods) {
      if (!RightsizingReplay.METHODS.contains(m)) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this),
            "unknown method " + m + "; known: " + RightsizingReplay.METHODS);
      }
    }
    if (!methods.contains("vpa")) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this),
          "--methods must include vpa (the baseline of the comparison)");
    }
    ForecastRecommender.Builder fb =
        ForecastRecommender.builder()
            .cpuPeakQuantile(cpuPeakQuantile)
            .budgets(cpuBudget, memoryBudget)
            .cpuShape(cpuShape, fallPerHour);
    if (forecaster != null) {
      fb.forecaster(
          forecaster.equals("mstl-log-ets")
              ? ForecastRecommender.mstlForecaster()
              : Forecasters.byName(forecaster));
    }
    ForecastRecommender fr = fb.build();
    RightsizingReplay.Config cfg =
        new RightsizingReplay.Config(
            factors(), VpaSettings.defaults(), KrrSimple.defaults(), fr, start, end);
    List<String> vms = BitbrainsTrace.vms(data, months);
    System.out.println(
        "rightsize: "
            + vms.size()
            + " VMs, months "
            + months
            + ", evaluated "
            + Instant.ofEpochMilli(start)
            + " .. "
            + Instant.ofEpochMilli(end)
            + "; "
            + fr.describe());
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    List<Future<Object[]>> jobs = new ArrayList<>();
    for (String vm : vms) {
      jobs.add(
          pool.submit(
              () -> {
                BitbrainsTrace t = BitbrainsTrace.load(data, months, vm);
                return new Object[] {t, RightsizingReplay.run(t, cfg, methods)};
              }));
    }
    List<BitbrainsTrace> traces = new ArrayList<>();
    List<Map<String, RightsizingReplay.Allocation>> allocs = new ArrayList<>();
    try {
      for (Future<Object[]> j : jobs) {
        Object[] r;
        try {
          r = j.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof Exception x) {
            throw x; // the loader's or replay's own message (file, line, VM)
          }
          throw e;
        }
        traces.add((BitbrainsTrace) r[0]);
        @SuppressWarnings("unchecked")
        Map<String, RightsizingReplay.Allocation> a =
            (Map<String, RightsizingReplay.Allocation>) r[1];
        allocs.add(a);
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int n = traces.size();
    double[] f = cfg.factors();
    int def = cfg.defaultIndex();
    // tallies[method][resource][vm][factor]
    Map<String, Tally[][][]> tallies = new LinkedHashMap<>();
    for (String m : methods) {
      Tally[][][] t = new Tally[2][n][f.length];
      for (int v = 0; v < n; v++) {
        BitbrainsTrace tr = traces.get(v);
        int first = (int) ((start - tr.startMillis()) / BitbrainsTrace.STEP_MILLIS);
        double[] cpu = tr.cpuSeries();
        double[] mem = tr.memorySeries();
        RightsizingReplay.Allocation a = allocs.get(v).get(m);
        for (int k = 0; k < f.length; k++) {
          t[0][v][k] = RightsizingScore.tally(a.cpu()[k], cpu, first);
          t[1][v][k] = RightsizingScore.tally(a.memory()[k], mem, first);
        }
      }
      tallies.put(m, t);
    }
    System.out.println(
        "data policy: slots of 5 min from 00:00 UTC; rows sharing a slot keep the larger value;"
            + " memory <= 0 and CPU rows with capacity <= 0 are missing");
    for (BitbrainsTrace tr : traces) {
      System.out.printf(
          Locale.ROOT,
          "  vm %-4s duplicate rows %4d, memory missing rows %5d, cpu missing rows %5d%n",
          tr.vm(),
          tr.duplicateRows(),
          tr.memoryMissing(),
          tr.cpuMissing());
    }
    if (methods.contains("forecast")) {
      long fc = 0;
      long fm = 0;
      for (Map<String, RightsizingReplay.Allocation> a : allocs) {
        fc += a.get("forecast").fallbackHours()[0];
        fm += a.get("forecast").fallbackHours()[1];
      }
      System.out.printf(
          Locale.ROOT,
          "forecast fell back to VPA for %.1f%% of CPU hours and %.1f%% of memory hours%n",
          100.0 * fc / (n * (long) cfg.hours()),
          100.0 * fm / (n * (long) cfg.hours()));
    }
    System.out.println();
    System.out.println("default points (each method's own settings):");
    System.out.printf(
        Locale.ROOT,
        "%-10s %-6s %14s %10s %8s %12s%n",
        "method",
        "res",
        "alloc (h)",
        "viol",
        "slack",
        "churn/wk");
    for (String m : methods) {
      for (Resource r : Resource.values()) {
        Tally[][] t = tallies.get(m)[r.ordinal()];
        Point p = RightsizingScore.atFactor(t, def, r);
        double slack = 0;
        double alloc = 0;
        double changes = 0;
        double weeks = 0;
        for (Tally[] row : t) {
          slack += row[def].slack();
          alloc += row[def].allocation();
          changes += row[def].changes();
          weeks += row[def].hours() / 168.0;
        }
        System.out.printf(
            Locale.ROOT,
            "%-10s %-6s %14.1f %10.4f %8.3f %12.2f%n",
            m,
            r.name().toLowerCase(Locale.ROOT),
            RightsizingScore.hours(r, p.allocation()),
            p.rate(),
            slack / alloc,
            changes / weeks);
      }
    }
    System.out.println();
    System.out.println(
        "frontiers: allocation at the budget (pooled rate <= budget; factor of the method's margin),"
            + " saving vs vpa with a paired bootstrap 95% interval over VMs ("
            + bootstrap
            + " resamples)");
    System.out.printf(
        Locale.ROOT,
        "%-10s %-6s %6s %14s %8s %8s %9s %20s%n",
        "method",
        "res",
        "budget",
        "alloc (h)",
        "factor",
        "rate",
        "saving",
        "95% interval");
    Map<String, Double> line = new LinkedHashMap<>();
    for (Resource r : Resource.values()) {
      for (double b : BUDGETS) {
        for (String m : methods) {
          Tally[][] t = tallies.get(m)[r.ordinal()];
          int[] all = new int[n];
          for (int i = 0; i < n; i++) {
            all[i] = i;
          }
          Point p = RightsizingScore.atBudget(t, all, r, b);
          Saving s =
              m.equals("vpa")
                  ? null
                  : RightsizingScore.saving(
                      t, tallies.get("vpa")[r.ordinal()], r, b, bootstrap, 42);
          System.out.printf(
              Locale.ROOT,
              "%-10s %-6s %6.3f %14.1f %8s %8.4f %9s %20s%n",
              m,
              r.name().toLowerCase(Locale.ROOT),
              b,
              RightsizingScore.hours(r, p.allocation()),
              p.factor() < 0 ? "none" : String.format(Locale.ROOT, "%.3f", f[p.factor()]),
              p.rate(),
              s == null ? "-" : String.format(Locale.ROOT, "%+.3f", s.saving()),
              s == null
                  ? "-"
                  : String.format(
                      Locale.ROOT,
                      "[%+.3f, %+.3f]%s",
                      s.lo(),
                      s.hi(),
                      s.infeasibleDraws() > 0 ? " (" + s.infeasibleDraws() + " infeasible)" : ""));
          long percent =
              Math.round(b * 100); // budgets are whole percents: compare those, not doubles
          if (m.equals("forecast")
              && (percent == 1 || percent == 5)
              && Math.abs(b * 100 - percent) < 1e-9) {
            line.put(
                (r == Resource.CPU ? "cpu" : "mem")
                    + "_saving_vs_vpa_"
                    + Math.round(b * 100)
                    + "pct",
                s.saving());
          }
        }
      }
    }
    if (out != null) {
      writeOutputs(traces, allocs, tallies, cfg);
    }
    if (png != null) {
      RightsizeChart.write(png, tallies, f, def, period);
    }
    System.out.printf(Locale.ROOT, "replay %.1f s%n", seconds);
    StringBuilder sb = new StringBuilder("RIGHTSIZE data=bitbrains/" + period);
    for (String k :
        List.of(
            "cpu_saving_vs_vpa_1pct",
            "cpu_saving_vs_vpa_5pct",
            "mem_saving_vs_vpa_1pct",
            "mem_saving_vs_vpa_5pct")) {
      Double v = line.get(k);
      sb.append(' ')
          .append(k)
          .append('=')
          .append(v == null ? "NaN" : String.format(Locale.ROOT, "%.4f", v));
    }
    System.out.println(sb);
    return 0;
  }

  private void writeOutputs(
      List<BitbrainsTrace> traces,
      List<Map<String, RightsizingReplay.Allocation>> allocs,
      Map<String, Tally[][][]> tallies,
      RightsizingReplay.Config cfg)
      throws IOException {
    Files.createDirectories(out);
    long start = cfg.evalStartMillis();
    int def = cfg.defaultIndex();
    double[] f = cfg.factors();
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("allocations.csv")))) {
      w.println("vm,hour_start_utc,method,cpu_cores,memory_bytes");
      for (int v = 0; v < traces.size(); v++) {
        for (Map.Entry<String, RightsizingReplay.Allocation> e : allocs.get(v).entrySet()) {
          double[] c = e.getValue().cpu()[def];
          double[] m = e.getValue().memory()[def];
          for (int h = 0; h < c.length; h++) {
            w.printf(
                Locale.ROOT,
                "%s,%s,%s,%.6f,%.0f%n",
                traces.get(v).vm(),
                Instant.ofEpochMilli(start + h * 3_600_000L),
                e.getKey(),
                c[h],
                m[h]);
          }
        }
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("usage.csv")))) {
      w.println("vm,t_utc,cpu_cores,memory_bytes");
      for (BitbrainsTrace t : traces) {
        int first = (int) ((start - t.startMillis()) / BitbrainsTrace.STEP_MILLIS);
        int last = (int) ((cfg.evalEndMillis() - t.startMillis()) / BitbrainsTrace.STEP_MILLIS);
        for (int s = first; s < last; s++) {
          w.printf(
              Locale.ROOT,
              "%s,%s,%s,%s%n",
              t.vm(),
              Instant.ofEpochMilli(t.startMillis() + s * BitbrainsTrace.STEP_MILLIS),
              Double.isNaN(t.cpu(s)) ? "" : String.format(Locale.ROOT, "%.6f", t.cpu(s)),
              Double.isNaN(t.memory(s)) ? "" : String.format(Locale.ROOT, "%.0f", t.memory(s)));
        }
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("tallies.csv")));
        PrintWriter fw = new PrintWriter(Files.newBufferedWriter(out.resolve("frontier.csv")))) {
      w.println(
          "vm,method,resource,factor,windows,allocation_sum,usage_sum,slack_sum,violations,days,violated_days,"
              + "changes,hours");
      fw.println("method,resource,factor,allocation_resource_hours,violation_rate");
      for (Map.Entry<String, Tally[][][]> e : tallies.entrySet()) {
        for (Resource r : Resource.values()) {
          Tally[][] t = e.getValue()[r.ordinal()];
          for (int v = 0; v < t.length; v++) {
            for (int k = 0; k < f.length; k++) {
              Tally x = t[v][k];
              w.printf(
                  Locale.ROOT,
                  "%s,%s,%s,%.4f,%d,%.6g,%.6g,%.6g,%d,%d,%d,%d,%d%n",
                  traces.get(v).vm(),
                  e.getKey(),
                  r.name().toLowerCase(Locale.ROOT),
                  f[k],
                  x.windows(),
                  x.allocation(),
                  x.usage(),
                  x.slack(),
                  x.violations(),
                  x.days(),
                  x.violatedDays(),
                  x.changes(),
                  x.hours());
            }
          }
          for (int k = 0; k < f.length; k++) {
            Point p = RightsizingScore.atFactor(t, k, r);
            fw.printf(
                Locale.ROOT,
                "%s,%s,%.4f,%.3f,%.6f%n",
                e.getKey(),
                r.name().toLowerCase(Locale.ROOT),
                f[k],
                RightsizingScore.hours(r, p.allocation()),
                p.rate());
          }
        }
      }
    }
  }
}
