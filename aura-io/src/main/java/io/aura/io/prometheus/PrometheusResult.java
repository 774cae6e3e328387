package io.aura.io.prometheus;

import java.util.List;
import java.util.Objects;

/**
 * The data of a Prometheus metadata call ({@code /api/v1/series}, {@code /api/v1/labels}) with the
 * {@code warnings} Prometheus attached to the answer.
 *
 * <p>Thread safety: immutable when {@code T} is (the client always gives unmodifiable lists).
 * Allocation: made once per call; accessors are O(1) and do not copy.
 *
 * @param <T> the data type
 */
public final class PrometheusResult<T> {
  private final T data;
  private final List<String> warnings;

  PrometheusResult(T data, List<String> warnings) {
    this.data = Objects.requireNonNull(data, "data");
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The data.
   *
   * @return the data
   */
  public T data() {
    return data;
  }

  /**
   * Prometheus's warnings (for example, a partial response from a remote store).
   *
   * @return an unmodifiable list, empty when there were none
   */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "PrometheusResult[" + data + (warnings.isEmpty() ? "" : ", warnings=" + warnings) + "]";
  }
}
