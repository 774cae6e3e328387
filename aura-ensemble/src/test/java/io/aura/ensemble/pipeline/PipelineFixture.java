package io.aura.ensemble.pipeline;

import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One small pipeline trained once per test JVM on simulator seeds 11 and 13 (labels from its
 * events), and the pods of unseen seed 12 with their event-visible ground truth.
 */
final class PipelineFixture {
  private static DetectionPipelineTrainer.Result result;
  private static List<LabeledSeries> test;
  static final List<String> STAGES = new ArrayList<>();

  private PipelineFixture() {}

  static Simulation simulate(long seed) {
    return ClusterSimulator.builder()
        .seed(seed)
        .nodes(3)
        .pods(8)
        .days(4)
        .step(Duration.ofMinutes(1))
        .randomFaults(24)
        .build()
        .run();
  }

  static synchronized DetectionPipelineTrainer.Result trained() {
    if (result == null) {
      List<LabeledSeries> train = new ArrayList<>();
      for (long seed : new long[] {11, 13}) {
        Simulation sim = simulate(seed);
        train.addAll(LabeledSeries.of(sim.frames(), sim.eventIncidents()));
      }
      BoostingSettings settings =
          BoostingSettings.builder()
              .rounds(40)
              .learningRate(0.2)
              .maxDepth(4)
              .earlyStoppingRounds(10)
              .seed(7)
              .threads(1)
              .build();
      result =
          DetectionPipelineTrainer.builder()
              .classifier(XGBoostClassifierTrainer.of(settings))
              .listener((stage, detail) -> STAGES.add(stage))
              .build()
              .fit(train);
    }
    return result;
  }

  static DetectionPipeline pipeline() {
    return trained().pipeline();
  }

  static synchronized List<LabeledSeries> test() {
    if (test == null) {
      Simulation sim = simulate(12);
      test = LabeledSeries.of(sim.frames(), sim.eventVisibleIncidents());
    }
    return test;
  }
}
