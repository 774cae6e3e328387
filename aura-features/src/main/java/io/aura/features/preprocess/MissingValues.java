package io.aura.features.preprocess;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An explicit rule for the missing (NaN) cells of a {@link Frame}: forward fill, linear
 * interpolation in time, or dropping rows. Nothing is filled by default and nothing happens
 * silently: {@link #apply} returns a {@link Result} with the new frame and, per column, how many
 * cells were missing, how many were filled and how many are still missing, plus the rows dropped.
 *
 * <ul>
 *   <li>{@link Policy#FORWARD_FILL}: a NaN takes the last non-NaN value above it in its column.
 *       Leading NaNs (before the first valid value) stay NaN: nothing is invented backwards. With
 *       {@link #forwardFill(int) a limit} of {@code g} rows, only the first {@code g} NaNs after a
 *       valid value are filled and the rest of a longer run stays NaN (the {@code limit} of pandas'
 *       {@code DataFrame.ffill}).
 *   <li>{@link Policy#LINEAR_INTERPOLATION}: a NaN between two valid values of its column, at rows
 *       {@code i < r < j}, becomes {@code v[i] + (v[j] - v[i]) (t[r] - t[i]) / (t[j] - t[i])},
 *       linear in the timestamps (so uneven spacing is honoured). NaNs before the first or after
 *       the last valid value stay NaN: nothing is extrapolated. An infinite neighbour is an {@link
 *       InvalidDataException}, since the line through it is undefined.
 *   <li>{@link Policy#DROP_ROWS}: rows holding a NaN in any chosen column are removed; {@link
 *       Result#keptRows()} says which original rows remain, to drop the matching labels too.
 * </ul>
 *
 * <p>The rule applies to every column, or only to those named with {@link #onColumns}; the other
 * columns are copied unchanged (with {@code DROP_ROWS}, they lose the dropped rows like every
 * column). Infinite values are values, not missing: forward fill copies them.
 *
 * <p>Thread safety: immutable; {@link #apply} may run concurrently. Allocation: a new frame and the
 * report. Complexity: O(rows × columns).
 */
public final class MissingValues {

  /** What to do with a NaN cell. Thread safety: immutable constants. */
  public enum Policy {
    /** Carry the last valid value forward; leading NaNs stay NaN. */
    FORWARD_FILL,
    /** Interpolate linearly in time between two valid neighbours; edges stay NaN. */
    LINEAR_INTERPOLATION,
    /** Remove every row that holds a NaN in a chosen column. */
    DROP_ROWS
  }

  private final Policy policy;
  private final int maxGapRows;
  private final List<String> columns; // null: every column

  private MissingValues(Policy policy, int maxGapRows, List<String> columns) {
    this.policy = policy;
    this.maxGapRows = maxGapRows;
    this.columns = columns;
  }

  /**
   * Forward fill without a limit.
   *
   * @return the rule
   */
  public static MissingValues forwardFill() {
    return new MissingValues(Policy.FORWARD_FILL, Integer.MAX_VALUE, null);
  }

  /**
   * Forward fill of at most {@code maxGapRows} consecutive NaNs after a valid value; later NaNs of
   * the same run stay NaN.
   *
   * @param maxGapRows the limit, at least 1
   * @return the rule
   * @throws IllegalArgumentException when the limit is below 1
   */
  public static MissingValues forwardFill(int maxGapRows) {
    if (maxGapRows < 1) {
      throw new IllegalArgumentException(
          "forward-fill limit must be at least 1 row, got " + maxGapRows);
    }
    return new MissingValues(Policy.FORWARD_FILL, maxGapRows, null);
  }

  /**
   * Linear interpolation in time between valid neighbours.
   *
   * @return the rule
   */
  public static MissingValues linearInterpolation() {
    return new MissingValues(Policy.LINEAR_INTERPOLATION, Integer.MAX_VALUE, null);
  }

  /**
   * Dropping rows with a NaN.
   *
   * @return the rule
   */
  public static MissingValues dropRows() {
    return new MissingValues(Policy.DROP_ROWS, Integer.MAX_VALUE, null);
  }

  /**
   * The same rule restricted to some columns; the others are left as they are.
   *
   * @param names column names, at least one, no repeats
   * @return a new rule
   * @throws IllegalArgumentException when empty or a name repeats
   */
  public MissingValues onColumns(String... names) {
    return onColumns(Arrays.asList(names));
  }

  /**
   * The same rule restricted to some columns; the others are left as they are.
   *
   * @param names column names, at least one, no repeats
   * @return a new rule
   * @throws IllegalArgumentException when empty or a name repeats
   */
  public MissingValues onColumns(List<String> names) {
    Objects.requireNonNull(names, "names");
    if (names.isEmpty()) {
      throw new IllegalArgumentException("onColumns needs at least one column name");
    }
    LinkedHashSet<String> set = new LinkedHashSet<>();
    for (String n : names) {
      if (!set.add(Objects.requireNonNull(n, "column name"))) {
        throw new IllegalArgumentException("column '" + n + "' is named twice");
      }
    }
    return new MissingValues(
        policy, maxGapRows, Collections.unmodifiableList(new ArrayList<>(set)));
  }

  /**
   * The policy.
   *
   * @return the policy
   */
  public Policy policy() {
    return policy;
  }

  /**
   * The forward-fill limit in rows.
   *
   * @return the limit, {@link Integer#MAX_VALUE} when unlimited or not forward fill
   */
  public int maxGapRows() {
    return maxGapRows;
  }

  /**
   * The chosen columns.
   *
   * @return the names, or an empty list for every column
   */
  public List<String> columns() {
    return columns == null ? List.of() : columns;
  }

  /**
   * Applies the rule.
   *
   * @param frame the input frame
   * @return the new frame and the report
   * @throws InvalidDataException when a chosen column does not exist, or an interpolation neighbour
   *     is infinite
   */
  public Result apply(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    List<String> chosen = columns == null ? frame.columnNames() : columns;
    int[] chosenIdx = new int[chosen.size()];
    for (int k = 0; k < chosenIdx.length; k++) {
      chosenIdx[k] = frame.columnIndex(chosen.get(k));
    }
    int rows = frame.rows();
    long[] ts = frame.timestamps();
    int[] before = new int[chosenIdx.length];
    int[] filled = new int[chosenIdx.length];
    int[] after = new int[chosenIdx.length];
    double[][] cols = new double[frame.columnCount()][];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = frame.column(c);
    }
    int[] kept;
    if (policy == Policy.DROP_ROWS) {
      boolean[] drop = new boolean[rows];
      for (int k = 0; k < chosenIdx.length; k++) {
        double[] col = cols[chosenIdx[k]];
        for (int r = 0; r < rows; r++) {
          if (Double.isNaN(col[r])) {
            before[k]++;
            drop[r] = true;
          }
        }
      }
      int n = 0;
      kept = new int[rows];
      for (int r = 0; r < rows; r++) {
        if (!drop[r]) {
          kept[n++] = r;
        }
      }
      kept = Arrays.copyOf(kept, n);
      long[] newTs = new long[n];
      for (int i = 0; i < n; i++) {
        newTs[i] = ts[kept[i]];
      }
      ts = newTs;
      for (int c = 0; c < cols.length; c++) {
        double[] nc = new double[n];
        for (int i = 0; i < n; i++) {
          nc[i] = cols[c][kept[i]];
        }
        cols[c] = nc;
      }
    } else {
      kept = new int[rows];
      for (int r = 0; r < rows; r++) {
        kept[r] = r;
      }
      for (int k = 0; k < chosenIdx.length; k++) {
        double[] col = cols[chosenIdx[k]];
        for (double x : col) {
          if (Double.isNaN(x)) {
            before[k]++;
          }
        }
        if (before[k] == 0) {
          continue;
        }
        filled[k] =
            policy == Policy.FORWARD_FILL
                ? forwardFill(col, maxGapRows)
                : interpolate(col, ts, frame, chosen.get(k));
        after[k] = before[k] - filled[k];
      }
    }
    LinkedHashMap<String, double[]> out = new LinkedHashMap<>();
    for (int c = 0; c < cols.length; c++) {
      out.put(frame.columnNames().get(c), cols[c]);
    }
    Frame result = Frame.of(frame.labels(), ts, out);
    return new Result(result, policy, chosen, before, filled, after, rows - kept.length, kept);
  }

  private static int forwardFill(double[] col, int limit) {
    int filled = 0;
    double last = Double.NaN;
    int sinceValid = 0;
    for (int r = 0; r < col.length; r++) {
      if (!Double.isNaN(col[r])) {
        last = col[r];
        sinceValid = 0;
      } else if (!Double.isNaN(last)) {
        sinceValid++;
        if (sinceValid <= limit) {
          col[r] = last;
          filled++;
        }
      }
    }
    return filled;
  }

  private static int interpolate(double[] col, long[] ts, Frame frame, String name) {
    int filled = 0;
    int prev = -1; // last valid row
    for (int r = 0; r < col.length; r++) {
      if (Double.isNaN(col[r])) {
        continue;
      }
      if (prev >= 0 && r - prev > 1) {
        double a = col[prev];
        double b = col[r];
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
          int bad = Double.isInfinite(a) ? prev : r;
          throw new InvalidDataException(
              "cannot interpolate column '"
                  + name
                  + "' of frame "
                  + frame.labels()
                  + ": neighbour at row "
                  + bad
                  + " (timestamp "
                  + ts[bad]
                  + ") is "
                  + col[bad]);
        }
        double span = (double) (ts[r] - ts[prev]);
        for (int i = prev + 1; i < r; i++) {
          col[i] = a + (b - a) * ((double) (ts[i] - ts[prev]) / span);
          filled++;
        }
      }
      prev = r;
    }
    return filled;
  }

  @Override
  public String toString() {
    return "MissingValues["
        + policy
        + (policy == Policy.FORWARD_FILL && maxGapRows != Integer.MAX_VALUE
            ? " limit " + maxGapRows + " rows"
            : "")
        + (columns == null ? ", all columns" : ", columns " + columns)
        + "]";
  }

  /**
   * What {@link MissingValues#apply} did: the new frame and per-column counts for the chosen
   * columns.
   *
   * <p>Thread safety: immutable. Memory: O(columns + kept rows). Complexity: accessors O(1), except
   * {@link #keptRows()} (a copy, O(rows)) and {@link #totalFilled()} (O(columns)).
   */
  public static final class Result {
    private final Frame frame;
    private final Policy policy;
    private final Map<String, Integer> missingBefore;
    private final Map<String, Integer> filled;
    private final Map<String, Integer> missingAfter;
    private final int rowsDropped;
    private final int[] keptRows;

    Result(
        Frame frame,
        Policy policy,
        List<String> names,
        int[] before,
        int[] filled,
        int[] after,
        int rowsDropped,
        int[] keptRows) {
      this.frame = frame;
      this.policy = policy;
      this.missingBefore = map(names, before);
      this.filled = map(names, filled);
      this.missingAfter = map(names, after);
      this.rowsDropped = rowsDropped;
      this.keptRows = keptRows;
    }

    private static Map<String, Integer> map(List<String> names, int[] v) {
      LinkedHashMap<String, Integer> m = new LinkedHashMap<>();
      for (int k = 0; k < v.length; k++) {
        m.put(names.get(k), v[k]);
      }
      return Collections.unmodifiableMap(m);
    }

    /**
     * The new frame.
     *
     * @return the frame
     */
    public Frame frame() {
      return frame;
    }

    /**
     * The policy applied.
     *
     * @return the policy
     */
    public Policy policy() {
      return policy;
    }

    /**
     * NaN cells per chosen column in the input.
     *
     * @return column name to count, in column order
     */
    public Map<String, Integer> missingBefore() {
      return missingBefore;
    }

    /**
     * Cells filled per chosen column (always 0 for {@link Policy#DROP_ROWS}).
     *
     * @return column name to count, in column order
     */
    public Map<String, Integer> filled() {
      return filled;
    }

    /**
     * NaN cells per chosen column still in the output: leading NaNs, runs beyond the forward-fill
     * limit, edges that interpolation cannot reach; always 0 for {@link Policy#DROP_ROWS}.
     *
     * @return column name to count, in column order
     */
    public Map<String, Integer> missingAfter() {
      return missingAfter;
    }

    /**
     * The total number of filled cells.
     *
     * @return the sum of {@link #filled()}
     */
    public int totalFilled() {
      int s = 0;
      for (int v : filled.values()) {
        s += v;
      }
      return s;
    }

    /**
     * The number of rows removed (0 unless {@link Policy#DROP_ROWS}).
     *
     * @return the count
     */
    public int rowsDropped() {
      return rowsDropped;
    }

    /**
     * The original indices of the rows in {@link #frame()}, increasing.
     *
     * @return a copy
     */
    public int[] keptRows() {
      return keptRows.clone();
    }

    @Override
    public String toString() {
      return "MissingValues.Result["
          + policy
          + ", missing before "
          + missingBefore
          + ", filled "
          + filled
          + ", missing after "
          + missingAfter
          + ", rows dropped "
          + rowsDropped
          + "]";
    }
  }
}
