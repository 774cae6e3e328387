package io.aura.ensemble.pipeline;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileException;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The novelty member of a {@link DetectionPipeline}: an {@link IsolationForest} (Liu, Ting &amp;
 * Zhou 2008) fitted on normal training rows, which flags trouble the classifier was never shown.
 *
 * <p>Verdict: score = the forest score in (0, 1] of {@link FeatureRow#imputedRow()} (missing
 * features at their median); the row is flagged ({@link AnomalyType#UNKNOWN}) when the forest's
 * calibrated severity is at least {@link Severity#HIGH}, else normal with severity NONE; alarm
 * score = the forest score, with the alarm floor at the HIGH cut. Explanation: the forest's depth
 * attribution.
 *
 * <p>Thread safety: immutable. Allocation: nothing per {@link #score}. Complexity: O(trees · log ψ)
 * per row.
 */
public final class NoveltyMember implements PipelineMember {
  /** The member kind in pipeline files. */
  public static final String KIND = "aura.novelty-forest";

  static final String FILE_KIND = "aura.pipeline-member.novelty-forest";
  static final int VERSION = 1;

  private final IsolationForest forest;

  NoveltyMember(IsolationForest forest, int selected) {
    this.forest = Objects.requireNonNull(forest, "forest");
    if (forest.featureCount() != selected) {
      throw new InvalidDataException(
          "the Isolation Forest reads "
              + forest.featureCount()
              + " features, the selection has "
              + selected);
    }
  }

  /**
   * The trainer of this member.
   *
   * @param trainer the forest's trainer
   * @param maxRows most normal training rows the forest is fitted on (evenly spaced), at least 1
   * @return a member trainer
   */
  public static MemberTrainer trainer(IsolationForestTrainer trainer, int maxRows) {
    return new Trainer(trainer, maxRows);
  }

  private record Trainer(IsolationForestTrainer trainer, int maxRows) implements MemberTrainer {
    Trainer {
      Objects.requireNonNull(trainer, "trainer");
      if (maxRows < 1) {
        throw new IllegalArgumentException("forest rows must be at least 1, got " + maxRows);
      }
    }

    @Override
    public PipelineMember fit(MemberTraining t) {
      List<double[]> normal = t.normalRows();
      int stride = Math.max(1, (normal.size() + maxRows - 1) / maxRows);
      List<double[]> sample = new ArrayList<>();
      for (int i = 0; i < normal.size(); i += stride) {
        sample.add(normal.get(i));
      }
      if (sample.isEmpty()) {
        throw new InvalidDataException("no normal training rows to fit the Isolation Forest");
      }
      IsolationForest f =
          trainer.fit(sample.toArray(new double[0][]), t.context().selection().selectedNames());
      return new NoveltyMember(f, t.context().selectedCount());
    }

    @Override
    public String toString() {
      return "NoveltyMember.trainer{" + trainer + ", maxRows=" + maxRows + "}";
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Role role() {
    return Role.DETECTOR;
  }

  @Override
  public boolean scoresRowOnly() {
    return true;
  }

  /**
   * @return the alarm floor: the forest's HIGH severity cut, where it flags a row
   */
  @Override
  public double alarmFloor() {
    return forest.severityScale().high();
  }

  @Override
  public void score(FeatureRow row, Object state, MemberVerdict out) {
    double s = forest.score(row.imputed);
    Severity sev = forest.severityScale().severity(s);
    boolean flagged = sev.compareTo(Severity.HIGH) >= 0;
    out.set(
        flagged ? AnomalyType.UNKNOWN : AnomalyType.NORMAL,
        flagged ? sev : Severity.NONE,
        s,
        Double.NaN,
        s);
  }

  @Override
  public void explain(FeatureRow row, Object state, MemberVerdict verdict, double[] out) {
    forest.contributions(row.imputed, out);
  }

  /**
   * @return the forest
   */
  public IsolationForest forest() {
    return forest;
  }

  @Override
  public byte[] toBytes() {
    return ModelFileWriter.create(FILE_KIND, VERSION)
        .putBytes("forest", IsolationForestFile.toBytes(forest))
        .toBytes();
  }

  static PipelineMember read(byte[] section, MemberContext context) throws ModelFileException {
    ModelFile f = ModelFile.fromBytes(section, "novelty member", FILE_KIND, VERSION);
    IsolationForest forest;
    try {
      forest = IsolationForestFile.fromBytes(f.getBytes("forest"), "bytes");
    } catch (ModelFileException e) {
      throw new ModelFileException("novelty member forest: " + e.getMessage());
    } catch (IOException e) {
      throw new ModelFileException("novelty member forest: " + e);
    }
    return PipelineFile.wrap(
        "novelty member", () -> new NoveltyMember(forest, context.selectedCount()));
  }

  @Override
  public String toString() {
    return "NoveltyMember{"
        + forest.treeCount()
        + " trees, psi="
        + forest.sampleSize()
        + ", severity "
        + forest.severityScale()
        + "}";
  }
}
