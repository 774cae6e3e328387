package io.aura.ensemble.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.models.detect.AlarmPolicy;
import io.aura.models.detect.AlarmTransition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmEpisodeTest {
  /** A detector that replays a script of scores, one per sample (its state is the position). */
  record Scripted(double[] script, AnomalyType type) implements PipelineMember {
    @Override
    public String kind() {
      return "test.scripted";
    }

    @Override
    public Role role() {
      return Role.DETECTOR;
    }

    @Override
    public Object newState() {
      return new int[1];
    }

    @Override
    public void score(FeatureRow row, Object state, MemberVerdict out) {
      int[] at = (int[]) state;
      double s = script[at[0]++];
      boolean flagged = s >= 1;
      out.set(flagged ? type : AnomalyType.NORMAL, flagged ? (s >= 2 ? Severity.HIGH : Severity.LOW) : Severity.NONE,
          s, Double.NaN, s);
    }

    @Override
    public byte[] toBytes() {
      throw new UnsupportedOperationException("not saved in this test");
    }
  }

  private static List<AlarmTransition> feed(PipelineSession s, int samples) {
    List<AlarmTransition> out = new ArrayList<>();
    double[] raw = new double[PipelineFileFuzzTest.tiny().inputNames().size()];
    for (int i = 0; i < samples; i++) {
      s.update(60_000L * (i + 1), raw);
      out.add(s.alarmTransition());
    }
    return out;
  }

  @Test
  void membersAlarmsMergeIntoOneEpisodeWithHysteresisAndAGap() {
    DetectionPipeline base = PipelineFileFuzzTest.tiny();
    double[] a = {0, 1, 0.6, 0.4, 0.4, 0, 0, 0, 0, 0, 0};
    double[] b = {0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0};
    List<PipelineMember> members = List.of(new Scripted(a, AnomalyType.MEMORY), new Scripted(b, AnomalyType.NETWORK));
    DetectionPipeline p = new DetectionPipeline(base.featureSet(), base.step(), base.zone(), base.selection(),
        base.centers(), base.scales(), base.classes(), members,
        List.of(AlarmPolicy.of(1, 0.5, 2), AlarmPolicy.of(1, 1, 1)), base.provenance(), base.driftRows());
    PipelineSession s = p.newSession(Labels.of("pod", "web-1"));
    List<AlarmTransition> t = feed(s, 11);
    // a opens at 1; its release 0.5 holds at 2, then two samples below close it at 4; b (gap 1) is
    // open at 3 only and closes at 4: one episode, closed at sample 4 (time 5 min).
    assertThat(t.subList(0, 6)).containsExactly(AlarmTransition.QUIET, AlarmTransition.OPENED,
        AlarmTransition.CONTINUED, AlarmTransition.CONTINUED, AlarmTransition.CLOSED, AlarmTransition.QUIET);
    // b's lone sample at 8 is a second episode.
    assertThat(t.get(8)).isEqualTo(AlarmTransition.OPENED);
    assertThat(t.get(9)).isEqualTo(AlarmTransition.CLOSED);

    DetectionPipeline.PipelineRun run = p.run(frameOf(p, 11));
    assertThat(run.alarms()).hasSize(2);
    PipelineAlarm first = run.alarms().get(0);
    // The peak is b's HIGH NETWORK row at sample 3, beating a's LOW MEMORY at sample 1.
    assertThat(first.type()).isEqualTo(AnomalyType.NETWORK);
    assertThat(first.severity()).isEqualTo(Severity.HIGH);
    assertThat(first.startMillis()).isEqualTo(2 * 60_000L);
    assertThat(first.peakMillis()).isEqualTo(4 * 60_000L);
    assertThat(first.endMillis()).isEqualTo(5 * 60_000L);
    assertThat(first.evidence()).extracting(PipelineAlarm.Evidence::member, PipelineAlarm.Evidence::samples)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 3), org.assertj.core.groups.Tuple.tuple(1, 1));
    assertThat(first.evidence().get(1).peakScore()).isEqualTo(2.0);
  }

  private static io.aura.features.Frame frameOf(DetectionPipeline p, int rows) {
    long[] ts = new long[rows];
    for (int i = 0; i < rows; i++) {
      ts[i] = 60_000L * (i + 1);
    }
    java.util.Map<String, double[]> cols = new java.util.LinkedHashMap<>();
    for (String name : p.inputNames()) {
      cols.put(name, new double[rows]);
    }
    return io.aura.features.Frame.of(Labels.of("pod", "web-1"), ts, cols);
  }
}
