package io.aura.models.detect;

import io.aura.models.persist.ModelFile;
import io.aura.models.persist.ModelFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fitted robust location and scatter (Minimum Covariance Determinant, reweighted), scoring rows
 * by their squared robust Mahalanobis distance {@code (x − μ)ᵀ Σ⁻¹ (x − μ)}. Made by {@link
 * RobustCovarianceTrainer} (FAST-MCD, Rousseeuw &amp; Van Driessen 1999).
 *
 * <p>Score range: [0, ∞); for Gaussian inliers it is approximately χ² with {@code d} degrees of
 * freedom, so the severity cuts are the χ²_d quantiles 0.975 (the usual outlier cutoff), 0.99,
 * 0.999 and 0.9999. Attribution: the distance decomposes as {@code Σ_j (x − μ)_j [Σ⁻¹(x − μ)]_j};
 * each feature's share is its term clipped at 0, normalized (terms can be negative when features
 * are correlated; clipping makes the shares a ranking aid, not an exact decomposition).
 *
 * <p>Thread safety: immutable. Allocation: {@link #score} and {@link #contributions} allocate
 * nothing. Complexity: O(d²) per row.
 */
public final class RobustCovariance implements AnomalyModel {
  /** The model kind written in model files. */
  public static final String KIND = "aura.robust-covariance";

  private static final int FILE_VERSION = 1;

  private final int d;
  private final double[] location;
  private final double[] covariance; // row-major d×d
  private final double[] precision; // row-major d×d
  private final List<String> names;
  private final SeverityScale scale;

  RobustCovariance(
      double[] location,
      double[] covariance,
      double[] precision,
      List<String> names,
      SeverityScale scale) {
    this.d = location.length;
    this.location = location;
    this.covariance = covariance;
    this.precision = precision;
    this.names = List.copyOf(names);
    this.scale = scale;
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
    return scale;
  }

  /**
   * The robust location μ.
   *
   * @return a copy
   */
  public double[] location() {
    return location.clone();
  }

  /**
   * The robust scatter Σ, row-major {@code d × d}.
   *
   * @return a copy
   */
  public double[] covariance() {
    return covariance.clone();
  }

  /**
   * The squared robust Mahalanobis distance.
   *
   * @param row the features, none NaN
   * @return the distance in [0, ∞)
   */
  @Override
  public double score(double[] row) {
    TrainingRows.checkRow(row, d);
    double s = 0;
    for (int i = 0; i < d; i++) {
      double di = row[i] - location[i];
      double t = 0;
      for (int j = 0; j < d; j++) {
        t += precision[i * d + j] * (row[j] - location[j]);
      }
      s += di * t;
    }
    return Math.max(s, 0);
  }

  @Override
  public void contributions(double[] row, double[] out) {
    TrainingRows.checkRow(row, d);
    double total = 0;
    for (int i = 0; i < d; i++) {
      double di = row[i] - location[i];
      double t = 0;
      for (int j = 0; j < d; j++) {
        t += precision[i * d + j] * (row[j] - location[j]);
      }
      out[i] = Math.max(di * t, 0);
      total += out[i];
    }
    if (total > 0) {
      for (int i = 0; i < d; i++) {
        out[i] /= total;
      }
    }
  }

  /**
   * Writes the model atomically to a checksummed model file.
   *
   * @param path the destination
   * @throws IOException if writing fails
   */
  public void save(Path path) throws IOException {
    ModelFileWriter.create(KIND, FILE_VERSION)
        .putStrings("featureNames", names)
        .putDoubles("location", location)
        .putDoubles("covariance", covariance)
        .putDoubles("precision", precision)
        .putDoubles(
            "severity", new double[] {scale.low(), scale.medium(), scale.high(), scale.critical()})
        .writeAtomically(path);
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @param path the file
   * @return the model
   * @throws IOException if the file is unreadable, corrupt or of another kind
   */
  public static RobustCovariance load(Path path) throws IOException {
    ModelFile f = ModelFile.read(path, KIND, FILE_VERSION);
    List<String> names = f.getStrings("featureNames");
    double[] loc = f.getDoubles("location");
    double[] cov = f.getDoubles("covariance");
    double[] prec = f.getDoubles("precision");
    double[] sev = f.getDoubles("severity");
    int d = loc.length;
    if (d < 1
        || names.size() != d
        || cov.length != d * d
        || prec.length != d * d
        || sev.length != 4) {
      throw new IOException(f.source() + ": inconsistent robust-covariance dimensions");
    }
    try {
      return new RobustCovariance(
          loc, cov, prec, names, new SeverityScale(sev[0], sev[1], sev[2], sev[3]));
    } catch (IllegalArgumentException e) {
      throw new IOException(f.source() + ": invalid severity cuts", e);
    }
  }
}
