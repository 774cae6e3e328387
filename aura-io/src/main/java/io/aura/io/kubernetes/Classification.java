package io.aura.io.kubernetes;

import io.aura.features.anomaly.AnomalyType;
import io.aura.features.anomaly.Severity;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a reason means: an {@link AnomalyType}, a {@link Severity}, a short cause (for example
 * {@code liveness-probe} for an {@code Unhealthy} event whose message names the liveness probe)
 * and, for recovery reasons such as {@code NodeReady} or {@code Started}, the anomaly types it
 * ends.
 *
 * <p>Thread safety: immutable (the set is an unmodifiable copy). Allocation: one object.
 * Complexity: O(1).
 *
 * @param type the anomaly type
 * @param severity the severity
 * @param cause a short lower-case cause; empty if the reason says it all
 * @param ends anomaly types that this reason ends on the same object; empty for most reasons
 */
public record Classification(
    AnomalyType type, Severity severity, String cause, Set<AnomalyType> ends) {

  /**
   * Validates and copies.
   *
   * @param type see the record description
   * @param severity see the record description
   * @param cause see the record description
   * @param ends see the record description
   */
  public Classification {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(cause, "cause");
    ends = ends.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ends));
  }

  /**
   * A classification that ends nothing.
   *
   * @param type the type
   * @param severity the severity
   * @param cause the cause, or empty
   * @return the classification
   */
  public static Classification of(AnomalyType type, Severity severity, String cause) {
    return new Classification(type, severity, cause, Set.of());
  }

  /**
   * A normal, informational reason that ends the given anomaly types on the same object.
   *
   * @param ends the types it ends
   * @return the classification
   */
  public static Classification recovery(AnomalyType... ends) {
    return new Classification(
        AnomalyType.NORMAL,
        Severity.NONE,
        "recovery",
        ends.length == 0 ? Set.of() : EnumSet.of(ends[0], ends));
  }

  /**
   * Whether this is an anomaly (neither {@link AnomalyType#NORMAL} nor below {@link
   * Severity#MEDIUM}).
   *
   * @return true for an anomaly
   */
  public boolean isAnomaly() {
    return type != AnomalyType.NORMAL && severity.compareTo(Severity.MEDIUM) >= 0;
  }
}
