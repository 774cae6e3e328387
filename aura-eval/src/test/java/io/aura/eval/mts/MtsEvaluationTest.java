package io.aura.eval.mts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import io.aura.models.eval.RankingMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtsEvaluationTest {
  @TempDir Path dir;

  @Test
  void eventsDelaysFalseEpisodesAndPointwiseF1ByHand() {
    boolean[] truth = bits("0011100011000");
    boolean[] alarm = bits("1000110000011");
    MtsMetrics.Events e = MtsMetrics.events(truth, alarm);
    assertThat(e.events()).isEqualTo(2);
    assertThat(e.detected()).isEqualTo(1); // the first event at its third row: delay 2
    assertThat(e.medianDelay()).isEqualTo(2);
    assertThat(e.falseEpisodes()).isEqualTo(2); // rows 0 and 11-12
    // alarm rows 0,4,5,11,12; truth rows 2,3,4,8,9
    // tp = {4} = 1, fp = {0,5,11,12} = 4, fn = {2,3,8,9} = 4: F1 = 2/(2+8)
    assertThat(e.f1()).isCloseTo(2.0 / 10, within(1e-12));
  }

  @Test
  void hitRateFollowsOmniAnomalysDefinition() {
    double[] shares = {0.5, 0.1, 0.3, 0.05, 0.05};
    int[] gt = {2, 3}; // top ⌊1.0·2⌋ = {0, 2}: one of two; top ⌊1.5·2⌋ = 3 = {0, 2, 1}: one of two
    assertThat(MtsMetrics.hitRate(shares, gt, 1.0)).isEqualTo(0.5);
    assertThat(MtsMetrics.hitRate(shares, gt, 1.5)).isEqualTo(0.5);
    assertThat(MtsMetrics.hitRate(shares, new int[] {0, 2}, 1.0)).isEqualTo(1.0);
    assertThat(MtsMetrics.randomHitRate(5, 2, 1.5)).isEqualTo(3 / 5.0);
  }

  @Test
  void averagePrecisionHandlesTiesByHand() {
    // scores 3,2,2,1 with truth 1,0,1,0: thresholds 3 (P 1, R .5), 2 (P 2/3, R 1): AP = .5 + .5·2/3
    double ap = RankingMetrics.averagePrecision(new double[] {3, 2, 2, 1}, new boolean[] {true, false, true, false});
    assertThat(ap).isCloseTo(0.5 + 0.5 * 2 / 3.0, within(1e-12));
  }

  @Test
  void corpusLoadsPlainAndGzipAndTheHarnessRuns() throws IOException {
    Random r = new Random(1);
    StringBuilder train = new StringBuilder();
    StringBuilder test = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      double a = r.nextGaussian();
      train.append(a).append(',').append(2 * a + 0.01 * r.nextGaussian()).append(',').append(r.nextGaussian()).append('\n');
    }
    for (int i = 0; i < 300; i++) {
      double a = r.nextGaussian();
      boolean bad = i >= 200 && i < 220;
      double b = bad ? -2 * a + 5 : 2 * a + 0.01 * r.nextGaussian();
      test.append(a).append(',').append(b).append(',').append(r.nextGaussian()).append('\n');
      labels.append(bad ? "1\n" : "0\n");
    }
    write(dir.resolve("train/m1.txt.gz"), train.toString(), true);
    write(dir.resolve("test/m1.txt"), test.toString(), false);
    write(dir.resolve("test_label/m1.txt.gz"), labels.toString(), true);
    write(dir.resolve("interpretation_label/m1.txt"), "200-220:1,2\n", false);
    List<MtsEntity> corpus = MtsCorpus.load(dir);
    assertThat(corpus).hasSize(1);
    assertThat(corpus.get(0).train()).hasNumberOfRows(400);
    assertThat(corpus.get(0).interpretation().get(0).metrics()).containsExactly(0, 1);
    for (String name : List.of("aura", "pca90", "knn1")) {
      MtsEvaluation.Result res = MtsEvaluation.run(corpus, name, dir.resolve("out-" + name)).get(0);
      // the lag-8 window keeps scoring high for 8 rows after the 20-row segment ends
      assertThat(res.ap()).as(name).isGreaterThan(name.equals("aura") ? 0.7 : 0.9);
      assertThat(res.events().recall()).as(name).isEqualTo(1.0);
      assertThat(res.hitRate100()).as(name).isGreaterThan(0.75); // the broken relation's metrics are blamed, not the noise
      assertThat(Files.readAllLines(dir.resolve("out-" + name).resolve("m1.csv"))).hasSize(301);
    }
  }

  @Test
  void malformedFilesAreNamed() throws IOException {
    write(dir.resolve("train/m1.txt"), "1,2\n3,x\n", false);
    write(dir.resolve("test/m1.txt"), "1,2\n", false);
    write(dir.resolve("test_label/m1.txt"), "0\n", false);
    assertThatThrownBy(() -> MtsCorpus.load(dir)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("m1.txt, line 2, column 2");
    write(dir.resolve("train/m1.txt"), "1,2\n3,4\n", false);
    write(dir.resolve("test_label/m1.txt"), "0\n0\n", false);
    assertThatThrownBy(() -> MtsCorpus.load(dir)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("more labels");
    write(dir.resolve("test_label/m1.txt"), "2\n", false);
    assertThatThrownBy(() -> MtsCorpus.load(dir)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("not 0 or 1");
    write(dir.resolve("test_label/m1.txt"), "0\n", false);
    write(dir.resolve("interpretation_label/m1.txt"), "0-1:3\n", false);
    assertThatThrownBy(() -> MtsCorpus.load(dir)).isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("dimension 3");
  }

  private static boolean[] bits(String s) {
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = s.charAt(i) == '1';
    }
    return b;
  }

  private static void write(Path p, String text, boolean gzip) throws IOException {
    Files.createDirectories(p.getParent());
    try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      o.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
