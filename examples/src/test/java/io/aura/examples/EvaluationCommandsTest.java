package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation commands on small data the tests make (the real datasets are not needed). */
class EvaluationCommandsTest {

  private static String run(String... args) {
    return CliRun.ok(args);
  }

  @Test
  void outliersFindsPlantedOutliersAndEndsWithTheAucLine(@TempDir Path dir) throws Exception {
    Random r = new Random(3);
    StringBuilder sb = new StringBuilder("# an ODDS-style file\n# 3 features, label last\n");
    for (int i = 0; i < 1500; i++) {
      boolean outlier = i % 50 == 0;
      double s = outlier ? 5 : 0;
      sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%d%n", r.nextGaussian() + s, r.nextGaussian() - s,
          r.nextGaussian(), outlier ? 1 : 0));
    }
    Path csv = dir.resolve("planted.csv");
    Files.writeString(csv, sb);
    String out = run("outliers", "--csv", csv.toString(), "--seeds", "2", "--out", dir.resolve("out").toString());
    String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).matches("AUC=0\\.\\d{4} PR_AUC=0\\.\\d{4}");
    double auc = Double.parseDouble(last.substring(4, last.indexOf(' ')));
    assertThat(auc).isGreaterThan(0.95);
    assertThat(Files.readAllLines(dir.resolve("out").resolve("planted-iforest.csv"))).hasSize(1 + 2 * 1500);
  }

  @Test
  void outliersNamesTheFileAndLineOfABadValue(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "# c\n1,2,0\n1,x,0\n");
    CliRun r = CliRun.of("outliers", "--csv", csv.toString());
    assertThat(r.exitCode()).isEqualTo(AuraCli.EXIT_FAILURE);
    assertThat(r.err()).contains("bad.csv:3: column 2 is not a number: 'x'");
    // One clear line and a hint, not a stack trace.
    assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(2);
    assertThat(r.err()).startsWith("error: outliers: ").doesNotContain("\tat io.aura");
  }

  @Test
  void verbosePrintsTheStackTraceOfAFailure(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "# c\n1,2,0\n1,x,0\n");
    CliRun r = CliRun.of("outliers", "--csv", csv.toString(), "--verbose");
    assertThat(r.exitCode()).isEqualTo(AuraCli.EXIT_FAILURE);
    assertThat(r.err()).contains("bad.csv:3: column 2 is not a number: 'x'").contains("\tat io.aura");
  }

  @Test
  void m4ForecastsAndEndsWithTheSummaryLine(@TempDir Path dir) throws Exception {
    // Four hourly series with a daily cycle, 30 days of history and 48 hours to forecast.
    StringBuilder train = new StringBuilder("\"V1\"");
    StringBuilder test = new StringBuilder("\"V1\"");
    int n = 24 * 30;
    for (int i = 0; i < n; i++) {
      train.append(",\"V").append(i + 2).append('"');
    }
    for (int i = 0; i < 48; i++) {
      test.append(",\"V").append(i + 2).append('"');
    }
    train.append('\n');
    test.append('\n');
    Random r = new Random(9);
    for (int s = 1; s <= 4; s++) {
      train.append("\"H").append(s).append('"');
      test.append("\"H").append(s).append('"');
      for (int i = 0; i < n + 48; i++) {
        double v = 100 * s + 30 * Math.sin(2 * Math.PI * i / 24) + r.nextGaussian();
        (i < n ? train : test).append(",\"").append(String.format(Locale.ROOT, "%.3f", v)).append('"');
      }
      train.append('\n');
      test.append('\n');
    }
    Path tr = dir.resolve("train.csv");
    Path te = dir.resolve("test.csv");
    Files.writeString(tr, train);
    Files.writeString(te, test);
    String out = run("m4", "--train", tr.toString(), "--test", te.toString(), "--frequency", "hourly",
        "--method", "snaive,naive2", "--threads", "1", "--out", dir.resolve("fc").toString());
    String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).matches("M4 hourly method=snaive sMAPE=\\d+\\.\\d{3} MASE=\\d+\\.\\d{3} OWA=\\d+\\.\\d{3} seconds=\\d+\\.\\d");
    // Levels 100-400, daily amplitude 30, noise sd 1: copying yesterday errs by ~1.4, a sMAPE near 1%.
    // A broken forecast (zeros, a shifted season) would be far above 5.
    double smape = Double.parseDouble(last.replaceAll(".*sMAPE=([0-9.]+).*", "$1"));
    assertThat(smape).isLessThan(5.0);
    assertThat(Files.readAllLines(dir.resolve("fc").resolve("snaive.csv")).get(0)).startsWith("id,f1,f2").endsWith(",f48");

    // Blind protocol: the choice is made on the training series' tails, then scored once. On a clean
    // daily sine the seasonal naive beats the non-seasonal naive on validation, so it is chosen.
    String blind = run("m4", "--train", tr.toString(), "--test", te.toString(), "--frequency", "hourly",
        "--method", "naive,snaive", "--threads", "1", "--select-on", "validation");
    assertThat(blind).contains("chosen before reading the test set: snaive");
    assertThat(blind.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("M4 hourly method=snaive ");
  }
}
