package io.aura.features.selection;

import io.aura.features.FeatureSchema;
import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The immutable outcome of a feature selector ({@link VarianceThreshold}, {@link AnovaFSelector},
 * {@link MutualInformationSelector}): the score of every input feature, the indices of the kept
 * ones in their original order, and projections of rows, matrices and frames onto them.
 *
 * <p>Thread safety: immutable, safe to share. Allocation: {@link #apply(double[], double[])} none;
 * the matrix and frame forms allocate their result. Complexity: O(selected) per row.
 */
public final class FeatureSelection {
  private final FeatureSchema inputSchema;
  private final FeatureSchema selectedSchema;
  private final int[] selected;
  private final double[] scores;
  private final String method;

  private FeatureSelection(FeatureSchema input, int[] selected, double[] scores, String method) {
    this.inputSchema = input;
    this.selected = selected;
    this.scores = scores;
    this.method = method;
    this.selectedSchema = input.select(selected);
  }

  /**
   * A selection from its parts, for example read back from a model file; the selectors build theirs
   * the same way.
   *
   * @param inputSchema the features that were scored
   * @param selectedIndices strictly increasing indices into the input schema, at least one
   * @param scores one score per input feature (NaN where undefined)
   * @param method a short description of how the features were chosen, for reports
   * @return the selection
   * @throws InvalidDataException when the indices are empty, unsorted or out of range, or the
   *     scores have the wrong length
   */
  public static FeatureSelection of(
      FeatureSchema inputSchema, int[] selectedIndices, double[] scores, String method) {
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(method, "method");
    int[] sel = selectedIndices.clone();
    if (sel.length == 0) {
      throw new InvalidDataException("a feature selection must keep at least one feature");
    }
    for (int i = 0; i < sel.length; i++) {
      if (sel[i] < 0 || sel[i] >= inputSchema.size() || (i > 0 && sel[i] <= sel[i - 1])) {
        throw new InvalidDataException(
            "selected indices must be strictly increasing within [0, "
                + inputSchema.size()
                + "), got "
                + Arrays.toString(sel));
      }
    }
    if (scores.length != inputSchema.size()) {
      throw new InvalidDataException(
          "got " + scores.length + " scores for " + inputSchema.size() + " features");
    }
    return new FeatureSelection(inputSchema, sel, scores.clone(), method);
  }

  /**
   * The features that were scored.
   *
   * @return the input schema
   */
  public FeatureSchema inputSchema() {
    return inputSchema;
  }

  /**
   * The kept features, in their original order.
   *
   * @return the schema of {@link #apply} outputs
   */
  public FeatureSchema selectedSchema() {
    return selectedSchema;
  }

  /**
   * The number of kept features.
   *
   * @return the count
   */
  public int size() {
    return selected.length;
  }

  /**
   * Indices of the kept features in the input, increasing.
   *
   * @return a copy
   */
  public int[] selectedIndices() {
    return selected.clone();
  }

  /**
   * Names of the kept features, in their original order.
   *
   * @return an unmodifiable list
   */
  public List<String> selectedNames() {
    return selectedSchema.names();
  }

  /**
   * The score of every input feature (variance, F statistic or mutual information); NaN where the
   * selector documents it as undefined.
   *
   * @return a copy, indexed like the input schema
   */
  public double[] scores() {
    return scores.clone();
  }

  /**
   * The score of one feature.
   *
   * @param name an input feature name
   * @return its score
   * @throws InvalidDataException when the name is unknown
   */
  public double score(String name) {
    return scores[inputSchema.indexOf(name)];
  }

  /**
   * How the features were chosen, for example {@code "ANOVA F top-3"}.
   *
   * @return the description
   */
  public String method() {
    return method;
  }

  /**
   * Copies the kept features of a row into {@code out} without allocating.
   *
   * @param row exactly {@code inputSchema().size()} values
   * @param out at least {@link #size()} long; may be {@code row} itself (the kept values move left)
   * @throws InvalidDataException on a wrong width
   */
  public void apply(double[] row, double[] out) {
    if (row.length != inputSchema.size()) {
      throw new InvalidDataException(
          "row has "
              + row.length
              + " values but the selection was made on "
              + inputSchema.size()
              + " features "
              + inputSchema);
    }
    if (out.length < selected.length) {
      throw new InvalidDataException(
          "output array has "
              + out.length
              + " slots but the selection keeps "
              + selected.length
              + " features");
    }
    // selected[j] >= j and increasing, so in place the reads stay ahead of the writes.
    for (int j = 0; j < selected.length; j++) {
      out[j] = row[selected[j]];
    }
  }

  /**
   * The kept features of every row, as a new matrix.
   *
   * @param rows row-major data, each row {@code inputSchema().size()} long
   * @return a new {@code rows × size()} matrix
   * @throws InvalidDataException naming the first row of the wrong width
   */
  public double[][] apply(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null || rows[r].length != inputSchema.size()) {
        throw new InvalidDataException(
            "row "
                + r
                + " has "
                + (rows[r] == null ? "no" : String.valueOf(rows[r].length))
                + " values but the selection was made on "
                + inputSchema.size()
                + " features");
      }
      out[r] = new double[selected.length];
      apply(rows[r], out[r]);
    }
    return out;
  }

  /**
   * The frame restricted to the kept columns.
   *
   * @param frame a frame whose columns are exactly {@link #inputSchema()}, in order
   * @return a new frame
   * @throws InvalidDataException when the frame's columns differ from the input schema
   */
  public Frame apply(Frame frame) {
    inputSchema.requireSameAs(FeatureSchema.of(frame.columnNames()));
    return frame.select(selectedSchema.names());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureSelection)) {
      return false;
    }
    FeatureSelection s = (FeatureSelection) o;
    return inputSchema.equals(s.inputSchema)
        && Arrays.equals(selected, s.selected)
        && Arrays.equals(scores, s.scores)
        && method.equals(s.method);
  }

  @Override
  public int hashCode() {
    return 31 * inputSchema.hashCode() + Arrays.hashCode(selected);
  }

  @Override
  public String toString() {
    return "FeatureSelection["
        + method
        + ": "
        + selected.length
        + " of "
        + inputSchema.size()
        + " features "
        + selectedSchema
        + "]";
  }
}
