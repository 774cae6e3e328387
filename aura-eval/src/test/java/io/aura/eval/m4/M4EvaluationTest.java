package io.aura.eval.m4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on tiny synthetic files in the M4 layout (the real data are never needed here). */
class M4EvaluationTest {
  @TempDir Path dir;

  @Test
  void runsScoresAndWritesForecasts() throws Exception {
    StringBuilder tr =
        new StringBuilder("\"V1\",\"V2\",\"V3\",\"V4\",\"V5\",\"V6\",\"V7\",\"V8\",\"V9\"\n");
    tr.append("\"Y1\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\"\n");
    tr.append("\"Y2\",\"5\",\"3\",\"6\",\"4\",\"7\",\"\",\"\",\"\"\n");
    Path train = dir.resolve("train.csv");
    Files.writeString(train, tr);
    Path test = dir.resolve("test.csv");
    Files.writeString(
        test,
        "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\",\"V6\",\"V7\"\n\"Y1\",\"9\",\"10\",\"11\",\"12\",\"13\",\"14\"\n"
            + "\"Y2\",\"5\",\"8\",\"6\",\"9\",\"7\",\"10\"\n");
    Path out = dir.resolve("out");
    List<M4Evaluation.Result> res =
        M4Evaluation.run(
            train, test, M4Evaluation.Frequency.YEARLY, List.of("naive", "theta"), out, 2);
    assertThat(res)
        .extracting(M4Evaluation.Result::method)
        .containsExactly("naive2", "naive", "theta");
    assertThat(res.get(0).owa()).isEqualTo(1.0);
    assertThat(res.get(1).owa()).isEqualTo(1.0); // naive == naive2 for yearly
    assertThat(res.get(2).smape()).isLessThan(res.get(1).smape()); // Y1 is a line
    List<String> lines = Files.readAllLines(out.resolve("theta.csv"));
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("id,f1,f2,f3,f4,f5,f6");
    assertThat(lines.get(1)).startsWith("Y1,");
  }

  @Test
  void malformedValueNamesLineAndColumn() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "\"V1\",\"V2\"\n\"A\",\"1\"\n\"B\",\"x\"\n");
    assertThatThrownBy(() -> M4Data.read(f))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("column 2");
  }
}
