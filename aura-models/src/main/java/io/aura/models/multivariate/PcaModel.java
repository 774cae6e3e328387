package io.aura.models.multivariate;

import io.aura.models.detect.AnomalyModel;
import io.aura.models.detect.SeverityScale;
import io.aura.models.detect.TrainingRows;
import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Subspace (PCA) reconstruction error: a row is standardized per column, centred, projected onto
 * the principal subspace fitted on training rows, and scored by the squared norm of what the
 * subspace does not explain, {@code ‖z − V Vᵀ z‖² = ‖z‖² − ‖Vᵀ z‖²} (the Q statistic of Jackson
 * &amp; Mudholkar 1979, "Control procedures for residuals associated with principal component
 * analysis", Technometrics 21(3); used for network anomalies by Lakhina, Crovella &amp; Diot 2004).
 * Made by {@link PcaTrainer}.
 *
 * <p>Score range: [0, ∞). Attribution ({@link #contributions}): each column's squared residual,
 * normalized to sum 1 — the per-metric residuals.
 *
 * <p>Thread safety: immutable. Allocation: {@link #score} none; {@link #contributions} one array
 * of the component count. Complexity: O(d · k) per row for {@code d} columns and {@code k}
 * components.
 */
public final class PcaModel implements AnomalyModel {
  /** The model kind written in model files. */
  public static final String KIND = "aura.pca-residual";

  private static final int FILE_VERSION = 1;

  private final int d;
  private final int k;
  private final ColumnScale scale;
  private final double[] centre; // of the standardized training rows
  private final double[] basis; // row-major k × d, orthonormal rows
  private final List<String> names;
  private final SeverityScale severity;

  PcaModel(ColumnScale scale, double[] centre, double[] basis, int k, List<String> names, SeverityScale severity) {
    this.d = centre.length;
    this.k = k;
    this.scale = scale;
    this.centre = centre;
    this.basis = basis;
    this.names = List.copyOf(names);
    this.severity = severity;
  }

  @Override
  public int featureCount() {
    return d;
  }

  @Override
  public List<String> featureNames() {
    return names;
  }

  @Override
  public SeverityScale severityScale() {
    return severity;
  }

  /**
   * The number of principal components kept.
   *
   * @return at least 0, at most the feature count
   */
  public int components() {
    return k;
  }

  /**
   * The squared reconstruction error of the standardized row.
   *
   * @param row the features, none NaN
   * @return the score in [0, ∞)
   */
  @Override
  public double score(double[] row) {
    TrainingRows.checkRow(row, d);
    double norm = 0;
    for (int j = 0; j < d; j++) {
      double z = scale.apply(j, row[j]) - centre[j];
      norm += z * z;
    }
    double explained = 0;
    for (int c = 0; c < k; c++) {
      int off = c * d;
      double p = 0;
      for (int j = 0; j < d; j++) {
        p += basis[off + j] * (scale.apply(j, row[j]) - centre[j]);
      }
      explained += p * p;
    }
    return Math.max(norm - explained, 0);
  }

  @Override
  public void contributions(double[] row, double[] out) {
    TrainingRows.checkRow(row, d);
    double[] p = new double[k];
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += basis[c * d + j] * (scale.apply(j, row[j]) - centre[j]);
      }
      p[c] = s;
    }
    double total = 0;
    for (int j = 0; j < d; j++) {
      double r = scale.apply(j, row[j]) - centre[j];
      for (int c = 0; c < k; c++) {
        r -= basis[c * d + j] * p[c];
      }
      out[j] = r * r;
      total += out[j];
    }
    for (int j = 0; j < d; j++) {
      out[j] = total > 0 ? out[j] / total : 0;
    }
  }

  /**
   * Writes the model atomically to a checksummed model file.
   *
   * @param path the destination
   * @throws IOException if writing fails
   */
  public void save(Path path) throws IOException {
    scale.writeTo(ModelFileWriter.create(KIND, FILE_VERSION).putStrings("featureNames", names))
        .putDoubles("centre", centre)
        .putInt("components", k)
        .putDoubles("basis", basis)
        .putDoubles("severity", Severities.cuts(severity))
        .writeAtomically(path);
  }

  /**
   * Reads a model written by {@link #save}; it scores bit-identically.
   *
   * @param path the file
   * @return the model
   * @throws IOException if the file is unreadable, corrupt, of another kind or inconsistent
   */
  public static PcaModel load(Path path) throws IOException {
    ModelFile f = ModelFile.read(path, KIND, FILE_VERSION);
    List<String> names = f.getStrings("featureNames");
    ColumnScale scale = ColumnScale.read(f);
    double[] centre = f.getDoubles("centre");
    int k = f.getInt("components");
    double[] basis = f.getDoubles("basis");
    int d = centre.length;
    if (d < 1 || names.size() != d || scale.mean.length != d || k < 0 || k > d || basis.length != k * d) {
      throw new IOException(f.source() + ": inconsistent PCA dimensions");
    }
    return new PcaModel(scale, centre, basis, k, names, Severities.of(f.getDoubles("severity"), f.source()));
  }
}
