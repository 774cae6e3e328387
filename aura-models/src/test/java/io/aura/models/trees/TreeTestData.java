package io.aura.models.trees;

import java.util.SplittableRandom;

/** Seeded synthetic data sets for the tree tests: mixed continuous/discrete features with NaNs. */
final class TreeTestData {
  final int rows;
  final int cols;
  final float[] flat; // row-major
  final float[] label;
  final int classes;

  private TreeTestData(int rows, int cols, int classes) {
    this.rows = rows;
    this.cols = cols;
    this.classes = classes;
    this.flat = new float[rows * cols];
    this.label = new float[rows];
  }

  /**
   * @param rows number of rows
   * @param classes 2 for binary, K for multi-class
   * @param seed random seed
   * @param nanRate fraction of NaN cells in features 0, 2 and 4
   * @param zeroRate fraction of exact zeros in feature 1
   */
  static TreeTestData generate(int rows, int classes, long seed, double nanRate, double zeroRate) {
    int cols = 6;
    TreeTestData d = new TreeTestData(rows, cols, classes);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < rows; i++) {
      float x0 = (float) r.nextGaussian();
      float x1 = r.nextDouble() < zeroRate ? 0f : (float) (r.nextDouble() * 4 - 2);
      float x2 = (float) Math.floor(r.nextDouble() * 8) / 4f; // discrete, hits thresholds
      float x3 = (float) r.nextGaussian() * 10f;
      float x4 = (float) r.nextDouble();
      float x5 = (float) r.nextInt(10); // category-like
      double score =
          1.2 * x0
              + (x1 > 0.5 ? 1.0 : -0.5)
              + 0.8 * x2
              - 0.05 * x3
              + (x5 == 3 || x5 == 7 ? 1.5 : 0)
              + 0.5 * r.nextGaussian();
      float[] v = {x0, x1, x2, x3, x4, x5};
      for (int c : new int[] {0, 2, 4}) {
        if (r.nextDouble() < nanRate) {
          v[c] = Float.NaN;
        }
      }
      System.arraycopy(v, 0, d.flat, i * cols, cols);
      if (classes == 2) {
        d.label[i] = score > 0.3 ? 1 : 0;
      } else {
        int k = (int) Math.floor((score + 2) / 1.5);
        d.label[i] = Math.max(0, Math.min(classes - 1, k));
      }
    }
    return d;
  }

  float[] row(int i) {
    float[] row = new float[cols];
    System.arraycopy(flat, i * cols, row, 0, cols);
    return row;
  }

  float[][] matrix() {
    float[][] m = new float[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = row(i);
    }
    return m;
  }

  int[] intLabels() {
    int[] y = new int[rows];
    for (int i = 0; i < rows; i++) {
      y[i] = (int) label[i];
    }
    return y;
  }
}
