package io.aura.models.trees;

import static org.assertj.core.api.Assertions.assertThat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Worst-case margin disagreement between Aura's engine and a native library. */
final class Agreement {
  private static final Logger LOG = LoggerFactory.getLogger(Agreement.class);

  /** Tolerance: |ours - native| <= 1e-5 * max(1, |native|). */
  static final double TOLERANCE = 1e-5;

  double worstScaled; // |a-b| / max(1,|b|)
  double worstAbs;
  double worstRelative; // |a-b| / |b| over |b| >= 1e-3
  long compared;
  long classDisagreements;

  void add(double ours, double ref) {
    double d = Math.abs(ours - ref);
    worstAbs = Math.max(worstAbs, d);
    worstScaled = Math.max(worstScaled, d / Math.max(1.0, Math.abs(ref)));
    if (Math.abs(ref) >= 1e-3) {
      worstRelative = Math.max(worstRelative, d / Math.abs(ref));
    }
    compared++;
  }

  void addClass(int ours, int ref) {
    if (ours != ref) {
      classDisagreements++;
    }
  }

  void check(String what) {
    LOG.info(
        "AGREEMENT {}: margins={} worstAbs={} worstScaled={} worstRelative(|ref|>=1e-3)={} "
            + "classDisagreements={}",
        what,
        compared,
        worstAbs,
        worstScaled,
        worstRelative,
        classDisagreements);
    assertThat(compared).as(what + ": margins compared").isPositive();
    assertThat(worstScaled)
        .as(what + ": worst |ours-native|/max(1,|native|)")
        .isLessThanOrEqualTo(TOLERANCE);
    assertThat(classDisagreements).as(what + ": class decisions differing").isZero();
  }

  /** For engines that reproduce the native summation order: every margin bit-identical. */
  void checkExact(String what) {
    check(what);
    assertThat(worstAbs)
        .as(what + ": margins must be bit-identical to the native library's")
        .isZero();
  }

  static int argmax(float[] v, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  static int argmax(double[] v, int offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (v[offset + i] > v[offset + best]) {
        best = i;
      }
    }
    return best;
  }
}
