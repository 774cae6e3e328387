package io.aura.rightsizing;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * The hourly peak series that the forecast-aware recommender forecasts: per hour, a high quantile
 * of the samples in it (the maximum by default; linear interpolation between order statistics).
 *
 * <p>Missing data policy: an hour without any finite sample is filled with the same hour one day
 * earlier, else the previous hour, else the next observed hour (forecasters need gap-free input);
 * {@link #filled()} counts them and the recommender reports it among its reasons. All-missing
 * input throws {@link InvalidDataException}.
 *
 * <p>Immutable; O(n log k) for n samples with k per hour, O(n / k) memory.
 *
 * @param values one value per hour, oldest first
 * @param filled how many hours were filled
 */
public record HourlyPeaks(double[] values, int filled) {

  /**
   * Copies.
   *
   * @param values values
   * @param filled filled count
   */
  public HourlyPeaks {
    values = values.clone();
  }

  /**
   * The values (copy).
   *
   * @return the values
   */
  @Override
  public double[] values() {
    return values.clone();
  }

  /**
   * Hourly peaks of a sample series.
   *
   * @param usage samples, NaN = missing; {@code usage.length} a multiple of {@code perHour} (a
   *     trailing incomplete hour is an error, so that nothing is dropped silently)
   * @param perHour samples per hour, {@code >= 1}
   * @param quantile the within-hour quantile in (0, 1]
   * @return the peaks
   */
  public static HourlyPeaks of(double[] usage, int perHour, double quantile) {
    if (perHour < 1) {
      throw new IllegalArgumentException("samples per hour must be >= 1, got " + perHour);
    }
    if (!(quantile > 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
    }
    if (usage.length % perHour != 0) {
      throw new InvalidDataException(
          "hourly peaks: " + usage.length + " samples are not whole hours of " + perHour);
    }
    int hours = usage.length / perHour;
    double[] out = new double[hours];
    double[] buf = new double[perHour];
    boolean any = false;
    for (int h = 0; h < hours; h++) {
      int n = 0;
      for (int j = 0; j < perHour; j++) {
        double v = usage[h * perHour + j];
        if (!Double.isNaN(v)) {
          buf[n++] = v;
        }
      }
      if (n == 0) {
        out[h] = Double.NaN;
        continue;
      }
      any = true;
      Arrays.sort(buf, 0, n);
      out[h] = KrrSimple.quantile(buf, n, quantile);
    }
    if (!any) {
      throw new InvalidDataException("hourly peaks: every sample is missing");
    }
    int filled = 0;
    for (int h = 0; h < hours; h++) {
      if (Double.isNaN(out[h])) {
        filled++;
        if (h >= 24 && !Double.isNaN(out[h - 24])) {
          out[h] = out[h - 24];
        } else if (h > 0) {
          out[h] = out[h - 1];
        }
      }
    }
    // leading hours without data: the first observed value
    int first = 0;
    while (Double.isNaN(out[first])) {
      first++;
    }
    for (int h = 0; h < first; h++) {
      out[h] = out[first];
    }
    return new HourlyPeaks(out, filled);
  }
}
