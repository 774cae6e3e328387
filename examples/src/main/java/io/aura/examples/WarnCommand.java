package io.aura.examples;

import io.aura.features.anomaly.AnomalyType;
import io.aura.forecast.EarlyWarningMonitor;
import io.aura.forecast.EarlyWarningMonitor.MetricKind;
import io.aura.forecast.EarlyWarningMonitor.Source;
import io.aura.forecast.EarlyWarningMonitor.Warning;
import io.aura.io.kubernetes.Incident;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.Fault;
import io.aura.simulator.FaultKind;
import io.aura.simulator.SimulatedMetric;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Evaluates {@link EarlyWarningMonitor} on the cluster simulator's memory-leak and disk-fill
 * faults: for every seed, every pod's working set / memory limit and file-system usage /
 * file-system limit are fed to the monitor in time order (causally: a warning at time t has seen
 * samples up to t only); the OOM kills and evictions of the ground truth are the incidents.
 *
 * <p>A warning is <i>true</i> when an incident of its kind (memory → OOM kill, disk → eviction)
 * starts on the same pod within the horizon after it, otherwise <i>false</i>. An incident's lead is
 * the time from the first warning of its kind on its pod in the horizon before it to its start.
 */
@Command(
    name = "warn",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate the early-warning monitor on simulated memory leaks and disk fills; ends with"
            + " 'warn incidents=.. warned5m=.. medianLeadMin=.. falsePerPodDay=..'.")
final class WarnCommand implements Callable<Integer> {
  @Option(names = "--seeds", description = "Number of seeds (default: ${DEFAULT-VALUE}).")
  int seeds = 5;

  @Option(names = "--first-seed", description = "First seed (default: ${DEFAULT-VALUE}).")
  long firstSeed = 1;

  @Option(
      names = "--min-probability",
      description = "Crossing probability a forecast warning needs (default: ${DEFAULT-VALUE}).")
  double minProbability = 0.8;

  @Option(names = "--pods", description = "Pods per seed (default: ${DEFAULT-VALUE}).")
  int pods = 12;

  @Option(names = "--nodes", description = "Nodes per seed (default: ${DEFAULT-VALUE}).")
  int nodes = 3;

  @Option(names = "--days", description = "Days per seed (default: ${DEFAULT-VALUE}).")
  int days = 2;

  @Option(
      names = "--faults",
      description = "Random memory-leak / disk-fill faults per seed (default: ${DEFAULT-VALUE}).")
  int faults = 8;

  @Option(names = "--step", description = "Scrape step in seconds (default: ${DEFAULT-VALUE}).")
  int stepSeconds = 60;

  @Option(
      names = "--horizon",
      description = "Warning horizon in minutes (default: ${DEFAULT-VALUE}).")
  int horizonMinutes = 360;

  @Option(
      names = "--disk-threshold",
      description = "Disk usage fraction treated as full (default: ${DEFAULT-VALUE}).")
  double diskThreshold = 0.9;

  @Option(
      names = "--out",
      description = "Write DIR/warnings.csv (every warning) and DIR/incidents.csv.")
  Path out;

  private static final long MIN = 60_000;
  private static final long AHEAD = 5 * MIN;

  record Scored(long seed, String pod, Warning w, long incidentStart, boolean inFault) {}

