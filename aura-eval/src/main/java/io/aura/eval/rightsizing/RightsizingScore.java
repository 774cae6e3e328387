package io.aura.eval.rightsizing;

import io.aura.rightsizing.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Scores replayed allocations against usage and compares methods along frontiers.
 *
 * <p>Per container, method, resource and margin factor, over the evaluated 5-minute windows with
 * a usage sample: allocation summed over windows (core-hours or GiB-hours after {@link #hours}),
 * usage, slack {@code Σ (allocation - usage)+}, CPU windows above the allocation, memory days
 * (UTC) whose peak exceeds the allocation, and churn: hour boundaries at which the allocation
 * changes by more than 10 %. A frontier point at a budget is the factor with the smallest total
 * allocation whose pooled violation rate (violations / windows or days over all containers) is
 * within the budget; the saving against VPA is {@code 1 - A_method / A_vpa}; its 95 % interval is
 * a paired bootstrap over containers (the same resampled containers for both methods, the factor
 * re-chosen in every resample).
 *
 * <p>Stateless, thread-safe. Cost: O(hours × 12) per tally; a bootstrap of B resamples costs O(B
 * × containers × factors).
 */
public final class RightsizingScore {
  private RightsizingScore() {}

  /**
   * The sums of one container, method, resource and factor.
   *
   * @param windows evaluated windows with a usage sample
   * @param allocation Σ allocation over those windows
   * @param usage Σ usage
   * @param slack Σ (allocation - usage)+
   * @param violations windows with usage above the allocation
   * @param days days with at least one usage sample
   * @param violatedDays days with a window above the allocation
   * @param changes hour boundaries with a change above 10 %
   * @param hours evaluated hours
   */
  public record Tally(long windows, double allocation, double usage, double slack, long violations,
      int days, int violatedDays, int changes, int hours) {

    /**
     * The violation rate of a resource: windows for CPU, days for memory.
     *
     * @param r the resource
     * @return the rate
     */
    public double rate(Resource r) {
      return r == Resource.CPU ? (double) violations / windows : (double) violatedDays / days;
    }
  }

  /**
   * Tallies one allocation series against usage.
   *
   * @param alloc allocation per evaluated hour
   * @param usage usage per 5-minute slot of the trace
   * @param firstSlot the slot of the first evaluated hour
   * @return the tally
   */
  public static Tally tally(double[] alloc, double[] usage, int firstSlot) {
    long n = 0;
    double a = 0;
    double u = 0;
    double slack = 0;
    long viol = 0;
    int days = 0;
    int vdays = 0;
    int changes = 0;
    boolean dayHas = false;
    boolean dayViol = false;
    int per = RightsizingReplay.PER_HOUR;
    for (int h = 0; h < alloc.length; h++) {
      if (h > 0 && Math.abs(alloc[h] - alloc[h - 1]) > 0.1 * alloc[h - 1]) {
        changes++;
      }
      for (int j = 0; j < per; j++) {
        double x = usage[firstSlot + h * per + j];
        if (Double.isNaN(x)) {
          continue;
        }
        n++;
        a += alloc[h];
        u += x;
        slack += Math.max(alloc[h] - x, 0);
        if (x > alloc[h]) {
          viol++;
          dayViol = true;
        }
        dayHas = true;
      }
      if (h % 24 == 23) {
        days += dayHas ? 1 : 0;
        vdays += dayViol ? 1 : 0;
        dayHas = false;
        dayViol = false;
      }
    }
    return new Tally(n, a, u, slack, viol, days, vdays, changes, alloc.length);
  }

  /**
   * Allocation sums in resource-hours: core-hours or GiB-hours.
   *
   * @param r the resource
   * @param allocationSum Σ allocation over 5-minute windows
   * @return resource-hours
   */
  public static double hours(Resource r, double allocationSum) {
    double h = allocationSum * BitbrainsTrace.STEP_MILLIS / RightsizingReplay.HOUR;
    return r == Resource.CPU ? h : h / (1024.0 * 1024 * 1024);
  }

  /**
   * One point of a frontier.
   *
   * @param factor index of the chosen factor (-1 when no factor meets the budget)
   * @param allocation total allocation sum (NaN when infeasible)
   * @param rate pooled violation rate at that factor
   */
  public record Point(int factor, double allocation, double rate) {}

  /**
   * The frontier point at a budget over a (multi)set of containers.
   *
   * @param tallies {@code tallies[container][factor]}
   * @param containers container indices (repeats allowed)
   * @param r the resource
   * @param budget the violation budget
   * @return the point
   */
  public static Point atBudget(Tally[][] tallies, int[] containers, Resource r, double budget) {
    int factors = tallies[0].length;
    Point best = new Point(-1, Double.NaN, Double.NaN);
    for (int k = 0; k < factors; k++) {
      double a = 0;
      double v = 0;
      double n = 0;
      for (int c : containers) {
        Tally t = tallies[c][k];
        a += t.allocation();
        v += r == Resource.CPU ? t.violations() : t.violatedDays();
        n += r == Resource.CPU ? t.windows() : t.days();
      }
      double rate = n == 0 ? Double.NaN : v / n;
      if (rate <= budget && (best.factor() < 0 || a < best.allocation())) {
        best = new Point(k, a, rate);
      }
    }
    return best;
  }

  /**
   * Pooled totals at one factor.
   *
   * @param tallies {@code tallies[container][factor]}
   * @param k the factor index
   * @param r the resource
   * @return the point (allocation and rate at that factor)
   */
  public static Point atFactor(Tally[][] tallies, int k, Resource r) {
    double a = 0;
    double v = 0;
    double n = 0;
    for (Tally[] row : tallies) {
      a += row[k].allocation();
      v += r == Resource.CPU ? row[k].violations() : row[k].violatedDays();
      n += r == Resource.CPU ? row[k].windows() : row[k].days();
    }
    return new Point(k, a, v / n);
  }

  /**
   * The saving of a method against VPA at a budget with its paired bootstrap interval.
   *
   * @param saving {@code 1 - A_method / A_vpa} on all containers (NaN when either is infeasible)
   * @param lo 2.5 % bootstrap quantile
   * @param hi 97.5 % bootstrap quantile
   * @param infeasibleDraws resamples in which either method had no feasible factor
   */
  public record Saving(double saving, double lo, double hi, int infeasibleDraws) {}

  /**
   * Saving against VPA with a paired bootstrap over containers.
   *
   * @param method the method's tallies {@code [container][factor]}
   * @param vpa VPA's tallies
   * @param r the resource
   * @param budget the budget
   * @param draws bootstrap resamples
   * @param seed the seed
   * @return the saving
   */
  public static Saving saving(Tally[][] method, Tally[][] vpa, Resource r, double budget,
      int draws, long seed) {
    int n = method.length;
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    double s = saving(method, vpa, all, r, budget);
    Random rnd = new Random(seed);
    List<Double> boot = new ArrayList<>();
    int bad = 0;
    int[] idx = new int[n];
    for (int b = 0; b < draws; b++) {
      for (int i = 0; i < n; i++) {
        idx[i] = rnd.nextInt(n);
      }
      double x = saving(method, vpa, idx, r, budget);
      if (Double.isNaN(x)) {
        bad++;
      } else {
        boot.add(x);
      }
    }
    double[] v = boot.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    double lo = v.length == 0 ? Double.NaN : v[(int) Math.floor(0.025 * (v.length - 1))];
    double hi = v.length == 0 ? Double.NaN : v[(int) Math.ceil(0.975 * (v.length - 1))];
    return new Saving(s, lo, hi, bad);
  }

  private static double saving(Tally[][] m, Tally[][] vpa, int[] idx, Resource r, double b) {
    Point pm = atBudget(m, idx, r, b);
    Point pv = atBudget(vpa, idx, r, b);
    if (pm.factor() < 0 || pv.factor() < 0) {
      return Double.NaN;
    }
    return 1 - pm.allocation() / pv.allocation();
  }
}
