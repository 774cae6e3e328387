package io.aura.ensemble.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.models.persist.ModelFileException;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import io.aura.simulator.Simulation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/architecture.md: a user's own detector joins the pipeline. */
class OwnMemberTest {
  @Test
  void aUsersDetectorIsFittedRunSavedAndReadThroughTheRegistry() throws ModelFileException {
    Simulation sim = PipelineFixture.simulate(11);
    DetectionPipeline p = DetectionPipelineTrainer.builder()
        .classifier(XGBoostClassifierTrainer.of(BoostingSettings.builder().rounds(10).maxDepth(3).seed(1).threads(1)
            .build()))
        .addMember(CpuCeiling.trainer())
        .build().fit(LabeledSeries.of(sim.frames(), sim.eventIncidents())).pipeline();
    assertThat(p.members()).last().isInstanceOf(CpuCeiling.class);
    assertThat(p.alarmPolicies()).hasSameSizeAs(p.members());
    // Its threshold is calibrated to the budget and never below its own ceiling.
    CpuCeiling mine = (CpuCeiling) p.members().get(p.members().size() - 1);
    assertThat(p.alarmPolicies().get(p.members().size() - 1).threshold()).isGreaterThanOrEqualTo(mine.ceiling());
    assertThat(p.provenance().get("member." + (p.members().size() - 1))).contains("CpuCeiling[column=");

    byte[] file = PipelineFile.toBytes(p);
    assertThatThrownBy(() -> PipelineFile.fromBytes(file, "cluster.aura"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("'" + CpuCeiling.KIND + "'").hasMessageContaining("PipelineRegistry.withMember");
    PipelineRegistry registry = PipelineRegistry.defaults().withMember(CpuCeiling.KIND, CpuCeiling::read);
    DetectionPipeline q = PipelineFile.fromBytes(file, "cluster.aura", registry);
    List<LabeledSeries> test = PipelineFixture.test().subList(0, 2);
    for (LabeledSeries s : test) {
      assertThat(q.run(s.raw())).isEqualTo(p.run(s.raw()));
    }
  }
}
