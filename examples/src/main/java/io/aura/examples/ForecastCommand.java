package io.aura.examples;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.TimeSeries;
import io.aura.features.anomaly.AnomalyType;
import io.aura.forecast.Forecast;
import io.aura.forecast.ForecastModel;
import io.aura.forecast.Forecaster;
import io.aura.forecast.Forecasters;
import io.aura.forecast.TimeToThreshold;
import io.aura.io.csv.FrameCsv;
import io.aura.io.csv.NabCsv;
import io.aura.io.kubernetes.Incident;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.FaultKind;
import io.aura.simulator.SimulatedMetric;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Forecasts one series, prints the time to a threshold and draws the forecast as a PNG ({@link
 * ForecastChart}). The series comes from a CSV ({@code --csv FILE --column NAME}, Aura's frame
 * layout, or {@code --nab FILE}) or, by default, from the cluster simulator: one pod with an
 * injected disk fill (file-system usage / file-system limit) or memory leak (working set / limit).
 */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    description = "Forecast one series (CSV or simulated pod), print the time to a threshold, write a PNG chart.")
final class ForecastCommand implements Callable<Integer> {
  @Option(names = "--csv", description = "Aura frame CSV (io.aura.io.csv.FrameCsv layout); needs --column.")
  Path csv;

  @Option(names = "--column", description = "Column of --csv to forecast.")
  String column;

  @Option(names = "--nab", description = "NAB CSV (timestamp,value).")
  Path nab;

  @Option(names = "--fault", description = "Simulated fault when no CSV is given: disk-fill or memory-leak (default: ${DEFAULT-VALUE}).")
  String fault = "disk-fill";

