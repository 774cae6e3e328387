package io.aura.models.multivariate;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.models.detect.AnomalyTrainer;
import io.aura.models.detect.SeverityScale;
import io.aura.models.detect.TrainingRows;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Fits a {@link PcaModel}: per-column standardization ({@code (x − mean) / max(std, floor)}), then
 * the eigen decomposition of the standardized training covariance (Apache Commons Math {@code
 * EigenDecomposition}, a symmetric QR algorithm); the leading components that explain at least
 * {@code varianceFraction} of the total variance span the normal subspace.
 *
 * <p>Training data with anomalies: a few anomalous rows inflate the variance of the directions
 * they move along, so a strong, long anomaly in the train half can enter the normal subspace and
 * be missed later; short ones barely move a covariance of thousands of rows. The severity cuts
 * come from the training scores at contamination 1 %.
 *
 * <p>Thread safety: immutable. Allocation: O(d²) working memory (the covariance is accumulated
 * row by row) plus the training scores, O(n), for the severity cuts. Complexity: O(n · d²) for the
 * covariance plus O(d³) for the decomposition.
 */
public final class PcaTrainer implements AnomalyTrainer<PcaModel> {
  private final double varianceFraction;
  private final double scaleFloor; // NaN = centre only, no scaling

  /**
   * A trainer.
   *
   * @param varianceFraction the fraction of the standardized variance the kept components must
   *     explain, in (0, 1]
   * @param scaleFloor the smallest per-column scale, in the data's units, positive (columns that
   *     barely moved in training are divided by this instead of their tiny standard deviation)
   */
  public PcaTrainer(double varianceFraction, double scaleFloor) {
    if (!(varianceFraction > 0 && varianceFraction <= 1)) {
      throw new IllegalArgumentException("varianceFraction must be in (0, 1], got " + varianceFraction);
    }
    if (!(scaleFloor > 0) || Double.isInfinite(scaleFloor)) {
      throw new IllegalArgumentException("scaleFloor must be positive and finite, got " + scaleFloor);
    }
    this.varianceFraction = varianceFraction;
    this.scaleFloor = scaleFloor;
  }

  /**
   * A trainer that only centres the columns (no per-column scaling): the classic PCA error on
   * data already on a common scale.
   *
   * @param varianceFraction the fraction of the variance the kept components must explain, in (0, 1]
   * @return the trainer
   */
  public static PcaTrainer unscaled(double varianceFraction) {
    PcaTrainer t = new PcaTrainer(varianceFraction, 1);
    return new PcaTrainer(t.varianceFraction, Double.NaN, true);
  }

  private PcaTrainer(double varianceFraction, double scaleFloor, boolean unchecked) {
    this.varianceFraction = varianceFraction;
    this.scaleFloor = scaleFloor;
  }

  @Override
  public PcaModel fit(double[][] rows) {
    int d = TrainingRows.check(rows, "PCA training data");
    return fit(rows, TrainingRows.defaultNames(d));
  }

  @Override
  public PcaModel fit(Frame frame) {
    if (frame.rows() == 0) {
      throw new InvalidDataException("PCA training frame " + frame.labels() + " is empty");
    }
    return fit(frame.toRowMajor(), frame.columnNames());
  }

  /**
   * Fits on a matrix with named columns.
   *
   * @param rows the rows, at least 2, none with NaN
   * @param featureNames one per column
   * @return the model
   * @throws InvalidDataException on empty, ragged or missing data
   */
  public PcaModel fit(double[][] rows, List<String> featureNames) {
    int d = TrainingRows.check(rows, "PCA training data", featureNames);
    if (featureNames.size() != d) {
      throw new IllegalArgumentException(featureNames.size() + " feature names for " + d + " features");
    }
    int n = rows.length;
    if (n < 2) {
      throw new InvalidDataException("PCA training data: at least 2 rows are needed, got " + n);
    }
    ColumnScale scale = Double.isNaN(scaleFloor) ? ColumnScale.centreOnly(rows) : ColumnScale.fit(rows, scaleFloor);
    double[] centre = new double[d]; // the standardized mean is 0 by construction
    double[] z = new double[d];
    double[] cov = new double[d * d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        z[j] = scale.apply(j, r[j]);
      }
      for (int a = 0; a < d; a++) {
        double za = z[a];
        int off = a * d;
        for (int b = a; b < d; b++) {
          cov[off + b] += za * z[b];
        }
      }
    }
    double[][] c = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        c[a][b] = cov[a * d + b] / n;
        c[b][a] = c[a][b];
      }
    }
    RealMatrix m = new Array2DRowRealMatrix(c, false);
    EigenDecomposition eig = new EigenDecomposition(m);
    double[] raw = eig.getRealEigenvalues();
    Integer[] order = new Integer[d];
    for (int j = 0; j < d; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
    double[] values = new double[d];
    for (int j = 0; j < d; j++) {
      values[j] = raw[order[j]];
    }
    double total = 0;
    for (double v : values) {
      total += Math.max(v, 0);
    }
    int k = 0;
    double explained = 0;
    while (k < d && total > 0 && explained < varianceFraction * total) {
      explained += Math.max(values[k], 0);
      k++;
    }
    double[] basis = new double[k * d];
    for (int cIdx = 0; cIdx < k; cIdx++) {
      double[] v = eig.getEigenvector(order[cIdx]).toArray();
      System.arraycopy(v, 0, basis, cIdx * d, d);
    }
    PcaModel provisional = new PcaModel(scale, centre, basis, k, featureNames, new SeverityScale(0, 0, 0, 0));
    double[] scores = provisional.scoreAll(rows);
    return new PcaModel(scale, centre, basis, k, featureNames, SeverityScale.fromContamination(scores, 0.01));
  }
}
