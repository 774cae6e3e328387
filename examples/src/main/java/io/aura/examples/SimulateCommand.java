package io.aura.examples;

import io.aura.io.csv.FrameCsv;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.GroundTruth;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the seeded cluster simulator and writes what a real cluster would give: metrics (one CSV per
 * pod and one OpenMetrics file for promtool backfill), events as {@code kubectl get events -o json}
 * prints them, and the ground truth of the injected faults.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Simulate a Kubernetes cluster with injected faults; write metrics, events and ground truth.")
final class SimulateCommand implements Callable<Integer> {
  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--pods", description = "Pods (default: ${DEFAULT-VALUE}).")
  int pods = 12;

  @Option(names = "--nodes", description = "Nodes (default: ${DEFAULT-VALUE}).")
  int nodes = 3;

  @Option(names = "--days", description = "Days (default: ${DEFAULT-VALUE}).")
  int days = 1;

  @Option(names = "--step", description = "Scrape step in seconds (default: ${DEFAULT-VALUE}).")
  int stepSeconds = 15;

  @Option(names = "--faults", description = "Random faults to inject (default: ${DEFAULT-VALUE}).")
  int faults = 6;

  @Option(names = "--out", required = true, description = "Output directory (created).")
  Path out;

  @Override
  public Integer call() throws IOException {
    long t0 = System.nanoTime();
    Simulation sim =
        ClusterSimulator.builder()
            .seed(seed)
            .nodes(nodes)
            .pods(pods)
            .days(days)
            .step(Duration.ofSeconds(stepSeconds))
            .randomFaults(faults)
            .build()
            .run();
    double seconds = (System.nanoTime() - t0) / 1e9;
    Path metrics = Files.createDirectories(out.resolve("metrics"));
    for (SimulatedPod p : sim.pods()) {
      FrameCsv.write(sim.frame(p), metrics.resolve(p.namespace() + "_" + p.name() + ".csv"));
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("metrics.om"), StandardCharsets.UTF_8)) {
      sim.writeOpenMetrics(w);
    }
    try (Writer w = Files.newBufferedWriter(out.resolve("events.json"), StandardCharsets.UTF_8)) {
      sim.writeEvents(w);
    }
    try (Writer w =
        Files.newBufferedWriter(out.resolve("ground-truth.csv"), StandardCharsets.UTF_8)) {
      w.write("start,end,fault,target,type,severity,namespace,pod,node,reason,visible_in_events\n");
      for (GroundTruth g : sim.groundTruth()) {
        var i = g.incident();
        w.write(
            String.join(
                ",",
                Instant.ofEpochMilli(i.startMillis()).toString(),
                Instant.ofEpochMilli(i.endMillis()).toString(),
                g.fault().kind().name(),
                g.fault().target(),
                i.type().name(),
                i.severity().name(),
                nz(i.entity().get("namespace")),
                nz(i.entity().get("pod")),
                nz(i.entity().get("node")),
                nz(i.reason()),
                String.valueOf(g.visibleInEvents())));
        w.write('\n');
      }
    }
    System.out.printf(
        Locale.ROOT,
        "simulated %d pods on %d nodes, %d days at %d s (%,d samples per series) in %.2f s%n",
        sim.pods().size(),
        sim.nodes().size(),
        days,
        stepSeconds,
        sim.samples(),
        seconds);
    System.out.printf(
        Locale.ROOT,
        "faults: %d, incidents: %d, events: %d%n",
        sim.faults().size(),
        sim.groundTruth().size(),
        sim.events().size());
    for (GroundTruth g : sim.groundTruth()) {
      var i = g.incident();
      System.out.printf(
          Locale.ROOT,
          "  %-20s %-16s %-9s %s  %s .. %s%n",
          g.fault().kind(),
          i.type(),
          i.severity(),
          i.entity(),
          Instant.ofEpochMilli(i.startMillis()),
          Instant.ofEpochMilli(i.endMillis()));
    }
    System.out.println(
        "wrote "
            + out.toAbsolutePath()
            + "/{metrics/*.csv, metrics.om, events.json, ground-truth.csv}");
    return 0;
  }

  private static String nz(String s) {
    return s == null ? "" : s.replace(',', ';');
  }
}
