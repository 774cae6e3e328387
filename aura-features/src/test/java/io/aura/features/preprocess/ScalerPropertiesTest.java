package io.aura.features.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ScalerPropertiesTest {

  @Provide
  Arbitrary<double[][]> matrices() {
    Arbitrary<Double> cell =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.doubles().between(-1e6, 1e6)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(Double.NaN)),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(0.0, 1.0, -3.5)));
    return Combinators.combine(
            Arbitraries.integers().between(1, 20), Arbitraries.integers().between(1, 5))
        .flatAs(
            (rows, cols) ->
                cell.array(double[].class).ofSize(cols).array(double[][].class).ofSize(rows))
        .map(
            m -> {
              // every column needs one valid value
              for (int j = 0; j < m[0].length; j++) {
                if (Double.isNaN(m[0][j])) {
                  m[0][j] = 1.0;
                }
              }
              return m;
            });
  }

  private static void roundTrips(double[][] m, Function<double[][], Scaler> fit) {
    Scaler s = fit.apply(m);
    double[] scales = s.scales();
    double[] centers = s.centers();
    double[] y = new double[s.dimension()];
    double[] back = new double[s.dimension()];
    for (double[] row : m) {
      s.transform(row, y);
      s.inverseTransform(y, back);
      for (int j = 0; j < row.length; j++) {
        assertThat(scales[j]).isPositive().isFinite();
        if (Double.isNaN(row[j])) {
          assertThat(y[j]).isNaN();
          assertThat(back[j]).isNaN();
        } else {
          double tol = 1e-12 * (Math.abs(row[j]) + Math.abs(centers[j]) + scales[j]);
          assertThat(back[j]).isCloseTo(row[j], org.assertj.core.api.Assertions.within(tol));
        }
      }
    }
  }

  @Property(tries = 200)
  void standardInverseUndoesTransform(@ForAll("matrices") double[][] m) {
    roundTrips(m, StandardScaler::fit);
  }

  @Property(tries = 200)
  void robustInverseUndoesTransform(@ForAll("matrices") double[][] m) {
    roundTrips(m, RobustScaler::fit);
  }

  @Property(tries = 200)
  void minMaxInverseUndoesTransformAndStaysInRange(@ForAll("matrices") double[][] m) {
    roundTrips(m, MinMaxScaler::fit);
    roundTrips(m, x -> MinMaxScaler.fit(x, -2, 3));
    MinMaxScaler s = MinMaxScaler.fit(m);
    for (double[] row : s.transform(m)) {
      for (double v : row) {
        if (!Double.isNaN(v)) {
          assertThat(v).isBetween(0.0, 1.0);
        }
      }
    }
  }
}
