package io.aura.eval.m4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blind confirmation protocol of {@link M4Evaluation#confirm}: the choice is made on the
 * validation split (last h training values), is independent of the test file, and only the chosen
 * method is scored on test.
 */
class M4ConfirmationTest {
  @TempDir Path dir;

  /** Yearly (h = 6) files: linear series, so a trend method beats naive on validation. */
  private Path file(String name, List<double[]> rows) throws Exception {
    StringBuilder sb = new StringBuilder("\"V1\"");
    int w = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    for (int j = 0; j < w; j++) {
      sb.append(",\"V").append(j + 2).append('"');
    }
    sb.append('\n');
    for (int i = 0; i < rows.size(); i++) {
      sb.append("\"Y").append(i + 1).append('"');
      for (double v : rows.get(i)) {
        sb.append(",\"").append(String.format(Locale.ROOT, "%.4f", v)).append('"');
      }
      sb.append('\n');
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb);
    return p;
  }

  private static double[] line(int from, int n, double slope, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 100 + slope * (from + i) + 0.1 * r.nextGaussian();
    }
    return y;
  }

  private List<double[]> trains() {
    List<double[]> out = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      out.add(line(0, 30, 2 + s, s));
    }
    return out;
  }

  private List<double[]> tests(boolean reversal) {
    List<double[]> out = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      // a reversal makes the trend method terrible on test: the choice must not change
      out.add(reversal ? line(30, 6, -(2 + s), s + 50) : line(30, 6, 2 + s, s + 50));
    }
    return out;
  }

  @Test
  void choosesOnValidationAndScoresOnlyTheChoiceOnTest() throws Exception {
    Path train = file("train.csv", trains());
    Path test = file("test.csv", tests(false));
    M4Evaluation.Confirmation c =
        M4Evaluation.confirm(
            train, test, M4Evaluation.Frequency.YEARLY, List.of("naive", "theta"), 1, null, 2);
    assertThat(c.chosen()).isEqualTo("theta");
    assertThat(c.validation())
        .extracting(M4Evaluation.Result::method)
        .containsExactly("naive2", "naive", "theta");
    assertThat(c.test()).extracting(M4Evaluation.Result::method).containsExactly("naive2", "theta");
    assertThat(c.chosenOnValidation().owa()).isLessThan(1.0);
    assertThat(c.seriesUsed()).isEqualTo(6);

    // The validation figures are exactly run() on the hand-made split (last 6 values held out).
    List<double[]> vTrain = new ArrayList<>();
    List<double[]> vTest = new ArrayList<>();
    for (double[] y : trains()) {
      vTrain.add(java.util.Arrays.copyOf(y, 24));
      vTest.add(java.util.Arrays.copyOfRange(y, 24, 30));
    }
    // the 4-decimal CSV rounding is applied to both paths
    List<M4Evaluation.Result> manual =
        M4Evaluation.run(
            file("vtrain.csv", vTrain),
            file("vtest.csv", vTest),
            M4Evaluation.Frequency.YEARLY,
            List.of("naive", "theta"),
            null,
            1);
    assertThat(manual.get(2).smape()).isEqualTo(c.validation().get(2).smape());
    assertThat(manual.get(2).owa()).isEqualTo(c.validation().get(2).owa());
  }

  @Test
  void theChoiceDoesNotDependOnTheTestFile() throws Exception {
    Path train = file("train.csv", trains());
    M4Evaluation.Confirmation good =
        M4Evaluation.confirm(
            train,
            file("t1.csv", tests(false)),
            M4Evaluation.Frequency.YEARLY,
            List.of("naive", "theta"),
            1,
            null,
            1);
    M4Evaluation.Confirmation bad =
        M4Evaluation.confirm(
            train,
            file("t2.csv", tests(true)),
            M4Evaluation.Frequency.YEARLY,
            List.of("naive", "theta"),
            1,
            null,
            1);
    assertThat(bad.chosen()).isEqualTo(good.chosen());
    assertThat(bad.validation())
        .extracting(M4Evaluation.Result::owa)
        .isEqualTo(good.validation().stream().map(M4Evaluation.Result::owa).toList());
    // ... although on the reversed test set the choice is worse than Naive2
    assertThat(bad.chosenOnTest().owa()).isGreaterThan(1.0);
  }

  @Test
  void everyKthSeriesSubsetAndTooShortSeries() throws Exception {
    Path train = file("train.csv", trains());
    Path test = file("test.csv", tests(false));
    M4Evaluation.Confirmation c =
        M4Evaluation.confirm(
            train, test, M4Evaluation.Frequency.YEARLY, List.of("naive"), 2, null, 1);
    assertThat(c.seriesUsed()).isEqualTo(3); // Y1, Y3, Y5
    Path shortTrain = file("short.csv", List.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}));
    assertThatThrownBy(
            () ->
                M4Evaluation.confirm(
                    shortTrain, test, M4Evaluation.Frequency.YEARLY, List.of("naive"), 1, null, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("Y1")
        .hasMessageContaining("validation");
  }

  @Test
  void mainWritesTheSummaryWithTheChoice() throws Exception {
    Path train = file("train.csv", trains());
    Path test = file("test.csv", tests(false));
    Path out = dir.resolve("out");
    M4Evaluation.main(
        new String[] {
          "--train",
          train.toString(),
          "--test",
          test.toString(),
          "--frequency",
          "yearly",
          "--methods",
          "naive,theta",
          "--select-on",
          "validation",
          "--threads",
          "1",
          "--out",
          out.toString()
        });
    List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(lines.get(0)).startsWith("split,method,smape");
    assertThat(lines).anyMatch(l -> l.startsWith("validation,theta,") && l.endsWith(",true"));
    assertThat(lines).anyMatch(l -> l.startsWith("test,theta,") && l.endsWith(",true"));
    assertThat(lines).noneMatch(l -> l.startsWith("test,naive,"));
    assertThat(out.resolve("validation").resolve("naive.csv")).exists();
    assertThat(out.resolve("test").resolve("naive.csv")).doesNotExist();
    assertThatThrownBy(() -> M4Evaluation.main(new String[] {"--bogus", "1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bogus");
  }
}
