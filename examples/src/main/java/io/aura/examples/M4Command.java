package io.aura.examples;

import io.aura.forecast.Forecasters;
import io.aura.eval.m4.M4Evaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Forecasts an M4 competition set with the competition's conventions (horizon and MASE period per
 * frequency; Naive2 as M4 defines it, for OWA) and prints sMAPE, MASE and OWA per method.
 */
@Command(
    name = "m4",
    mixinStandardHelpOptions = true,
    description = "Evaluate Aura's forecasters on M4 data; ends with 'M4 <frequency> method=.. sMAPE=.. MASE=.. OWA=.. seconds=..'.")
final class M4Command implements Callable<Integer> {
  @Option(names = "--train", required = true, description = "M4 training CSV, e.g. ../shared/data/m4/Hourly-train.csv")
  Path train;

  @Option(names = "--test", required = true, description = "M4 test CSV, e.g. ../shared/data/m4/Hourly-test.csv")
  Path test;

  @Option(names = "--frequency", required = true, description = "yearly, quarterly, monthly, weekly, daily or hourly.")
  String frequency;

  @Option(names = "--method", split = ",", completionCandidates = ForecasterNames.class,
      description = "Methods, comma-separated, from ${COMPLETION-CANDIDATES}; or all (default: ${DEFAULT-VALUE}).",
      defaultValue = "auto")
  List<String> methods;

  @Option(names = "--threads", description = "Worker threads (default: the number of cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--out", description = "Write DIR/<method>.csv with id,f1..fh.")
  Path out;

  @Option(names = "--select-on", description = "none: score every method on the test set; validation: choose among"
      + " the methods on each training series' last h values, then score only the choice on the test set, once"
      + " (default: ${DEFAULT-VALUE}).")
  String selectOn = "none";

  @Override
  public Integer call() throws IOException {
    M4Evaluation.Frequency freq = M4Evaluation.Frequency.valueOf(frequency.toUpperCase(Locale.ROOT));
    List<String> names = methods.size() == 1 && methods.get(0).equals("all") ? new ArrayList<>(Forecasters.names()) : methods;
    List<M4Evaluation.Result> results;
    String first = names.get(0);
    if (selectOn.equals("validation")) {
      M4Evaluation.Confirmation c = M4Evaluation.confirm(train, test, freq, names, 1, out, threads);
      System.out.println("validation (last h values of each training series):");
      for (M4Evaluation.Result r : c.validation()) {
        System.out.printf(Locale.ROOT, "  %-16s sMAPE %8.3f MASE %7.3f OWA %7.3f%n", r.method(), r.smape(), r.mase(),
            r.owa());
      }
      System.out.println("chosen before reading the test set: " + c.chosen());
      results = c.test();
      first = c.chosen();
    } else if (selectOn.equals("none")) {
      results = M4Evaluation.run(train, test, freq, names, out, threads);
    } else {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--select-on must be none or validation, got " + selectOn);
    }
    String reported = first;
    System.out.printf(Locale.ROOT, "%-16s %8s %7s %7s %7s %8s %8s %9s%n", "method", "sMAPE", "MASE", "OWA", "cov95",
        "MSIS", "seconds", "failures");
    for (M4Evaluation.Result r : results) {
      System.out.printf(Locale.ROOT, "%-16s %8.3f %7.3f %7.3f %7.3f %8.3f %8.1f %9d%n", r.method(), r.smape(), r.mase(),
          r.owa(), r.coverage95(), r.msis95(), r.seconds(), r.failures());
    }
    if (freq == M4Evaluation.Frequency.HOURLY) {
      System.out.println("published M4 Hourly (Makridakis et al. 2020): Naive2 18.383/2.395/1.000, sNaive 13.912/1.193/0.627,"
          + " Theta 18.138/2.455/1.006, FFORMA 11.506/0.819/0.484, ES-RNN 9.328/0.893/0.440, best OWA 0.410");
    }
    // The closing line reports the first method asked for, or the validation's choice (Naive2 is
    // always computed, for OWA).
    M4Evaluation.Result last = results.stream().filter(r -> r.method().equals(reported)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for method " + reported));
    System.out.printf(Locale.ROOT, "M4 %s method=%s sMAPE=%.3f MASE=%.3f OWA=%.3f seconds=%.1f%n",
        frequency.toLowerCase(Locale.ROOT), last.method(), last.smape(), last.mase(), last.owa(), last.seconds());
    return 0;
  }
}
