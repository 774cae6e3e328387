package io.aura.ensemble.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.models.forest.IsolationForestFile;
import io.aura.models.persist.ModelFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFileTest {
  @TempDir Path dir;

  @Test
  void roundTripGivesIdenticalDetections() throws IOException {
    DetectionPipeline p = PipelineFixture.pipeline();
    Path file = dir.resolve("cluster.aura");
    p.save(file);
    DetectionPipeline q = PipelineFile.read(file);
    assertThat(q.classes()).isEqualTo(p.classes());
    assertThat(q.selection()).isEqualTo(p.selection());
    assertThat(q.members()).hasSameSizeAs(p.members());
    for (int i = 0; i < p.members().size(); i++) {
      assertThat(q.members().get(i).kind()).isEqualTo(p.members().get(i).kind());
      assertThat(q.members().get(i).toBytes()).isEqualTo(p.members().get(i).toBytes());
    }
    assertThat(q.provenance()).isEqualTo(p.provenance());
    for (LabeledSeries s : PipelineFixture.test().subList(0, 3)) {
      assertThat(q.detect(s.raw())).isEqualTo(p.detect(s.raw()));
    }
    assertThat(PipelineFile.toBytes(q)).isEqualTo(Files.readAllBytes(file));

    // Warning settings are rules, not learned: retuned without retraining, and saved with the file.
    DetectionPipeline strict =
        p.withWarnings(WarningSettings.builder().confirmSamples(5).memory(1.0, 0.8).build());
    assertThat(strict.classifier()).isSameAs(p.classifier());
    strict.save(file);
    assertThat(warnings(PipelineFile.read(file)))
        .isEqualTo(warnings(strict))
        .isNotEqualTo(warnings(p));
    assertThat(warnings(strict)).hasSize(2).allMatch(w -> w.contains("confirm=5"));
  }

  private static List<String> warnings(DetectionPipeline p) {
    return p.members().stream()
        .filter(m -> m instanceof TrendWarningMember)
        .map(Object::toString)
        .toList();
  }

  @Test
  void aFileOfTheFirstFormatIsReadWithItsFixedSeverityCuts() throws IOException {
    // Written by the pipeline format before the classifier's severity was calibrated.
    byte[] v1;
    try (var in = PipelineFileTest.class.getResourceAsStream("legacy/tiny-pipeline-v1.aura")) {
      v1 = in.readAllBytes();
    }
    DetectionPipeline p = PipelineFile.fromBytes(v1, "tiny-pipeline-v1.aura");
    assertThat(p.classifierSeverity()).isEqualTo(PipelineFile.FIXED_CLASSIFIER_SEVERITY);
    assertThat(p.classes()).hasSize(2);
  }

  @Test
  void theCalibratedClassifierSeverityIsSavedAndStartsAtZero() throws IOException {
    DetectionPipeline p = PipelineFixture.pipeline();
    assertThat(p.classifierSeverity().low()).isZero();
    assertThat(p.classifierSeverity().critical()).isGreaterThan(p.classifierSeverity().medium());
    DetectionPipeline q = PipelineFile.fromBytes(PipelineFile.toBytes(p), "mem");
    assertThat(q.classifierSeverity()).isEqualTo(p.classifierSeverity());
  }

  @Test
  void everySampledByteCorruptionAndEveryTruncationIsRejected() throws IOException {
    byte[] good = PipelineFile.toBytes(PipelineFixture.pipeline());
    // Every offset of the header and the first 4 KiB, then every 997th byte: each flip must be
    // caught (by the checksum or, before it, by a header check), never decoded.
    int checked = 0;
    for (int off = 0; off < good.length; off += off < 4096 ? 1 : 997) {
      byte[] bad = good.clone();
      bad[off] ^= (byte) (1 << (off % 8));
      int at = off;
      assertThatThrownBy(() -> PipelineFile.fromBytes(bad, "flip@" + at))
          .as("offset %d", off)
          .isInstanceOf(ModelFileException.class);
      checked++;
    }
    assertThat(checked).isGreaterThan(4096);
    for (int len : new int[] {0, 1, 7, 16, 100, good.length / 2, good.length - 1}) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThatThrownBy(() -> PipelineFile.fromBytes(cut, "cut"))
          .as("length %d", len)
          .isInstanceOf(ModelFileException.class);
    }
  }

  @Test
  void rejectsOtherKindsAndOtherFeatures() throws IOException {
    DetectionPipeline p = PipelineFixture.pipeline();
    byte[] forest = IsolationForestFile.toBytes(p.forest());
    assertThatThrownBy(() -> PipelineFile.fromBytes(forest, "forest.bin"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining(PipelineFile.KIND);
    byte[] other = PipelineFile.writer(p, "0".repeat(64)).toBytes();
    assertThatThrownBy(() -> PipelineFile.fromBytes(other, "old.aura"))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("old.aura")
        .hasMessageContaining("fingerprint")
        .hasMessageContaining("retrain");
    // A pipeline file is not an Isolation Forest either.
    byte[] pipe = PipelineFile.toBytes(p);
    assertThatThrownBy(() -> IsolationForestFile.fromBytes(pipe, "bytes"))
        .isInstanceOf(ModelFileException.class);
  }

  @Test
  void manifestLoadsLazilyAndRefusesPathsOutsideItsDirectory() throws IOException {
    DetectionPipeline p = PipelineFixture.pipeline();
    Files.createDirectories(dir.resolve("nodes"));
    p.save(dir.resolve("nodes/node-1.aura"));
    p.save(dir.resolve("nodes/node-2.aura"));
    Map<String, Path> entries = new LinkedHashMap<>();
    entries.put("node-1", Path.of("nodes/node-1.aura"));
    entries.put("node-2", Path.of("nodes/node-2.aura"));
    entries.put("node-3", Path.of("nodes/missing.aura"));
    Path manifest = dir.resolve("fleet.manifest");
    PipelineManifest.write(manifest, entries);

    PipelineManifest m = PipelineManifest.open(manifest);
    assertThat(m.entities()).containsExactly("node-1", "node-2", "node-3");
    assertThat(m.loadedCount()).isZero();
    DetectionPipeline one = m.pipeline("node-1");
    assertThat(m.pipeline("node-1")).isSameAs(one);
    assertThat(m.loadedCount()).isEqualTo(1);
    assertThatThrownBy(() -> m.pipeline("node-3"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("node-3");
    assertThatThrownBy(() -> m.pipeline("node-9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the manifest");

    assertThatThrownBy(
            () ->
                PipelineManifest.write(
                    dir.resolve("bad.manifest"), Map.of("x", Path.of("../etc/passwd"))))
        .isInstanceOf(IllegalArgumentException.class);
    // A crafted manifest (written without the writer's check) is refused on open.
    io.aura.models.persist.ModelFileWriter.create(PipelineManifest.KIND, PipelineManifest.VERSION)
        .putStrings("entities", List.of("x"))
        .putStrings("files", List.of("/etc/passwd"))
        .writeAtomically(dir.resolve("crafted.manifest"));
    assertThatThrownBy(() -> PipelineManifest.open(dir.resolve("crafted.manifest")))
        .isInstanceOf(ModelFileException.class)
        .hasMessageContaining("stay inside");
  }
}
