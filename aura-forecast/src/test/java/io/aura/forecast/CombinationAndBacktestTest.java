package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.aura.features.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinationAndBacktestTest {
  private static Forecaster constant(String name, double v) {
    return new Forecaster() {
      @Override
      public ForecastModel fit(double[] y, int period) {
        double[] c = new double[y.length];
        java.util.Arrays.fill(c, v);
        return NaiveForecaster.naive().fit(c, 1);
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  @Test
  void medianAndMeanCombineStepwise() {
    double[] y = Series.whiteNoise(30, 0, 1, 51);
    List<Forecaster> three = List.of(constant("a", 1), constant("b", 2), constant("c", 9));
    assertThat(Combination.median(three).fit(y, 1).forecast(3).mean()).containsExactly(2, 2, 2);
    assertThat(Combination.mean(three).fit(y, 1).forecast(2).mean()).containsExactly(4, 4);
    assertThat(Combination.mean(three).name()).isEqualTo("mean(a,b,c)");
  }

  @Test
  void backtestOfSeasonalNaiveOnAPurelyPeriodicSeriesIsExact() {
    double[] y = new double[120];
    for (int i = 0; i < y.length; i++) {
      y[i] = 10 + (i % 12);
    }
    Backtest.Summary s =
        Backtest.rollingOrigin(NaiveForecaster.seasonalNaive(), y, 12, 12, 4, 6, 0.9);
    assertThat(s.folds()).hasSize(4);
    assertThat(s.folds().get(3).origin()).isEqualTo(108);
    assertThat(s.mae()).isZero();
    assertThat(s.smape()).isZero();
    assertThat(s.coverage()).isEqualTo(1.0);
  }

  @Test
  void backtestCoverageOfSesOnLocalLevelIsNearNominal() {
    double[] y = Series.localLevel(1500, 0.3, 1, 0, 52);
    Backtest.Summary s = Backtest.rollingOrigin(EtsForecaster.ses(), y, 1, 5, 60, 20, 0.8);
    assertThat(s.coverage()).isBetween(0.68, 0.92);
    assertThat(s.mase()).isPositive();
  }

  @Test
  void backtestRejectsTooShortSeries() {
    assertThatThrownBy(
            () -> Backtest.rollingOrigin(NaiveForecaster.naive(), new double[10], 1, 5, 3, 2, 0.9))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("too short");
    assertThat(offset(1.0)).isNotNull();
  }
}
