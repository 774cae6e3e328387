package com.example;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.DetectionPipelineTrainer;
import io.aura.ensemble.pipeline.LabeledSeries;
import io.aura.ensemble.pipeline.PipelineFile;
import io.aura.features.Frame;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trains a small pipeline as a user's job would, writes cluster.aura, and runs the README snippet. */
class QuickstartTest {
  @Test
  void theReadmeSnippetRaisesAlertsOnAFaultyPodOfAnUnseenCluster() throws Exception {
    Simulation history = cluster(21);
    BoostingSettings boosting = BoostingSettings.builder().rounds(30).maxDepth(4).seed(7).threads(1).build();
    DetectionPipeline pipeline = DetectionPipelineTrainer.builder()
        .classifier(XGBoostClassifierTrainer.of(boosting)).build()
        .fit(LabeledSeries.of(history.frames(), history.eventIncidents())).pipeline();
    PipelineFile.write(pipeline, Path.of("cluster.aura"));

    Simulation unseen = cluster(22);
    boolean anyAlert = false;
    for (Frame f : unseen.frames()) {
      Frame raw = f.select(pipeline.inputNames());
      double[][] rows = new double[raw.rows()][raw.columnCount()];
      for (int i = 0; i < rows.length; i++) {
        raw.row(i, rows[i]);
      }
      List<String> reports = new Quickstart().run(raw.timestamps(), rows);
      anyAlert |= reports.stream().anyMatch(r -> r.startsWith("alert "));
    }
    assertFalse(unseen.faults().isEmpty(), "the unseen cluster has faults");
    assertTrue(anyAlert, "the snippet raised no alert on a cluster with "
        + unseen.faults().size() + " faults");
  }

  private static Simulation cluster(long seed) {
    return ClusterSimulator.builder().seed(seed).nodes(2).pods(6).days(3).step(Duration.ofMinutes(1))
        .randomFaults(12).build().run();
  }
}
