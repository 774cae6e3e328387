package io.aura.rightsizing;

/**
 * One VPA recommendation for a container: target, lower and upper bound per resource (CPU in
 * cores, memory in bytes) and the confidence in days that scaled the bounds.
 *
 * <p>Immutable value; thread-safe.
 *
 * @param cpuTarget CPU target (the request VPA sets)
 * @param cpuLower CPU lower bound
 * @param cpuUpper CPU upper bound (+inf without history)
 * @param memoryTarget memory target
 * @param memoryLower memory lower bound
 * @param memoryUpper memory upper bound (+inf without history)
 * @param confidenceDays {@code min(days between first and last CPU sample, samples / per-day)}
 */
public record VpaRecommendation(
    double cpuTarget,
    double cpuLower,
    double cpuUpper,
    double memoryTarget,
    double memoryLower,
    double memoryUpper,
    double confidenceDays) {

  /**
   * The target of one resource.
   *
   * @param r the resource
   * @return cores or bytes
   */
  public double target(Resource r) {
    return r == Resource.CPU ? cpuTarget : memoryTarget;
  }

  /**
   * The lower bound of one resource.
   *
   * @param r the resource
   * @return cores or bytes
   */
  public double lower(Resource r) {
    return r == Resource.CPU ? cpuLower : memoryLower;
  }

  /**
   * The upper bound of one resource.
   *
   * @param r the resource
   * @return cores or bytes
   */
  public double upper(Resource r) {
    return r == Resource.CPU ? cpuUpper : memoryUpper;
  }
}
