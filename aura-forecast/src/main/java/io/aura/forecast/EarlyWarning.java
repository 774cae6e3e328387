package io.aura.forecast;

import io.aura.features.anomaly.Severity;
import java.time.Duration;
import java.util.Locale;

/**
 * Ready-made early warnings for Kubernetes resources, built on {@link TimeToThreshold}: a disk
 * (volume, node filesystem) reaching 90% usage, and a container's memory reaching its limit (an OOM
 * kill). Each returns a {@link Warning} with the severity of the expected crossing time (CRITICAL
 * &lt; 3 days, MEDIUM &lt; 7 days, LOW &lt; 30 days, else NONE; {@link
 * TimeToThreshold#severityOf}), the crossing times and a one-line message such as {@code "OOM in
 * ~42 minutes (earliest ~30 minutes), probability 0.87"}.
 *
 * <p>Bounds use an 80% interval. Thread safety: stateless. Complexity: one forecast of the horizon.
 */
public final class EarlyWarning {
  /** Disk usage fraction treated as full. */
  public static final double DISK_FULL_FRACTION = 0.9;

  private static final double LEVEL = 0.8;

  private EarlyWarning() {}

  /**
   * A warning: severity, the underlying crossing analysis and a message.
   *
   * @param severity severity of the expected crossing time
   * @param crossing the crossing analysis
   * @param message human-readable one-liner
   */
  public record Warning(Severity severity, TimeToThreshold.Result crossing, String message) {}

  /**
   * Disk reaching 90% usage.
   *
   * @param usedFraction model of the used fraction of the disk (0..1), fitted on equally spaced
   *     samples
   * @param step time between samples
   * @param horizon steps to search (e.g. 30 days' worth)
   * @return the warning
   */
  public static Warning diskFull(ForecastModel usedFraction, Duration step, int horizon) {
    TimeToThreshold.Result r =
        TimeToThreshold.estimate(
            usedFraction,
            DISK_FULL_FRACTION,
            TimeToThreshold.Direction.RISING,
            step,
            horizon,
            LEVEL);
    return new Warning(r.severity(), r, message("disk at 90%", r));
  }

  /**
   * Memory reaching a container limit.
   *
   * @param memoryBytes model of the container's working-set bytes
   * @param limitBytes the container's memory limit
   * @param step time between samples
   * @param horizon steps to search
   * @return the warning
   */
  public static Warning memoryLimit(
      ForecastModel memoryBytes, double limitBytes, Duration step, int horizon) {
    if (!(limitBytes > 0)) {
      throw new IllegalArgumentException("memory limit must be positive, got " + limitBytes);
    }
    TimeToThreshold.Result r =
        TimeToThreshold.estimate(
            memoryBytes, limitBytes, TimeToThreshold.Direction.RISING, step, horizon, LEVEL);
    return new Warning(r.severity(), r, message("OOM", r));
  }

  private static String message(String what, TimeToThreshold.Result r) {
    if (r.expected().isEmpty() && r.earliest().isEmpty()) {
      return String.format(
          Locale.ROOT,
          "no %s expected within %s, probability %.2f",
          what,
          human(r.horizon()),
          r.probability());
    }
    String exp = r.expected().map(d -> "in ~" + human(d)).orElse("beyond " + human(r.horizon()));
    String early = r.earliest().map(d -> " (earliest ~" + human(d) + ")").orElse("");
    return String.format(
        Locale.ROOT, "%s %s%s, probability %.2f", what, exp, early, r.probability());
  }

  static String human(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 120) {
      return minutes + " minutes";
    }
    long hours = d.toHours();
    if (hours < 72) {
      return hours + " hours";
    }
    return d.toDays() + " days";
  }
}
