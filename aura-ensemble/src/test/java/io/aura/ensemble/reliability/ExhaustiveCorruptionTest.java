package io.aura.ensemble.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import io.aura.models.forest.IsolationForestTrainer;
import io.aura.models.persist.ModelFileException;
import io.aura.models.trees.Link;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreeEnsembleFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every single-byte corruption of a small artifact is detected (issue #8, "Files"): for a small
 * Isolation Forest file (standard, and extended with extension level 1) and a small tree-ensemble
 * file (numeric and categorical splits, NaN directions, cover, gain, two groups, feature names),
 * every offset is XOR-ed with every one of the 255 non-zero byte values and handed to the
 * artifact's own loader ({@link IsolationForest#fromBytes}, {@link TreeEnsembleFile#fromBytes}).
 * Each of these {@code size × 255} files must be rejected with {@link ModelFileException}, and for
 * the right reason: the 8 magic bytes by the magic check, the 2 format-version bytes by the version
 * check, every later byte (kind, version, sections, and the checksum itself) by the CRC-32C. The
 * loaders through a path ({@link IsolationForest#load}, {@link TreeEnsembleFile#read}) are checked
 * with one flipped bit at every offset of the header and the checksum and every 13th offset between
 * (they share the byte decoding; this checks that they reject with the file's name).
 *
 * <p>The pipeline file, too large for an exhaustive sweep in CI, is sampled by {@code
 * PipelineFileTest} of the pipeline package.
 */
class ExhaustiveCorruptionTest {
  private static final int MAGIC_BYTES = 8;
  private static final int FORMAT_BYTES = 2;

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ExhaustiveCorruptionTest.class);

  @TempDir Path dir;

  @Test
  void everySingleByteCorruptionOfSmallForestFilesIsRejected() throws IOException {
    for (int level : new int[] {0, 1}) {
      IsolationForest forest = smallForest(level);
      byte[] good = IsolationForestFile.toBytes(forest);
      assertThat(IsolationForestFile.toBytes(IsolationForestFile.fromBytes(good, "bytes")))
          .isEqualTo(good);
      long rejected = sweep(good, bad -> IsolationForestFile.fromBytes(bad, "bytes"));
      assertThat(rejected).isEqualTo(good.length * 255L);
      Path file = dir.resolve("forest-" + level + ".aura");
      sweepFiles(good, file, () -> IsolationForestFile.read(file));
    }
  }

  @Test
  void everySingleByteCorruptionOfASmallTreeEnsembleFileIsRejected() throws IOException {
    byte[] good = TreeEnsembleFile.toBytes(smallEnsemble());
    assertThat(TreeEnsembleFile.toBytes(TreeEnsembleFile.fromBytes(good, "good"))).isEqualTo(good);
    long rejected = sweep(good, bad -> TreeEnsembleFile.fromBytes(bad, "corrupt"));
    assertThat(rejected).isEqualTo(good.length * 255L);
    Path file = dir.resolve("trees.aura");
    sweepFiles(good, file, () -> TreeEnsembleFile.read(file));
  }

  @FunctionalInterface
  private interface Loader {
    Object load(byte[] bytes) throws IOException;
  }

  @FunctionalInterface
  private interface PathLoader {
    Object load() throws IOException;
  }

  /**
   * Every offset × every non-zero XOR value; returns how many were rejected for the right reason.
   */
  private static long sweep(byte[] good, Loader loader) {
    long t0 = System.nanoTime();
    long rejected = 0;
    List<String> failures = new ArrayList<>();
    byte[] bad = good.clone();
    for (int off = 0; off < good.length; off++) {
      String expected =
          off < MAGIC_BYTES
              ? "bad magic bytes"
              : off < MAGIC_BYTES + FORMAT_BYTES
                  ? "unsupported model-file format version"
                  : "checksum mismatch";
      for (int delta = 1; delta < 256; delta++) {
        bad[off] = (byte) (good[off] ^ delta);
        try {
          loader.load(bad);
          failures.add("offset " + off + " ^ " + delta + ": loaded");
        } catch (ModelFileException e) {
          if (e.getMessage() != null && e.getMessage().contains(expected)) {
            rejected++;
          } else {
            failures.add(
                "offset "
                    + off
                    + " ^ "
                    + delta
                    + ": rejected for another reason: "
                    + e.getMessage());
          }
        } catch (IOException | RuntimeException e) {
          failures.add("offset " + off + " ^ " + delta + ": " + e);
        }
      }
      bad[off] = good[off];
    }
    assertThat(failures)
        .as("corruptions not rejected by the expected check (of %d bytes)", good.length)
        .isEmpty();
    LOG.info(
        "{} bytes x 255 values: {} corruptions rejected in {} ms",
        good.length,
        rejected,
        (System.nanoTime() - t0) / 1_000_000);
    return rejected;
  }

  private static void sweepFiles(byte[] good, Path file, PathLoader loader) throws IOException {
    long t0 = System.nanoTime();
    byte[] bad = good.clone();
    int files = 0;
    // Every offset of the header (magic, format, kind length) and of the checksum, every 13th
    // between.
    for (int off = 0; off < good.length; off++) {
      if (off >= 16 && off < good.length - 8 && off % 13 != 0) {
        continue;
      }
      files++;
      bad[off] = (byte) (good[off] ^ (1 << (off % 8)));
      Files.write(file, bad);
      try {
        loader.load();
        throw new AssertionError(file + " with a bit flipped at offset " + off + " loaded");
      } catch (ModelFileException e) {
        assertThat(e.getMessage()).contains(file.toString());
      }
      bad[off] = good[off];
    }
    Files.write(file, good);
    assertThat(loader.load()).isNotNull();
    LOG.info(
        "{} files with one flipped bit rejected by the path loader in {} ms",
        files,
        (System.nanoTime() - t0) / 1_000_000);
  }

  /** 3 trees, ψ = 16, on 3 features; level 0 is the standard forest, 1 the extended one. */
  static IsolationForest smallForest(int level) {
    SplittableRandom r = new SplittableRandom(17);
    double[][] rows = new double[64][3];
    for (double[] row : rows) {
      for (int j = 0; j < 3; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return IsolationForestTrainer.builder()
        .treeCount(3)
        .sampleSize(16)
        .extended(level)
        .seed(3)
        .build()
        .fit(rows, List.of("cpu", "memory", "restarts"));
  }

  /** Two groups, 2 trees of 5 and 3 nodes: numeric and categorical splits, NaN both ways. */
  static TreeEnsemble smallEnsemble() {
    TreeEnsemble.Builder b =
        TreeEnsemble.builder(3, 2)
            .link(Link.SOFTMAX, 1.0)
            .baseScore(0.25, -0.5)
            .featureNames(List.of("cpu", "memory", "restarts"));
    b.addTree(0, 5)
        .split(0, 0, 0.5f, 1, 2, true)
        .split(1, 1, -1.25f, 3, 4, false)
        .leaf(2, 0.75f)
        .leaf(3, -0.5f)
        .leaf(4, 0.125f)
        .cover(0, 10)
        .cover(1, 6)
        .cover(2, 4)
        .cover(3, 2)
        .cover(4, 4)
        .gain(0, 3.5)
        .gain(1, 1.25)
        .gain(2, 0)
        .gain(3, 0)
        .gain(4, 0);
    b.addTree(1, 3)
        .categorical(0, 2, new int[] {0b1011}, 1, 2, false)
        .leaf(1, 0.3f)
        .leaf(2, -0.3f)
        .cover(0, 10)
        .cover(1, 7)
        .cover(2, 3)
        .gain(0, 2)
        .gain(1, 0)
        .gain(2, 0);
    return b.build();
  }
}