  @Option(names = "--seed", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
  long seed = 7;

  @Option(names = "--method", completionCandidates = ForecasterNames.class,
      description = "Forecaster: one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String method = "auto";

  @Option(names = "--period", description = "Seasonal period in samples (default: ${DEFAULT-VALUE}).")
  int period = 1;

  @Option(names = "--fit", description = "Samples before the origin to fit on (default: ${DEFAULT-VALUE}).")
  int fit = 120;

  @Option(names = "--horizon", description = "Steps to forecast (default: ${DEFAULT-VALUE}).")
  int horizon = 180;

  @Option(names = "--origin", description = "Index of the last sample used (default: the end of a CSV; 60 min before"
      + " the incident for the simulator).")
  Integer origin;

  @Option(names = "--threshold", description = "Threshold (default: 0.9 for disk, 1.0 for memory, none for a CSV).")
  Double threshold;

  @Option(names = "--level", description = "Interval level (default: ${DEFAULT-VALUE}).")
  double level = 0.8;

  @Option(names = "--png", description = "PNG to write (default: ${DEFAULT-VALUE}).")
  Path png = Path.of("forecast.png");

  @Override
  public Integer call() throws IOException {
    double[] y;
    long stepMillis;
    String what;
    String yTitle;
    double incidentIndex = Double.NaN;
    String incidentLabel = "incident";
    double thr = threshold == null ? Double.NaN : threshold;
    if (csv != null || nab != null) {
      TimeSeries s;
      if (csv != null) {
        if (column == null) {
          throw new IllegalArgumentException("--csv needs --column");
        }
        Frame f = FrameCsv.read(csv);
        s = f.series(column);
        what = csv.getFileName() + " " + column;
      } else {
        s = NabCsv.read(nab);
        what = nab.getFileName().toString();
      }
      y = s.values();
      stepMillis = s.size() > 1 ? s.timestamp(1) - s.timestamp(0) : 60_000;
      yTitle = s.name();
    } else {
      boolean disk = switch (fault) {
        case "disk-fill" -> true;
        case "memory-leak" -> false;
        default -> throw new IllegalArgumentException("--fault must be disk-fill or memory-leak, got " + fault);
      };
      Duration step = Duration.ofMinutes(1);
      Simulation sim = ClusterSimulator.builder().seed(seed).nodes(1).pods(3).days(1).step(step).operations(false)
          .fault(disk ? FaultKind.DISK_FILL : FaultKind.MEMORY_LEAK, 0, Duration.ofHours(8), Duration.ofHours(6))
          .build().run();
      SimulatedPod p = sim.pods().get(0);
      double[] num = sim.values(p, disk ? SimulatedMetric.FS_USAGE : SimulatedMetric.MEMORY_WORKING_SET);
      double[] den = sim.values(p, disk ? SimulatedMetric.FS_LIMIT : SimulatedMetric.MEMORY_LIMIT);
      y = new double[num.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = den[i] > 0 ? num[i] / den[i] : Double.NaN;
      }
      stepMillis = step.toMillis();
      long[] ts = sim.timestamps();
      AnomalyType type = disk ? AnomalyType.EVICTION : AnomalyType.MEMORY;
      for (Incident inc : sim.incidents()) {
        if (inc.type() == type && p.name().equals(inc.entity().get("pod"))) {
          incidentIndex = (inc.startMillis() - ts[0]) / (double) stepMillis;
          break;
        }
      }
      incidentLabel = disk ? "evicted" : "OOM-killed";
      if (threshold == null) {
        thr = disk ? 0.9 : 1.0;
      }
      if (origin == null && !Double.isNaN(incidentIndex)) {
        origin = (int) incidentIndex - 60;
      }
      what = "simulated " + fault + " on " + p.key() + " (seed " + seed + ")";
      yTitle = disk ? "file-system usage / limit" : "working set / memory limit";
    }
    int o = origin == null ? y.length - 1 : origin;
    if (o < 0 || o >= y.length) {
      throw new IllegalArgumentException("--origin " + o + " is outside the series (0.." + (y.length - 1) + ")");
    }
    int from = Math.max(0, o + 1 - fit);
    double[] train = Arrays.copyOfRange(y, from, o + 1);
    for (int i = 0; i < train.length; i++) {
      if (Double.isNaN(train[i])) {
        throw new InvalidDataException(what + ": missing value at index " + (from + i)
            + " in the fit window; choose another --origin or a shorter --fit");
      }
    }
    Forecaster f = Forecasters.byName(method);
    ForecastModel model = f.fit(train, period);
    Forecast fc = model.forecast(horizon, level);
    double stepHours = stepMillis / 3_600_000.0;
    double crossing = Double.NaN;
    System.out.printf(Locale.ROOT, "%s: %d samples, fitted %s on %d (index %d..%d), step %s%n", what, y.length, method,
        train.length, from, o, Duration.ofMillis(stepMillis));
    System.out.println("model: " + model.description());
    if (!Double.isNaN(thr)) {
      TimeToThreshold.Result r = TimeToThreshold.estimate(model, thr, TimeToThreshold.Direction.RISING,
          Duration.ofMillis(stepMillis), horizon, level);
      System.out.printf(Locale.ROOT, "time to %.3f: expected %s, earliest %s, latest %s, probability %.2f, severity %s%n",
          thr, r.expected().map(Duration::toString).orElse("none within the horizon"),
          r.earliest().map(Duration::toString).orElse("-"), r.latest().map(Duration::toString).orElse("-"),
          r.probability(), r.severity());
      crossing = r.expected().map(d -> d.toMillis() / 3_600_000.0).orElse(Double.NaN);
    }
    double incidentHours = Double.NaN;
    if (!Double.isNaN(incidentIndex)) {
      incidentHours = (incidentIndex - o) * stepHours;
      System.out.printf(Locale.ROOT, "%s in reality %.0f minutes after the origin%n", incidentLabel, incidentHours * 60);
    }
    double[] actual = Arrays.copyOfRange(y, o + 1, Math.min(y.length, o + 1 + horizon));
    ForecastChart.write(new ForecastChart.Spec(what + ": " + method + " forecast", yTitle, stepHours, train, fc, level,
        actual, thr, crossing, incidentHours, incidentLabel), png);
    System.out.println("wrote " + png.toAbsolutePath());
    return 0;
  }
}
