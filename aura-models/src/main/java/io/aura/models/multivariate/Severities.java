package io.aura.models.multivariate;

import io.aura.models.detect.SeverityScale;
import io.aura.models.persist.ModelFileException;

/** Severity cuts to and from a model file's four doubles. Stateless. */
final class Severities {
  private Severities() {}

  static double[] cuts(SeverityScale s) {
    return new double[] {s.low(), s.medium(), s.high(), s.critical()};
  }

  static SeverityScale of(double[] c, String source) throws ModelFileException {
    if (c.length != 4) {
      throw new ModelFileException(source + ": severity section holds " + c.length + " values, expected 4");
    }
    try {
      return new SeverityScale(c[0], c[1], c[2], c[3]);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(source + ": invalid severity cuts: " + e.getMessage());
    }
  }
}
