package com.example;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.PipelineDetection;
import io.aura.ensemble.pipeline.PipelineFile;
import io.aura.ensemble.pipeline.PipelineSession;
import io.aura.features.Labels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's Java snippet, compiled and run as a user's service would run it: the lines between
 * the {@code README} markers are the README's, character for character (checked by the reactor's
 * {@code ReadmeSnippetTest}).
 */
public final class Quickstart {
  /** What the snippet reported, in order: one line per alert and per warning. */
  private final List<String> reports = new ArrayList<>();

  /**
   * Feeds one pod's scrapes through the snippet.
   *
   * @param times the scrape times, increasing, in epoch milliseconds
   * @param rows the raw samples, each in {@code pipeline.inputNames()} order
   * @return the alerts and warnings the snippet raised
   * @throws IOException if {@code cluster.aura} cannot be read
   */
  public List<String> run(long[] times, double[][] rows) throws IOException {
    // README:begin
    DetectionPipeline pipeline = PipelineFile.read(Path.of("cluster.aura"));   // trained, validated on load
    PipelineSession pod = pipeline.newSession(Labels.of("namespace", "shop", "pod", "web-1"));
    // README:end
    for (int i = 0; i < times.length; i++) {
      long scrapeMillis = times[i];
      double[] raw = rows[i];
      // README:begin
      PipelineDetection d = pod.update(scrapeMillis, raw);  // raw: pipeline.inputNames() order, NaN = missing
      if (d.isAnomaly()) alert(d.type(), d.severity(), d.topFeatures());      // e.g. CRASH_LOOP, CRITICAL
      if (d.newWarning()) warn(d.warningType(), d.timeToAnomalyMillis());     // e.g. MEMORY in 540,000 ms
      // README:end
    }
    return List.copyOf(reports);
  }

  private void alert(Object type, Object severity, Object topFeatures) {
    reports.add("alert " + type + " " + severity + " " + topFeatures);
  }

  private void warn(Object type, long timeToAnomalyMillis) {
    reports.add("warning " + type + " in " + timeToAnomalyMillis + " ms");
  }
}
