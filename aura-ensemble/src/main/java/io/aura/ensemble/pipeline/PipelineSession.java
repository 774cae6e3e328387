package io.aura.ensemble.pipeline;

import io.aura.features.FeatureStream;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Contribution;
import io.aura.features.anomaly.Severity;
import io.aura.models.detect.AlarmTracker;
import io.aura.models.detect.AlarmTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stateful detection of one entity by a {@link DetectionPipeline}: its streaming features, its
 * members' per-entity states and verdicts, and its scratch buffers.
 *
 * <p>Per sample ({@link #update}): the feature stream computes every feature causally (rows ≤ t);
 * the selected features are robust-scaled into the {@link FeatureRow}; every member scores it in
 * the declared order, each into its own {@link MemberVerdict}; and the {@link PipelineDetection}
 * is assembled by the members' roles (see {@link PipelineMember}): the first classifier names the
 * classified type, confidence and score; when it says normal, the first detector that flags the
 * row names the type (a novelty) and its severity; the first detector's score is the novelty; the
 * warning with the nearest predicted anomaly (the first on a tie) is the warning.
 *
 * <p>Thread safety: not thread-safe; use one session per entity and thread (the pipeline behind it
 * is shared safely). Allocation: buffers and member states at construction; per sample, only the
 * returned record — plus the explanation (O(features) doubles and the top-feature list) on the
 * rare anomalous sample. Complexity: as {@link DetectionPipeline}.
 */
public final class PipelineSession {
  /** How many contributing features an anomalous detection names. */
  public static final int TOP_FEATURES = 5;

  private final DetectionPipeline p;
  private final Labels entity;
  private final FeatureStream stream;
  private final int[] selected;
  private final FeatureRow row;
  private final PipelineMember[] members;
  private final Object[] states;
  private final MemberVerdict[] verdicts;
  private final int[] cached;
  private final int[] uncached;
  private final double[] packed;
  private final int classifier;
  private final int[] detectors;
  private final int[] warnings;
  private double[] weights;
  private final AlarmTracker[] trackers;
  private final int[] alarmSamples;
  private final double[] alarmPeaks;
  private AlarmTransition transition = AlarmTransition.QUIET;
  private long alarmStart;
  private long alarmPeak;
  private AnomalyType alarmType;
  private Severity alarmSeverity;
  private PipelineAlarm closed;

  PipelineSession(DetectionPipeline p, Labels entity) {
    this.p = p;
    this.entity = entity;
    this.stream = p.featureSpec().newStream();
    this.selected = p.selection().selectedIndices();
    this.row = new FeatureRow(p.featureSpec().schema().size(), selected.length);
    List<PipelineMember> list = p.members();
    this.members = list.toArray(new PipelineMember[0]);
    this.states = new Object[members.length];
    this.verdicts = new MemberVerdict[members.length];
    boolean caching = p.cache() != null;
    int[] c = new int[members.length];
    int[] u = new int[members.length];
    int[] det = new int[members.length];
    int[] warn = new int[members.length];
    int nc = 0;
    int nu = 0;
    int nd = 0;
    int nw = 0;
    int cls = -1;
    for (int i = 0; i < members.length; i++) {
      states[i] = members[i].newState();
      verdicts[i] = new MemberVerdict();
      if (caching && members[i].scoresRowOnly()) {
        c[nc++] = i;
      } else {
        u[nu++] = i;
      }
      switch (members[i].role()) {
        case CLASSIFIER -> cls = cls < 0 ? i : cls;
        case DETECTOR -> det[nd++] = i;
        case WARNING -> warn[nw++] = i;
      }
    }
    this.cached = Arrays.copyOf(c, nc);
    this.uncached = Arrays.copyOf(u, nu);
    this.packed = new double[nc * MemberVerdict.PACKED];
    this.classifier = cls;
    this.detectors = Arrays.copyOf(det, nd);
    this.warnings = Arrays.copyOf(warn, nw);
    this.trackers = new AlarmTracker[members.length];
    for (int i = 0; i < members.length; i++) {
      trackers[i] = p.alarmPolicies().get(i).newTracker();
    }
    this.alarmSamples = new int[members.length];
    this.alarmPeaks = new double[members.length];
  }

  /**
   * What the last sample did to this entity's alarm episode: {@link AlarmTransition#OPENED} when a
   * member's alarm opened an episode (page on this), {@link AlarmTransition#CONTINUED} while any
   * member's alarm stays open, {@link AlarmTransition#CLOSED} on the sample after the last member's
   * alarm closed, else {@link AlarmTransition#QUIET}. See {@link PipelineAlarm}.
   *
   * @return the transition of the last {@link #update}
   */
  public AlarmTransition alarmTransition() {
    return transition;
  }

  /** @return whether an alarm episode is open after the last sample */
  public boolean alarmOpen() {
    return transition.inAlarm();
  }

  /**
   * The open episode as it stands (a new record each call), or the last closed one, or null before
   * the first episode.
   *
   * @return the alarm
   */
  public PipelineAlarm lastAlarm() {
    return transition.inAlarm() ? snapshot(-1) : closed;
  }

  /** @return the peak severity of the open episode so far, NONE when none is open (no allocation) */
  public Severity lastAlarmSeverity() {
    return transition.inAlarm() && alarmSeverity != null ? alarmSeverity : Severity.NONE;
  }

  private PipelineAlarm snapshot(long end) {
    List<PipelineAlarm.Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < members.length; i++) {
      if (alarmSamples[i] > 0) {
        evidence.add(new PipelineAlarm.Evidence(i, members[i].kind(), alarmSamples[i], alarmPeaks[i]));
      }
    }
    return new PipelineAlarm(entity, alarmType, alarmSeverity, alarmStart, alarmPeak, end, evidence);
  }

  /** Feeds every member's alarm score to its tracker and moves the episode; allocation-free but on close. */
  private void alarm(PipelineDetection d) {
    boolean open = false;
    for (int i = 0; i < members.length; i++) {
      AlarmTransition t = trackers[i].update(verdicts[i].alarmScore);
      if (t.inAlarm()) {
        open = true;
      }
    }
    boolean wasOpen = transition.inAlarm();
    if (!open) {
      if (wasOpen) {
        closed = snapshot(d.timestampMillis());
        transition = AlarmTransition.CLOSED;
      } else {
        transition = AlarmTransition.QUIET;
      }
      return;
    }
    if (!wasOpen) {
      Arrays.fill(alarmSamples, 0);
      Arrays.fill(alarmPeaks, Double.NEGATIVE_INFINITY);
      alarmStart = d.timestampMillis();
      alarmType = null;
      alarmSeverity = null;
      transition = AlarmTransition.OPENED;
    } else {
      transition = AlarmTransition.CONTINUED;
    }
    for (int i = 0; i < members.length; i++) {
      if (trackers[i].isOpen()) {
        alarmSamples[i]++;
        alarmPeaks[i] = Math.max(alarmPeaks[i], verdicts[i].alarmScore);
      }
    }
    AnomalyType type = d.type();
    Severity severity = d.severity();
    if (type == AnomalyType.NORMAL && d.isWarning()) {
      type = d.warningType();
      severity = warningSeverity();
    }
    if (type == AnomalyType.NORMAL) {
      // Open on a member's lingering alarm (hysteresis) while the row itself is quiet.
      if (alarmType == null) {
        type = firstAlarmingType();
        severity = Severity.LOW;
      } else {
        return;
      }
    }
    if (alarmSeverity == null || severity.compareTo(alarmSeverity) > 0) {
      alarmType = type;
      alarmSeverity = severity;
      alarmPeak = d.timestampMillis();
    }
  }

  private Severity warningSeverity() {
    Severity s = Severity.NONE;
    for (int i : warnings) {
      s = s.max(verdicts[i].severity);
    }
    return s;
  }

  private AnomalyType firstAlarmingType() {
    for (int i = 0; i < members.length; i++) {
      if (trackers[i].isOpen()) {
        if (members[i].role() == PipelineMember.Role.DETECTOR) {
          return AnomalyType.UNKNOWN;
        }
        if (verdicts[i].type != AnomalyType.NORMAL) {
          return verdicts[i].type;
        }
      }
    }
    return AnomalyType.UNKNOWN;
  }

  /** @return the entity this session detects for */
  public Labels entity() {
    return entity;
  }

  /**
   * The verdict member {@code i} gave on the last sample: a live view, overwritten by the next
   * {@link #update}. For a member's own fields that {@link PipelineDetection} does not carry.
   *
   * @param i the member's index in {@link DetectionPipeline#members()}
   * @return its last verdict
   */
  public MemberVerdict verdict(int i) {
    return verdicts[i];
  }

  /**
   * Takes one scrape of the entity's raw metrics.
   *
   * @param timestampMillis the scrape time, later than the previous one
   * @param raw the raw values in {@link DetectionPipeline#inputNames()} order; NaN = missing
   * @return the detection for this sample
   * @throws InvalidDataException if the row has the wrong length or the time does not advance
   */
  public PipelineDetection update(long timestampMillis, double[] raw) {
    if (raw.length != p.inputNames().size()) {
      throw new InvalidDataException("entity " + entity + ": got " + raw.length + " raw values, the pipeline reads "
          + p.inputNames().size() + " " + p.inputNames());
    }
    double[] features = row.features;
    stream.update(timestampMillis, raw, features);
    row.timestampMillis = timestampMillis;
    double[] c = p.centers();
    double[] s = p.scales();
    for (int j = 0; j < selected.length; j++) {
      double x = (features[selected[j]] - c[j]) / s[j];
      row.scaled[j] = x;
      row.imputed[j] = forestValue(x);
      row.model[j] = modelValue(x);
    }
    ScoreCache cache = p.cache();
    if (cached.length > 0) {
      if (cache.lookup(row.scaled, packed)) {
        for (int k = 0; k < cached.length; k++) {
          verdicts[cached[k]].unpack(packed, k * MemberVerdict.PACKED);
        }
      } else {
        for (int k = 0; k < cached.length; k++) {
          int i = cached[k];
          members[i].score(row, states[i], verdicts[i]);
          verdicts[i].pack(packed, k * MemberVerdict.PACKED);
        }
        cache.store(row.scaled, packed);
      }
    }
    for (int i : uncached) {
      members[i].score(row, states[i], verdicts[i]);
    }
    return assemble(timestampMillis);
  }

  private PipelineDetection assemble(long timestampMillis) {
    AnomalyType classified = AnomalyType.NORMAL;
    double score = Double.NaN;
    double confidence = Double.NaN;
    AnomalyType type = AnomalyType.NORMAL;
    Severity severity = Severity.NONE;
    int decider = -1;
    if (classifier >= 0) {
      MemberVerdict v = verdicts[classifier];
      classified = v.type;
      score = v.score;
      confidence = v.confidence;
      if (classified != AnomalyType.NORMAL) {
        type = classified;
        severity = v.severity;
        decider = classifier;
      }
    }
    if (decider < 0) {
      for (int i : detectors) {
        if (verdicts[i].type != AnomalyType.NORMAL) {
          type = verdicts[i].type;
          severity = verdicts[i].severity;
          decider = i;
          break;
        }
      }
    }
    double novelty = detectors.length > 0 ? verdicts[detectors[0]].score : Double.NaN;
    int warning = -1;
    for (int i : warnings) {
      MemberVerdict v = verdicts[i];
      if (v.type != AnomalyType.NORMAL && (warning < 0 || v.etaMillis < verdicts[warning].etaMillis)) {
        warning = i;
      }
    }
    AnomalyType warningType = warning < 0 ? AnomalyType.NORMAL : verdicts[warning].type;
    long eta = warning < 0 ? -1 : verdicts[warning].etaMillis;
    boolean newWarning = warning >= 0 && verdicts[warning].newEpisode;
    List<Contribution> top = decider < 0 ? List.of() : explain(decider);
    PipelineDetection d = new PipelineDetection(entity, timestampMillis, type, severity, classified, score, confidence,
        novelty, warningType, eta, newWarning, top);
    alarm(d);
    return d;
  }

  /**
   * A scaled feature as the Isolation Forest reads it: missing at the training median (0 after
   * scaling), and values beyond the double range (an overflow of the scaling) at
   * ±{@link Double#MAX_VALUE}, which keeps their order against every split; the forest accepts
   * finite values only.
   */
  static double forestValue(double x) {
    if (Double.isNaN(x)) {
      return 0.0;
    }
    if (x == Double.POSITIVE_INFINITY) {
      return Double.MAX_VALUE;
    }
    return x == Double.NEGATIVE_INFINITY ? -Double.MAX_VALUE : x;
  }

  /**
   * A scaled feature as the classifier reads it: float32, NaN kept (missing), and values beyond the
   * float range (an overflow) at ±{@link Float#MAX_VALUE}, the same in training and
   * detection, since the GBDT libraries reject infinity; order is kept for every split threshold.
   */
  static float modelValue(double x) {
    float f = (float) x;
    if (f == Float.POSITIVE_INFINITY) {
      return Float.MAX_VALUE;
    }
    if (f == Float.NEGATIVE_INFINITY) {
      return -Float.MAX_VALUE;
    }
    return f;
  }

  private List<Contribution> explain(int member) {
    if (weights == null) {
      weights = new double[selected.length];
    }
    Arrays.fill(weights, 0);
    members[member].explain(row, states[member], verdicts[member], weights);
    return top(weights, 0, 1);
  }

  private List<Contribution> top(double[] w, int offset, double sign) {
    int n = selected.length;
    int k = Math.min(TOP_FEATURES, n);
    int[] idx = new int[k];
    double[] val = new double[k];
    int filled = 0;
    for (int j = 0; j < n; j++) {
      double v = sign * w[offset + j];
      if (!(v > 0)) {
        continue;
      }
      int pos = filled < k ? filled++ : k;
      if (pos == k && v <= val[k - 1]) {
        continue;
      }
      pos = Math.min(pos, k - 1);
      while (pos > 0 && val[pos - 1] < v) {
        val[pos] = val[pos - 1];
        idx[pos] = idx[pos - 1];
        pos--;
      }
      val[pos] = v;
      idx[pos] = j;
    }
    List<Contribution> out = new ArrayList<>(filled);
    List<String> names = p.selection().selectedNames();
    for (int i = 0; i < filled; i++) {
      out.add(new Contribution(names.get(idx[i]), idx[i], val[i]));
    }
    return out;
  }
}
