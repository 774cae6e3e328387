package io.aura.forecast;

/**
 * The order of a seasonal ARIMA model (p,d,q)(P,D,Q)<sub>m</sub>, with or without a constant (a
 * mean when {@code d + D = 0}, a drift when {@code d + D = 1}; not allowed for {@code d + D >= 2}).
 *
 * <p>Convention (as R's {@code arima}): {@code phi(B) Phi(B^m) (1-B)^d (1-B^m)^D (y_t - c(t)) =
 * theta(B) Theta(B^m) e_t} with {@code phi(B) = 1 - phi_1 B - ...} and {@code theta(B) = 1 +
 * theta_1 B + ...}. Thread safety: immutable value type.
 *
 * @param p non-seasonal AR order
 * @param d non-seasonal differences
 * @param q non-seasonal MA order
 * @param sp seasonal AR order P
 * @param sd seasonal differences D
 * @param sq seasonal MA order Q
 * @param m seasonal period (1 when there is no seasonal part)
 * @param constant whether a mean/drift is estimated
 */
public record ArimaOrder(int p, int d, int q, int sp, int sd, int sq, int m, boolean constant) {

  /**
   * Validates the order.
   *
   * @param p p
   * @param d d
   * @param q q
   * @param sp P
   * @param sd D
   * @param sq Q
   * @param m period
   * @param constant constant
   */
  public ArimaOrder {
    if (p < 0 || d < 0 || q < 0 || sp < 0 || sd < 0 || sq < 0 || m < 1) {
      throw new IllegalArgumentException("negative ARIMA order or period < 1");
    }
    if (m == 1 && (sp > 0 || sd > 0 || sq > 0)) {
      throw new IllegalArgumentException("seasonal order needs a period m > 1");
    }
    if (constant && d + sd > 1) {
      throw new IllegalArgumentException("a constant needs d + D <= 1");
    }
  }

  /**
   * A non-seasonal order.
   *
   * @param p AR order
   * @param d differences
   * @param q MA order
   * @param constant mean (d = 0) or drift (d = 1)
   * @return the order
   */
  public static ArimaOrder of(int p, int d, int q, boolean constant) {
    return new ArimaOrder(p, d, q, 0, 0, 0, 1, constant);
  }

  /**
   * Number of observations lost to differencing.
   *
   * @return d + m D
   */
  public int lost() {
    return d + m * sd;
  }

  @Override
  public String toString() {
    String s = "ARIMA(" + p + "," + d + "," + q + ")";
    if (m > 1 && sp + sd + sq > 0) {
      s += "(" + sp + "," + sd + "," + sq + ")[" + m + "]";
    }
    return s + (constant ? (d + sd == 0 ? " with mean" : " with drift") : "");
  }
}
