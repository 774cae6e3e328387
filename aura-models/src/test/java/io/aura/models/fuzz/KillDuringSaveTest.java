package io.aura.models.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.models.forest.IsolationForest;
import io.aura.models.forest.IsolationForestFile;
import io.aura.models.trees.TreeEnsemble;
import io.aura.models.trees.TreeEnsembleFile;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill-during-save: a child JVM ({@link SaveLoop}) saves two Isolation Forests alternately to one
 * path and two tree ensembles alternately to another, and is killed with {@code SIGKILL} ({@link
 * Process#destroyForcibly()}) at a seeded random moment. After every kill each path must hold, byte
 * for byte, one of its two complete files, which must load and predict exactly like the model that
 * wrote it; the only other files allowed in the directory are {@link
 * io.aura.models.persist.ModelFileWriter}'s temporary files ({@code .<name><digits>.tmp}), which a
 * kill can leave behind (the writer deletes them on an exception, not on a kill) and which no
 * loader reads. They are counted (each one proves a kill landed inside a save) and removed.
 *
 * <p>30 kills in the normal build; {@code -Daura.reliability.kills=N} for more.
 */
class KillDuringSaveTest {
  private static final Pattern TEMP = Pattern.compile("\\.(forest|trees)\\.aura\\d+\\.tmp");

  @TempDir Path dir;

  @Test
  void aKilledSaveLeavesTheOldOrTheNewCompleteFile() throws Exception {
    int kills = Integer.getInteger("aura.reliability.kills", 30);
    IsolationForest[] forests = {
      ReferenceModels.isolationForest(1), ReferenceModels.isolationForest(2)
    };
    TreeEnsemble[] ensembles = {ReferenceModels.catBoost(), ReferenceModels.catBoostHalf()};
    byte[][] forestBytes = {
      IsolationForestFile.toBytes(forests[0]), IsolationForestFile.toBytes(forests[1])
    };
    byte[][] treeBytes = {
      TreeEnsembleFile.toBytes(ensembles[0]), TreeEnsembleFile.toBytes(ensembles[1])
    };
    assertThat(forestBytes[0]).isNotEqualTo(forestBytes[1]);
    assertThat(treeBytes[0]).isNotEqualTo(treeBytes[1]);
    double[] probe = ReferenceModels.rows(1, 4, 77)[0];
    float[] treeProbe = new float[ensembles[0].featureCount()];
    Arrays.fill(treeProbe, 0.5f);

    Path forestPath = dir.resolve("forest.aura");
    Path treePath = dir.resolve("trees.aura");
    SplittableRandom random = new SplittableRandom(20261123L);
    int leftovers = 0;
    int[] forestSeen = new int[2];
    int[] treeSeen = new int[2];
    for (int i = 0; i < kills; i++) {
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  SaveLoop.class.getName(),
                  dir.toString())
              .redirectErrorStream(true)
              .start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        assertThat(line).as("child output before it was ready").isEqualTo("ready");
        Thread.sleep(random.nextInt(250));
        assertThat(child.isAlive()).as("the save loop is still saving when killed").isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      int f = whichOf(Files.readAllBytes(forestPath), forestBytes, "kill " + i + ": " + forestPath);
      int t = whichOf(Files.readAllBytes(treePath), treeBytes, "kill " + i + ": " + treePath);
      forestSeen[f]++;
      treeSeen[t]++;
      assertThat(IsolationForestFile.read(forestPath).score(probe))
          .isEqualTo(forests[f].score(probe));
      TreeEnsemble loaded = TreeEnsembleFile.read(treePath);
      assertThat(loaded.predictRaw(treeProbe, 0)).isEqualTo(ensembles[t].predictRaw(treeProbe, 0));

      List<Path> others = new ArrayList<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> !p.equals(forestPath) && !p.equals(treePath)).forEach(others::add);
      }
      for (Path p : others) {
        assertThat(p.getFileName().toString()).as("kill " + i + ": unexpected file").matches(TEMP);
        Files.delete(p);
        leftovers++;
      }
    }
    // Every kill was checked (which of the two files survived depends on timing, so it is logged).
    assertThat(forestSeen[0] + forestSeen[1]).isEqualTo(kills);
    org.slf4j.LoggerFactory.getLogger(KillDuringSaveTest.class)
        .info(
            "{} kills: forest file A/B {}/{}, trees file A/B {}/{}, {} temporary files left by kills",
            kills,
            forestSeen[0],
            forestSeen[1],
            treeSeen[0],
            treeSeen[1],
            leftovers);
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
            + " bytes matching neither complete file ("
            + expected[0].length
            + " or "
            + expected[1].length
            + " bytes)");
  }
}
