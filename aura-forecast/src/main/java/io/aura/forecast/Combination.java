package io.aura.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forecast combination: the mean or the median of several methods' forecasts, step by step (Clemen,
 * "Combining forecasts: A review and annotated bibliography", IJF 5(4), 1989; the M4 finding that
 * combinations beat single methods, Makridakis et al. 2020). Interval bounds are combined with the
 * same rule, bound by bound (a heuristic: it is not a probabilistic combination, and coverage
 * should be checked by backtest, e.g. with {@link Backtest}).
 *
 * <p>Every member must fit; a member's failure fails the combination (no silent dropping). Thread
 * safety: immutable. Complexity: the members' costs plus O(k h log k) for medians.
 */
public final class Combination implements Forecaster {
  private final List<Forecaster> members;
  private final boolean median;
  private final String name;

  private Combination(List<Forecaster> members, boolean median, String name) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a combination needs at least one method");
    }
    this.members = List.copyOf(members);
    this.median = median;
    this.name = name;
  }

  /**
   * Step-wise mean of the members' forecasts.
   *
   * @param members the methods, non-empty
   * @return the combination
   */
  public static Combination mean(List<? extends Forecaster> members) {
    return new Combination(new ArrayList<>(members), false, label("mean", members));
  }

  /**
   * Step-wise median of the members' forecasts.
   *
   * @param members the methods, non-empty
   * @return the combination
   */
  public static Combination median(List<? extends Forecaster> members) {
    return new Combination(new ArrayList<>(members), true, label("median", members));
  }

  /**
   * Renames the combination (for evaluation output).
   *
   * @param name the name
   * @return a copy with the name
   */
  public Combination named(String name) {
    return new Combination(members, median, name);
  }

  private static String label(String rule, List<? extends Forecaster> members) {
    StringBuilder sb = new StringBuilder(rule).append('(');
    for (int i = 0; i < members.size(); i++) {
      sb.append(i > 0 ? "," : "").append(members.get(i).name());
    }
    return sb.append(')').toString();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ForecastModel fit(double[] y, int period) {
    Checks.series(y, period, 1, name);
    List<ForecastModel> models = new ArrayList<>(members.size());
    for (Forecaster f : members) {
      models.add(f.fit(y, period));
    }
    return new Model(models, median, y.length, period);
  }

  private static final class Model implements ForecastModel {
    private final List<ForecastModel> models;
    private final boolean median;
    private final long n;
    private final int period;

    Model(List<ForecastModel> models, boolean median, long n, int period) {
      this.models = models;
      this.median = median;
      this.n = n;
      this.period = period;
    }

    @Override
    public Forecast forecast(int horizon, double... levels) {
      Checks.horizon(horizon, levels);
      int k = models.size();
      Forecast[] fs = new Forecast[k];
      for (int j = 0; j < k; j++) {
        fs[j] = models.get(j).forecast(horizon, levels);
      }
      double[] mean = new double[horizon];
      double[][] lo = new double[levels.length][horizon];
      double[][] up = new double[levels.length][horizon];
      double[] buf = new double[k];
      for (int i = 0; i < horizon; i++) {
        for (int j = 0; j < k; j++) {
          buf[j] = fs[j].mean(i);
        }
        mean[i] = combine(buf);
        for (int l = 0; l < levels.length; l++) {
          for (int j = 0; j < k; j++) {
            buf[j] = fs[j].lower(l, i);
          }
          lo[l][i] = combine(buf);
          for (int j = 0; j < k; j++) {
            buf[j] = fs[j].upper(l, i);
          }
          up[l][i] = combine(buf);
        }
      }
      return Forecast.wrap(mean, levels.clone(), lo, up);
    }

    private double combine(double[] v) {
      if (!median) {
        double s = 0;
        for (double x : v) {
          s += x;
        }
        return s / v.length;
      }
      double[] c = v.clone();
      Arrays.sort(c);
      int k = c.length;
      return k % 2 == 1 ? c[k / 2] : 0.5 * (c[k / 2 - 1] + c[k / 2]);
    }

    @Override
    public ForecastModel update(double y) {
      List<ForecastModel> next = new ArrayList<>(models.size());
      for (ForecastModel m : models) {
        next.add(m.update(y));
      }
      return new Model(next, median, n + 1, period);
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
      StringBuilder sb = new StringBuilder(median ? "median of [" : "mean of [");
      for (int j = 0; j < models.size(); j++) {
        sb.append(j > 0 ? "; " : "").append(models.get(j).description());
      }
      return sb.append(']').toString();
    }
  }
}
