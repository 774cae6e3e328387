package io.aura.examples;

import io.aura.eval.mts.MtsCorpus;
import io.aura.eval.mts.MtsEntity;
import io.aura.eval.mts.MtsEvaluation;
import io.aura.eval.mts.MtsEvaluation.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Evaluates multivariate detectors on a server-metrics folder in SMD's layout: fit on train,
 * stream test causally, alarms from a false-alarm budget calibrated on train.
 */
@Command(
    name = "mts",
    mixinStandardHelpOptions = true,
    description = "Evaluate multivariate detectors on an SMD-layout folder; ends with"
        + " 'MTS detector=.. ap=.. vus_pr=.. event_recall=.. false_per_day=.. hitrate150=..'.")
final class MtsCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, description = "Folder with train/, test/, test_label/ and optional"
      + " interpretation_label/, e.g. ../shared/data/smd")
  Path data;

  @Option(names = "--detector", description = "A detector name or all (default: ${DEFAULT-VALUE}).", defaultValue = "aura")
  String detector;

  @Option(names = "--out", description = "Write DIR/<entity>.csv with score,alarm per test row (with --detector all:"
      + " DIR/<detector>/<entity>.csv).")
  Path out;

  @Option(names = "--no-baselines", description = "Run only the named detector, without the in-harness baselines.")
  boolean noBaselines;

  @Override
  public Integer call() throws IOException {
    List<String> names = new ArrayList<>();
    if (detector.equals("all")) {
      names.addAll(MtsEvaluation.detectorNames());
    } else {
      if (!MtsEvaluation.detectorNames().contains(detector)) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "unknown detector '" + detector + "'; known: " + MtsEvaluation.detectorNames() + " or all");
      }
      names.add(detector);
      for (String b : MtsEvaluation.baselineNames()) {
        if (!b.equals(detector) && !noBaselines) {
          names.add(b);
        }
      }
    }
    List<MtsEntity> corpus = MtsCorpus.load(data);
    Map<String, List<Result>> all = new LinkedHashMap<>();
    for (String name : names) {
      Path dir = out == null ? null : detector.equals("all") ? out.resolve(name) : name.equals(detector) ? out : null;
      List<Result> rs = MtsEvaluation.run(corpus, name, dir);
      all.put(name, rs);
      for (Result r : rs) {
        System.out.println(MtsEvaluation.line(name, r));
      }
      System.out.println(summary(name, rs));
      System.out.flush();
    }
    System.out.println("AP per entity:");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-14s", "detector"));
    for (Result r : all.values().iterator().next()) {
      head.append(String.format(Locale.ROOT, " %12s", r.entity()));
    }
    System.out.println(head.append("         mean"));
    for (Map.Entry<String, List<Result>> e : all.entrySet()) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-14s", e.getKey()));
      for (Result r : e.getValue()) {
        sb.append(String.format(Locale.ROOT, " %12.3f", r.ap()));
      }
      System.out.println(sb.append(String.format(Locale.ROOT, " %12.3f", MtsEvaluation.mean(e.getValue(), Result::ap))));
    }
    String reported = detector.equals("all") ? names.get(0) : detector;
    List<Result> rs = all.get(reported);
    System.out.printf(Locale.ROOT, "MTS detector=%s ap=%.3f vus_pr=NA event_recall=%.3f false_per_day=%.2f hitrate150=%.3f%n",
        reported, MtsEvaluation.mean(rs, Result::ap), MtsEvaluation.mean(rs, r -> r.events().recall()),
        MtsEvaluation.mean(rs, Result::falsePerDay), MtsEvaluation.mean(rs, Result::hitRate150));
    return 0;
  }

  private static String summary(String name, List<Result> rs) {
    return String.format(Locale.ROOT,
        "%-14s MEAN         ap %.3f  event_recall %.3f  false/day %.2f  median_delay %5.1f  f1 %.3f  hit100 %.3f hit150 %.3f (random %.3f %.3f)",
        name, MtsEvaluation.mean(rs, Result::ap), MtsEvaluation.mean(rs, r -> r.events().recall()),
        MtsEvaluation.mean(rs, Result::falsePerDay), MtsEvaluation.mean(rs, r -> r.events().medianDelay()),
        MtsEvaluation.mean(rs, r -> r.events().f1()), MtsEvaluation.mean(rs, Result::hitRate100),
        MtsEvaluation.mean(rs, Result::hitRate150), MtsEvaluation.mean(rs, Result::randomHitRate100),
        MtsEvaluation.mean(rs, Result::randomHitRate150));
  }
}
