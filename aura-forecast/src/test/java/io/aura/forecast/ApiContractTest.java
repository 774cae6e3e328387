package io.aura.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aura.features.InvalidDataException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract checks shared by every forecaster: bad input, fallbacks, immutability of update. */
class ApiContractTest {
  private static final List<Forecaster> ALL =
      List.of(
          NaiveForecaster.naive(),
          NaiveForecaster.seasonalNaive(),
          NaiveForecaster.naive2(),
          EtsForecaster.auto(),
          EtsForecaster.ses(),
          ThetaForecaster.standard(),
          ThetaForecaster.optimized(),
          SeasonallyAdjusted.of(ThetaForecaster.standard()),
          MstlForecaster.of(EtsForecaster.autoNonSeasonal()),
          Combination.median(List.of(NaiveForecaster.naive(), ThetaForecaster.standard())),
          ArimaForecaster.auto(),
          NaiveForecaster.seasonalNaiveSelectedLag(),
          AutoForecaster.create());

  @Test
  void nanIsRejectedWithItsIndex() {
    double[] y = Series.whiteNoise(60, 10, 1, 1);
    y[17] = Double.NaN;
    for (Forecaster f : ALL) {
      assertThatThrownBy(() -> f.fit(y, 4))
          .as(f.name())
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("index 17");
    }
  }

  @Test
  void tooShortIsRejected() {
    for (Forecaster f : ALL) {
      assertThatThrownBy(() -> f.fit(new double[] {1}, 1))
          .as(f.name())
          .isInstanceOf(InvalidDataException.class)
          .hasMessageContaining("too short");
    }
  }

  @Test
  void badHorizonAndLevelAreRejected() {
    double[] y = Series.whiteNoise(60, 10, 1, 2);
    for (Forecaster f : ALL) {
      ForecastModel m = f.fit(y, 4);
      assertThatThrownBy(() -> m.forecast(0))
          .as(f.name())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> m.forecast(3, 95))
          .as(f.name())
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> f.fit(y, 0))
          .as(f.name())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void constantSeriesGivesConstantForecastWithZeroWidthIntervals() {
    double[] y = new double[80];
    java.util.Arrays.fill(y, 7.5);
    for (Forecaster f : ALL) {
      Forecast fc = f.fit(y, 4).forecast(10, 0.9);
      for (int i = 0; i < 10; i++) {
        assertThat(fc.mean(i))
            .as(f.name())
            .isCloseTo(7.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(fc.upper(0, i) - fc.lower(0, i)).as(f.name()).isLessThan(1e-6);
      }
    }
  }

  @Test
  void updateReturnsNewModelAndLeavesTheOriginalUnchanged() {
    double[] y = Series.seasonal(200, 12, 0.2, 0.1, 1, 3);
    for (Forecaster f : ALL) {
      ForecastModel m = f.fit(y, 12);
      double[] before = m.forecast(5).mean();
      ForecastModel u = m.update(y[y.length - 1] + 50);
      assertThat(m.forecast(5).mean()).as(f.name()).containsExactly(before);
      assertThat(u.observations()).isEqualTo(m.observations() + 1);
      ForecastModel missing = m.update(Double.NaN);
      assertThat(missing.forecast(1).mean()[0]).as(f.name()).isFinite();
      assertThatThrownBy(() -> m.update(Double.POSITIVE_INFINITY))
          .isInstanceOf(InvalidDataException.class);
    }
  }

  @Test
  void intervalsAreNestedAndContainThePoint() {
    double[] y = Series.seasonal(300, 12, 0.2, 0.1, 1, 4);
    for (Forecaster f : ALL) {
      Forecast fc = f.fit(y, 12).forecast(24, 0.8, 0.95);
      for (int i = 0; i < 24; i++) {
        assertThat(fc.lower(1, i)).as(f.name()).isLessThanOrEqualTo(fc.lower(0, i) + 1e-9);
        assertThat(fc.upper(1, i)).as(f.name()).isGreaterThanOrEqualTo(fc.upper(0, i) - 1e-9);
        assertThat(fc.mean(i)).as(f.name()).isBetween(fc.lower(0, i) - 1e-9, fc.upper(0, i) + 1e-9);
      }
    }
  }

  @Test
  void multiplicativeModelsRejectNonPositiveData() {
    double[] y = Series.seasonal(100, 4, 0.2, 0.1, 1, 5);
    y[30] = -1;
    Ets mnn = new Ets(Ets.Error.MULTIPLICATIVE, Ets.Trend.NONE, Ets.Season.NONE);
    assertThatThrownBy(() -> EtsForecaster.of(mnn).fit(y, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("index 30");
    // auto skips multiplicative types instead
    assertThat(EtsForecaster.auto().fit(y, 4).type().multiplicative()).isFalse();
  }

  @Test
  void multiplicativeModelRejectsNonPositiveUpdateAndSeasonalAdjustmentNonPositiveSeries() {
    double[] y = Series.seasonal(100, 4, 0.2, 0.1, 1, 6);
    Ets mnm = new Ets(Ets.Error.MULTIPLICATIVE, Ets.Trend.NONE, Ets.Season.MULTIPLICATIVE);
    EtsModel m = EtsForecaster.of(mnm).fit(y, 4);
    assertThatThrownBy(() -> m.update(0)).isInstanceOf(InvalidDataException.class);
    double[] seasonal = new double[96];
    for (int i = 0; i < seasonal.length; i++) {
      seasonal[i] = 10 * Math.sin(2 * Math.PI * i / 12); // seasonal, half negative
    }
    assertThatThrownBy(() -> SeasonallyAdjusted.of(NaiveForecaster.naive()).fit(seasonal, 12))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void forecastOfValidatesShapes() {
    assertThatThrownBy(
            () ->
                Forecast.of(
                    new double[] {1, 2},
                    new double[] {0.9},
                    new double[][] {{1}},
                    new double[][] {{1, 2}}))
        .isInstanceOf(IllegalArgumentException.class);
    Forecast f =
        Forecast.of(
            new double[] {1, 2},
            new double[] {0.9},
            new double[][] {{0, 1}},
            new double[][] {{2, 3}});
    assertThat(f.upper(0.9)).containsExactly(2, 3);
    assertThatThrownBy(() -> f.lower(0.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
