package io.aura.models.detect;

import io.aura.features.InvalidDataException;
import java.util.Arrays;

/**
 * How a detector's scores become alarm episodes: a threshold that opens an episode, a lower release
 * level that closes it (hysteresis), and a minimum gap, in steps, between two episodes. The same
 * layer serves every detector — batch models, row and single-series streaming detectors — because
 * it only sees scores. Apply it with a per-stream {@link AlarmTracker} ({@link #newTracker()}),
 * whose rules, including the NaN policy, are documented there.
 *
 * <p>Calibration from a false-alarm budget ({@link #calibrate(double[][], long, double)} or {@link
 * #calibration()}): given the scores a detector gave its training data (one array per entity,
 * consecutive steps {@code stepMillis} apart) and a budget of alarm <em>episodes</em> per
 * entity-day, it chooses a threshold among the training scores at which replaying the training
 * scores through an {@link AlarmTracker} opens at most {@code budget × entity-days} episodes.
 * Entity-days count every step, NaN included: {@code Σ_e n_e · stepMillis / 86 400 000}. The
 * release level is rank-based, so the policy is invariant to any increasing transform of the score:
 * if a fraction {@code p} of the training scores reach the threshold, the release level is the
 * training score reached by a fraction {@code min(1, releaseRatio · p)} (ratio 1: no hysteresis).
 * The search: a threshold that fewer than {@code budget × entity-days} training scores reach cannot
 * break the budget; from there the threshold is lowered, each step doubling the number of training
 * scores that reach it, until the budget breaks, the episode count falls (past its peak, a lower
 * threshold only merges episodes) or half the training scores reach it (the threshold is never
 * below the training median); when the budget broke, bisection between the last threshold that met
 * it and the first that broke it. The episode count is not monotone in the threshold (a low
 * threshold with its lower release level merges everything into a few long episodes), which is why
 * the search walks down from the top rather than bisecting the whole range; the returned policy
 * always meets the budget on the training scores (with a threshold above every training score — no
 * episode — when nothing lower does).
 *
 * <p>Training data that hold anomalies (unlabelled) count their alarms as false ones, so the
 * calibrated rate is an upper bound on the false-alarm rate when the test data look like the
 * training data. The training scores should be what the detector gives <em>out of sample</em> where
 * the detector memorizes its training rows (nearest-neighbour distances of training rows to
 * themselves are 0).
 *
 * <p>Thread safety: immutable. Allocation: {@link #newTracker()} allocates one small object;
 * calibration copies the finite training scores once ({@code O(n)} memory). Complexity: calibration
 * is {@code O(n log n)} for {@code n} training scores (a sort, then {@code O(log n)} replays of
 * {@code O(n)} each).
 */
public final class AlarmPolicy {
  /** Milliseconds per day, the unit of the budget. */
  static final double DAY_MILLIS = 86_400_000.0;

  private final double threshold;
  private final double release;
  private final int minGap;

  private AlarmPolicy(double threshold, double release, int minGap) {
    this.threshold = threshold;
    this.release = release;
    this.minGap = minGap;
  }

  /**
   * A policy with explicit levels.
   *
   * @param threshold the score at or above which an episode opens, not NaN
   * @param releaseLevel the score below which an open episode starts to close, at most {@code
   *     threshold}, not NaN
   * @param minGapSteps consecutive steps below the release level that close an episode, at least 1
   * @return the policy
   * @throws IllegalArgumentException if a level is NaN, the release level exceeds the threshold or
   *     the gap is below 1
   */
  public static AlarmPolicy of(double threshold, double releaseLevel, int minGapSteps) {
    if (Double.isNaN(threshold) || Double.isNaN(releaseLevel)) {
      throw new IllegalArgumentException(
          "threshold and release level must not be NaN, got " + threshold + " and " + releaseLevel);
    }
    if (releaseLevel > threshold) {
      throw new IllegalArgumentException(
          "release level " + releaseLevel + " exceeds the threshold " + threshold);
    }
    if (minGapSteps < 1) {
      throw new IllegalArgumentException("minGapSteps must be at least 1, got " + minGapSteps);
    }
    return new AlarmPolicy(threshold, releaseLevel, minGapSteps);
  }

