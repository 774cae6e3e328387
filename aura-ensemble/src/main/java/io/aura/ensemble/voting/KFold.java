package io.aura.ensemble.voting;

import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded assignment of {@code n} samples to {@code k} folds for out-of-fold predictions
 * (Wolpert 1992, "Stacked generalization", Neural Networks 5): train each base model on {@link
 * #trainIndices(int)}, predict {@link #testIndices(int)}, then {@link #assemble} the per-fold
 * predictions into one out-of-fold matrix in the original sample order.
 *
 * <p>{@link #shuffled} deals a seeded permutation round-robin, so fold sizes differ by at most one;
 * {@link #stratified} does the same within each class, so every fold has about the same class
 * proportions (Kohavi 1995, "A study of cross-validation and bootstrap for accuracy estimation and
 * model selection", IJCAI). For time-ordered data prefer {@link #contiguous}, which keeps each
 * fold a block of consecutive samples. The same arguments always give the same folds
 * ({@link SplittableRandom}).
 *
 * <p>Thread safety: immutable. Allocation: index arrays on request. Complexity: O(n) to build and
 * per query.
 */
public final class KFold {
  private final int[] foldOf;
  private final int folds;

  private KFold(int[] foldOf, int folds) {
    this.foldOf = foldOf;
    this.folds = folds;
  }

  /**
   * Random folds.
   *
   * @param n samples, at least {@code folds}
   * @param folds number of folds, at least 2
   * @param seed seed of the permutation
   * @return the folds
   */
  public static KFold shuffled(int n, int folds, long seed) {
    requireSizes(n, folds);
    int[] perm = permutation(n, new SplittableRandom(seed));
    int[] foldOf = new int[n];
    for (int r = 0; r < n; r++) {
      foldOf[perm[r]] = r % folds;
    }
    return new KFold(foldOf, folds);
  }

  /**
   * Consecutive blocks: fold {@code f} holds samples {@code [f·n/k, (f+1)·n/k)}.
   *
   * @param n samples, at least {@code folds}
   * @param folds number of folds, at least 2
   * @return the folds
   */
  public static KFold contiguous(int n, int folds) {
    requireSizes(n, folds);
    int[] foldOf = new int[n];
    for (int f = 0; f < folds; f++) {
      int from = (int) ((long) f * n / folds);
      int to = (int) ((long) (f + 1) * n / folds);
      Arrays.fill(foldOf, from, to, f);
    }
    return new KFold(foldOf, folds);
  }

  /**
   * Stratified random folds.
   *
   * @param labels class of each sample, non-negative
   * @param folds number of folds, at least 2, at most the number of samples
   * @param seed seed of the permutation
   * @return the folds
   */
  public static KFold stratified(int[] labels, int folds, long seed) {
    int n = labels.length;
    requireSizes(n, folds);
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0) {
        throw new InvalidDataException("label " + i + " is " + labels[i] + "; labels must be non-negative");
      }
    }
    int[] perm = permutation(n, new SplittableRandom(seed));
    // group by class, random order within a class (stable sort of the permutation by label), then
    // deal round-robin over the whole sequence: each class is spread evenly and fold sizes differ
    // by at most one
    Integer[] order = new Integer[n];
    for (int r = 0; r < n; r++) {
      order[r] = perm[r];
    }
    Arrays.sort(order, (p, q) -> Integer.compare(labels[p], labels[q]));
    int[] foldOf = new int[n];
    for (int r = 0; r < n; r++) {
      foldOf[order[r]] = r % folds;
    }
    return new KFold(foldOf, folds);
  }

  private static int[] permutation(int n, SplittableRandom rnd) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static void requireSizes(int n, int folds) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + folds);
    }
    if (n < folds) {
      throw new InvalidDataException("cannot split " + n + " samples into " + folds + " folds");
    }
  }

  /** @return the number of folds */
  public int folds() {
    return folds;
  }

  /** @return the number of samples */
  public int size() {
    return foldOf.length;
  }

  /**
   * @param sample sample index
   * @return the fold in which the sample is held out
   */
  public int foldOf(int sample) {
    return foldOf[sample];
  }

  /**
   * @param fold fold index
   * @return the held-out samples of the fold, ascending
   */
  public int[] testIndices(int fold) {
    return indices(fold, true);
  }

  /**
   * @param fold fold index
   * @return the samples to train on for the fold, ascending
   */
  public int[] trainIndices(int fold) {
    return indices(fold, false);
  }

  private int[] indices(int fold, boolean in) {
    if (fold < 0 || fold >= folds) {
      throw new IndexOutOfBoundsException("fold " + fold + " of " + folds);
    }
    int count = 0;
    for (int f : foldOf) {
      if ((f == fold) == in) {
        count++;
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int i = 0; i < foldOf.length; i++) {
      if ((foldOf[i] == fold) == in) {
        out[k++] = i;
      }
    }
    return out;
  }

  /**
   * Puts per-fold predictions back into sample order.
   *
   * @param perFold {@code perFold[f]} holds one row per sample of {@link #testIndices(int)
   *     testIndices(f)}, in that order
   * @return {@code size() × columns}: every sample's out-of-fold row (rows are copied)
   * @throws InvalidDataException if a fold is missing or has the wrong number of rows, or the rows
   *     differ in width
   */
  public double[][] assemble(double[][][] perFold) {
    if (perFold.length != folds) {
      throw new InvalidDataException("got predictions for " + perFold.length + " folds, expected " + folds);
    }
    double[][] out = new double[foldOf.length][];
    int width = -1;
    for (int f = 0; f < folds; f++) {
      int[] test = testIndices(f);
      if (perFold[f] == null || perFold[f].length != test.length) {
        throw new InvalidDataException("fold " + f + " has " + (perFold[f] == null ? "no" : perFold[f].length)
            + " rows of predictions, it holds out " + test.length + " samples");
      }
      for (int r = 0; r < test.length; r++) {
        double[] row = perFold[f][r];
        if (width < 0) {
          width = row.length;
        }
        if (row.length != width) {
          throw new InvalidDataException("fold " + f + " row " + r + " has " + row.length + " values, expected " + width);
        }
        out[test[r]] = row.clone();
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "KFold{n=" + foldOf.length + ", folds=" + folds + "}";
  }
}
