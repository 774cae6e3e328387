package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

/**
 * ETS parameter space (Hyndman, Koehler, Ord &amp; Snyder 2008, chapter 10; R {@code
 * forecast::ets(bounds = "both")}): the admissibility test agrees with the eigenvalues of the
 * discount matrix computed independently, with the book's closed forms for non-seasonal models;
 * fits never return parameters outside the usual-and-admissible region, although the usual region
 * alone would let them. (The published-reference check on a classic series is in {@link EtsTest}.)
 */
class EtsAdmissibilityTest {
  private static final Ets ANN = new Ets(Ets.Error.ADDITIVE, Ets.Trend.NONE, Ets.Season.NONE);
  private static final Ets AAN = new Ets(Ets.Error.ADDITIVE, Ets.Trend.ADDITIVE, Ets.Season.NONE);
  private static final Ets ADN = new Ets(Ets.Error.ADDITIVE, Ets.Trend.DAMPED, Ets.Season.NONE);
  private static final Ets ANA = new Ets(Ets.Error.ADDITIVE, Ets.Trend.NONE, Ets.Season.ADDITIVE);
  private static final Ets AAA =
      new Ets(Ets.Error.ADDITIVE, Ets.Trend.ADDITIVE, Ets.Season.ADDITIVE);
  private static final Ets ADA = new Ets(Ets.Error.ADDITIVE, Ets.Trend.DAMPED, Ets.Season.ADDITIVE);
  private static final Ets MAM =
      new Ets(Ets.Error.MULTIPLICATIVE, Ets.Trend.ADDITIVE, Ets.Season.MULTIPLICATIVE);

