package io.aura.ensemble.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of member verdicts (of the members whose verdict depends on the scaled row
 * alone, packed by {@link MemberVerdict}) keyed by the scaled feature row, for inputs that repeat: pods that are down or idle produce the same row scrape
 * after scrape (all missing, or flat), replays score the same rows again.
 *
 * <p>Direct-mapped: a row's hash picks one of {@code capacity} slots; a slot holds one immutable
 * entry, replaced on a miss (no eviction policy beyond that, no locks). A hit needs the whole key
 * equal bit for bit ({@link Arrays#equals(double[], double[])}, NaN equal to NaN), so a cached
 * result is exactly what the members would compute.
 *
 * <p>Thread safety: safe for any number of sessions (an {@link AtomicReferenceArray} of immutable
 * entries). Allocation: none on a hit; one entry (a copy of the key and the probabilities) on a miss.
 * Complexity: O(d) per lookup for d selected features; memory O(capacity · (d + classes)).
 */
final class ScoreCache {
  private final AtomicReferenceArray<Entry> slots;
  private final int mask;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  private static final class Entry {
    final double[] key;
    final double[] verdicts;

    Entry(double[] key, double[] verdicts) {
      this.key = key;
      this.verdicts = verdicts;
    }
  }

  ScoreCache(int capacity) {
    int c = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    if (capacity < 1 || capacity > (1 << 24)) {
      throw new IllegalArgumentException("cache capacity must be in [1, 16777216], got " + capacity);
    }
    this.slots = new AtomicReferenceArray<>(capacity == 1 ? 1 : c);
    this.mask = slots.length() - 1;
  }

  int capacity() {
    return slots.length();
  }

  /** Copies the cached verdicts for {@code key} into {@code verdicts}; false on a miss. */
  boolean lookup(double[] key, double[] verdicts) {
    Entry e = slots.get(slot(key));
    if (e != null && e.verdicts.length == verdicts.length && Arrays.equals(e.key, key)) {
      System.arraycopy(e.verdicts, 0, verdicts, 0, verdicts.length);
      hits.increment();
      return true;
    }
    misses.increment();
    return false;
  }

  void store(double[] key, double[] verdicts) {
    slots.set(slot(key), new Entry(key.clone(), verdicts.clone()));
  }

  private int slot(double[] key) {
    int h = Arrays.hashCode(key);
    return (h ^ (h >>> 16)) & mask;
  }

  long hits() {
    return hits.sum();
  }

  long misses() {
    return misses.sum();
  }
}
