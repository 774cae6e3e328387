package io.aura.features;

import java.time.Duration;
import java.util.Objects;

/**
 * How raw series are put onto one fixed-step time grid to form a {@link Frame}: the step, the
 * range, how the samples that fall into a grid cell become its value, and what an empty cell is.
 *
 * <p>The grid is {@code start, start + step, ..., end} (both inclusive). For a grid time {@code t}:
 *
 * <ul>
 *   <li>{@link Resampling#LAST}: the value of the last sample with timestamp in {@code (t -
 *       lookback, t]} (Prometheus's instant-vector rule; {@code lookback} defaults to the step).
 *   <li>{@link Resampling#MEAN}: the mean of the non-NaN samples in {@code (t - step, t]}.
 *   <li>{@link Resampling#MAX} / {@link Resampling#MIN}: their maximum / minimum.
 * </ul>
 *
 * A cell with no usable sample is a <em>gap</em>: under {@link GapPolicy#MISSING} (the default) it
 * becomes NaN, Aura's missing value, which later stages handle by their documented policy; under
 * {@link GapPolicy#REJECT} it is an {@link InvalidDataException} naming the series and the time.
 * Nothing is interpolated or carried forward here: filling is an explicit step ({@code
 * io.aura.features.preprocess.MissingValues}).
 *
 * <p>Thread safety: immutable. Build with {@link #onStep(Duration)}. Cost: each setter copies O(1)
 * fields; aligning is O(samples + rows) per series for {@code LAST} and O(samples in the cell) per
 * cell for the others (see {@link Frame#align}).
 */
public final class Alignment {
  private final long stepMillis;
  private final long lookbackMillis;
  private final Long start;
  private final Long end;
  private final Resampling resampling;
  private final GapPolicy gaps;
  private final ColumnNaming naming;

  private Alignment(
      long stepMillis,
      long lookbackMillis,
      Long start,
      Long end,
      Resampling resampling,
      GapPolicy gaps,
      ColumnNaming naming) {
    this.stepMillis = stepMillis;
    this.lookbackMillis = lookbackMillis;
    this.start = start;
    this.end = end;
    this.resampling = resampling;
    this.gaps = gaps;
    this.naming = naming;
  }

  /**
   * An alignment on a step, over the union of the series' ranges, with {@link Resampling#LAST},
   * lookback = step, gaps as missing and columns named by metric name.
   *
   * @param step the grid step, at least 1 ms
   * @return the alignment
   */
  public static Alignment onStep(Duration step) {
    long s = Objects.requireNonNull(step, "step").toMillis();
    if (s <= 0) {
      throw new IllegalArgumentException("step must be at least 1 ms, got " + step);
    }
    return new Alignment(
        s, s, null, null, Resampling.LAST, GapPolicy.MISSING, ColumnNaming.METRIC_NAME);
  }

  /**
   * A copy over an explicit range; both ends must lie on the step grid relative to each other.
   *
   * @param startMillis the first grid time, epoch milliseconds
   * @param endMillis the last grid time, epoch milliseconds, at least {@code startMillis}
   * @return the new alignment
   */
  public Alignment range(long startMillis, long endMillis) {
    if (endMillis < startMillis) {
      throw new IllegalArgumentException(
          "range end " + endMillis + " is before start " + startMillis);
    }
    if ((endMillis - startMillis) % stepMillis != 0) {
      throw new IllegalArgumentException(
          "range "
              + startMillis
              + ".."
              + endMillis
              + " is not a whole number of steps of "
              + stepMillis
              + " ms");
    }
    return new Alignment(
        stepMillis, lookbackMillis, startMillis, endMillis, resampling, gaps, naming);
  }

  /**
   * A copy with another resampling rule.
   *
   * @param r the rule
   * @return the new alignment
   */
  public Alignment resampling(Resampling r) {
    return new Alignment(
        stepMillis, lookbackMillis, start, end, Objects.requireNonNull(r), gaps, naming);
  }

  /**
   * A copy with another lookback for {@link Resampling#LAST} (Prometheus uses 5 minutes).
   *
   * @param lookback at least 1 ms
   * @return the new alignment
   */
  public Alignment lookback(Duration lookback) {
    long l = lookback.toMillis();
    if (l <= 0) {
      throw new IllegalArgumentException("lookback must be at least 1 ms, got " + lookback);
    }
    return new Alignment(stepMillis, l, start, end, resampling, gaps, naming);
  }

  /**
   * A copy with another gap policy.
   *
   * @param g the policy
   * @return the new alignment
   */
  public Alignment gaps(GapPolicy g) {
    return new Alignment(
        stepMillis, lookbackMillis, start, end, resampling, Objects.requireNonNull(g), naming);
  }

  /**
   * A copy with another column naming.
   *
   * @param n the naming
   * @return the new alignment
   */
  public Alignment naming(ColumnNaming n) {
    return new Alignment(
        stepMillis, lookbackMillis, start, end, resampling, gaps, Objects.requireNonNull(n));
  }

  /**
   * The step.
   *
   * @return milliseconds
   */
  public long stepMillis() {
    return stepMillis;
  }

  /**
   * The lookback of {@link Resampling#LAST}.
   *
   * @return milliseconds
   */
  public long lookbackMillis() {
    return lookbackMillis;
  }

  /**
   * The resampling rule.
   *
   * @return the rule
   */
  public Resampling resampling() {
    return resampling;
  }

  /**
   * The gap policy.
   *
   * @return the policy
   */
  public GapPolicy gapPolicy() {
    return gaps;
  }

  /**
   * The column naming.
   *
   * @return the naming
   */
  public ColumnNaming columnNaming() {
    return naming;
  }

  Long start() {
    return start;
  }

  Long end() {
    return end;
  }

  /** How the samples inside one grid cell become its value. */
  public enum Resampling {
    /** The last sample in {@code (t - lookback, t]}. */
    LAST,
    /** The mean of the non-NaN samples in {@code (t - step, t]}. */
    MEAN,
    /** The maximum of the non-NaN samples in {@code (t - step, t]}. */
    MAX,
    /** The minimum of the non-NaN samples in {@code (t - step, t]}. */
    MIN
  }

  /** What an empty grid cell becomes. */
  public enum GapPolicy {
    /** NaN: Aura's missing value. */
    MISSING,
    /** An {@link InvalidDataException} naming the series and the grid time. */
    REJECT
  }

  /** How a series becomes a column name. */
  public enum ColumnNaming {
    /** The metric name; two series with the same name are an error. */
    METRIC_NAME,
    /** The metric name followed by its labels, as Prometheus prints them. */
    METRIC_NAME_AND_LABELS
  }
}
