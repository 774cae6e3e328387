package io.aura.rightsizing;

import java.util.List;
import java.util.Objects;

/**
 * A recommendation for one container and resource.
 *
 * <p>Immutable value (the lists are copied); thread-safe.
 *
 * @param container the container's name
 * @param resource the resource
 * @param request the recommended request (cores or bytes)
 * @param limit the recommended limit, NaN for none
 * @param limitPolicy how the limit was set
 * @param lower lower bound: below it the request is too small (VPA's lower bound or the guard)
 * @param upper upper bound: above it the request is wasteful (+inf when unknown)
 * @param expectedViolationRate the fraction of windows (CPU) or days (memory) the allocation is
 *     expected to be exceeded, from the backtests; NaN when the method cannot say (VPA, KRR)
 * @param confidence the confidence level
 * @param reasons why the confidence is what it is (history length, backtest coverage, interval
 *     width, recent OOMs, fallback)
 * @param schedule an hourly schedule for in-place resize (empty for a static recommendation)
 * @param provenance the method and its settings
 */
public record Recommendation(
    String container,
    Resource resource,
    double request,
    double limit,
    LimitPolicy limitPolicy,
    double lower,
    double upper,
    double expectedViolationRate,
    Confidence confidence,
    List<String> reasons,
    double[] schedule,
    String provenance) {

  /**
   * Validates and copies.
   *
   * @param container name
   * @param resource resource
   * @param request request
   * @param limit limit or NaN
   * @param limitPolicy policy
   * @param lower lower bound
   * @param upper upper bound
   * @param expectedViolationRate rate or NaN
   * @param confidence confidence
   * @param reasons reasons
   * @param schedule hourly schedule (copied), may be empty
   * @param provenance provenance
   */
  public Recommendation {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(limitPolicy, "limitPolicy");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(provenance, "provenance");
    reasons = List.copyOf(reasons);
    schedule = schedule.clone();
    if (!(request >= 0) || Double.isInfinite(request)) {
      throw new IllegalArgumentException(container + ": request must be finite and >= 0: " + request);
    }
  }

  /**
   * The hourly schedule (copy).
   *
   * @return the schedule
   */
  @Override
  public double[] schedule() {
    return schedule.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Recommendation r
        && container.equals(r.container)
        && resource == r.resource
        && Double.compare(request, r.request) == 0
        && Double.compare(limit, r.limit) == 0
        && limitPolicy == r.limitPolicy
        && Double.compare(lower, r.lower) == 0
        && Double.compare(upper, r.upper) == 0
        && Double.compare(expectedViolationRate, r.expectedViolationRate) == 0
        && confidence == r.confidence
        && reasons.equals(r.reasons)
        && java.util.Arrays.equals(schedule, r.schedule)
        && provenance.equals(r.provenance);
  }

  @Override
  public int hashCode() {
    return Objects.hash(container, resource, request, limit, confidence, provenance)
        + 31 * java.util.Arrays.hashCode(schedule);
  }
}
