package io.aura.ensemble.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.models.trees.BoostingSettings;
import io.aura.models.trees.xgboost.XGBoostClassifierTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DetectionPipelineTest {

  @Test
  void trainsOnEventLabelsAndDetectsOnAnUnseenSeed() {
    DetectionPipelineTrainer.Result r = PipelineFixture.trained();
    DetectionPipeline p = r.pipeline();
    assertThat(p.classes()).startsWith(AnomalyType.NORMAL).contains(AnomalyType.CRASH_LOOP, AnomalyType.MEMORY);
    assertThat(p.provenance()).containsKeys("trainer", "data.cut", "member.0", "member.0.trainer", "rows.train");
    assertThat(p.members()).extracting(PipelineMember::kind).containsExactly(ClassifierMember.KIND,
        NoveltyMember.KIND, TrendWarningMember.KIND, TrendWarningMember.KIND);
    assertThat(PipelineFixture.STAGES).containsSubsequence("selection", "member", "member", "validation");

    PipelineEvaluation ev = PipelineEvaluation.of(p, PipelineFixture.test());
    // A tiny model (40 rounds, one 3-day seed) on an unseen seed: it must find most incidents,
    // keep false row alarms rare and warn before most OOM kills and full disks.
    assertThat(ev.incidentMacroF1()).as(ev.report()).isGreaterThan(0.75);
    long normalRows = 0;
    for (AnomalyType t : AnomalyType.values()) {
      normalRows += ev.count(AnomalyType.NORMAL, t);
    }
    assertThat((double) ev.count(AnomalyType.NORMAL, AnomalyType.NORMAL)).as(ev.report())
        .isGreaterThanOrEqualTo(0.99 * normalRows);
    assertThat(ev.warnableIncidents()).isPositive();
    assertThat(ev.warningRecall()).as(ev.report()).isGreaterThanOrEqualTo(0.6);
  }

  @Test
  void batchEqualsStreamingAndExplainsAnomalies() {
    DetectionPipeline p = PipelineFixture.pipeline();
    LabeledSeries s = PipelineFixture.test().get(0);
    List<PipelineDetection> batch = p.detect(s.raw());
    Frame in = s.raw().select(p.inputNames());
    PipelineSession session = p.newSession(s.raw().labels());
    double[] row = new double[in.columnCount()];
    int anomalies = 0;
    for (int r = 0; r < in.rows(); r++) {
      in.row(r, row);
      PipelineDetection d = session.update(in.timestamp(r), row);
      assertThat(d).isEqualTo(batch.get(r));
      if (d.isAnomaly()) {
        anomalies++;
        assertThat(d.severity()).isNotEqualTo(Severity.NONE);
        assertThat(d.topFeatures()).isNotEmpty();
        assertThat(d.topFeatures().get(0).weight()).isPositive();
      } else {
        assertThat(d.topFeatures()).isEmpty();
      }
      assertThat(d.score()).isBetween(0.0, 1.0);
      assertThat(d.novelty()).isBetween(0.0, 1.0);
    }
    assertThat(anomalies).isPositive();
  }

  @Test
  void eightThreadsSharingOnePipelineEqualOneThread() throws Exception {
    DetectionPipeline p = PipelineFixture.pipeline();
    List<LabeledSeries> test = PipelineFixture.test();
    List<List<PipelineDetection>> single = new ArrayList<>();
    for (LabeledSeries s : test) {
      single.add(p.detect(s.raw()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<List<PipelineDetection>>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        futures.add(pool.submit(() -> {
          List<List<PipelineDetection>> out = new ArrayList<>();
          for (int i = 0; i < test.size(); i++) {
            out.add(null);
          }
          for (int k = 0; k < test.size(); k++) { // each thread walks the pods in its own order
            int i = (k + offset) % test.size();
            out.set(i, p.detect(test.get(i).raw()));
          }
          return out;
        }));
      }
      for (Future<List<List<PipelineDetection>>> f : futures) {
        assertThat(f.get()).isEqualTo(single);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void driftGrowsWhenAPodsMemoryShifts() {
    DetectionPipeline p = PipelineFixture.pipeline();
    Frame raw = PipelineFixture.test().get(1).raw();
    var same = p.assessDrift(raw);
    assertThat(same.reports()).hasSize(p.selection().size());
    double[] ws = raw.column("container_memory_working_set_bytes");
    for (int i = 0; i < ws.length; i++) {
      ws[i] *= 3; // a pod whose memory tripled: a new release, say
    }
    var shifted = p.assessDrift(raw.withColumn("container_memory_working_set_bytes", ws));
    assertThat(shifted.driftedFeatures()).anyMatch(f -> f.startsWith("container_memory_working_set_bytes"));
    assertThat(shifted.driftedFeatures().size()).isGreaterThan(same.driftedFeatures().size());
    int ws15 = p.selection().selectedNames().indexOf("container_memory_working_set_bytes.mean_15m");
    assertThat(ws15).isNotNegative();
    assertThat(shifted.report(ws15).ksStatistic()).isGreaterThan(same.report(ws15).ksStatistic());
  }

  @Test
  void cacheGivesIdenticalDetectionsAndHitsOnRepeatedRows() {
    DetectionPipeline p = PipelineFixture.pipeline();
    DetectionPipeline cached = p.withCache(8192);
    for (LabeledSeries s : PipelineFixture.test()) {
      assertThat(cached.detect(s.raw())).isEqualTo(p.detect(s.raw()));
    }
    // Replaying a pod hits for every row the cache still holds (direct-mapped: a few collide).
    long before = cached.cacheHits();
    LabeledSeries s = PipelineFixture.test().get(0);
    Frame tail = s.raw().slice(s.raw().rows() - 500, s.raw().rows());
    cached.detect(tail);
    assertThat(cached.cacheMisses()).isPositive();
    List<PipelineDetection> again = cached.detect(tail);
    assertThat(cached.cacheHits() - before).isGreaterThan(450);
    assertThat(again).isEqualTo(p.detect(tail));
    assertThat(p.cacheHits()).isZero();
  }

  @Test
  void rejectsBadInput() {
    DetectionPipeline p = PipelineFixture.pipeline();
    LabeledSeries s = PipelineFixture.test().get(0);
    assertThatThrownBy(() -> p.newSession(Labels.of("pod", "x")).update(0, new double[3]))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("got 3 raw values");
    LinkedHashMap<String, double[]> cols = new LinkedHashMap<>();
    cols.put("container_cpu_usage_seconds_total", new double[] {1, 2});
    Frame partial = Frame.of(Labels.of("pod", "x"), new long[] {0, 60_000}, cols);
    assertThatThrownBy(() -> p.detect(partial)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("lacks the pipeline's input columns").hasMessageContaining("container_memory_working_set_bytes");

    DetectionPipelineTrainer trainer = DetectionPipelineTrainer.builder()
        .classifier(XGBoostClassifierTrainer.of(BoostingSettings.builder().rounds(2).build())).build();
    assertThatThrownBy(() -> trainer.fit(List.of())).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("no series");
    assertThatThrownBy(() -> trainer.fit(List.of(new LabeledSeries(s.raw(), List.of()))))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("no incident rows");
    assertThatThrownBy(() -> trainer.fit(List.of(new LabeledSeries(partial, s.incidents()))))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("lacks the input column");
    assertThatThrownBy(() -> DetectionPipelineTrainer.builder().build()).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("classifierTrainer");
  }
}
