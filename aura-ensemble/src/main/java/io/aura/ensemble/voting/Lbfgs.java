package io.aura.ensemble.voting;

/**
 * Limited-memory BFGS minimization (Liu &amp; Nocedal 1989, "On the limited memory BFGS method for
 * large scale optimization", Math. Programming 45; two-loop recursion as in Nocedal &amp; Wright
 * 2006, "Numerical Optimization", Algorithm 7.4) with a backtracking Armijo line search. A
 * correction pair with non-positive curvature is skipped, which keeps the inverse-Hessian
 * approximation positive definite without a Wolfe search.
 *
 * <p>Thread safety: stateless. Allocation: O(memory · dimension) per run. Complexity: O(memory ·
 * dimension) per iteration plus the objective's cost.
 */
final class Lbfgs {
  /** A differentiable objective. */
  interface Objective {
    /** Returns f(x) and writes ∇f(x) into {@code grad}. */
    double evaluate(double[] x, double[] grad);
  }

  /** Outcome of a run. */
  record Result(double value, int iterations, boolean converged) {}

  private Lbfgs() {}

  static Result minimize(Objective f, double[] x, int maxIterations, double gradTolerance, int memory) {
    int d = x.length;
    double[][] s = new double[memory][d];
    double[][] y = new double[memory][d];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    double[] g = new double[d];
    double[] gNew = new double[d];
    double[] dir = new double[d];
    double[] xNew = new double[d];
    double fx = f.evaluate(x, g);
    int stored = 0;
    int head = 0;
    for (int it = 0; it < maxIterations; it++) {
      if (normInf(g) < gradTolerance) {
        return new Result(fx, it, true);
      }
      // two-loop recursion: dir = -H g
      for (int j = 0; j < d; j++) {
        dir[j] = -g[j];
      }
      for (int k = 0; k < stored; k++) {
        int idx = Math.floorMod(head - 1 - k, memory);
        alpha[idx] = rho[idx] * dot(s[idx], dir);
        axpy(-alpha[idx], y[idx], dir);
      }
      if (stored > 0) {
        int last = Math.floorMod(head - 1, memory);
        double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
        for (int j = 0; j < d; j++) {
          dir[j] *= gamma;
        }
      }
      for (int k = stored - 1; k >= 0; k--) {
        int idx = Math.floorMod(head - 1 - k, memory);
        double beta = rho[idx] * dot(y[idx], dir);
        axpy(alpha[idx] - beta, s[idx], dir);
      }
      double slope = dot(g, dir);
      if (slope >= 0) {
        // not a descent direction (numerical trouble): restart from steepest descent
        for (int j = 0; j < d; j++) {
          dir[j] = -g[j];
        }
        slope = dot(g, dir);
        stored = 0;
      }
      double step = stored == 0 ? Math.min(1, 1 / Math.max(1e-12, normInf(g))) : 1;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 60; ls++) {
        for (int j = 0; j < d; j++) {
          xNew[j] = x[j] + step * dir[j];
        }
        fNew = f.evaluate(xNew, gNew);
        if (fNew <= fx + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        return new Result(fx, it, false);
      }
      double sy = 0;
      double[] sNext = s[head];
      double[] yNext = y[head];
      for (int j = 0; j < d; j++) {
        sNext[j] = xNew[j] - x[j];
        yNext[j] = gNew[j] - g[j];
        sy += sNext[j] * yNext[j];
      }
      if (sy > 1e-12 * Math.sqrt(dot(sNext, sNext) * dot(yNext, yNext))) {
        rho[head] = 1 / sy;
        head = (head + 1) % memory;
        stored = Math.min(stored + 1, memory);
      }
      System.arraycopy(xNew, 0, x, 0, d);
      System.arraycopy(gNew, 0, g, 0, d);
      double change = fx - fNew;
      fx = fNew;
      if (change >= 0 && change < 1e-15 * Math.max(1, Math.abs(fx)) && normInf(g) < Math.sqrt(gradTolerance)) {
        return new Result(fx, it + 1, true);
      }
    }
    return new Result(fx, maxIterations, normInf(g) < gradTolerance);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double normInf(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
