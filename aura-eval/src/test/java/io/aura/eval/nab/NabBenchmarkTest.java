package io.aura.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import io.aura.models.detect.StreamingDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabBenchmarkTest {

  /** Writes a two-file NAB-layout corpus: a spike at row 60 inside window [55, 64]. */
  static Path corpus(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data/catA"));
    Files.createDirectories(dir.resolve("labels"));
    StringBuilder a = new StringBuilder("timestamp,value\n");
    StringBuilder b = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 100; i++) {
      String t = String.format("2015-01-01 %02d:%02d:00", i / 60, i % 60);
      a.append(t).append(',').append(i == 60 ? 50.0 : 1.0 + (i % 3)).append('\n');
      b.append(t).append(',').append(2.0 + (i % 2)).append('\n');
    }
    Files.writeString(dir.resolve("data/catA/spike.csv"), a);
    Files.writeString(dir.resolve("data/catA/quiet.csv"), b);
    Files.writeString(
        dir.resolve("labels/combined_windows.json"),
        "{\"catA/spike.csv\": [[\"2015-01-01 00:55:00.000000\", \"2015-01-01 01:04:00.000000\"]],"
            + " \"catA/quiet.csv\": []}");
    return dir;
  }

  /** Flags values above 10 (score 9), otherwise 0: a detector whose NAB score is known. */
  static final class Threshold implements StreamingDetector {
    @Override
    public double update(long t, double v) {
      return v > 10 ? 9 : 0;
    }

    @Override
    public void reset() {}
  }

  @Test
  void loadsTheCorpusAndScoresADetector(@TempDir Path dir) throws Exception {
    Path nab = corpus(dir.resolve("nab"));
    List<NabFile> files = NabCorpus.load(nab);
    assertThat(files).extracting(NabFile::name).containsExactly("catA/quiet.csv", "catA/spike.csv");
    assertThat(files.get(1).windows()).hasSize(1);
    Path out = dir.resolve("out");
    NabBenchmark.Report r = NabBenchmark.run(nab, Threshold::new, out);
    // Detection at row 60 of window rows 55..64 (width 10): position −(64 − 60 + 1)/10 = −0.5.
    double expected = Math.tanh(1.25) / Math.tanh(2.5);
    NabScorer.Result std = r.results().get("standard");
    assertThat(std.threshold()).isEqualTo(0.9); // 9 / (1 + 9)
    assertThat(std.rawScore()).isCloseTo(expected, within(1e-12));
    assertThat(std.nullScore()).isEqualTo(-1.0);
    assertThat(std.perfectScore()).isEqualTo(1.0);
    assertThat(std.normalizedScore()).isCloseTo(100 * (expected + 1) / 2, within(1e-9));
    assertThat(r.results().keySet())
        .containsExactly("standard", "reward_low_FP_rate", "reward_low_FN_rate");
    // Results layout: DIR/<category>/<name>.csv with timestamp,value,anomaly_score, re-scorable.
    List<String> lines = Files.readAllLines(out.resolve("catA/spike.csv"));
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score");
    assertThat(lines.get(61)).isEqualTo("2015-01-01 01:00:00,50.0,0.9");
    NabBenchmark.Report again = NabBenchmark.scoreResults(nab, out, "");
    assertThat(again.results().get("standard").rawScore()).isEqualTo(std.rawScore());
  }

  @Test
  void rejectsWindowsOffTheRowTimestamps(@TempDir Path dir) throws Exception {
    Path nab = corpus(dir);
    Files.writeString(
        nab.resolve("labels/combined_windows.json"),
        "{\"catA/spike.csv\": [[\"2015-01-01 00:55:30.000000\", \"2015-01-01 01:04:00.000000\"]]}");
    assertThatThrownBy(() -> NabCorpus.load(nab))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("catA/spike.csv")
        .hasMessageContaining("row timestamps");
  }
}
