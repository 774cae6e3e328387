package io.aura.ensemble.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aura.features.FeatureSchema;
import io.aura.features.KubernetesFeatures;
import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.selection.FeatureSelection;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.persist.ModelFileException;
import io.aura.models.trees.Classifier;
import io.aura.models.trees.Link;
import io.aura.models.trees.TreeEnsemble;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzz test (Jazzer) of pipeline files: {@link PipelineFile#fromBytes} returns a
 * pipeline or throws {@link ModelFileException}, nothing else (no other exception, no {@link
 * OutOfMemoryError} or {@link StackOverflowError}); a pipeline that loads must detect a sample of
 * zeros and a sample of NaN. Each input is tried as given and with a valid checksum, so mutations
 * reach the section decoding and the cross-member validation behind the CRC.
 *
 * <p>Seed: a tiny valid pipeline (3 features, a one-split classifier, a 2-tree forest, 8 drift
 * rows), {@code
 * src/test/resources/io/aura/ensemble/pipeline/PipelineFileFuzzTestInputs/pipelineFile/}; {@link
 * #seedIsCurrent} fails when the format changes and {@code -Daura.regenerateSeeds=true} rewrites
 * it.
 */
class PipelineFileFuzzTest {
  private static final Path SEED =
      Path.of(
          "src/test/resources/io/aura/ensemble/pipeline/PipelineFileFuzzTestInputs/pipelineFile/tiny-pipeline.aura");

  static DetectionPipeline tiny() {
    return tiny(new double[] {0, 0, 0}, new double[] {1, 1, 1});
  }

  static DetectionPipeline tiny(double[] centers, double[] scales) {
    FeatureSchema schema = KubernetesFeatures.podFeatures(Duration.ofMinutes(1)).schema();
    int[] sel = {
      schema.indexOf("cpu_usage_over_limit"),
      schema.indexOf("memory_usage_over_limit"),
      schema.indexOf("restarts")
    };
    Arrays.sort(sel);
    FeatureSelection selection =
        FeatureSelection.of(schema, sel, new double[schema.size()], "fuzz seed");
    TreeEnsemble.Builder b = TreeEnsemble.builder(3, 1).link(Link.SIGMOID, 1).baseScore(0);
    b.addTree(0, 3)
        .split(0, 1, 0.9f, 1, 2, true)
        .leaf(1, -2f)
        .leaf(2, 2f)
        .cover(0, 10)
        .cover(1, 7)
        .cover(2, 3);
    Classifier classifier = Classifier.of(b.build(), 2, "fuzz seed", 1);
    double[][] rows = new double[8][3];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {0.1 * i, 0.05 * i, i % 3};
    }
    IsolationForest forest =
        IsolationForestTrainer.builder()
            .treeCount(2)
            .sampleSize(8)
            .seed(1)
            .build()
            .fit(rows, selection.selectedNames());
    List<AnomalyType> classes = List.of(AnomalyType.NORMAL, AnomalyType.MEMORY);
    MemberContext context = new MemberContext(schema, selection, classes, Duration.ofMinutes(1));
    WarningSettings warnings = WarningSettings.defaults();
    List<PipelineMember> members =
        new java.util.ArrayList<>(
            List.of(
                new ClassifierMember(
                    classifier,
                    classes,
                    new io.aura.models.detect.SeverityScale(0, 0.7, 0.85, 0.97),
                    3),
                new NoveltyMember(forest, 3)));
    for (WarningSettings.Rule rule : warnings.rules()) {
      members.add(new TrendWarningMember(warnings, rule, context));
    }
    return new DetectionPipeline(
        FeatureSet.POD,
        Duration.ofMinutes(1),
        ZoneOffset.UTC,
        selection,
        centers,
        scales,
        classes,
        members,
        null,
        Map.of("made-by", "fuzz seed"),
        rows);
  }

  @Test
  void seedIsCurrent() throws IOException {
    byte[] bytes = PipelineFile.toBytes(tiny());
    if (Boolean.getBoolean("aura.regenerateSeeds")) {
      Files.createDirectories(SEED.getParent());
      Files.write(SEED, bytes);
    }
    assertThat(Files.readAllBytes(SEED))
        .as("regenerate with -Daura.regenerateSeeds=true")
        .isEqualTo(bytes);
    DetectionPipeline p = PipelineFile.fromBytes(bytes, SEED.toString());
    use(p);
  }

  /**
   * Found by the fuzzing campaign: a scaling that overflows (a tiny but positive scale) made a
   * feature infinite, and the Isolation Forest, which accepts finite values only, threw from the
   * middle of detection. Infinity now reaches it as the largest double.
   */
  @Test
  void anOverflowingScalingStillScores() {
    DetectionPipeline base = tiny();
    int restarts = base.selection().selectedNames().indexOf("restarts");
    double[] centers = {0, 0, 0};
    double[] scales = {1, 1, 1};
    centers[restarts] = -1;
    scales[restarts] = Double.MIN_VALUE; // (0 + 1) / 4.9e-324 = +Infinity
    DetectionPipeline p = tiny(centers, scales);
    PipelineSession s = p.newSession(Labels.of("pod", "overflow"));
    double[] raw = new double[p.inputNames().size()];
    for (int t = 0; t < 5; t++) {
      PipelineDetection d = s.update(t * p.step().toMillis(), raw);
      assertThat(d.novelty()).isBetween(0.0, 1.0);
    }
  }

  private static void use(DetectionPipeline p) {
    PipelineSession s = p.newSession(Labels.of("pod", "fuzz"));
    double[] raw = new double[p.inputNames().size()];
    s.update(0, raw);
    Arrays.fill(raw, Double.NaN);
    s.update(p.step().toMillis(), raw); // the file's own step: any other spacing is rightly refused
  }

  static byte[] withChecksum(byte[] data) {
    if (data.length < 4) {
      return data;
    }
    byte[] b = data.clone();
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
    return b;
  }

  @FuzzTest(maxDuration = "60s")
  void pipelineFile(byte[] data) {
    for (byte[] b : new byte[][] {data, withChecksum(data)}) {
      try {
        use(PipelineFile.fromBytes(b, "fuzz.aura"));
      } catch (ModelFileException expected) {
        // documented
      }
    }
  }

  private static final Path MEMBER_SEEDS =
      Path.of(
          "src/test/resources/io/aura/ensemble/pipeline/PipelineFileFuzzTestInputs/memberSection");

  /** The member sections of the tiny pipeline, one seed each, for {@link #memberSection}. */
  @Test
  void memberSeedsAreCurrent() throws IOException {
    DetectionPipeline p = tiny();
    for (int i = 0; i < p.members().size(); i++) {
      byte[] bytes = p.members().get(i).toBytes();
      Path seed = MEMBER_SEEDS.resolve("member-" + i + ".aura");
      if (Boolean.getBoolean("aura.regenerateSeeds")) {
        Files.createDirectories(MEMBER_SEEDS);
        Files.write(seed, bytes);
      }
      assertThat(Files.readAllBytes(seed))
          .as("regenerate with -Daura.regenerateSeeds=true")
          .isEqualTo(bytes);
    }
  }

  private static final DetectionPipeline TINY = tiny();

  /**
   * Every reader of Aura's member kinds on the same bytes (as given and with the trailing CRC-32C
   * recomputed, so the fuzzer reaches the section's decoding): each returns a member that fits the
   * pipeline, which then scores, or throws only {@link ModelFileException}.
   */
  @FuzzTest(maxDuration = "60s")
  void memberSection(byte[] data) {
    MemberContext context = TINY.context();
    PipelineRegistry registry = PipelineRegistry.defaults();
    for (byte[] b : new byte[][] {data, withChecksum(data)}) {
      for (String kind : registry.memberKinds()) {
        try {
          PipelineMember m = registry.member(kind).read(b, context);
          List<PipelineMember> members = new java.util.ArrayList<>(TINY.members());
          members.set(0, m);
          use(
              new DetectionPipeline(
                  TINY.featureSet(),
                  TINY.step(),
                  TINY.zone(),
                  TINY.selection(),
                  TINY.centers(),
                  TINY.scales(),
                  TINY.classes(),
                  members,
                  null,
                  TINY.provenance(),
                  TINY.driftRows()));
        } catch (ModelFileException expected) {
          // documented
        } catch (io.aura.features.InvalidDataException expected) {
          // a member valid on its own but not with the tiny pipeline's classes (documented by the
          // constructor)
        }
      }
    }
  }
}
