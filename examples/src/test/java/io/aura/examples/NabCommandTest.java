package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

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

  @Test
  void everyRegisteredDetectorRunsAndIsFreshPerCall() {
    for (var e : NabCommand.detectors().entrySet()) {
      assertThat(e.getValue().get()).as(e.getKey()).isNotSameAs(e.getValue().get());
    }
    assertThat(NabCommand.detectors()).containsKeys("gauss", "gauss-likelihood", "gauss-likelihood-quiet", "ewma-likelihood", "fusion-quiet");
  }
}
