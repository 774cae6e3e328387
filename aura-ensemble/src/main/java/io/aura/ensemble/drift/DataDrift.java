package io.aura.ensemble.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * The data-drift result of one window: one {@link DriftReport} per feature of the reference's
 * schema, in schema order.
 *
 * <p>Thread safety: immutable. Complexity: {@link #driftedFeatures()} O(features).
 */
public final class DataDrift {
  private final List<DriftReport> reports;
  private final int rows;

  DataDrift(List<DriftReport> reports, int rows) {
    this.reports = List.copyOf(reports);
    this.rows = rows;
  }

  /**
   * @return the reports, in schema order (unmodifiable)
   */
  public List<DriftReport> reports() {
    return reports;
  }

  /**
   * The report of one feature.
   *
   * @param index the feature's column in the schema
   * @return its report
   */
  public DriftReport report(int index) {
    return reports.get(index);
  }

  /**
   * @return the number of rows in the assessed window
   */
  public int rows() {
    return rows;
  }

  /**
   * @return whether any feature is flagged
   */
  public boolean anyDrifted() {
    for (DriftReport r : reports) {
      if (r.drifted()) {
        return true;
      }
    }
    return false;
  }

  /**
   * @return the names of the flagged features, in schema order
   */
  public List<String> driftedFeatures() {
    List<String> out = new ArrayList<>();
    for (DriftReport r : reports) {
      if (r.drifted()) {
        out.add(r.feature());
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "DataDrift{rows=" + rows + ", drifted=" + driftedFeatures() + "}";
  }
}
