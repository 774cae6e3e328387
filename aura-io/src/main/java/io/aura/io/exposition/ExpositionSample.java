package io.aura.io.exposition;

import io.aura.features.Labels;
import java.util.Objects;

/**
 * One sample read from a {@code /metrics} page, as collected by {@link ExpositionParser#readAll}.
 *
 * <p>Thread safety: immutable. Allocation: one record plus its {@link Labels} per sample; for large
 * inputs prefer the allocation-free {@link ExpositionVisitor}. Complexity: accessors O(1).
 *
 * @param type the type of the sample's family
 * @param name the sample's metric name (for example {@code foo_bucket})
 * @param labels its labels
 * @param value its value; NaN and infinities as written
 * @param timestampMillis epoch milliseconds, or {@link ExpositionVisitor#NO_TIMESTAMP}
 */
public record ExpositionSample(
    MetricType type, String name, Labels labels, double value, long timestampMillis) {
  /**
   * Validates the components.
   *
   * @param type see the record description
   * @param name see the record description
   * @param labels see the record description
   * @param value see the record description
   * @param timestampMillis see the record description
   */
  public ExpositionSample {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
  }

  /**
   * Whether the line carried a timestamp.
   *
   * @return true when {@link #timestampMillis()} is a time
   */
  public boolean hasTimestamp() {
    return timestampMillis != ExpositionVisitor.NO_TIMESTAMP;
  }
}