  /**
   * Calibrates a policy to a false-alarm budget with the default knobs (release ratio 2, minimum
   * gap 1 step); see {@link #calibration()} to change them.
   *
   * @param trainingScoresPerEntity the detector's training scores, one array per entity in step
   *     order; NaN is no verdict, infinities are refused
   * @param stepMillis the time between consecutive steps, positive
   * @param episodesPerEntityDay the budget, finite and at least 0
   * @return the calibrated policy
   * @throws InvalidDataException if there are no finite scores or a score is infinite
   * @throws IllegalArgumentException on a bad step or budget
   */
  public static AlarmPolicy calibrate(
      double[][] trainingScoresPerEntity, long stepMillis, double episodesPerEntityDay) {
    return calibration().calibrate(trainingScoresPerEntity, stepMillis, episodesPerEntityDay);
  }

  /**
   * A calibration with optional knobs.
   *
   * @return a builder with the defaults (release ratio 2, minimum gap 1)
   */
  public static Calibration calibration() {
    return new Calibration();
  }

  /**
   * The score at or above which an episode opens.
   *
   * @return the threshold
   */
  public double threshold() {
    return threshold;
  }

  /**
   * The score below which an open episode counts towards closing.
   *
   * @return the release level, at most the threshold
   */
  public double releaseLevel() {
    return release;
  }

  /**
   * Consecutive steps below the release level that close an episode.
   *
   * @return at least 1
   */
  public int minGapSteps() {
    return minGap;
  }

  /**
   * A fresh tracker for one stream.
   *
   * @return a tracker with no open episode
   */
  public AlarmTracker newTracker() {
    return new AlarmTracker(this);
  }

