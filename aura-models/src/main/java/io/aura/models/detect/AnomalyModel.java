package io.aura.models.detect;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.Contribution;
import io.aura.features.anomaly.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fitted, immutable anomaly model: it scores a row of features (higher is more anomalous) and
 * explains a score by per-feature contributions.
 *
 * <p>Implementations document their score range (Isolation Forest: (0, 1]; robust covariance:
 * squared Mahalanobis distance in [0, ∞)). Models come from an {@link AnomalyTrainer}; the trainer
 * holds the hyper-parameters, the model only the fitted state (as in Tribuo).
 *
 * <p>Thread safety: implementations are immutable and safe to share between threads. Allocation:
 * {@link #score(double[])} must not allocate; {@link #detect} allocates its result. Complexity is
 * documented by each implementation.
 */
public interface AnomalyModel {

  /**
   * The number of features a row must have.
   *
   * @return the feature count
   */
  int featureCount();

  /**
   * The feature names, in column order ({@code f0, f1, ...} when fitted on a bare matrix).
   *
   * @return an unmodifiable list
   */
  List<String> featureNames();

  /**
   * The anomaly score of one row. Does not allocate.
   *
   * @param row the features, {@link #featureCount()} of them, none NaN
   * @return the score, higher is more anomalous
   * @throws InvalidDataException if the row has the wrong length or holds NaN
   */
  double score(double[] row);

  /**
   * The severity cuts calibrated when the model was fitted.
   *
   * @return the scale
   */
  SeverityScale severityScale();

  /**
   * Each feature's share of the row's score, written into {@code out} (length {@link
   * #featureCount()}); the shares sum to 1, or are all 0 when nothing can be attributed.
   *
   * @param row the features
   * @param out receives the shares
   */
  void contributions(double[] row, double[] out);

  /**
   * Scores many rows.
   *
   * @param rows the rows
   * @return one score per row
   */
  default double[] scoreAll(double[][] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = score(rows[i]);
    }
    return out;
  }

  /**
   * Scores every row of a frame; the frame's columns must be the model's features, in order.
   *
   * @param frame the frame
   * @return one score per row
   * @throws InvalidDataException if the frame's columns differ from the model's features
   */
  default double[] scoreAll(Frame frame) {
    if (!frame.columnNames().equals(featureNames())) {
      throw new InvalidDataException(
          "frame columns "
              + frame.columnNames()
              + " differ from the model's features "
              + featureNames());
    }
    double[] row = new double[featureCount()];
    double[] out = new double[frame.rows()];
    for (int i = 0; i < out.length; i++) {
      frame.row(i, row);
      out[i] = score(row);
    }
    return out;
  }

  /**
   * Scores a row, grades it and names its {@code topK} most contributing features.
   *
   * @param row the features
   * @param topK how many contributions to return, at least 0
   * @return the detection
   */
  default Detection detect(double[] row, int topK) {
    double s = score(row);
    double[] w = new double[featureCount()];
    contributions(row, w);
    Integer[] order = new Integer[w.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(w[b], w[a]));
    List<String> names = featureNames();
    List<Contribution> top = new ArrayList<>();
    for (int k = 0; k < Math.min(topK, order.length); k++) {
      int j = order[k];
      top.add(new Contribution(names.get(j), j, w[j]));
    }
    return new Detection(s, severityScale().severity(s), top);
  }
}
