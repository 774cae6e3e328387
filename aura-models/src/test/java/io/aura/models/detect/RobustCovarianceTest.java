package io.aura.models.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aura.features.InvalidDataException;
import io.aura.features.anomaly.Detection;
import io.aura.features.anomaly.Severity;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustCovarianceTest {

  /** n inliers from N(0, [[1, .8],[.8, 1]]) then k outliers around (6, 0). */
  static double[][] contaminated(int n, int k, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n + k][];
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      x[i] = new double[] {a, 0.8 * a + 0.6 * b};
    }
    for (int i = n; i < n + k; i++) {
      x[i] = new double[] {6 + 0.3 * r.nextGaussian(), 0.3 * r.nextGaussian()};
    }
    return x;
  }

  @Test
  void resistsTwentyPercentContamination() {
    double[][] x = contaminated(400, 100, 1);
    RobustCovariance m = new RobustCovarianceTrainer(7).fit(x);
    double[] mu = m.location();
    double[] cov = m.covariance();
    assertThat(mu[0]).isCloseTo(0, within(0.2));
    assertThat(mu[1]).isCloseTo(0, within(0.2));
    assertThat(cov[0]).isCloseTo(1, within(0.3));
    assertThat(cov[3]).isCloseTo(1, within(0.3));
    assertThat(cov[1]).isCloseTo(0.8, within(0.25));
    assertThat(cov[1]).isEqualTo(cov[2]);
    int flaggedOutliers = 0;
    int flaggedInliers = 0;
    for (int i = 0; i < x.length; i++) {
      boolean flagged = m.detect(x[i], 0).isAnomaly();
      if (i >= 400 && flagged) {
        flaggedOutliers++;
      } else if (i < 400 && flagged) {
        flaggedInliers++;
      }
    }
    assertThat(flaggedOutliers).isEqualTo(100);
    assertThat(flaggedInliers).isLessThan(30); // χ²(0.975) cut: about 2.5 % of 400
    // The classical mean is dragged towards the outliers; the robust one is not.
    double classical = 0;
    for (double[] row : x) {
      classical += row[0];
    }
    assertThat(classical / x.length).isGreaterThan(1.0);
  }

  @Test
  void catchesAJointAnomalyWhoseCoordinatesAreEachNormal() {
    RobustCovariance m = new RobustCovarianceTrainer(3).fit(contaminated(500, 0, 2));
    double[] odd = {1.5, -1.5}; // against the +0.8 correlation
    assertThat(m.score(odd)).isGreaterThan(m.severityScale().critical());
    assertThat(m.score(new double[] {1.5, 1.2})).isLessThan(m.severityScale().low());
    Detection det = m.detect(odd, 2);
    assertThat(det.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(det.topFeatures().get(0).weight() + det.topFeatures().get(1).weight())
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void deterministicAndPersistent(@TempDir Path dir) throws Exception {
    double[][] x = contaminated(300, 30, 3);
    RobustCovariance a = new RobustCovarianceTrainer(11).fit(x);
    RobustCovariance b = new RobustCovarianceTrainer(11).fit(x);
    assertThat(a.scoreAll(x)).containsExactly(b.scoreAll(x));
    Path f = dir.resolve("mcd.aura");
    a.save(f);
    RobustCovariance c = RobustCovariance.load(f);
    assertThat(c.scoreAll(x)).containsExactly(a.scoreAll(x));
    assertThat(c.severityScale()).isEqualTo(a.severityScale());
  }

  @Test
  void rejectsSingularAndBadData() {
    double[][] flat = new double[50][];
    for (int i = 0; i < flat.length; i++) {
      flat[i] = new double[] {i, 3.0};
    }
    assertThatThrownBy(() -> new RobustCovarianceTrainer(1).fit(flat))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("hyperplane");
    assertThatThrownBy(() -> new RobustCovarianceTrainer(1).fit(new double[][] {{1, 2}, {3, 4}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("rows");
    assertThatThrownBy(() -> new RobustCovarianceTrainer(1).fit(new double[][] {{1, Double.NaN}}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void rollingDetectorIsCausalAndFlagsTheOutlier() {
    double[][] x = contaminated(600, 0, 4);
    x[500] = new double[] {2, -2};
    RollingRobustCovarianceDetector d =
        new RollingRobustCovarianceDetector(
            2, 200, 50, 100, new RobustCovarianceTrainer(0.75, 20, 5));
    double[] s = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      s[i] = d.update(x[i]);
    }
    assertThat(s[50]).isNaN();
    assertThat(s[150]).isFinite();
    assertThat(s[500]).isGreaterThan(20);
    assertThat(d.update(new double[] {1, Double.NaN})).isNaN();
    // Causality: changing the future leaves the past untouched.
    RollingRobustCovarianceDetector e =
        new RollingRobustCovarianceDetector(
            2, 200, 50, 100, new RobustCovarianceTrainer(0.75, 20, 5));
    for (int i = 0; i < 400; i++) {
      assertThat(Double.doubleToLongBits(e.update(x[i]))).isEqualTo(Double.doubleToLongBits(s[i]));
    }
  }
}
