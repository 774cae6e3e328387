package io.aura.models.multivariate;

import io.aura.models.persist.ModelFileException;

/**
 * Per-column standardization fitted on training rows: {@code (x − mean) / max(std, floor)}, the
 * floor keeping a column that barely moved in training (often a constant 0 on server metrics) from
 * turning a small test departure into an unbounded score.
 *
 * <p>Thread safety: immutable. Allocation: none per row. Complexity: fit O(n · d), apply O(1) per
 * value.
 */
final class ColumnScale {
  final double[] mean;
  final double[] inverseScale;

  ColumnScale(double[] mean, double[] inverseScale) {
    this.mean = mean;
    this.inverseScale = inverseScale;
  }

  static ColumnScale fit(double[][] rows, double floor) {
    int d = rows[0].length;
    int n = rows.length;
    double[] mean = new double[d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] ss = new double[d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        double c = r[j] - mean[j];
        ss[j] += c * c;
      }
    }
    double[] inv = new double[d];
    for (int j = 0; j < d; j++) {
      inv[j] = 1.0 / Math.max(Math.sqrt(ss[j] / n), floor);
    }
    return new ColumnScale(mean, inv);
  }

  static ColumnScale centreOnly(double[][] rows) {
    ColumnScale s = fit(rows, 1);
    java.util.Arrays.fill(s.inverseScale, 1);
    return s;
  }

  double apply(int j, double x) {
    return (x - mean[j]) * inverseScale[j];
  }

  /** Adds this scale's sections ({@code mean}, {@code inverseScale}) to a model file. */
  io.aura.models.persist.ModelFileWriter writeTo(io.aura.models.persist.ModelFileWriter w) {
    return w.putDoubles("mean", mean).putDoubles("inverseScale", inverseScale);
  }

  /** Reads and validates the sections {@link #writeTo} wrote. */
  static ColumnScale read(io.aura.models.persist.ModelFile f) throws ModelFileException {
    return of(f.getDoubles("mean"), f.getDoubles("inverseScale"), f.source());
  }

  private static ColumnScale of(double[] mean, double[] inverseScale, String source) throws ModelFileException {
    if (mean.length != inverseScale.length) {
      throw new ModelFileException(source + ": scale arrays of different lengths");
    }
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j]) || !(inverseScale[j] > 0) || Double.isInfinite(inverseScale[j])) {
        throw new ModelFileException(source + ": invalid scale of column " + j);
      }
    }
    return new ColumnScale(mean, inverseScale);
  }
}
