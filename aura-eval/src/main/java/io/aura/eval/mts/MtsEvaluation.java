package io.aura.eval.mts;

import io.aura.models.detect.AlarmPolicy;
import io.aura.models.detect.AlarmTracker;
import io.aura.models.eval.RankingMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code mts} evaluation: for each entity, fit a detector on the train rows, calibrate its
 * alarms on its training scores to a false-alarm budget, stream the test rows causally, and
 * measure average precision, the event metrics at the calibrated alarms and the attribution hit
 * rates (see {@link MtsMetrics}).
 *
 * <p>Alarm settings, global and fixed before any test score was seen: a budget of {@link
 * #EPISODES_PER_DAY} alarm episodes per entity-day on the training scores, one row per minute,
 * release ratio 2, minimum gap {@link #MIN_GAP} rows.
 *
 * <p>Thread safety: stateless. Complexity: that of the detectors.
 */
public final class MtsEvaluation {
  static final double EPISODES_PER_DAY = 0.5;
  static final int MIN_GAP = 10;
  static final long STEP_MILLIS = 60_000L;

  private MtsEvaluation() {}

  /**
   * One entity's figures.
   *
   * @param entity the entity
   * @param ap average precision of the test scores
   * @param events the event metrics at the calibrated alarms
   * @param falsePerDay false alarm episodes per day of test rows
   * @param hitRate100 HitRate@100 %, NaN without interpretation labels or attribution
   * @param hitRate150 HitRate@150 %
   * @param randomHitRate100 the random-order baseline @100 %
   * @param randomHitRate150 the random-order baseline @150 %
   */
  public record Result(
      String entity, double ap, MtsMetrics.Events events, double falsePerDay,
      double hitRate100, double hitRate150, double randomHitRate100, double randomHitRate150) {}

  /**
   * The names of the detectors the program knows, the frozen choice first.
   *
   * @return the names
   */
  public static List<String> detectorNames() {
    return List.copyOf(MtsDetectors.all().keySet());
  }

  /**
   * The in-harness baselines.
   *
   * @return their names
   */
  public static List<String> baselineNames() {
    return MtsDetectors.baselines();
  }

  /**
   * Evaluates one detector over a corpus folder.
   *
   * @param data the folder (train/, test/, test_label/, optional interpretation_label/)
   * @param detector a name from {@link #detectorNames()}
   * @param out a folder for {@code <entity>.csv} with {@code score,alarm} per test row, or null
   * @return one result per entity, in name order
   * @throws IOException if a file cannot be read or written
   */
  public static List<Result> run(Path data, String detector, Path out) throws IOException {
    return run(MtsCorpus.load(data), detector, out);
  }

  /**
   * Evaluates one detector over a loaded corpus.
   *
   * @param corpus from {@link MtsCorpus#load}
   * @param detector the detector name
   * @param out the output folder or null
   * @return one result per entity
   * @throws IOException if writing fails
   */
  public static List<Result> run(List<MtsEntity> corpus, String detector, Path out) throws IOException {
    MtsDetectors.Spec spec = MtsDetectors.all().get(detector);
    if (spec == null) {
      throw new IllegalArgumentException("unknown detector '" + detector + "'; known: " + detectorNames());
    }
    if (out != null) {
      Files.createDirectories(out);
    }
    List<Result> results = new ArrayList<>();
    for (MtsEntity e : corpus) {
      results.add(evaluate(e, spec, out));
    }
    return results;
  }

  static Result evaluate(MtsEntity e, MtsDetectors.Spec spec, Path out) throws IOException {
    MtsDetectors.Fitted fitted = spec.fit(e.train());
    AlarmPolicy policy = AlarmPolicy.calibration().releaseRatio(2).minGapSteps(MIN_GAP)
        .calibrate(new double[][] {fitted.trainScores()}, STEP_MILLIS, EPISODES_PER_DAY);
    AlarmTracker tracker = policy.newTracker();
    int n = e.test().length;
    int d = e.test()[0].length;
    double[] scores = new double[n];
    boolean[] alarm = new boolean[n];
    int[] segmentOf = new int[n];
    java.util.Arrays.fill(segmentOf, -1);
    for (int s = 0; s < e.interpretation().size(); s++) {
      MtsEntity.Segment seg = e.interpretation().get(s);
      for (int t = seg.start(); t < seg.end(); t++) {
        segmentOf[t] = s;
      }
    }
    double[] shares = new double[d];
    double hit100 = 0;
    double hit150 = 0;
    double rnd100 = 0;
    double rnd150 = 0;
    int attributed = 0;
    boolean hasAttribution = true;
    for (int t = 0; t < n; t++) {
      scores[t] = fitted.session().update(e.test()[t]);
      alarm[t] = tracker.update(scores[t]).inAlarm();
      if (segmentOf[t] >= 0 && e.labels()[t]) {
        int[] gt = e.interpretation().get(segmentOf[t]).metrics();
        rnd100 += MtsMetrics.randomHitRate(d, gt.length, 1.0);
        rnd150 += MtsMetrics.randomHitRate(d, gt.length, 1.5);
        if (hasAttribution && fitted.session().contributions(shares)) {
          hit100 += MtsMetrics.hitRate(shares, gt, 1.0);
          hit150 += MtsMetrics.hitRate(shares, gt, 1.5);
        } else {
          hasAttribution = false;
        }
        attributed++;
      }
    }
    if (out != null) {
      try (BufferedWriter w = Files.newBufferedWriter(out.resolve(e.name() + ".csv"), StandardCharsets.UTF_8)) {
        w.write("score,alarm\n");
        for (int t = 0; t < n; t++) {
          w.write(Double.toString(scores[t]));
          w.write(alarm[t] ? ",1\n" : ",0\n");
        }
      }
    }
    MtsMetrics.Events ev = MtsMetrics.events(e.labels(), alarm);
    double days = n * (double) STEP_MILLIS / 86_400_000.0;
    double none = Double.NaN;
    return new Result(
        e.name(),
        RankingMetrics.averagePrecision(scores, e.labels()),
        ev,
        ev.falseEpisodes() / days,
        attributed > 0 && hasAttribution ? hit100 / attributed : none,
        attributed > 0 && hasAttribution ? hit150 / attributed : none,
        attributed > 0 ? rnd100 / attributed : none,
        attributed > 0 ? rnd150 / attributed : none);
  }

  /**
   * A mean over entities, ignoring NaN (entities without that figure).
   *
   * @param results the results
   * @param f the figure
   * @return the mean
   */
  public static double mean(List<Result> results, java.util.function.ToDoubleFunction<Result> f) {
    double s = 0;
    int c = 0;
    for (Result r : results) {
      double v = f.applyAsDouble(r);
      if (!Double.isNaN(v)) {
        s += v;
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }

  /**
   * A table line for one entity.
   *
   * @param detector the detector name
   * @param r the result
   * @return the line
   */
  public static String line(String detector, Result r) {
    return String.format(Locale.ROOT,
        "%-14s %-12s ap %.3f  event_recall %.3f (%d/%d)  false/day %.2f  median_delay %5.1f  f1 %.3f  hit100 %.3f hit150 %.3f (random %.3f %.3f)",
        detector, r.entity(), r.ap(), r.events().recall(), r.events().detected(), r.events().events(), r.falsePerDay(),
        r.events().medianDelay(), r.events().f1(), r.hitRate100(), r.hitRate150(), r.randomHitRate100(),
        r.randomHitRate150());
  }
}
