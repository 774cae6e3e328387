package io.aura.forecast;

import java.util.Objects;

/**
 * Wraps a forecaster with the M4 seasonal adjustment: when {@link M4Seasonality#isSeasonal} says
 * the series is seasonal at its period, the series is divided by the classical multiplicative
 * indices, the inner method is fitted on the adjusted series with period 1, and its forecasts and
 * interval bounds are multiplied back by the indices. Otherwise the inner method is fitted on the
 * raw series with period 1. This is how the M4 benchmarks Naive2, SES, Holt, Damped and Theta are
 * defined (Makridakis et al., IJF 2020).
 *
 * <p>Multiplicative indices need positive data: a seasonal series with a non-positive value is
 * rejected with {@link io.aura.features.InvalidDataException}; a non-seasonal one is passed
 * through. Thread safety: immutable. Complexity: the test's O(n m) plus the inner method's cost.
 */
public final class SeasonallyAdjusted implements Forecaster {
  private final Forecaster inner;

  private SeasonallyAdjusted(Forecaster inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /**
   * Wraps a forecaster.
   *
   * @param inner the method to run on the adjusted series (fitted with period 1)
   * @return the wrapper
   */
  public static SeasonallyAdjusted of(Forecaster inner) {
    return new SeasonallyAdjusted(inner);
  }

  @Override
  public ForecastModel fit(double[] y, int period) {
    Checks.series(y, period, 1, name());
    double[] idx;
    if (M4Seasonality.isSeasonal(y, period)) {
      Checks.positive(y, name());
      idx = M4Seasonality.multiplicativeIndices(y, period);
    } else {
      idx = new double[] {1.0};
    }
    double[] adj = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      adj[i] = y[i] / idx[i % idx.length];
    }
    return new Model(inner.fit(adj, 1), idx, y.length, period);
  }

  @Override
  public String name() {
    return inner.name();
  }

  private static final class Model implements ForecastModel {
    private final ForecastModel inner;
    private final double[] idx;
    private final long n;
    private final int period;

    Model(ForecastModel inner, double[] idx, long n, int period) {
      this.inner = inner;
      this.idx = idx;
      this.n = n;
      this.period = period;
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
      Forecast f = inner.forecast(horizon, levels);
      double[] mean = new double[horizon];
      double[][] lo = new double[levels.length][horizon];
      double[][] up = new double[levels.length][horizon];
      for (int i = 0; i < horizon; i++) {
        double s = idx[(int) ((n + i) % idx.length)];
        mean[i] = f.mean(i) * s;
        for (int k = 0; k < levels.length; k++) {
          lo[k][i] = f.lower(k, i) * s;
          up[k][i] = f.upper(k, i) * s;
        }
      }
      return Forecast.wrap(mean, levels.clone(), lo, up);
    }

    @Override
    public ForecastModel update(double y) {
      Checks.updateValue(y);
      double s = idx[(int) (n % idx.length)];
      return new Model(inner.update(y / s), idx, n + 1, period);
    }

    @Override
    public int period() {
      return period;
    }

    @Override
    public long observations() {
      return n;
    }

    @Override
    public String description() {
      return (idx.length > 1 ? "seasonally adjusted (m=" + idx.length + ") " : "")
          + inner.description();
    }
  }
}