  /**
   * The episodes this policy opens on some scores, per entity-day (NaN steps count as time).
   *
   * @param scoresPerEntity one array per entity, in step order
   * @param stepMillis the time between steps, positive
   * @return episodes per entity-day
   * @throws IllegalArgumentException if there are no steps or the step is not positive
   */
  public double episodesPerEntityDay(double[][] scoresPerEntity, long stepMillis) {
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("stepMillis must be positive, got " + stepMillis);
    }
    long steps = 0;
    for (double[] s : scoresPerEntity) {
      steps += s.length;
    }
    if (steps == 0) {
      throw new IllegalArgumentException("no scores: the rate per entity-day is undefined");
    }
    return episodes(scoresPerEntity, threshold, release, minGap)
        / (steps * (stepMillis / DAY_MILLIS));
  }

  private static long episodes(double[][] scores, double t, double r, int gap) {
    long count = 0;
    for (double[] s : scores) {
      boolean open = false;
      int below = 0;
      for (double v : s) {
        if (Double.isNaN(v)) {
          continue;
        }
        if (!open) {
          if (v >= t) {
            open = true;
            below = 0;
            count++;
          }
        } else if (v < r) {
          if (++below >= gap) {
            open = false;
            below = 0;
          }
        } else {
          below = 0;
        }
      }
    }
    return count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlarmPolicy p
        && Double.compare(p.threshold, threshold) == 0
        && Double.compare(p.release, release) == 0
        && p.minGap == minGap;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(threshold) * 31 * 31 + Double.hashCode(release) * 31 + minGap;
  }

  @Override
  public String toString() {
    return "AlarmPolicy[threshold="
        + threshold
        + ", release="
        + release
        + ", minGapSteps="
        + minGap
        + "]";
  }

  /**
   * The optional knobs of a budget calibration. A builder: mutable, not thread-safe; the policies
   * it makes are immutable.
   */
  public static final class Calibration {
    private double releaseRatio = 2;
    private int minGap = 1;

    private Calibration() {}

    /**
     * The hysteresis as a ratio of exceedance fractions: the release level is the training score
     * reached by {@code ratio} times as many training scores as reach the threshold.
     *
     * @param ratio at least 1 (1: release level = threshold, no hysteresis)
     * @return this builder
     */
    public Calibration releaseRatio(double ratio) {
      if (!(ratio >= 1) || Double.isInfinite(ratio)) {
        throw new IllegalArgumentException(
            "releaseRatio must be finite and at least 1, got " + ratio);
      }
      this.releaseRatio = ratio;
      return this;
    }

    /**
     * Consecutive steps below the release level that close an episode.
     *
     * @param steps at least 1
     * @return this builder
     */
    public Calibration minGapSteps(int steps) {
      if (steps < 1) {
        throw new IllegalArgumentException("minGapSteps must be at least 1, got " + steps);
      }
      this.minGap = steps;
      return this;
    }

    /**
     * Calibrates a policy (see {@link AlarmPolicy}).
     *
     * @param trainingScoresPerEntity the training scores, one array per entity in step order; NaN
     *     is no verdict, infinities are refused
     * @param stepMillis the time between consecutive steps, positive
     * @param episodesPerEntityDay the budget, finite and at least 0
     * @return the policy
     * @throws InvalidDataException if there are no finite scores or a score is infinite
     */
    public AlarmPolicy calibrate(
        double[][] trainingScoresPerEntity, long stepMillis, double episodesPerEntityDay) {
      if (stepMillis <= 0) {
        throw new IllegalArgumentException("stepMillis must be positive, got " + stepMillis);
      }
      if (!(episodesPerEntityDay >= 0) || Double.isInfinite(episodesPerEntityDay)) {
        throw new IllegalArgumentException(
            "episodesPerEntityDay must be finite and at least 0, got " + episodesPerEntityDay);
      }
      if (trainingScoresPerEntity == null || trainingScoresPerEntity.length == 0) {
        throw new InvalidDataException("alarm calibration: no training scores (no entities)");
      }
      long steps = 0;
      int finite = 0;
      for (int e = 0; e < trainingScoresPerEntity.length; e++) {
        double[] s = trainingScoresPerEntity[e];
        if (s == null) {
          throw new InvalidDataException("alarm calibration: entity " + e + " has no score array");
        }
        steps += s.length;
        for (int i = 0; i < s.length; i++) {
          if (Double.isInfinite(s[i])) {
            throw new InvalidDataException(
                "alarm calibration: entity "
                    + e
                    + ", step "
                    + i
                    + " has score "
                    + s[i]
                    + "; training scores must be finite or NaN (no verdict)");
          }
          if (!Double.isNaN(s[i])) {
            finite++;
          }
        }
      }
      if (finite == 0) {
        throw new InvalidDataException(
            "alarm calibration: all " + steps + " training scores are NaN (no verdict)");
      }
      double[] sorted = new double[finite];
      int k = 0;
      for (double[] s : trainingScoresPerEntity) {
        for (double v : s) {
          if (!Double.isNaN(v)) {
            sorted[k++] = v;
          }
        }
      }
      Arrays.sort(sorted);
      double allowed = episodesPerEntityDay * steps * (stepMillis / DAY_MILLIS);
      // Candidate i is the threshold sorted[i]; candidate n is "above every training score"
      // (no episode). A threshold that fewer than `allowed` scores reach cannot break the budget;
      // from there the threshold is lowered, doubling the exceedance count, until the budget
      // breaks or half the scores exceed it; then bisection between the last candidate that met
      // the budget (hi) and the first that broke it (lo).
      int n = finite;
      int hi = n - (int) Math.min(n, Math.floor(allowed));
      int lo = -1;
      if (hi < n && episodes(trainingScoresPerEntity, sorted, hi) > allowed) {
        lo = hi;
        hi = n;
      } else {
        int floor = n - Math.max(1, n / 2);
        long count = Math.max(1, n - hi);
        long previous = hi < n ? episodes(trainingScoresPerEntity, sorted, hi) : 0;
        while (hi > floor) {
          count *= 2;
          int candidate = (int) Math.max(floor, n - count);
          long e = episodes(trainingScoresPerEntity, sorted, candidate);
          if (e > allowed) {
            lo = candidate;
            break;
          }
          if (e < previous) {
            break; // past the peak: lowering further only merges episodes
          }
          hi = candidate;
          previous = e;
        }
      }
      while (lo >= 0 && hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (episodes(trainingScoresPerEntity, sorted, mid) <= allowed) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      return policyAt(sorted, hi);
    }

    private long episodes(double[][] scores, double[] sorted, int index) {
      AlarmPolicy p = policyAt(sorted, index);
      return AlarmPolicy.episodes(scores, p.threshold, p.release, p.minGap);
    }

    private AlarmPolicy policyAt(double[] sorted, int index) {
      int n = sorted.length;
      if (index >= n) {
        double above = Math.nextUp(sorted[n - 1]);
        return new AlarmPolicy(above, above, minGap);
      }
      double t = sorted[index];
      int first = lowerBound(sorted, t); // scores >= t are sorted[first..n)
      double exceed = n - first;
      long releaseCount = (long) Math.min(n, Math.ceil(releaseRatio * exceed));
      double r = sorted[(int) (n - releaseCount)];
      return new AlarmPolicy(t, Math.min(r, t), minGap);
    }

    private static int lowerBound(double[] a, double v) {
      int lo = 0;
      int hi = a.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (a[mid] < v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
