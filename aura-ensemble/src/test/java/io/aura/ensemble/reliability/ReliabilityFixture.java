package io.aura.ensemble.reliability;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.DetectionPipelineTrainer;
import io.aura.ensemble.pipeline.LabeledSeries;
import io.aura.features.Frame;
import io.aura.io.kubernetes.EventIncidents;
import io.aura.io.kubernetes.Incident;
import io.aura.simulator.ClusterSimulator;
import io.aura.simulator.SimulatedPod;
import io.aura.simulator.Simulation;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two small, different detection pipelines trained once per test JVM on simulator seed 11 (labels
 * from its Kubernetes events, as {@code PipelineFixture} of the pipeline package does), and raw pod
 * frames of unseen seeds for replay. A and B differ in boosting rounds, depth and seeds and in the
 * forest's seed, so their files (and their forests' files) differ byte for byte. Training is kept
 * small so that the package stays cheap in CI: one 3-day seed, the top 40 features by ANOVA F,
 * every 8th normal row, at most 12 and 8 rounds, 50-tree forests, and XGBoost on one native
 * thread (on the shared 2-core build machine, under load from other jobs, two threads made these
 * fits take 18.5 s and 10.9 s against 0.3 s and 0.0 s with one).
 */
final class ReliabilityFixture {
  private static DetectionPipeline a;
  private static DetectionPipeline b;

  private ReliabilityFixture() {}

  static Simulation simulate(long seed) {
    return ClusterSimulator.builder().seed(seed).nodes(3).pods(8).days(3).step(Duration.ofMinutes(1))
        .randomFaults(18).build().run();
  }

  static synchronized DetectionPipeline pipelineA() {
    if (a == null) {
      train();
    }
    return a;
  }

  static synchronized DetectionPipeline pipelineB() {
    if (b == null) {
      train();
    }
    return b;
  }

  private static void train() {
    Simulation sim = simulate(11);
    List<Incident> fromEvents = EventIncidents.defaults().derive(sim.events());
    List<LabeledSeries> train = new ArrayList<>();
    for (SimulatedPod p : sim.pods()) {
      train.add(new LabeledSeries(sim.frame(p), fromEvents));
    }
    a = fit(train, 12, 4, 7, 1);
    b = fit(train, 8, 3, 8, 2);
  }

  private static DetectionPipeline fit(List<LabeledSeries> train, int rounds, int depth, long seed, long forestSeed) {
    BoostingSettings settings = BoostingSettings.builder().rounds(rounds).learningRate(0.3).maxDepth(depth)
        .earlyStoppingRounds(rounds).seed(seed).threads(1).build();
    return DetectionPipelineTrainer.builder().classifier(XGBoostClassifierTrainer.of(settings))
        .forest(IsolationForestTrainer.builder().treeCount(50).sampleSize(128).contamination(0.005).seed(forestSeed)
            .build())
        .forestRows(5_000).selectedFeatures(40).normalStride(8).build().fit(train).pipeline();
  }

  /**
   * Raw pod frames holding at least {@code rows} rows in total, from simulator seeds 101, 102, …
   * (none used in training), the last one cut so the total is exactly {@code rows}.
   *
   * @param p the pipeline whose input columns the frames keep
   * @param rows the total number of rows, at least 1
   * @return the frames, each restricted to the pipeline's input columns, in simulator order
   */
  static List<Frame> replay(DetectionPipeline p, long rows) {
    List<Frame> out = new ArrayList<>();
    long left = rows;
    for (long seed = 101; left > 0; seed++) {
      Simulation sim = simulate(seed);
      for (SimulatedPod pod : sim.pods()) {
        if (left == 0) {
          break;
        }
        Frame f = sim.frame(pod).select(p.inputNames());
        if (f.rows() > left) {
          f = f.slice(0, (int) left);
        }
        out.add(f);
        left -= f.rows();
      }
    }
    return out;
  }
}
