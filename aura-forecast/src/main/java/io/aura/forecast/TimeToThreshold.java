package io.aura.forecast;

import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a forecast crosses a threshold: the first step at which the point forecast, and each bound
 * of a prediction interval, reaches it.
 *
 * <p>For a {@link Direction#RISING} threshold (disk or memory filling), the upper bound crosses
 * first ({@link Result#earliest()}, the pessimistic estimate), the point forecast next ({@link
 * Result#expected()}), the lower bound last ({@link Result#latest()}); for {@link
 * Direction#FALLING} the roles of the bounds swap. Crossing means reaching or passing the
 * threshold at a forecast step; times are whole steps (no interpolation between steps), so a
 * perfect ramp gives the exact step count. The severity is {@link #severityOf} the expected time.
 *
 * <p>Probability: under the model's Gaussian approximation at each step (sd = interval half-width
 * / z), {@link Result#probability()} is the largest per-step probability of being beyond the
 * threshold within the horizon: a lower bound on the probability of crossing at some step. With
 * zero-width intervals it is 0 or 1.
 *
 * <p>Thread safety: stateless. Complexity: one forecast of the horizon plus O(h).
 */
public final class TimeToThreshold {
  private TimeToThreshold() {}

  /** Which side of the threshold is trouble. */
  public enum Direction {
    /** Trouble when the series reaches the threshold from below. */
    RISING,
    /** Trouble when the series reaches the threshold from above. */
    FALLING
  }

  /**
   * Crossing times and probability.
   *
   * @param threshold the threshold
   * @param direction the direction
   * @param expected time until the point forecast crosses, empty if not within the horizon
   * @param earliest time until the pessimistic bound crosses, empty if not within the horizon
   * @param latest time until the optimistic bound crosses, empty if not within the horizon
   * @param probability lower bound on the probability of crossing within the horizon
   * @param level the interval level used for the bounds
   * @param horizon the horizon searched
   * @param severity the severity of the expected time
   */
  public record Result(
      double threshold,
      Direction direction,
      Optional<Duration> expected,
      Optional<Duration> earliest,
      Optional<Duration> latest,
      double probability,
      double level,
      Duration horizon,
      Severity severity) {}

  /**
   * Searches a model's forecast for the crossing.
   *
   * @param model the fitted model (its last observation is "now")
   * @param threshold the threshold
   * @param direction which side is trouble
   * @param step the time between observations
   * @param horizon number of steps to search, {@code >= 1}
   * @param level interval level in (0, 1) for the bounds, e.g. 0.8
   * @return the result
   */
  public static Result estimate(
      ForecastModel model,
      double threshold,
      Direction direction,
      Duration step,
      int horizon,
      double level) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(direction, "direction");
    if (step == null || step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be a positive duration, got " + step);
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, got " + threshold);
    }
    Forecast f = model.forecast(horizon, level);
    boolean up = direction == Direction.RISING;
    int expected = -1;
    int earliest = -1;
    int latest = -1;
    double prob = 0;
    double z = Checks.z(level);
    for (int i = 0; i < horizon; i++) {
      double mean = f.mean(i);
      double pess = up ? f.upper(0, i) : f.lower(0, i);
      double opt = up ? f.lower(0, i) : f.upper(0, i);
      if (expected < 0 && beyond(mean, threshold, up)) {
        expected = i + 1;
      }
      if (earliest < 0 && beyond(pess, threshold, up)) {
        earliest = i + 1;
      }
      if (latest < 0 && beyond(opt, threshold, up)) {
        latest = i + 1;
      }
      double sd = (f.upper(0, i) - f.lower(0, i)) / (2 * z);
      double p;
      if (sd > 0) {
        double zz = (threshold - mean) / sd;
        p = up ? 1 - Checks.normalCdf(zz) : Checks.normalCdf(zz);
      } else {
        p = beyond(mean, threshold, up) ? 1 : 0;
      }
      prob = Math.max(prob, p);
    }
    Optional<Duration> e = at(step, expected);
    return new Result(
        threshold,
        direction,
        e,
        at(step, earliest),
        at(step, latest),
        prob,
        level,
        step.multipliedBy(horizon),
        severityOf(e.orElse(null)));
  }

  /**
   * Grades a time to crossing on Aura's one {@link Severity} scale; the only place where a lead
   * time becomes a severity: under 3 days {@link Severity#CRITICAL}, under 7 days {@link
   * Severity#MEDIUM}, under 30 days {@link Severity#LOW}, otherwise (or no crossing within the
   * horizon) {@link Severity#NONE}.
   *
   * @param eta time until the crossing, or null for none within the horizon
   * @return the severity
   */
  public static Severity severityOf(Duration eta) {
    return eta == null ? Severity.NONE : severityOfMillis(eta.toMillis());
  }

  /**
   * {@link #severityOf} for a time in milliseconds, without allocating (for per-sample paths).
   *
   * @param etaMillis time until the crossing; negative for none within the horizon
   * @return the severity
   */
  public static Severity severityOfMillis(long etaMillis) {
    if (etaMillis < 0 || etaMillis >= 30 * DAY_MILLIS) {
      return Severity.NONE;
    }
    if (etaMillis < 3 * DAY_MILLIS) {
      return Severity.CRITICAL;
    }
    return etaMillis < 7 * DAY_MILLIS ? Severity.MEDIUM : Severity.LOW;
  }

  private static final long DAY_MILLIS = 86_400_000L;

  private static boolean beyond(double v, double thr, boolean up) {
    return up ? v >= thr : v <= thr;
  }

  private static Optional<Duration> at(Duration step, int k) {
    return k < 0 ? Optional.empty() : Optional.of(step.multipliedBy(k));
  }
}
