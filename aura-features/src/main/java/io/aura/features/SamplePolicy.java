package io.aura.features;

import java.util.Objects;

/**
 * What to do with raw samples that are out of order, duplicated or NaN, when a {@link TimeSeries}
 * is built from them. Nothing is ever dropped, merged or reordered unless the caller chose a policy
 * that says so; the default, {@link #STRICT}, rejects out-of-order and duplicate timestamps with an
 * {@link InvalidDataException} naming the series, the position and the timestamps.
 *
 * <p>Aura's NaN convention: a NaN value means <em>missing</em> (a failed scrape, a value Prometheus
 * reported as {@code NaN}). Under {@link NanPolicy#KEEP_AS_MISSING} it is kept and the feature
 * engine treats it as missing (see {@code FeatureSpec}); under {@link NanPolicy#REJECT} it is an
 * error.
 *
 * <p>Thread safety: immutable. Cost: O(1) to build; applying it is O(n), or O(n log n) when sorting
 * (see {@link TimeSeries#fromSamples}).
 *
 * @param order what to do when a timestamp is smaller than the one before it
 * @param duplicates what to do when a timestamp repeats
 * @param nan what to do with NaN values
 */
public record SamplePolicy(OrderPolicy order, DuplicatePolicy duplicates, NanPolicy nan) {

  /** Rejects out-of-order and duplicate timestamps; keeps NaN as missing. */
  public static final SamplePolicy STRICT =
      new SamplePolicy(OrderPolicy.REJECT, DuplicatePolicy.REJECT, NanPolicy.KEEP_AS_MISSING);

  /** Validates the components. */
  public SamplePolicy {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(duplicates, "duplicates");
    Objects.requireNonNull(nan, "nan");
  }

  /**
   * A copy with another order policy.
   *
   * @param order the order policy
   * @return the new policy
   */
  public SamplePolicy withOrder(OrderPolicy order) {
    return new SamplePolicy(order, duplicates, nan);
  }

  /**
   * A copy with another duplicate policy.
   *
   * @param duplicates the duplicate policy
   * @return the new policy
   */
  public SamplePolicy withDuplicates(DuplicatePolicy duplicates) {
    return new SamplePolicy(order, duplicates, nan);
  }

  /**
   * A copy with another NaN policy.
   *
   * @param nan the NaN policy
   * @return the new policy
   */
  public SamplePolicy withNan(NanPolicy nan) {
    return new SamplePolicy(order, duplicates, nan);
  }

  /** Out-of-order samples. */
  public enum OrderPolicy {
    /** An out-of-order timestamp is an error. */
    REJECT,
    /** Samples are sorted by timestamp (stable: equal timestamps keep their input order). */
    SORT
  }

  /** Samples with the same timestamp (after sorting, if sorting was chosen). */
  public enum DuplicatePolicy {
    /** A repeated timestamp is an error. */
    REJECT,
    /** The first sample of a run of equal timestamps is kept. */
    KEEP_FIRST,
    /** The last sample of a run of equal timestamps is kept (Prometheus's behaviour on ingest). */
    KEEP_LAST,
    /** The mean of the non-NaN values of the run is kept (NaN if all are NaN). */
    AVERAGE
  }

  /** NaN values. */
  public enum NanPolicy {
    /** NaN is kept and means missing. */
    KEEP_AS_MISSING,
    /** A NaN is an error. */
    REJECT
  }
}