  record Truth(long seed, String pod, MetricKind kind, long start, long firstWarning) {}

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    Duration step = Duration.ofSeconds(stepSeconds);
    long horizon = horizonMinutes * MIN;
    List<Scored> scored = new ArrayList<>();
    List<Truth> truths = new ArrayList<>();
    for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
      Simulation sim =
          ClusterSimulator.builder()
              .seed(seed)
              .nodes(nodes)
              .pods(pods)
              .days(days)
              .step(step)
              .randomFaultKinds(EnumSet.of(FaultKind.MEMORY_LEAK, FaultKind.DISK_FILL))
              .randomFaults(faults)
              .build()
              .run();
      EarlyWarningMonitor monitor =
          EarlyWarningMonitor.builder()
              .step(step)
              .horizon(Duration.ofMinutes(horizonMinutes))
              .probability(0.8, minProbability)
              .build();
      long[] ts = sim.timestamps();
      for (SimulatedPod p : sim.pods()) {
        double[] mem =
            ratio(
                sim.values(p, SimulatedMetric.MEMORY_WORKING_SET),
                sim.values(p, SimulatedMetric.MEMORY_LIMIT));
        double[] disk =
            ratio(sim.values(p, SimulatedMetric.FS_USAGE), sim.values(p, SimulatedMetric.FS_LIMIT));
        String memId = p.key() + "/memory";
        String diskId = p.key() + "/disk";
        monitor.register(memId, MetricKind.MEMORY_OVER_LIMIT);
        monitor.register(diskId, MetricKind.DISK_USAGE_FRACTION, diskThreshold);
        List<Warning> ws = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
          ws.addAll(monitor.observe(memId, ts[i], mem[i]));
          ws.addAll(monitor.observe(diskId, ts[i], disk[i]));
        }
        List<long[]> incidents = new ArrayList<>(); // {kind ordinal, start}
        for (Incident inc : sim.incidents()) {
          if (p.key().equals(inc.entity().get("namespace") + "/" + inc.entity().get("pod"))) {
            MetricKind k =
                inc.type() == AnomalyType.MEMORY
                    ? MetricKind.MEMORY_OVER_LIMIT
                    : inc.type() == AnomalyType.EVICTION ? MetricKind.DISK_USAGE_FRACTION : null;
            if (k != null) {
              incidents.add(new long[] {k.ordinal(), inc.startMillis()});
            }
          }
        }
        for (Warning w : ws) {
          long match = -1;
          for (long[] inc : incidents) {
            if (inc[0] == w.metric().ordinal()
                && inc[1] > w.timeMillis()
                && inc[1] - w.timeMillis() <= horizon
                && (match < 0 || inc[1] < match)) {
              match = inc[1];
            }
          }
          boolean inFault = false;
          for (Fault fl : sim.faults()) {
            inFault |=
                fl.target().equals(p.key())
                    && w.timeMillis() >= fl.startMillis()
                    && w.timeMillis() < fl.endMillis();
          }
          scored.add(new Scored(seed, p.key(), w, match, inFault));
        }
        for (long[] inc : incidents) {
          long first = -1;
          for (Warning w : ws) {
            if (w.metric().ordinal() == inc[0]
                && w.timeMillis() < inc[1]
                && inc[1] - w.timeMillis() <= horizon
                && (first < 0 || w.timeMillis() < first)) {
              first = w.timeMillis();
            }
          }
          truths.add(new Truth(seed, p.key(), MetricKind.values()[(int) inc[0]], inc[1], first));
        }
      }
    }
    double podDays = (double) seeds * pods * days;
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "seeds %d..%d x %d pods x %d days at %d s, horizon %d min, %d faults per seed, min probability %.2f (%.1f s)%n",
        firstSeed,
        firstSeed + seeds - 1,
        pods,
        days,
        stepSeconds,
        horizonMinutes,
        faults,
        minProbability,
        seconds);
    System.out.printf(
        Locale.ROOT,
        "%-8s %-14s %9s %9s %13s %9s %14s %12s %17s%n",
        "metric",
        "source",
        "incidents",
        "warned5m",
        "medianLeadMin",
        "falseWarn",
        "falsePerPodDay",
        "falseNoFault",
        "noFaultPerPodDay");
    for (MetricKind k :
        new MetricKind[] {MetricKind.MEMORY_OVER_LIMIT, MetricKind.DISK_USAGE_FRACTION, null}) {
      for (Source s : new Source[] {Source.FORECAST, Source.STEADY_GROWTH, null}) {
        Summary sum = summarize(scored, truths, k, s, horizon, podDays);
        System.out.printf(
            Locale.ROOT,
            "%-8s %-14s %9d %9.3f %13.1f %9d %14.3f %12d %17.3f%n",
            k == null ? "all" : k == MetricKind.MEMORY_OVER_LIMIT ? "memory" : "disk",
            s == null ? "any" : s.name().toLowerCase(Locale.ROOT),
            sum.incidents,
            sum.warned,
            sum.medianLead,
            sum.falseWarnings,
            sum.falsePerPodDay,
            sum.falseOutside,
            sum.falseOutsidePerPodDay);
      }
    }
    if (out != null) {
      write(scored, truths);
    }
    Summary all = summarize(scored, truths, null, null, horizon, podDays);
    System.out.printf(
        Locale.ROOT,
        "warn incidents=%d warned5m=%.3f medianLeadMin=%.1f falsePerPodDay=%.3f falseNoFaultPerPodDay=%.3f%n",
        all.incidents,
        all.warned,
        all.medianLead,
        all.falsePerPodDay,
        all.falseOutsidePerPodDay);
    return 0;
  }

  record Summary(
      int incidents,
      double warned,
      double medianLead,
      int falseWarnings,
      double falsePerPodDay,
      int falseOutside,
      double falseOutsidePerPodDay) {}

  static Summary summarize(
      List<Scored> scored,
      List<Truth> truths,
      MetricKind kind,
      Source source,
      long horizon,
      double podDays) {
    int n = 0;
    int warned = 0;
    List<Double> leads = new ArrayList<>();
    for (Truth t : truths) {
      if (kind != null && t.kind != kind) {
        continue;
      }
      n++;
      long first = -1;
      for (Scored s : scored) {
        Warning w = s.w;
        if (s.seed == t.seed
            && s.pod.equals(t.pod)
            && w.metric() == t.kind
            && (source == null || w.source() == source)
            && w.timeMillis() < t.start
            && t.start - w.timeMillis() <= horizon
            && (first < 0 || w.timeMillis() < first)) {
          first = w.timeMillis();
        }
      }
      if (first >= 0 && t.start - first >= AHEAD) {
        warned++;
        leads.add((t.start - first) / (double) MIN);
      }
    }
    int falseWarnings = 0;
    int falseOutside = 0;
    for (Scored s : scored) {
      if ((kind == null || s.w.metric() == kind)
          && (source == null || s.w.source() == source)
          && s.incidentStart < 0) {
        falseWarnings++;
        if (!s.inFault) {
          falseOutside++;
        }
      }
    }
    double median = Double.NaN;
    if (!leads.isEmpty()) {
      double[] a = leads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      median = a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
    return new Summary(
        n,
        n == 0 ? Double.NaN : warned / (double) n,
        median,
        falseWarnings,
        falseWarnings / podDays,
        falseOutside,
        falseOutside / podDays);
  }

  private static double[] ratio(double[] num, double[] den) {
    double[] r = new double[num.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = den[i] > 0 ? num[i] / den[i] : Double.NaN; // NaN (no sample) stays missing
    }
    return r;
  }

  private void write(List<Scored> scored, List<Truth> truths) throws IOException {
    Files.createDirectories(out);
    Path tmp = out.resolve("warnings.csv.tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(
          "seed,pod,metric,source,time,value,threshold,predicted_crossing,confidence,incident_start,lead_minutes,"
              + "in_fault_window\n");
      for (Scored s : scored) {
        Warning x = s.w;
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%s,%s,%s,%s,%.5f,%.3f,%s,%.4f,%s,%s,%s%n",
                s.seed,
                s.pod,
                x.metric(),
                x.source(),
                Instant.ofEpochMilli(x.timeMillis()),
                x.value(),
                x.threshold(),
                Instant.ofEpochMilli(x.predictedCrossingMillis()),
                x.confidence(),
                s.incidentStart < 0 ? "" : Instant.ofEpochMilli(s.incidentStart).toString(),
                s.incidentStart < 0
                    ? ""
                    : String.format(
                        Locale.ROOT, "%.1f", (s.incidentStart - x.timeMillis()) / (double) MIN),
                s.inFault));
      }
    }
    Files.move(
        tmp,
        out.resolve("warnings.csv"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    tmp = out.resolve("incidents.csv.tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("seed,pod,metric,start,first_warning,lead_minutes\n");
      for (Truth t : truths) {
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%s,%s,%s,%s,%s%n",
                t.seed,
                t.pod,
                t.kind,
                Instant.ofEpochMilli(t.start),
                t.firstWarning < 0 ? "" : Instant.ofEpochMilli(t.firstWarning).toString(),
                t.firstWarning < 0
                    ? ""
                    : String.format(
                        Locale.ROOT, "%.1f", (t.start - t.firstWarning) / (double) MIN)));
      }
    }
    Files.move(
        tmp,
        out.resolve("incidents.csv"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    System.out.println(
        "wrote "
            + out.resolve("warnings.csv")
            + " ("
            + scored.size()
            + " warnings) and "
            + out.resolve("incidents.csv")
            + " ("
            + truths.size()
            + " incidents)");
  }
}
