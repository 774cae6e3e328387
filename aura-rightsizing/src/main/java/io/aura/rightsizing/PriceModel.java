package io.aura.rightsizing;

/**
 * Prices of allocated resources, for cost deltas: dollars per core-hour and per GiB-hour, over a
 * month of 730 hours (365 × 24 / 12).
 *
 * <p>Immutable value; thread-safe; O(1).
 *
 * @param dollarsPerCoreHour price of one core for one hour, {@code >= 0}
 * @param dollarsPerGibHour price of one GiB for one hour, {@code >= 0}
 */
public record PriceModel(double dollarsPerCoreHour, double dollarsPerGibHour) {
  /** Hours in an average month. */
  public static final double HOURS_PER_MONTH = 730;

  private static final double GIB = 1024.0 * 1024 * 1024;

  /**
   * Validates.
   *
   * @param dollarsPerCoreHour price per core-hour
   * @param dollarsPerGibHour price per GiB-hour
   */
  public PriceModel {
    if (!(dollarsPerCoreHour >= 0) || !(dollarsPerGibHour >= 0)
        || Double.isInfinite(dollarsPerCoreHour) || Double.isInfinite(dollarsPerGibHour)) {
      throw new IllegalArgumentException(
          "prices must be finite and >= 0: " + dollarsPerCoreHour + ", " + dollarsPerGibHour);
    }
  }

  /**
   * The monthly cost of an allocation held all month.
   *
   * @param r the resource
   * @param amount cores or bytes
   * @return dollars per month
   */
  public double monthly(Resource r, double amount) {
    return r == Resource.CPU
        ? amount * dollarsPerCoreHour * HOURS_PER_MONTH
        : amount / GIB * dollarsPerGibHour * HOURS_PER_MONTH;
  }

  /**
   * The monthly cost of an hourly schedule repeated over the month (its mean allocation).
   *
   * @param r the resource
   * @param schedule allocations per hour, non-empty
   * @return dollars per month
   */
  public double monthly(Resource r, double[] schedule) {
    if (schedule.length == 0) {
      throw new IllegalArgumentException("empty schedule");
    }
    double s = 0;
    for (double v : schedule) {
      s += v;
    }
    return monthly(r, s / schedule.length);
  }
}
