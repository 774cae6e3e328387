package io.aura.io.kubernetes;

/**
 * Where a row stands relative to an incident.
 *
 * <p>Thread safety: immutable enum. Allocation: none. Complexity: O(1).
 */
public enum LabelPhase {
  /** No incident and no incident ahead within the lead time. */
  NONE("none"),
  /**
   * Within {@code [t − lead, t)} before an incident that starts at {@code t}: early-warning target.
   */
  PRE_INCIDENT("pre-incident"),
  /** Within {@code [t, recovery]}. */
  INCIDENT("incident");

  private final String label;

  LabelPhase(String label) {
    this.label = label;
  }

  /**
   * The label written to files: {@code none}, {@code pre-incident} or {@code incident}.
   *
   * @return the label
   */
  public String label() {
    return label;
  }
}
