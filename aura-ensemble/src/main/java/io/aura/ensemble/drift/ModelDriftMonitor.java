package io.aura.ensemble.drift;

import io.aura.features.InvalidDataException;

/**
 * Model drift: the F1 score of a classifier's predictions against event labels over consecutive,
 * non-overlapping windows of {@code windowSize} labelled observations, with a retrain signal once
 * the score has stayed below {@code threshold} for {@code patience} windows in a row.
 *
 * <p>Scores (van Rijsbergen 1979, "Information Retrieval", ch. 7): for {@link Averaging#POSITIVE}
 * the F1 of class 1, {@code 2·TP / (2·TP + FP + FN)}; for {@link Averaging#MACRO} the unweighted
 * mean of per-class F1 over the classes that occur in the window's labels or predictions (Sokolova
 * &amp; Lapalme 2009, "A systematic analysis of performance measures for classification tasks"). A
 * window in which the score is undefined (positive class absent from both labels and predictions)
 * scores NaN; it neither extends nor resets the streak of low windows.
 *
 * <p>Missing labels: a negative predicted or actual label means "not known yet"; the pair is
 * ignored for the score and counted ({@link #missingInWindow()}). A label at or above {@code
 * classes} is rejected.
 *
 * <p>Thread safety: not thread-safe (mutable state); confine to one thread or synchronize
 * externally. Allocation: none per {@link #observe}. Complexity: {@link #observe} O(1), plus
 * O(classes) when it closes a window. Memory: a {@code classes × 3} count table.
 */
public final class ModelDriftMonitor {
  /** How per-class F1 scores are combined. */
  public enum Averaging {
    /** F1 of class 1 (binary problems: 1 = anomaly/incident). */
    POSITIVE,
    /** Unweighted mean of per-class F1 over the classes present in the window. */
    MACRO
  }

  private final int classes;
  private final int windowSize;
  private final double threshold;
  private final int patience;
  private final Averaging averaging;

  private final long[] tp;
  private final long[] fp;
  private final long[] fn;
  private int inWindow;
  private int missingInWindow;
  private long windows;
  private double lastScore = Double.NaN;
  private int consecutiveBelow;
  private boolean retrain;

  private ModelDriftMonitor(Builder b) {
    this.classes = b.classes;
    this.windowSize = b.windowSize;
    this.threshold = b.threshold;
    this.patience = b.patience;
    this.averaging = b.averaging;
    this.tp = new long[classes];
    this.fp = new long[classes];
    this.fn = new long[classes];
  }

  /**
   * A builder: binary, positive-class F1, window 500, threshold 0.5, patience 3.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records one prediction and its label.
   *
   * @param predicted the predicted class, or negative if unknown
   * @param actual the true class, or negative if not known yet
   * @return true if this observation closed a window (then {@link #lastScore()} is that window's)
   * @throws InvalidDataException if a label is at or above the number of classes
   */
  public boolean observe(int predicted, int actual) {
    if (predicted >= classes || actual >= classes) {
      throw new InvalidDataException(
          "label out of range: predicted "
              + predicted
              + ", actual "
              + actual
              + "; classes are 0.."
              + (classes - 1)
              + " (negative = unknown)");
    }
    if (predicted < 0 || actual < 0) {
      missingInWindow++;
      return false;
    }
    if (predicted == actual) {
      tp[actual]++;
    } else {
      fp[predicted]++;
      fn[actual]++;
    }
    if (++inWindow < windowSize) {
      return false;
    }
    closeWindow();
    return true;
  }

  private void closeWindow() {
    double score = score(tp, fp, fn, averaging);
    windows++;
    lastScore = score;
    if (!Double.isNaN(score)) {
      if (score < threshold) {
        consecutiveBelow++;
        if (consecutiveBelow >= patience) {
          retrain = true;
        }
      } else {
        consecutiveBelow = 0;
      }
    }
    java.util.Arrays.fill(tp, 0);
    java.util.Arrays.fill(fp, 0);
    java.util.Arrays.fill(fn, 0);
    inWindow = 0;
    missingInWindow = 0;
  }

