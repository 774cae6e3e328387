package io.aura.rightsizing;

/**
 * When a Horizontal Pod Autoscaler scales on the same resource as a new request, its utilisation
 * target is a fraction of the request: changing the request silently moves the usage at which
 * the HPA adds replicas. This advice keeps that absolute usage: {@code newTarget = oldTarget ×
 * oldRequest / newRequest}, and says when no valid target (above 100 %) keeps it.
 *
 * <p>Immutable value; thread-safe; O(1).
 *
 * @param request the new request
 * @param hpaTargetUtilization the matching HPA target utilisation (fraction of the request)
 * @param feasible whether the matching target is at most 1 (100 %)
 * @param message a one-line explanation
 */
public record HpaAdvice(double request, double hpaTargetUtilization, boolean feasible,
    String message) {

  /**
   * The matching HPA target for a new request.
   *
   * @param oldRequest the current request, {@code > 0}
   * @param oldTarget the current HPA target utilisation, in (0, 1]
   * @param newRequest the recommended request, {@code > 0}
   * @return the advice
   */
  public static HpaAdvice of(double oldRequest, double oldTarget, double newRequest) {
    if (!(oldRequest > 0) || !(newRequest > 0) || !(oldTarget > 0 && oldTarget <= 1)) {
      throw new IllegalArgumentException(
          "HPA advice needs requests > 0 and a target in (0, 1]: " + oldRequest + ", "
              + oldTarget + ", " + newRequest);
    }
    double t = oldTarget * oldRequest / newRequest;
    boolean ok = t <= 1;
    String m = ok
        ? String.format(java.util.Locale.ROOT,
            "set the HPA target to %.0f%% together with the request (keeps scale-out at %.4g)",
            100 * t, oldTarget * oldRequest)
        : String.format(java.util.Locale.ROOT,
            "no HPA target <= 100%% keeps scale-out at %.4g with this request: keep the request "
                + "at least %.4g or accept earlier scale-out", oldTarget * oldRequest,
            oldTarget * oldRequest);
    return new HpaAdvice(newRequest, t, ok, m);
  }
}
