package io.aura.io.kubernetes;

import io.aura.features.Frame;
import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Turns incidents into per-row labels over a {@link Frame}'s timestamps.
 *
 * <p>For an incident {@code [t, recovery]} that {@link Incident#appliesTo applies} to the frame's
 * labels, rows with timestamp in {@code [t − lead, t)} are {@link LabelPhase#PRE_INCIDENT} (the
 * target of early warning) and rows in {@code [t, recovery]} (both ends included) are {@link
 * LabelPhase#INCIDENT}.
 *
 * <p>Overlap rule, when several incidents claim a row, in order: {@code INCIDENT} beats {@code
 * PRE_INCIDENT}; then the higher {@link Severity}; then the earlier start; then the lower {@link
 * AnomalyType} ordinal; then the lower index in the input list. So an incident always shows through
 * a neighbour's lead-in, and the result does not depend on the input order except for exact ties.
 *
 * <p>Thread safety: immutable, safe to share. Allocation: the result's arrays, O(rows). Complexity:
 * O(rows + incidents × (log rows + rows covered)).
 */
public final class IncidentLabeler {
  private final long lead;

  private IncidentLabeler(long lead) {
    this.lead = lead;
  }

  /**
   * A labeler with the given pre-incident lead.
   *
   * @param lead how long before an incident rows are {@code pre-incident}; zero disables the phase
   * @return the labeler
   * @throws IllegalArgumentException if negative
   */
  public static IncidentLabeler withLead(Duration lead) {
    Objects.requireNonNull(lead, "lead");
    if (lead.isNegative()) {
      throw new IllegalArgumentException("lead must not be negative: " + lead);
    }
    return new IncidentLabeler(lead.toMillis());
  }

  /**
   * The lead.
   *
   * @return the lead
   */
  public Duration lead() {
    return Duration.ofMillis(lead);
  }

  /**
   * Labels a frame's rows; incidents that do not apply to the frame's labels are ignored.
   *
   * @param frame the frame
   * @param incidents the incidents, any order
   * @return the labels, one per row
   */
  public RowLabels label(Frame frame, List<Incident> incidents) {
    long[] ts = frame.timestamps();
    int n = ts.length;
    byte[] type = new byte[n];
    byte[] phase = new byte[n];
    byte[] severity = new byte[n];
    int[] idx = new int[n];
    java.util.Arrays.fill(idx, -1);
    for (int k = 0; k < incidents.size(); k++) {
      Incident inc = incidents.get(k);
      if (!inc.appliesTo(frame.labels())) {
        continue;
      }
      int from = lowerBound(ts, inc.startMillis() - lead);
      int mid = lowerBound(ts, inc.startMillis());
      int to = upperBound(ts, inc.endMillis());
      for (int r = from; r < mid; r++) {
        claim(r, k, inc, LabelPhase.PRE_INCIDENT, incidents, type, phase, severity, idx);
      }
      for (int r = mid; r < to; r++) {
        claim(r, k, inc, LabelPhase.INCIDENT, incidents, type, phase, severity, idx);
      }
    }
    return new RowLabels(ts, type, phase, severity, idx);
  }

  private static void claim(
      int r,
      int k,
      Incident inc,
      LabelPhase p,
      List<Incident> all,
      byte[] type,
      byte[] phase,
      byte[] severity,
      int[] idx) {
    if (idx[r] >= 0 && !beats(p, inc, k, LabelPhase.values()[phase[r]], all.get(idx[r]), idx[r])) {
      return;
    }
    type[r] = (byte) inc.type().ordinal();
    phase[r] = (byte) p.ordinal();
    severity[r] = (byte) inc.severity().ordinal();
    idx[r] = k;
  }

  private static boolean beats(LabelPhase p, Incident a, int ia, LabelPhase q, Incident b, int ib) {
    if (p != q) {
      return p.ordinal() > q.ordinal();
    }
    int c = a.severity().compareTo(b.severity());
    if (c != 0) {
      return c > 0;
    }
    if (a.startMillis() != b.startMillis()) {
      return a.startMillis() < b.startMillis();
    }
    if (a.type() != b.type()) {
      return a.type().ordinal() < b.type().ordinal();
    }
    return ia < ib;
  }

  private static int lowerBound(long[] a, long t) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] < t) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }

  private static int upperBound(long[] a, long t) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] <= t) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }
}