  /**
   * The F1 score of predictions against labels, as this class defines it.
   *
   * @param predicted predicted classes; negative = unknown (pair ignored)
   * @param actual true classes, same length; negative = unknown (pair ignored)
   * @param classes number of classes, at least 2
   * @param averaging how per-class scores are combined
   * @return the score in [0, 1], or NaN when undefined (no valid pair, or positive class absent)
   * @throws InvalidDataException on a length mismatch or a label out of range
   */
  public static double f1(int[] predicted, int[] actual, int classes, Averaging averaging) {
    if (predicted.length != actual.length) {
      throw new InvalidDataException(
          "predicted has " + predicted.length + " labels, actual has " + actual.length);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be at least 2, got " + classes);
    }
    long[] tp = new long[classes];
    long[] fp = new long[classes];
    long[] fn = new long[classes];
    for (int i = 0; i < predicted.length; i++) {
      int p = predicted[i];
      int a = actual[i];
      if (p >= classes || a >= classes) {
        throw new InvalidDataException(
            "label out of range at index "
                + i
                + ": predicted "
                + p
                + ", actual "
                + a
                + "; classes are 0.."
                + (classes - 1));
      }
      if (p < 0 || a < 0) {
        continue;
      }
      if (p == a) {
        tp[a]++;
      } else {
        fp[p]++;
        fn[a]++;
      }
    }
    return score(tp, fp, fn, averaging);
  }

  private static double score(long[] tp, long[] fp, long[] fn, Averaging averaging) {
    if (averaging == Averaging.POSITIVE) {
      long denom = 2 * tp[1] + fp[1] + fn[1];
      return denom == 0 ? Double.NaN : 2.0 * tp[1] / denom;
    }
    double sum = 0;
    int present = 0;
    for (int c = 0; c < tp.length; c++) {
      long denom = 2 * tp[c] + fp[c] + fn[c];
      if (denom > 0) {
        sum += 2.0 * tp[c] / denom;
        present++;
      }
    }
    return present == 0 ? Double.NaN : sum / present;
  }

  /**
   * @return the score of the last closed window, NaN before the first or if it was undefined
   */
  public double lastScore() {
    return lastScore;
  }

  /**
   * @return how many windows in a row (ignoring undefined ones) scored below the threshold
   */
  public int consecutiveBelow() {
    return consecutiveBelow;
  }

  /**
   * @return whether a retrain is due; stays true until {@link #acknowledgeRetrain()}
   */
  public boolean retrainSignal() {
    return retrain;
  }

  /** Clears the retrain signal and the streak, e.g. after a new model has been deployed. */
  public void acknowledgeRetrain() {
    retrain = false;
    consecutiveBelow = 0;
  }

  /**
   * @return the number of closed windows
   */
  public long windows() {
    return windows;
  }

  /**
   * @return the labelled pairs in the open window
   */
  public int inWindow() {
    return inWindow;
  }

  /**
   * @return the pairs with an unknown label seen since the last window closed
   */
  public int missingInWindow() {
    return missingInWindow;
  }

  @Override
  public String toString() {
    return "ModelDriftMonitor{"
        + averaging
        + " F1, window="
        + windowSize
        + ", threshold="
        + threshold
        + ", patience="
        + patience
        + ", windows="
        + windows
        + ", last="
        + lastScore
        + ", below="
        + consecutiveBelow
        + ", retrain="
        + retrain
        + "}";
  }

  /** Builder of {@link ModelDriftMonitor}. Thread safety: not thread-safe. */
  public static final class Builder {
    private int classes = 2;
    private int windowSize = 500;
    private double threshold = 0.5;
    private int patience = 3;
    private Averaging averaging = Averaging.POSITIVE;

    private Builder() {}

    /**
     * @param classes number of classes, at least 2
     * @return this builder
     */
    public Builder classes(int classes) {
      if (classes < 2) {
        throw new IllegalArgumentException("classes must be at least 2, got " + classes);
      }
      this.classes = classes;
      return this;
    }

    /**
     * @param windowSize labelled observations per window, at least 1
     * @return this builder
     */
    public Builder windowSize(int windowSize) {
      if (windowSize < 1) {
        throw new IllegalArgumentException("windowSize must be at least 1, got " + windowSize);
      }
      this.windowSize = windowSize;
      return this;
    }

    /**
     * @param threshold score below which a window counts as low, in (0, 1]
     * @return this builder
     */
    public Builder threshold(double threshold) {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /**
     * @param patience consecutive low windows that raise the retrain signal, at least 1
     * @return this builder
     */
    public Builder patience(int patience) {
      if (patience < 1) {
        throw new IllegalArgumentException("patience must be at least 1, got " + patience);
      }
      this.patience = patience;
      return this;
    }

    /**
     * @param averaging how per-class F1 scores are combined
     * @return this builder
     */
    public Builder averaging(Averaging averaging) {
      this.averaging = java.util.Objects.requireNonNull(averaging, "averaging");
      return this;
    }

    /**
     * @return a new monitor with empty state
     */
    public ModelDriftMonitor build() {
      return new ModelDriftMonitor(this);
    }
  }
}
