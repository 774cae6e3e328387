package io.aura.forecast.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Manual evaluation runner (not a unit test): {@code java ... io.aura.forecast.eval.M4Run
 * TRAIN.csv TEST.csv HOURLY threads method1,method2 [outDir]}.
 */
public final class M4Run {
  private M4Run() {}

  public static void main(String[] args) throws Exception {
    List<String> methods = Arrays.asList(args[4].split(","));
    Path out = args.length > 5 ? Path.of(args[5]) : null;
    List<M4Evaluation.Result> res =
        M4Evaluation.run(
            Path.of(args[0]),
            Path.of(args[1]),
            M4Evaluation.Frequency.valueOf(args[2]),
            methods,
            out,
            Integer.parseInt(args[3]));
    for (M4Evaluation.Result r : res) {
      System.out.println(r);
    }
  }
}
