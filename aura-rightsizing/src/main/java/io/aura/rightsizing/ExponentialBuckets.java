package io.aura.rightsizing;

/**
 * Exponentially growing histogram buckets as in the VPA recommender ({@code
 * pkg/recommender/util/histogram_options.go}): bucket 0 is [0, first), bucket n &gt; 0 starts at
 * {@code first * ((1 + growth)^n - 1) / growth}, so each bucket is {@code 1 + growth} times wider
 * than the one before; the last bucket has no upper end. Immutable; O(1) per lookup.
 */
final class ExponentialBuckets {
  private final double first;
  private final double ratio;
  private final double epsilon;
  private final int count;
  private final double logRatio;

  ExponentialBuckets(double maxValue, double first, double growth, double epsilon) {
    if (!(maxValue > 0) || !(first > 0) || !(growth > 0) || !(epsilon > 0)) {
      throw new IllegalArgumentException(
          "bucket max, first size, growth and epsilon must be > 0: "
              + maxValue + ", " + first + ", " + growth + ", " + epsilon);
    }
    this.first = first;
    this.ratio = 1 + growth;
    this.epsilon = epsilon;
    this.logRatio = Math.log(ratio);
    this.count = (int) Math.ceil(Math.log(maxValue * (ratio - 1) / first + 1) / logRatio) + 1;
  }

  int count() {
    return count;
  }

  double epsilon() {
    return epsilon;
  }

  int find(double value) {
    if (value < first) {
      return 0;
    }
    int b = (int) (Math.log(value * (ratio - 1) / first + 1) / logRatio);
    return b >= count ? count - 1 : b;
  }

  double start(int bucket) {
    if (bucket == 0) {
      return 0;
    }
    return first * (Math.pow(ratio, bucket) - 1) / (ratio - 1);
  }
}
