package io.aura.eval.nab;

import java.util.List;

/**
 * A NAB scoring profile: the weights of a true positive (a detected window), a false positive (a
 * detection outside every window) and a false negative (a missed window). Lavin &amp; Ahmad (2015),
 * "Evaluating Real-time Anomaly Detection Algorithms — the Numenta Anomaly Benchmark", and NAB's
 * {@code config/profiles.json}.
 *
 * <p>Thread safety: immutable. Allocation and complexity: O(1).
 *
 * @param name the profile name as NAB spells it
 * @param tpWeight weight of a true positive
 * @param fpWeight weight of a false positive
 * @param fnWeight weight of a false negative
 */
public record NabProfile(String name, double tpWeight, double fpWeight, double fnWeight) {
  /** NAB's standard profile: tp 1, fp 0.11, fn 1. */
  public static final NabProfile STANDARD = new NabProfile("standard", 1.0, 0.11, 1.0);

  /** NAB's reward_low_FP_rate profile: tp 1, fp 0.22, fn 1. */
  public static final NabProfile REWARD_LOW_FP_RATE =
      new NabProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);

  /** NAB's reward_low_FN_rate profile: tp 1, fp 0.11, fn 2. */
  public static final NabProfile REWARD_LOW_FN_RATE =
      new NabProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

  /** The three profiles in NAB's order. */
  public static final List<NabProfile> ALL =
      List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
}
