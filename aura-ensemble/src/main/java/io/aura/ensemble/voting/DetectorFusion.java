package io.aura.ensemble.voting;

import io.aura.ensemble.calibration.Calibrator;
import io.aura.ensemble.calibration.EmpiricalCdf;
import io.aura.features.InvalidDataException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Fusion of unsupervised anomaly detectors whose raw scores live on different scales (higher =
 * more anomalous). Each detector's score is first normalized into [0, 1] by its own {@link
 * Calibrator}: either rank normalization against the detector's scores on reference data ({@link
 * EmpiricalCdf}, see {@link Builder#rankNormalized}) or any fitted calibrator (e.g. a Platt or
 * isotonic map fitted on labelled incidents). Then (Aggarwal &amp; Sathe 2015, "Theoretical
 * foundations and algorithms for outlier ensembles", SIGKDD Explorations 17, §4 — averaging of
 * normalized scores; Kittler, Hatef, Duin &amp; Matas 1998, "On combining classifiers", IEEE PAMI
 * 20 — voting):
 *
 * <ul>
 *   <li>{@link #score} is the weighted mean of the normalized scores;
 *   <li>{@link #vote} counts each detector as voting "anomaly" when its normalized score is at
 *       least {@code voteThreshold} (default 0.99: above its own 99th reference percentile under
 *       rank normalization) and returns true when the voting weight is <em>more than</em> {@code
 *       quorum} (default 0.5) of the weight of the detectors present — a weighted majority; with
 *       equal weights ({@link Builder#weights} not called) it is the plain majority vote.
 * </ul>
 *
 * <p>Missing scores: a NaN score means the detector has no opinion on this sample; it abstains
 * and the weights of the others are renormalized. With no detector present, {@link #score} is NaN
 * and {@link #vote} is false.
 *
 * <p>Thread safety: immutable (the calibrators must be immutable, as all of Aura's are).
 * Allocation: none per sample. Complexity: O(detectors · cost of a calibrator) per sample, O(log
 * n) per detector for rank normalization.
 */
public final class DetectorFusion {
  private final Calibrator[] normalizers;
  private final double[] weights;
  private final double voteThreshold;
  private final double quorum;

  private DetectorFusion(Builder b) {
    this.normalizers = b.normalizers;
    this.weights = b.weights == null ? uniform(b.normalizers.length) : b.weights;
    this.voteThreshold = b.voteThreshold;
    this.quorum = b.quorum;
  }

  private static double[] uniform(int d) {
    double[] w = new double[d];
    Arrays.fill(w, 1.0 / d);
    return w;
  }

  /** @return a new builder; choose normalizers with {@code rankNormalized} or {@code calibrated} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The weighted mean of the detectors' normalized scores.
   *
   * @param scores one raw score per detector; NaN = abstain
   * @return the fused score in [0, 1] (for normalizers into [0, 1]), NaN if all abstain
   * @throws InvalidDataException if the number of scores is wrong
   */
  public double score(double[] scores) {
    requireLength(scores);
    double sum = 0;
    double used = 0;
    for (int d = 0; d < normalizers.length; d++) {
      double v = normalizers[d].calibrate(scores[d]);
      if (!Double.isNaN(v)) {
        sum += weights[d] * v;
        used += weights[d];
      }
    }
    return used > 0 ? sum / used : Double.NaN;
  }

  /**
   * The weighted vote.
   *
   * @param scores one raw score per detector; NaN = abstain
   * @return whether more than {@code quorum} of the present weight votes "anomaly"
   * @throws InvalidDataException if the number of scores is wrong
   */
  public boolean vote(double[] scores) {
    requireLength(scores);
    double yes = 0;
    double used = 0;
    for (int d = 0; d < normalizers.length; d++) {
      double v = normalizers[d].calibrate(scores[d]);
      if (!Double.isNaN(v)) {
        used += weights[d];
        if (v >= voteThreshold) {
          yes += weights[d];
        }
      }
    }
    return used > 0 && yes > quorum * used;
  }

  /**
   * How many detectors vote "anomaly".
   *
   * @param scores one raw score per detector; NaN = abstain
   * @return the number of detectors whose normalized score reaches the vote threshold
   */
  public int votes(double[] scores) {
    requireLength(scores);
    int yes = 0;
    for (int d = 0; d < normalizers.length; d++) {
      if (normalizers[d].calibrate(scores[d]) >= voteThreshold) {
        yes++;
      }
    }
    return yes;
  }

  /**
   * The normalized score of one detector.
   *
   * @param detector detector index
   * @param score its raw score
   * @return the normalized score
   */
  public double normalized(int detector, double score) {
    return normalizers[detector].calibrate(score);
  }

  private void requireLength(double[] scores) {
    if (scores.length != normalizers.length) {
      throw new InvalidDataException("got " + scores.length + " scores, the fusion has " + normalizers.length + " detectors");
    }
  }

  /** @return the number of detectors */
  public int detectors() {
    return normalizers.length;
  }

  /** @return a copy of the weights, summing to 1 */
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public String toString() {
    return "DetectorFusion{detectors=" + normalizers.length + ", weights=" + Arrays.toString(weights)
        + ", voteThreshold=" + voteThreshold + ", quorum=" + quorum + "}";
  }

  /** Builder of {@link DetectorFusion}. Thread safety: not thread-safe. */
  public static final class Builder {
    private Calibrator[] normalizers;
    private double[] weights;
    private double voteThreshold = 0.99;
    private double quorum = 0.5;

    private Builder() {}

    /**
     * Rank normalization: one {@link EmpiricalCdf} per detector.
     *
     * @param referenceScores {@code detectors × samples}: each detector's scores on reference data
     *     (NaN ignored)
     * @return this builder
     * @throws InvalidDataException if a detector has no valid reference score or an infinite one
     */
    public Builder rankNormalized(double[][] referenceScores) {
      if (referenceScores.length == 0) {
        throw new InvalidDataException("no detectors: the reference score array is empty");
      }
      Calibrator[] c = new Calibrator[referenceScores.length];
      for (int d = 0; d < c.length; d++) {
        try {
          c[d] = EmpiricalCdf.of(referenceScores[d]);
        } catch (InvalidDataException e) {
          throw new InvalidDataException("detector " + d + ": " + e.getMessage(), e);
        }
      }
      this.normalizers = c;
      return this;
    }

    /**
     * Calibration normalization: one fitted calibrator per detector.
     *
     * @param calibrators maps from each detector's raw score into [0, 1]
     * @return this builder
     */
    public Builder calibrated(Calibrator... calibrators) {
      if (calibrators.length == 0) {
        throw new IllegalArgumentException("no calibrators");
      }
      for (int d = 0; d < calibrators.length; d++) {
        Objects.requireNonNull(calibrators[d], "calibrator " + d);
      }
      this.normalizers = calibrators.clone();
      return this;
    }

    /**
     * @param weights one per detector, non-negative, not all 0; normalized to sum to 1
     * @return this builder
     */
    public Builder weights(double... weights) {
      this.weights = WeightedSoftVote.normalized(weights);
      return this;
    }

    /**
     * @param threshold normalized score at or above which a detector votes "anomaly", in (0, 1]
     * @return this builder
     */
    public Builder voteThreshold(double threshold) {
      if (!(threshold > 0 && threshold <= 1)) {
        throw new IllegalArgumentException("voteThreshold must be in (0, 1], got " + threshold);
      }
      this.voteThreshold = threshold;
      return this;
    }

    /**
     * @param quorum fraction of the present weight that must be exceeded, in [0, 1)
     * @return this builder
     */
    public Builder quorum(double quorum) {
      if (!(quorum >= 0 && quorum < 1)) {
        throw new IllegalArgumentException("quorum must be in [0, 1), got " + quorum);
      }
      this.quorum = quorum;
      return this;
    }

    /** @return the fusion */
    public DetectorFusion build() {
      if (normalizers == null) {
        throw new IllegalStateException("choose normalizers with rankNormalized(...) or calibrated(...)");
      }
      if (weights != null && weights.length != normalizers.length) {
        throw new IllegalArgumentException(weights.length + " weights for " + normalizers.length + " detectors");
      }
      return new DetectorFusion(this);
    }
  }
}
