package io.aura.ensemble.pipeline;

import io.aura.features.anomaly.AnomalyType;
import io.aura.io.kubernetes.Incident;
import io.aura.io.kubernetes.IncidentLabeler;
import io.aura.io.kubernetes.LabelPhase;
import io.aura.io.kubernetes.RowLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well a {@link DetectionPipeline} did on labelled series: the anomaly type per row, and the
 * early warnings per incident.
 *
 * <p><b>Type.</b> A row's true type is the type of the incident it lies in ({@link
 * IncidentLabeler}, no lead, over {@link LabeledSeries#podIncidents()}), else {@link
 * AnomalyType#NORMAL}; the predicted type is the classifier's, {@link
 * PipelineDetection#classifiedType()}. Macro F1 is the unweighted mean of per-type F1 over every type
 * that occurs as truth or prediction (as scikit-learn's {@code f1_score(average="macro")}), normal
 * included. The novelty overlay ({@link PipelineDetection#isNovelty()}) is counted apart: on normal
 * rows (its false alarms) and on anomalous rows.
 *
 * <p><b>Type, per incident.</b> Row-level F1 punishes a detection one scrape late as hard as a miss,
 * and an incident announced by an event often shows in the metrics one scrape after the event (an
 * evicted pod's samples vanish at the next scrape). So incidents are also scored as events: an
 * incident of type t is <i>found</i> when some row in {@code [start, end + tolerance]} is classified
 * t (tolerance: {@link #TOLERANCE_STEPS} scrape steps); a <i>detection</i> is a maximal run of
 * consecutive rows classified t ≠ normal, and it is correct when it overlaps {@code [start, end +
 * tolerance]} of an incident of type t. Per type, recall = found / incidents, precision = correct
 * detections / detections; {@link #incidentMacroF1()} averages the F1 over the anomaly types that
 * occur as truth or detection (normal excluded).
 *
 * <p><b>Warnings.</b> The incidents are the entity's {@link AnomalyType#MEMORY} (OOM kill) and
 * {@link AnomalyType#EVICTION} (full disk) incidents. An incident is <i>warned</i> when a warning
 * episode of its type opened ({@link PipelineDetection#newWarning()}) on its entity at least 5
 * minutes and at most the match window before its start; its lead is the time from the earliest
 * such opening to the start. A warning episode is <i>false</i> when no incident of its type starts
 * on its entity within the match window after it opened. The match window is the pipeline's
 * warning horizon. False warnings are reported per pod-day of evaluated rows.
 *
 * <p>Thread safety: immutable once built; the {@link Accumulator} is not thread-safe. Allocation:
 * O(rows) per added series (labels), O(types²) for the matrix. Complexity: O(rows + incidents ·
 * warnings) per series.
 */
public final class PipelineEvaluation {
  /** Scrape steps after an incident's end within which a detection still finds it. */
  public static final int TOLERANCE_STEPS = 2;

  /** The least lead time a warning needs to count. */
  public static final Duration MIN_LEAD = Duration.ofMinutes(5);

  private final long[][] confusion; // [truth][predicted], by AnomalyType ordinal
  private final long rows;
  private final long noveltyOnNormal;
  private final long noveltyOnAnomalous;
  private final int[][] events; // [type][incidents, found, detections, correct]
  private final int incidents;
  private final int warned;
  private final double[] leadsMinutes;
  private final int falseWarnings;
  private final int trueWarnings;
  private final double podDays;
  private final int trueAlarms;
  private final int falseAlarms;
  private final int alarmIncidents;
  private final int alarmedIncidents;
  private final boolean alarmsScored;

  private PipelineEvaluation(Accumulator a) {
    this.trueAlarms = a.trueAlarms;
    this.falseAlarms = a.falseAlarms;
    this.alarmIncidents = a.alarmIncidents;
    this.alarmedIncidents = a.alarmedIncidents;
    this.alarmsScored = a.alarmsScored;
    this.confusion = new long[a.confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      confusion[i] = a.confusion[i].clone();
    }
    this.rows = a.rows;
    this.noveltyOnNormal = a.noveltyOnNormal;
    this.noveltyOnAnomalous = a.noveltyOnAnomalous;
    this.events = new int[a.events.length][];
    for (int i = 0; i < events.length; i++) {
      events[i] = a.events[i].clone();
    }
    this.incidents = a.incidents;
    this.warned = a.leads.size();
    this.leadsMinutes = a.leads.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    this.falseWarnings = a.falseWarnings;
    this.trueWarnings = a.trueWarnings;
    this.podDays = a.podDays;
  }

  /**
   * Starts an evaluation.
   *
   * @param matchWindow how far ahead a warning may foresee its incident (normally the pipeline's
   *     warning horizon)
   * @param fromMillis only rows and incidents at or after this time count (for a validation tail);
   *     {@code Long.MIN_VALUE} for all
   * @return an empty accumulator
   */
  public static Accumulator accumulator(Duration matchWindow, long fromMillis) {
    return new Accumulator(matchWindow.toMillis(), fromMillis);
  }

  /**
   * Evaluates a pipeline on series (a fresh session per series).
   *
   * @param pipeline the pipeline
   * @param series the labelled series
   * @return the evaluation over all rows
   */
  public static PipelineEvaluation of(DetectionPipeline pipeline, List<LabeledSeries> series) {
    Accumulator a = accumulator(pipeline.warningHorizon().isZero() ? Duration.ofHours(1) : pipeline.warningHorizon(),
        Long.MIN_VALUE);
    for (LabeledSeries s : series) {
      a.add(s, pipeline.run(s.raw()));
    }
    return a.result();
  }

  /** @return rows evaluated */
  public long rows() {
    return rows;
  }

  /**
   * Rows with a given true and predicted type.
   *
   * @param truth the true type
   * @param predicted the predicted type
   * @return the count
   */
  public long count(AnomalyType truth, AnomalyType predicted) {
    return confusion[truth.ordinal()][predicted.ordinal()];
  }

  /** @return per type (truth or prediction occurring), its F1, in enum order */
  public Map<AnomalyType, Double> f1ByType() {
    Map<AnomalyType, Double> out = new EnumMap<>(AnomalyType.class);
    for (AnomalyType t : AnomalyType.values()) {
      int i = t.ordinal();
      long tp = confusion[i][i];
      long truth = Arrays.stream(confusion[i]).sum();
      long predicted = 0;
      for (long[] r : confusion) {
        predicted += r[i];
      }
      if (truth + predicted > 0) {
        out.put(t, 2.0 * tp / (truth + predicted));
      }
    }
    return out;
  }

  /** @return the macro F1 over the types in {@link #f1ByType()}, NaN without rows */
  public double macroF1() {
    return f1ByType().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /**
   * Per anomaly type occurring as truth or detection: {@code {incidents, found, detections,
   * correct detections}} as defined in the class comment.
   *
   * @return the counts by type, in enum order
   */
  public Map<AnomalyType, int[]> incidentCounts() {
    Map<AnomalyType, int[]> out = new EnumMap<>(AnomalyType.class);
    for (AnomalyType t : AnomalyType.values()) {
      int[] e = events[t.ordinal()];
      if (t != AnomalyType.NORMAL && (e[0] > 0 || e[2] > 0)) {
        out.put(t, e.clone());
      }
    }
    return out;
  }

  /** @return per anomaly type, its incident-level F1 (0 when it has no incident or no detection) */
  public Map<AnomalyType, Double> incidentF1ByType() {
    Map<AnomalyType, Double> out = new EnumMap<>(AnomalyType.class);
    for (Map.Entry<AnomalyType, int[]> e : incidentCounts().entrySet()) {
      int[] c = e.getValue();
      double recall = c[0] == 0 ? 0 : c[1] / (double) c[0];
      double precision = c[2] == 0 ? 0 : c[3] / (double) c[2];
      out.put(e.getKey(), precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall));
    }
    return out;
  }

  /** @return the mean incident-level F1 over {@link #incidentF1ByType()}, NaN if empty */
  public double incidentMacroF1() {
    return incidentF1ByType().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** @return normal rows the novelty overlay flagged (its false alarms) */
  public long noveltyOnNormalRows() {
    return noveltyOnNormal;
  }

  /** @return anomalous rows the novelty overlay flagged */
  public long noveltyOnAnomalousRows() {
    return noveltyOnAnomalous;
  }

  /** @return OOM-kill and full-disk incidents evaluated */
  public int warnableIncidents() {
    return incidents;
  }

  /** @return share of those warned at least {@link #MIN_LEAD} ahead, NaN without incidents */
  public double warningRecall() {
    return incidents == 0 ? Double.NaN : warned / (double) incidents;
  }

  /** @return median lead in minutes of the warned incidents, NaN if none */
  public double medianLeadMinutes() {
    int n = leadsMinutes.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? leadsMinutes[n / 2] : (leadsMinutes[n / 2 - 1] + leadsMinutes[n / 2]) / 2;
  }

  /** @return warning episodes that foresaw an incident */
  public int trueWarnings() {
    return trueWarnings;
  }

  /** @return warning episodes with no incident of their type in the match window */
  public int falseWarnings() {
    return falseWarnings;
  }

  /** @return pod-days of evaluated rows */
  public double podDays() {
    return podDays;
  }

  /** @return false warnings per pod-day, NaN without rows */
  public double falseWarningsPerPodDay() {
    return podDays == 0 ? Double.NaN : falseWarnings / podDays;
  }

  /** @return alarm episodes that overlap an incident (or foresee one within the match window) */
  public int trueAlarms() {
    return trueAlarms;
  }

  /** @return alarm episodes that overlap no incident and foresee none */
  public int falseAlarms() {
    return falseAlarms;
  }

  /**
   * False alarm episodes per pod-day, all kinds together: what a user paging on {@link
   * PipelineSession#alarmTransition()} {@code == OPENED} receives in vain.
   *
   * @return the rate, NaN without rows or when the series were added without their alarms
   */
  public double falseAlarmsPerPodDay() {
    return podDays == 0 || !alarmsScored ? Double.NaN : falseAlarms / podDays;
  }

  /** @return share of incidents (every type) that an alarm episode covers, NaN without any */
  public double alarmRecall() {
    return alarmIncidents == 0 || !alarmsScored ? Double.NaN : alarmedIncidents / (double) alarmIncidents;
  }

  /**
   * A multi-line report: the confusion matrix, per-type F1 and the warning figures.
   *
   * @return the report
   */
  public String report() {
    List<AnomalyType> types = new ArrayList<>(f1ByType().keySet());
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-22s", "truth \\ predicted"));
    for (AnomalyType t : types) {
      sb.append(String.format(Locale.ROOT, " %12s", t.label()));
    }
    sb.append(String.format(Locale.ROOT, " %8s%n", "F1"));
    Map<AnomalyType, Double> f1 = f1ByType();
    for (AnomalyType t : types) {
      sb.append(String.format(Locale.ROOT, "%-22s", t.label()));
      for (AnomalyType u : types) {
        sb.append(String.format(Locale.ROOT, " %12d", count(t, u)));
      }
      sb.append(String.format(Locale.ROOT, " %8.4f%n", f1.get(t)));
    }
    sb.append(String.format(Locale.ROOT, "per incident (tolerance %d steps):%n", TOLERANCE_STEPS));
    Map<AnomalyType, Double> if1 = incidentF1ByType();
    for (Map.Entry<AnomalyType, int[]> e : incidentCounts().entrySet()) {
      int[] c = e.getValue();
      sb.append(String.format(Locale.ROOT, "  %-14s found %4d of %4d incidents, %4d of %4d detections correct, F1 %.4f%n",
          e.getKey().label(), c[1], c[0], c[3], c[2], if1.get(e.getKey())));
    }
    sb.append(String.format(Locale.ROOT, "incident macro F1 %.4f%n", incidentMacroF1()));
    long normalRows = Arrays.stream(confusion[AnomalyType.NORMAL.ordinal()]).sum();
    sb.append(String.format(Locale.ROOT, "novelty overlay: %d of %,d normal rows (%.3f%%) and %d of %,d anomalous rows%n",
        noveltyOnNormal, normalRows, 100.0 * noveltyOnNormal / Math.max(1, normalRows), noveltyOnAnomalous,
        rows - normalRows));
    sb.append(String.format(Locale.ROOT, "macro F1 %.4f over %,d rows; warnings: %d/%d incidents warned >= %d min ahead"
            + " (median lead %.1f min), %d true and %d false episodes, %.3f false per pod-day over %.1f pod-days",
        macroF1(), rows, warned, incidents, MIN_LEAD.toMinutes(), medianLeadMinutes(), trueWarnings, falseWarnings,
        falseWarningsPerPodDay(), podDays));
    if (alarmsScored) {
      sb.append(String.format(Locale.ROOT, "%nalarm episodes: %d true and %d false, %.3f false per pod-day; %d of %d "
          + "incidents alarmed (%.3f)", trueAlarms, falseAlarms, falseAlarmsPerPodDay(), alarmedIncidents,
          alarmIncidents, alarmRecall()));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "PipelineEvaluation{incidentMacroF1=%.4f, rowMacroF1=%.4f, rows=%d, "
        + "warnRecall=%.3f, medianLeadMin=%.1f, falsePerPodDay=%.3f, falseAlarmsPerPodDay=%.3f}",
        incidentMacroF1(), macroF1(), rows, warningRecall(), medianLeadMinutes(), falseWarningsPerPodDay(),
        falseAlarmsPerPodDay());
  }

  /** Collects series one by one; not thread-safe. */
  public static final class Accumulator {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private final long matchWindow;
    private final long from;
    private final long[][] confusion = new long[AnomalyType.values().length][AnomalyType.values().length];
    private final IncidentLabeler labeler = IncidentLabeler.withLead(Duration.ZERO);
    private final List<Double> leads = new ArrayList<>();
    private long rows;
    private long noveltyOnNormal;
    private long noveltyOnAnomalous;
    private final int[][] events = new int[AnomalyType.values().length][4];
    private int incidents;
    private int falseWarnings;
    private int trueWarnings;
    private double podDays;
    private int trueAlarms;
    private int falseAlarms;
    private int alarmIncidents;
    private int alarmedIncidents;
    private boolean alarmsScored;

    private Accumulator(long matchWindow, long from) {
      if (matchWindow <= 0) {
        throw new IllegalArgumentException("match window must be positive, got " + matchWindow + " ms");
      }
      this.matchWindow = matchWindow;
      this.from = from;
    }

    /**
     * Adds one series and the pipeline's detections for its rows.
     *
     * @param series the labelled series
     * @param detections one detection per row of {@code series.raw()}, in order
     * @return this
     * @throws IllegalArgumentException if the detections do not match the rows
     */
    public Accumulator add(LabeledSeries series, List<PipelineDetection> detections) {
      var raw = series.raw();
      if (detections.size() != raw.rows()) {
        throw new IllegalArgumentException("series " + raw.labels() + " has " + raw.rows() + " rows but "
            + detections.size() + " detections");
      }
      List<Incident> podIncidents = series.podIncidents();
      RowLabels labels = labeler.label(raw, podIncidents);
      long counted = 0;
      List<Long> warnTimes = new ArrayList<>();
      List<AnomalyType> warnTypes = new ArrayList<>();
      for (int r = 0; r < raw.rows(); r++) {
        PipelineDetection d = detections.get(r);
        if (d.timestampMillis() != raw.timestamp(r)) {
          throw new IllegalArgumentException("series " + raw.labels() + " row " + r + ": detection at "
              + d.timestampMillis() + " for a row at " + raw.timestamp(r));
        }
        if (raw.timestamp(r) < from) {
          continue;
        }
        counted++;
        AnomalyType truth = labels.phase(r) == LabelPhase.INCIDENT ? labels.type(r) : AnomalyType.NORMAL;
        confusion[truth.ordinal()][d.classifiedType().ordinal()]++;
        if (d.isNovelty()) {
          if (truth == AnomalyType.NORMAL) {
            noveltyOnNormal++;
          } else {
            noveltyOnAnomalous++;
          }
        }
        if (d.newWarning()) {
          warnTimes.add(d.timestampMillis());
          warnTypes.add(d.warningType());
        }
      }
      rows += counted;
      scoreEvents(raw, podIncidents, detections);
      if (raw.rows() > 1) {
        podDays += counted * (double) (raw.timestamp(1) - raw.timestamp(0)) / DAY;
      }
      List<Incident> mine = new ArrayList<>();
      for (Incident inc : podIncidents) {
        if ((inc.type() == AnomalyType.MEMORY || inc.type() == AnomalyType.EVICTION)
            && inc.startMillis() >= from && inc.startMillis() >= raw.timestamp(0)
            && inc.startMillis() <= raw.timestamp(raw.rows() - 1)) {
          mine.add(inc);
        }
      }
      long minLead = MIN_LEAD.toMillis();
      for (Incident inc : mine) {
        incidents++;
        long first = Long.MAX_VALUE;
        for (int w = 0; w < warnTimes.size(); w++) {
          long t = warnTimes.get(w);
          if (warnTypes.get(w) == inc.type() && t <= inc.startMillis() - minLead
              && t >= inc.startMillis() - matchWindow) {
            first = Math.min(first, t);
          }
        }
        if (first != Long.MAX_VALUE) {
          leads.add((inc.startMillis() - first) / 60_000.0);
        }
      }
      for (int w = 0; w < warnTimes.size(); w++) {
        long t = warnTimes.get(w);
        boolean foresaw = false;
        for (Incident inc : mine) {
          foresaw |= inc.type() == warnTypes.get(w) && inc.startMillis() > t && inc.startMillis() - t <= matchWindow;
        }
        if (foresaw) {
          trueWarnings++;
        } else {
          falseWarnings++;
        }
      }
      return this;
    }

    /**
     * Adds one series with the pipeline's detections and alarm episodes ({@link
     * DetectionPipeline#run}). An episode is true when its span, from its start to its end (or the
     * series' last row while open), overlaps an incident of any type widened by the match window
     * before it (an episode may foresee) and {@value #TOLERANCE_STEPS} steps after it; every other
     * episode is false. An incident is alarmed when a true episode overlaps it so.
     *
     * @param series the labelled series
     * @param run the detections and alarms of its rows
     * @return this
     */
    public Accumulator add(LabeledSeries series, DetectionPipeline.PipelineRun run) {
      add(series, run.detections());
      var raw = series.raw();
      long step = raw.rows() > 1 ? raw.timestamp(1) - raw.timestamp(0) : 0;
      long tolerance = TOLERANCE_STEPS * step;
      long last = raw.timestamp(raw.rows() - 1);
      List<Incident> counted = new ArrayList<>();
      for (Incident inc : series.podIncidents()) {
        if (inc.type() != AnomalyType.NORMAL && inc.startMillis() >= from && inc.startMillis() >= raw.timestamp(0)
            && inc.startMillis() <= last) {
          counted.add(inc);
        }
      }
      boolean[] alarmed = new boolean[counted.size()];
      for (PipelineAlarm a : run.alarms()) {
        if (a.startMillis() < from) {
          continue;
        }
        long end = a.isOpen() ? last : a.endMillis();
        boolean hit = false;
        for (int k = 0; k < counted.size(); k++) {
          Incident inc = counted.get(k);
          if (a.startMillis() <= inc.endMillis() + tolerance && end >= inc.startMillis() - matchWindow) {
            hit = true;
            alarmed[k] = true;
          }
        }
        if (hit) {
          trueAlarms++;
        } else {
          falseAlarms++;
        }
      }
      alarmIncidents += counted.size();
      for (boolean b : alarmed) {
        alarmedIncidents += b ? 1 : 0;
      }
      alarmsScored = true;
      return this;
    }

    private void scoreEvents(io.aura.features.Frame raw, List<Incident> podIncidents,
        List<PipelineDetection> detections) {
      long step = raw.rows() > 1 ? raw.timestamp(1) - raw.timestamp(0) : 0;
      long tolerance = TOLERANCE_STEPS * step;
      List<Incident> counted = new ArrayList<>();
      for (Incident inc : podIncidents) {
        if (inc.type() != AnomalyType.NORMAL && inc.startMillis() >= from && inc.startMillis() >= raw.timestamp(0)
            && inc.startMillis() <= raw.timestamp(raw.rows() - 1)) {
          counted.add(inc);
          events[inc.type().ordinal()][0]++;
        }
      }
      boolean[] found = new boolean[counted.size()];
      int r = 0;
      while (r < detections.size()) {
        PipelineDetection d = detections.get(r);
        AnomalyType t = d.classifiedType();
        if (d.timestampMillis() < from || t == AnomalyType.NORMAL) {
          r++;
          continue;
        }
        int end = r;
        while (end + 1 < detections.size() && detections.get(end + 1).classifiedType() == t) {
          end++;
        }
        long a = d.timestampMillis();
        long b = detections.get(end).timestampMillis();
        boolean correct = false;
        for (int k = 0; k < counted.size(); k++) {
          Incident inc = counted.get(k);
          if (inc.type() == t && a <= inc.endMillis() + tolerance && b >= inc.startMillis()) {
            correct = true;
            found[k] = true;
          }
        }
        events[t.ordinal()][2]++;
        if (correct) {
          events[t.ordinal()][3]++;
        }
        r = end + 1;
      }
      for (int k = 0; k < counted.size(); k++) {
        if (found[k]) {
          events[counted.get(k).type().ordinal()][1]++;
        }
      }
    }

    /** @return the evaluation so far */
    public PipelineEvaluation result() {
      return new PipelineEvaluation(this);
    }
  }
}
