package io.aura.io.kubernetes;

import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.util.Arrays;
import java.util.Objects;

/**
 * Per-row labels aligned to a {@link io.aura.features.Frame}: for each row an {@link AnomalyType},
 * a {@link LabelPhase}, a {@link Severity} and the index of the incident that decided them (in the
 * list given to {@link IncidentLabeler#label}), or {@code -1} with type {@code NORMAL}, phase
 * {@code NONE} and severity {@code NONE}.
 *
 * <p>Thread safety: immutable. Memory: about 6 bytes per row plus one array header per column.
 * Complexity: accessors O(1); array accessors copy, O(rows).
 */
public final class RowLabels {
  private static final AnomalyType[] TYPES = AnomalyType.values();
  private static final LabelPhase[] PHASES = LabelPhase.values();
  private static final Severity[] SEVERITIES = Severity.values();

  private final long[] timestamps;
  private final byte[] type;
  private final byte[] phase;
  private final byte[] severity;
  private final int[] incident;

  RowLabels(long[] timestamps, byte[] type, byte[] phase, byte[] severity, int[] incident) {
    this.timestamps = timestamps;
    this.type = type;
    this.phase = phase;
    this.severity = severity;
    this.incident = incident;
  }

  /**
   * Number of rows.
   *
   * @return the row count
   */
  public int rows() {
    return type.length;
  }

  /**
   * The row's timestamp.
   *
   * @param row the row
   * @return epoch milliseconds
   */
  public long timestamp(int row) {
    return timestamps[row];
  }

  /**
   * The row's anomaly type.
   *
   * @param row the row
   * @return the type
   */
  public AnomalyType type(int row) {
    return TYPES[type[row]];
  }

  /**
   * The row's phase.
   *
   * @param row the row
   * @return the phase
   */
  public LabelPhase phase(int row) {
    return PHASES[phase[row]];
  }

  /**
   * The row's severity.
   *
   * @param row the row
   * @return the severity
   */
  public Severity severity(int row) {
    return SEVERITIES[severity[row]];
  }

  /**
   * The index of the incident that decided the row, or {@code -1}.
   *
   * @param row the row
   * @return the index
   */
  public int incident(int row) {
    return incident[row];
  }

  /**
   * Count of rows in a phase.
   *
   * @param p the phase
   * @return the count
   */
  public int count(LabelPhase p) {
    int n = 0;
    for (byte b : phase) {
      if (b == p.ordinal()) {
        n++;
      }
    }
    return n;
  }

  /**
   * The labels as {@code double} columns for a frame: the type ordinal where the phase is {@code
   * phase}, else 0 ({@code NORMAL}).
   *
   * @param p the phase to encode
   * @return one value per row
   */
  public double[] typeColumn(LabelPhase p) {
    double[] out = new double[type.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = phase[i] == p.ordinal() ? type[i] : 0;
    }
    return out;
  }

  /**
   * The row's label as text, {@code phase/type}, for example {@code pre-incident/memory} or {@code
   * none/normal}.
   *
   * @param row the row
   * @return the label
   */
  public String label(int row) {
    return phase(row).label() + "/" + type(row).label();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RowLabels)) {
      return false;
    }
    RowLabels r = (RowLabels) o;
    return Arrays.equals(timestamps, r.timestamps)
        && Arrays.equals(type, r.type)
        && Arrays.equals(phase, r.phase)
        && Arrays.equals(severity, r.severity);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(type), Arrays.hashCode(phase));
  }

  @Override
  public String toString() {
    return "RowLabels["
        + rows()
        + " rows, incident="
        + count(LabelPhase.INCIDENT)
        + ", pre-incident="
        + count(LabelPhase.PRE_INCIDENT)
        + "]";
  }
}