  /**
   * Spectral radius of D = F - g w' (state l, b, s_t..s_{t-m+1}) without the one unit eigenvalue of
   * the redundant seasonal state; built and decomposed here independently of the library.
   */
  private static double radius(Ets type, int m, double a, double b, double g, double phi) {
    boolean trend = type.trend() != Ets.Trend.NONE;
    boolean seasonal = type.season() != Ets.Season.NONE;
    double ph = type.trend() == Ets.Trend.DAMPED ? phi : 1;
    int nt = trend ? 2 : 1;
    int k = nt + (seasonal ? m : 0);
    double[][] f = new double[k][k];
    double[] w = new double[k];
    double[] gv = new double[k];
    f[0][0] = 1;
    w[0] = 1;
    gv[0] = a;
    if (trend) {
      f[0][1] = ph;
      f[1][1] = ph;
      w[1] = ph;
      gv[1] = b;
    }
    if (seasonal) {
      f[nt][k - 1] = 1;
      for (int i = nt + 1; i < k; i++) {
        f[i][i - 1] = 1;
      }
      w[k - 1] = 1;
      gv[nt] = g;
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        f[i][j] -= gv[i] * w[j];
      }
    }
    EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(f));
    double[] re = ed.getRealEigenvalues();
    double[] im = ed.getImagEigenvalues();
    int skip = -1;
    if (seasonal) {
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < re.length; i++) {
        double d = Math.hypot(re[i] - 1, im[i]);
        if (d < best) {
          best = d;
          skip = i;
        }
      }
      assertThat(best).as("unit root of the seasonal redundancy").isLessThan(1e-6);
    }
    double r = 0;
    for (int i = 0; i < re.length; i++) {
      if (i != skip) {
        r = Math.max(r, Math.hypot(re[i], im[i]));
      }
    }
    return r;
  }

  @Test
  void admissibilityAgreesWithEigenvaluesOfTheDiscountMatrix() {
    SplittableRandom rnd = new SplittableRandom(101);
    Ets[] types = {ANN, AAN, ADN, ANA, AAA, ADA};
    int[] periods = {4, 7, 12, 24};
    int yes = 0;
    int no = 0;
    for (int it = 0; it < 3000; it++) {
      Ets type = types[it % types.length];
      int m = periods[rnd.nextInt(periods.length)];
      double a = rnd.nextDouble(0, 2);
      double b = rnd.nextDouble(-0.3, 1.5);
      double g = rnd.nextDouble(0, 1.2);
      double phi = rnd.nextDouble(0.8, 1);
      double r = radius(type, m, a, b, g, phi);
      if (Math.abs(r - 1) < 1e-6) {
        continue; // too close to the boundary to tell numerically
      }
      boolean adm = EtsForecaster.admissible(type, m, a, b, g, phi);
      assertThat(adm)
          .as("%s m=%d alpha=%f beta=%f gamma=%f phi=%f radius=%f", type, m, a, b, g, phi, r)
          .isEqualTo(r < 1);
      if (adm) {
        yes++;
      } else {
        no++;
      }
    }
    assertThat(yes).isGreaterThan(300);
    assertThat(no).isGreaterThan(300);
    // Inside the usual region, yet inadmissible (the example in EtsForecaster's Javadoc).
    assertThat(radius(AAA, 12, 0.37, 0.2, 0.44, 1)).isGreaterThan(1.01);
    assertThat(EtsForecaster.admissible(AAA, 12, 0.37, 0.2, 0.44, 1)).isFalse();
  }

  /**
   * ETS(A,N,N): 0 &lt; alpha &lt; 2; ETS(A,A,N): 0 &lt; alpha &lt; 2, 0 &lt; beta &lt; 4 - 2 alpha
   * (Hyndman et al. 2008, Table 10.1); damped trend: the Jury conditions of its quadratic.
   */
  @Test
  void nonSeasonalRegionsAreTheClosedFormsOfTable101() {
    SplittableRandom rnd = new SplittableRandom(102);
    for (int it = 0; it < 3000; it++) {
      double a = rnd.nextDouble(-0.5, 2.5);
      double b = rnd.nextDouble(-1, 4);
      double phi = rnd.nextDouble(0.5, 1);
      assertThat(EtsForecaster.admissible(ANN, 1, a, 0, 0, 1)).isEqualTo(a > 0 && a < 2);
      boolean holt = a > 0 && a < 2 && b > 0 && b < 4 - 2 * a;
      if (Math.abs(b) > 1e-6 && Math.abs(b - (4 - 2 * a)) > 1e-6) {
        assertThat(EtsForecaster.admissible(AAN, 1, a, b, 0, 1)).isEqualTo(holt);
      }
      // Damped trend with b_t = phi b_{t-1} + beta e_t: Jury's conditions on the quadratic
      // lambda^2 + (alpha + phi beta - 1 - phi) lambda + phi (1 - alpha).
      double lo = a * (phi - 1) / phi;
      double hi = (1 + phi) * (2 - a) / phi;
      boolean damped = a > 1 - 1 / phi && a < 1 + 1 / phi && b > lo && b < hi;
      if (Math.abs(b - lo) > 1e-6 && Math.abs(b - hi) > 1e-6) {
        assertThat(EtsForecaster.admissible(ADN, 1, a, b, 0, phi)).isEqualTo(damped);
      }
    }
  }

  /** Trend plus a seasonal pattern that drifts quickly: pushes beta and gamma up. */
  private static double[] drifting(int n, int m, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] s = new double[m];
    for (int i = 0; i < m; i++) {
      s[i] = 10 * Math.sin(2 * Math.PI * i / m);
    }
    double l = 200;
    double b = r.nextDouble(-1, 1);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      b += r.nextGaussian() * 0.6;
      l += b + r.nextGaussian() * 2;
      s[t % m] += r.nextGaussian() * 4;
      y[t] = l + s[t % m] + r.nextGaussian();
    }
    return y;
  }

  @Test
  void fitsStayInTheUsualAndAdmissibleRegion() {
    int inadmissibleWithoutRestriction = 0;
    for (long seed = 1; seed <= 30; seed++) {
      double[] y = drifting(144, 12, seed);
      for (Ets type : new Ets[] {AAA, ADA, ANA}) {
        EtsModel free = EtsForecaster.fitType(y, type, 12, false);
        if (free != null
            && !EtsForecaster.admissible(
                type, 12, free.alpha(), free.beta(), free.gamma(), free.phi())) {
          inadmissibleWithoutRestriction++;
        }
        EtsModel fit = EtsForecaster.of(type).fit(y, 12);
        assertAdmissibleAndUsual(fit, 12);
      }
      double[] pos = y.clone();
      double min = java.util.Arrays.stream(pos).min().orElseThrow();
      for (int i = 0; i < pos.length; i++) {
        pos[i] += 50 - Math.min(0, min);
      }
      assertAdmissibleAndUsual(EtsForecaster.of(MAM).fit(pos, 12), 12);
      assertAdmissibleAndUsual(EtsForecaster.auto().fit(pos, 12), 12);
    }
    // The usual bounds alone would have let the optimiser leave the admissible region.
    assertThat(inadmissibleWithoutRestriction).isGreaterThan(0);
  }

  private static void assertAdmissibleAndUsual(EtsModel f, int m) {
    Ets type = f.type();
    assertThat(EtsForecaster.admissible(type, m, f.alpha(), f.beta(), f.gamma(), f.phi()))
        .as("%s alpha=%f beta=%f gamma=%f phi=%f", type, f.alpha(), f.beta(), f.gamma(), f.phi())
        .isTrue();
    assertThat(f.alpha()).isGreaterThan(0).isLessThan(1);
    if (type.trend() != Ets.Trend.NONE) {
      assertThat(f.beta()).isGreaterThan(0).isLessThan(f.alpha());
    }
    if (type.season() != Ets.Season.NONE) {
      assertThat(f.gamma()).isGreaterThan(0).isLessThan(1 - f.alpha());
    }
    if (type.trend() == Ets.Trend.DAMPED) {
      assertThat(f.phi()).isBetween(0.8, 0.98);
    }
  }
}
