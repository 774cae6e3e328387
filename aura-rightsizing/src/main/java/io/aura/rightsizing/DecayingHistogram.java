package io.aura.rightsizing;

import java.util.Arrays;

/**
 * A histogram whose sample weights grow by 2 every half-life, so that older samples count half as
 * much as samples one half-life newer (VPA's {@code decaying_histogram.go}). Weights are kept
 * relative to a reference time; once a sample is more than {@code maxDecayExponent} half-lives
 * after it, the reference moves to the sample's time rounded to a multiple of the half-life and
 * every weight is rescaled (O(buckets), once per {@code maxDecayExponent} half-lives). Weights
 * below epsilon are treated as empty. Percentiles return the upper edge of the bucket in which
 * the cumulative weight reaches the fraction (the start of the last bucket, which has no end).
 *
 * <p>Not thread-safe (owned by one recommender). Memory: one {@code double[buckets]}; O(1) per
 * sample, O(buckets) per percentile.
 */
final class DecayingHistogram {
  private final ExponentialBuckets buckets;
  private final long halfLifeMillis;
  private final double maxDecayExponent;
  final double[] weight;
  double total;
  int minBucket;
  int maxBucket;
  long reference;

  DecayingHistogram(ExponentialBuckets buckets, long halfLifeMillis, double maxDecayExponent) {
    this.buckets = buckets;
    this.halfLifeMillis = halfLifeMillis;
    this.maxDecayExponent = maxDecayExponent;
    this.weight = new double[buckets.count()];
    this.minBucket = buckets.count() - 1;
    this.maxBucket = 0;
    this.reference = 0;
  }

  void add(double value, double w, long t) {
    addRaw(value, w * decayFactor(t));
  }

  void subtract(double value, double w, long t) {
    double d = w * decayFactor(t);
    int b = buckets.find(value);
    d = Math.min(weight[b], d);
    weight[b] -= d;
    total -= d;
    if (b == minBucket && weight[b] < buckets.epsilon()) {
      updateMinMax();
    }
  }

  private void addRaw(double value, double w) {
    int b = buckets.find(value);
    weight[b] += w;
    total += w;
    if (b < minBucket && weight[b] >= buckets.epsilon()) {
      minBucket = b;
    }
    if (b > maxBucket && weight[b] >= buckets.epsilon()) {
      maxBucket = b;
    }
  }

  private double decayFactor(long t) {
    double maxAllowed = reference + (double) halfLifeMillis * maxDecayExponent;
    if (t > maxAllowed) {
      shiftReference(t);
    }
    return Math.pow(2, (double) (t - reference) / halfLifeMillis);
  }

  private void shiftReference(long t) {
    long rounded = Math.floorDiv(t + halfLifeMillis / 2, halfLifeMillis) * halfLifeMillis;
    double exponent = Math.rint((double) (reference - rounded) / halfLifeMillis);
    scale(Math.pow(2, exponent));
    reference = rounded;
  }

  private void scale(double factor) {
    for (int b = minBucket; b <= maxBucket; b++) {
      weight[b] *= factor;
    }
    total *= factor;
    updateMinMax();
  }

  private void updateMinMax() {
    int last = weight.length - 1;
    while (minBucket < last && weight[minBucket] < buckets.epsilon()) {
      minBucket++;
    }
    while (maxBucket > 0 && weight[maxBucket] < buckets.epsilon()) {
      maxBucket--;
    }
  }

  boolean isEmpty() {
    return weight[minBucket] < buckets.epsilon();
  }

  double percentile(double p) {
    if (isEmpty()) {
      return 0;
    }
    double partial = 0;
    double threshold = p * total;
    int b = minBucket;
    for (; b < maxBucket; b++) {
      partial += weight[b];
      if (partial >= threshold) {
        break;
      }
    }
    return b < weight.length - 1 ? buckets.start(b + 1) : buckets.start(b);
  }

  void copyFrom(DecayingHistogram o) {
    System.arraycopy(o.weight, 0, weight, 0, weight.length);
    total = o.total;
    minBucket = o.minBucket;
    maxBucket = o.maxBucket;
    reference = o.reference;
  }

  boolean sameState(DecayingHistogram o) {
    return Arrays.equals(weight, o.weight)
        && Double.compare(total, o.total) == 0
        && minBucket == o.minBucket
        && maxBucket == o.maxBucket
        && reference == o.reference;
  }
}
