package io.aura.forecast;

import java.util.Arrays;

/**
 * Point forecasts with prediction intervals at one or more coverage levels.
 *
 * <p>Step {@code i} (0-based) is {@code i + 1} steps after the last observation. For each level
 * {@code levels()[k]} the interval is {@code [lower(k, i), upper(k, i)]}; a level of 0.95 means the
 * model expects the observation inside the interval with probability 0.95 under its own
 * assumptions. A model with no noise (a constant or perfectly fitted series) gives zero-width
 * intervals.
 *
 * <p>Thread safety: immutable. Accessors returning arrays return copies (O(h) allocation); the
 * indexed accessors allocate nothing.
 */
public final class Forecast {
  private final double[] mean;
  private final double[] levels;
  private final double[][] lower;
  private final double[][] upper;

  private Forecast(double[] mean, double[] levels, double[][] lower, double[][] upper) {
    this.mean = mean;
    this.levels = levels;
    this.lower = lower;
    this.upper = upper;
  }

  /**
   * Creates a forecast; arrays are copied.
   *
   * @param mean point forecasts, length h
   * @param levels coverage levels in (0, 1)
   * @param lower {@code lower[k][i]} bound for level k at step i
   * @param upper {@code upper[k][i]} bound for level k at step i
   * @return the forecast
   * @throws IllegalArgumentException on inconsistent shapes
   */
  public static Forecast of(double[] mean, double[] levels, double[][] lower, double[][] upper) {
    if (mean.length == 0) {
      throw new IllegalArgumentException("forecast needs at least one step");
    }
    if (lower.length != levels.length || upper.length != levels.length) {
      throw new IllegalArgumentException(
          "levels: " + levels.length + " but bounds for " + lower.length + "/" + upper.length);
    }
    double[][] lo = new double[levels.length][];
    double[][] up = new double[levels.length][];
    for (int k = 0; k < levels.length; k++) {
      if (lower[k].length != mean.length || upper[k].length != mean.length) {
        throw new IllegalArgumentException("interval " + k + " has the wrong length");
      }
      lo[k] = lower[k].clone();
      up[k] = upper[k].clone();
    }
    return new Forecast(mean.clone(), levels.clone(), lo, up);
  }

  static Forecast wrap(double[] mean, double[] levels, double[][] lower, double[][] upper) {
    return new Forecast(mean, levels, lower, upper);
  }

  /**
   * Horizon length.
   *
   * @return number of steps
   */
  public int horizon() {
    return mean.length;
  }

  /**
   * Point forecast at step {@code i}.
   *
   * @param i 0-based step
   * @return the point forecast
   */
  public double mean(int i) {
    return mean[i];
  }

  /**
   * All point forecasts (copy).
   *
   * @return the point forecasts
   */
  public double[] mean() {
    return mean.clone();
  }

  /**
   * The coverage levels (copy).
   *
   * @return the levels
   */
  public double[] levels() {
    return levels.clone();
  }

  /**
   * Lower bound at level index {@code k}, step {@code i}.
   *
   * @param k index into {@link #levels()}
   * @param i 0-based step
   * @return the bound
   */
  public double lower(int k, int i) {
    return lower[k][i];
  }

  /**
   * Upper bound at level index {@code k}, step {@code i}.
   *
   * @param k index into {@link #levels()}
   * @param i 0-based step
   * @return the bound
   */
  public double upper(int k, int i) {
    return upper[k][i];
  }

  /**
   * Lower bounds for a level (copy).
   *
   * @param level one of {@link #levels()}
   * @return the bounds over the horizon
   * @throws IllegalArgumentException if the level was not requested
   */
  public double[] lower(double level) {
    return lower[indexOf(level)].clone();
  }

  /**
   * Upper bounds for a level (copy).
   *
   * @param level one of {@link #levels()}
   * @return the bounds over the horizon
   * @throws IllegalArgumentException if the level was not requested
   */
  public double[] upper(double level) {
    return upper[indexOf(level)].clone();
  }

  /**
   * Index of a level in {@link #levels()}.
   *
   * @param level the level
   * @return its index
   * @throws IllegalArgumentException if absent
   */
  public int indexOf(double level) {
    for (int k = 0; k < levels.length; k++) {
      if (Math.abs(levels[k] - level) < 1e-12) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "level " + level + " not in this forecast's levels " + Arrays.toString(levels));
  }

  @Override
  public String toString() {
    return "Forecast[h=" + mean.length + ", levels=" + Arrays.toString(levels) + "]";
  }
}
