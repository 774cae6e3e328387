package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.eval.nab.NabDetectors;
import io.aura.eval.nab.NabFileInfo;
import io.aura.eval.nab.NabProtocol;
import io.aura.models.detect.StreamingDetector;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NabCommandTest {

  /** A two-file NAB-layout corpus of 400 one-minute rows: a spike at row 300 inside a window. */
  static Path corpus(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data/catA"));
    Files.createDirectories(dir.resolve("labels"));
    StringBuilder a = new StringBuilder("timestamp,value\n");
    StringBuilder b = new StringBuilder("timestamp,value\n");
    Random r = new Random(3);
    for (int i = 0; i < 400; i++) {
      String t = String.format("2015-01-01 %02d:%02d:00", i / 60, i % 60);
      a.append(t).append(',').append(i == 300 ? 50.0 : 10 + r.nextGaussian()).append('\n');
      b.append(t).append(',').append(2.0 + r.nextGaussian()).append('\n');
    }
    Files.writeString(dir.resolve("data/catA/spike.csv"), a);
    Files.writeString(dir.resolve("data/catA/quiet.csv"), b);
    Files.writeString(dir.resolve("labels/combined_windows.json"),
        "{\"catA/spike.csv\": [[\"2015-01-01 04:55:00.000000\", \"2015-01-01 05:04:00.000000\"]],"
            + " \"catA/quiet.csv\": []}");
    return dir;
  }

  @Test
  void plotWritesOneDecodablePngPerFile(@TempDir Path dir) throws Exception {
    Path nab = corpus(dir.resolve("nab"));
    Path plots = dir.resolve("plots");
    StringWriter err = new StringWriter();
    int code = new CommandLine(new AuraCli()).setErr(new PrintWriter(err))
        .execute("nab", "--data", nab.toString(), "--detector", "gauss", "--plot", plots.toString());
    assertThat(code).as(err.toString()).isZero();
    for (String name : new String[] {"spike", "quiet"}) {
      Path png = plots.resolve("gauss/catA/" + name + ".png");
      assertThat(png).exists();
      BufferedImage img = ImageIO.read(png.toFile());
      assertThat(img).as(name).isNotNull();
      assertThat(img.getWidth()).isEqualTo(1400);
      assertThat(img.getHeight()).isEqualTo(700);
    }
  }

  private static StreamingDetector make(NabDetectors d) {
    return d instanceof NabDetectors.Causal c ? c.detectors().get()
        : ((NabDetectors.WithFileInfo) d).detectors().apply(new NabFileInfo(0, 10, 4032));
  }

  @Test
  void everyRegisteredDetectorRunsAndIsFreshPerCall() {
    for (var e : NabCommand.detectors().entrySet()) {
      assertThat(make(e.getValue())).as(e.getKey()).isNotSameAs(make(e.getValue()));
      assertThat(e.getValue() instanceof NabDetectors.Causal).as(e.getKey()).isEqualTo(!e.getKey().endsWith("-nab"));
    }
    assertThat(NabCommand.detectors()).containsKeys("gauss", "gauss-likelihood", "gauss-likelihood-quiet", "ewma-likelihood", "fusion-quiet",
        "knncad", "knncad-likelihood-quiet", "fusion-knncad-quiet", "relative-entropy", "art", "art-nab", "art-range-nab",
        "art-quiet-nab");
    assertThat(NabCommand.detectors().get("art-nab").uses()).isEqualTo("min, max, rows");
    assertThat(NabCommand.detectors().get("art-range-nab").uses()).isEqualTo("min, max");
    assertThat(NabCommand.detectors().get("art-quiet-nab").uses()).isEqualTo("rows");
    for (var c : NabCommand.candidates(NabProtocol.NAB)) {
      assertThat(make(c.detectors())).as(c.name()).isNotSameAs(make(c.detectors()));
    }
    assertThat(NabCommand.candidates()).extracting(c -> c.name()).doesNotHaveDuplicates().hasSize(25);
    assertThat(NabCommand.candidates(NabProtocol.CAUSAL)).extracting(c -> c.name()).doesNotHaveDuplicates().hasSize(73);
    assertThat(NabCommand.candidates(NabProtocol.CAUSAL)).allMatch(c -> c.detectors() instanceof NabDetectors.Causal);
    assertThat(NabCommand.candidates(NabProtocol.NAB)).extracting(c -> c.name()).doesNotHaveDuplicates().hasSize(97);
  }

  @Test
  void helpListsTheDetectorsAndProtocols() {
    String help = CliRun.ok("nab", "--help").replaceAll("\\s+", " ");
    assertThat(help).contains("One of ewma, robust-z,", "art, art-nab, art-range-nab, art-quiet-nab; or all",
        "One of causal, nab (default: causal)");
  }

  @Test
  void metadataDetectorsRunOnlyUnderTheNabProtocol(@TempDir Path dir) throws Exception {
    Path nab = corpus(dir.resolve("nab"));
    CliRun bad = CliRun.of("nab", "--data", nab.toString(), "--detector", "art-nab");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("reads NAB's per-file metadata (min, max, rows)", "--protocol nab");
    String text = CliRun.ok("nab", "--data", nab.toString(), "--detector", "art-nab", "--protocol", "nab");
    assertThat(text).contains("protocol nab", "uses=min+max+rows");
    String[] lines = text.strip().split("\\R");
    assertThat(lines[lines.length - 1]).startsWith("NAB standard=");
    CliRun wrong = CliRun.of("nab", "--data", nab.toString(), "--protocol", "peek");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.err()).contains("--protocol must be causal or nab");
  }

  /** Four files of 400 one-minute rows, each with a spike at row 300 inside a window. */
  static Path fourFiles(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data/catA"));
    Files.createDirectories(dir.resolve("labels"));
    Random r = new Random(4);
    StringBuilder labels = new StringBuilder("{");
    for (int f = 0; f < 4; f++) {
      StringBuilder a = new StringBuilder("timestamp,value\n");
      for (int i = 0; i < 400; i++) {
        String t = String.format("2015-01-01 %02d:%02d:00", i / 60, i % 60);
        a.append(t).append(',').append(i == 300 ? 40.0 + f : 10 + r.nextGaussian()).append('\n');
      }
      Files.writeString(dir.resolve("data/catA/f" + f + ".csv"), a);
      labels.append(f == 0 ? "" : ", ").append("\"catA/f").append(f)
          .append(".csv\": [[\"2015-01-01 04:55:00.000000\", \"2015-01-01 05:04:00.000000\"]]");
    }
    Files.writeString(dir.resolve("labels/combined_windows.json"), labels.append('}'));
    return dir;
  }

  @Test
  void selectOnAHalfReportsTheOtherHalfAndTheWholeCorpus(@TempDir Path dir) throws Exception {
    Path nab = fourFiles(dir.resolve("nab"));
    Path out = dir.resolve("out");
    String text = CliRun.ok("nab", "--data", nab.toString(), "--select-on", "odd", "--out", out.toString());
    assertThat(text).contains("Selection on the odd half (2 of 4 files", "chosen: ", "SELECTION odd",
        "HELD-OUT  even  half (threshold transferred) standard=", "HELD-OUT  even  half (swept, as NAB)");
    String[] lines = text.strip().split("\\R");
    assertThat(lines[lines.length - 1]).startsWith("NAB standard=").endsWith("(whole corpus, swept)");
    assertThat(out.resolve("selected-on-odd/catA/f2.csv")).exists();
    CliRun bad = CliRun.of("nab", "--data", nab.toString(), "--select-on", "third");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.err()).contains("--select-on must be even, odd or both");
  }

  @Test
  void selectOnBothGivesTheHeldOutMeanWithItsInterval(@TempDir Path dir) throws Exception {
    Path nab = fourFiles(dir.resolve("nab"));
    String text = CliRun.ok("nab", "--data", nab.toString(), "--select-on", "both", "--protocol", "nab");
    assertThat(text).contains("Selection on the even half", "Selection on the odd half", "protocol nab",
        "HEADLINE protocol=nab standard", "95% bootstrap interval over files", "(2000 resamples, seed 14)");
    String[] lines = text.strip().split("\\R");
    assertThat(lines[lines.length - 1]).startsWith("NAB standard=")
        .endsWith("(protocol nab, mean of the two held-out halves, threshold transferred)");
  }
}
