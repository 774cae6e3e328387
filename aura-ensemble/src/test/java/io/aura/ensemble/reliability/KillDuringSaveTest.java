package io.aura.ensemble.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.ensemble.pipeline.DetectionPipeline;
import io.aura.ensemble.pipeline.PipelineFile;
import io.aura.features.Frame;
import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kill during save (issue #8, "Files"): a child JVM ({@link SaveLoopMain}, same {@code java} binary
 * and class path) saves two different artifacts A and B alternately to one target path in a tight
 * loop, and is killed with {@code SIGKILL} ({@link Process#destroyForcibly()}) after a seeded
 * random delay of 0–300 ms once it reported ready. After every kill:
 *
 * <ul>
 *   <li>the target holds, byte for byte, A's or B's complete file (never a mix, a truncation or
 *       nothing);
 *   <li>it loads and verifies (checksum, kind, members, cross-member shapes), re-encodes to the
 *       same bytes, and gives exactly the results of the artifact that wrote it (pipeline
 *       detections on a probe frame; forest scores, raw bits, on probe rows);
 *   <li>every other file in the target's directory is a temporary file of {@code ModelFileWriter}
 *       ({@code .<name><digits>.tmp}), left by a kill that landed inside a save. They are left in
 *       place on purpose, so every later child's saves and the parent's final save run beside them:
 *       they must not break a save or be read by a load.
 * </ul>
 *
 * <p>Two loops: detection pipelines ({@link PipelineFile#write}/{@link PipelineFile#read}) and
 * Isolation Forest model files ({@link IsolationForest#save}/{@link IsolationForest#load}).
 * Iterations per loop: 12 in the normal build; {@code -Daura.reliability.kills=N} for more, {@code
 * -Daura.reliability.seed=S} for other kill moments.
 */
class KillDuringSaveTest {
  private static final Logger LOG = LoggerFactory.getLogger(KillDuringSaveTest.class);
  private static final int MAX_DELAY_MILLIS = 300;

  @TempDir Path dir;

  @Test
  void aKilledPipelineSaveLeavesAOrBComplete() throws Exception {
    DetectionPipeline[] p = {ReliabilityFixture.pipelineA(), ReliabilityFixture.pipelineB()};
    Frame probe = ReliabilityFixture.replay(p[0], 240).get(0);
    List<?>[] expected = {p[0].detect(probe), p[1].detect(probe)};
    assertThat(expected[0]).isNotEqualTo(expected[1]);
    run(
        "pipeline",
        "pipeline.aura",
        new Artifact() {
          @Override
          public void write(int k, Path path) throws IOException {
            PipelineFile.write(p[k], path);
          }

          @Override
          public byte[] loadAndCheck(int k, Path path) throws IOException {
            DetectionPipeline loaded = PipelineFile.read(path);
            assertThat(loaded.detect(probe))
                .as("detections of the loaded pipeline")
                .isEqualTo(expected[k]);
            return PipelineFile.toBytes(loaded);
          }
        });
  }

  @Test
  void aKilledForestSaveLeavesAOrBComplete() throws Exception {
    IsolationForest[] f = {
      ReliabilityFixture.pipelineA().forest(), ReliabilityFixture.pipelineB().forest()
    };
    SplittableRandom r = new SplittableRandom(5);
    double[][] rows = new double[64][f[0].featureCount()];
    for (double[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = r.nextGaussian() * 2;
      }
    }
    run(
        "forest",
        "forest.aura",
        new Artifact() {
          @Override
          public void write(int k, Path path) throws IOException {
            IsolationForestFile.write(f[k], path);
          }

          @Override
          public byte[] loadAndCheck(int k, Path path) throws IOException {
            IsolationForest loaded = IsolationForestFile.read(path);
            for (double[] row : rows) {
              assertThat(Double.doubleToRawLongBits(loaded.score(row)))
                  .isEqualTo(Double.doubleToRawLongBits(f[k].score(row)));
            }
            return IsolationForestFile.toBytes(loaded);
          }
        });
  }

  /** One kind of artifact: A is 0, B is 1. */
  private interface Artifact {
    void write(int k, Path path) throws IOException;

    /** Loads the file at path, checks it behaves as artifact k, and returns its re-encoding. */
    byte[] loadAndCheck(int k, Path path) throws IOException;
  }

  private void run(String kind, String name, Artifact artifact) throws Exception {
    int kills = Integer.getInteger("aura.reliability.kills", 12);
    long seed = Long.getLong("aura.reliability.seed", 20261123L);
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Path targetDir = Files.createDirectories(dir.resolve("target"));
    Path childTmp = Files.createDirectories(dir.resolve("child-tmp"));
    Path[] files = {sources.resolve("a-" + name), sources.resolve("b-" + name)};
    byte[][] bytes = new byte[2][];
    for (int k = 0; k < 2; k++) {
      artifact.write(k, files[k]);
      bytes[k] = Files.readAllBytes(files[k]);
    }
    assertThat(bytes[0]).as("A and B must differ").isNotEqualTo(bytes[1]);
    Path target = targetDir.resolve(name);
    Pattern temp = Pattern.compile(Pattern.quote("." + name) + "\\d+\\.tmp");
    String javaBin =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

    SplittableRandom random = new SplittableRandom(seed);
    int[] seen = new int[2];
    int insideSave = 0;
    int tempsBefore = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < kills; i++) {
      Path stderr = dir.resolve("child-" + i + ".err");
      Process child =
          new ProcessBuilder(
                  javaBin,
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Djava.io.tmpdir=" + childTmp,
                  "-cp",
                  System.getProperty("java.class.path"),
                  SaveLoopMain.class.getName(),
                  kind,
                  files[0].toString(),
                  files[1].toString(),
                  target.toString())
              .redirectError(stderr.toFile())
              .start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(120, TimeUnit.SECONDS);
        assertThat(line).as("child's first line; its stderr: %s", read(stderr)).isEqualTo("ready");
        Thread.sleep(random.nextInt(MAX_DELAY_MILLIS + 1));
        assertThat(child.isAlive())
            .as("the child is still saving when killed; its stderr: %s", read(stderr))
            .isTrue();
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("killed child exits").isTrue();
      }

      String what = kind + ", kill " + i + ": " + target;
      byte[] held = Files.readAllBytes(target);
      int k = whichOf(held, bytes, what);
      seen[k]++;
      assertThat(artifact.loadAndCheck(k, target)).as(what + " re-encoded").isEqualTo(held);
      List<Path> others = new ArrayList<>();
      try (Stream<Path> s = Files.list(targetDir)) {
        s.filter(q -> !q.equals(target)).forEach(others::add);
      }
      for (Path q : others) {
        assertThat(q.getFileName().toString())
            .as(what + ": unexpected file beside the target")
            .matches(temp);
      }
      // A kill leaves at most one temporary file (the loop saves one file at a time).
      assertThat(others.size() - tempsBefore).as(what + ": new temporary files").isBetween(0, 1);
      insideSave += others.size() - tempsBefore;
      tempsBefore = others.size();
    }
    long leftovers;
    try (Stream<Path> s = Files.list(targetDir)) {
      leftovers = s.filter(q -> temp.matcher(q.getFileName().toString()).matches()).count();
    }
    // The parent's own save beside every leftover temporary file: it must replace the target and
    // load.
    int last = whichOf(Files.readAllBytes(target), bytes, kind + " before the final save");
    artifact.write(1 - last, target);
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes[1 - last]);
    assertThat(artifact.loadAndCheck(1 - last, target)).isEqualTo(bytes[1 - last]);

    assertThat(seen[0] + seen[1]).isEqualTo(kills);
    LOG.info(
        "{}: {} kills (seed {}), target held A {} times and B {} times, {} kills left a temporary file "
            + "(landed inside a save), {} temporary files beside the target at the end; {} and {} bytes; {} s",
        kind,
        kills,
        seed,
        seen[0],
        seen[1],
        insideSave,
        leftovers,
        bytes[0].length,
        bytes[1].length,
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (IOException e) {
      return "(reading the child's output failed: " + e + ")";
    }
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static int whichOf(byte[] actual, byte[][] expected, String what) {
    for (int k = 0; k < expected.length; k++) {
      if (Arrays.equals(actual, expected[k])) {
        return k;
      }
    }
    throw new AssertionError(
        what
            + " holds "
            + actual.length
            + " bytes matching neither complete file (A "
            + expected[0].length
            + " bytes, B "
            + expected[1].length
            + " bytes)");
  }
}
