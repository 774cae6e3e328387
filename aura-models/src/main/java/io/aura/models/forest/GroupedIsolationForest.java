package io.aura.models.forest;

import io.aura.features.Frame;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.anomaly.Detection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@link IsolationForest} per group key (e.g. per deployment, per node pool), so a row is
 * scored against its own group's peers rather than the whole fleet.
 *
 * <p>Each group's forest is fitted with the same trainer; group {@code g}'s seed is the trainer's
 * seed mixed with the group's position in iteration order, so results are deterministic for a given
 * seed and an ordered map (use a {@link java.util.LinkedHashMap} or {@link java.util.TreeMap}).
 *
 * <p>Groups keyed by {@link Labels} can be saved and loaded ({@link GroupedIsolationForestFile}).
 *
 * <p>Thread safety: immutable, share freely. Allocation: {@link #score} allocates nothing.
 * Complexity: a hash lookup plus the group forest's O(t log ψ).
 *
 * @param <K> the group key type (with proper {@code equals}/{@code hashCode}, e.g. {@code Labels})
 */
public final class GroupedIsolationForest<K> {
  private final Map<K, IsolationForest> forests;

  private GroupedIsolationForest(Map<K, IsolationForest> forests) {
    this.forests = forests;
  }

  /**
   * Fits one forest per group.
   *
   * @param trainer the trainer (its seed is varied per group)
   * @param groups the training rows of each group, each group at least 2 rows, no NaN
   * @param <K> the key type
   * @return the grouped model
   * @throws InvalidDataException naming the group whose data is bad
   */
  public static <K> GroupedIsolationForest<K> fit(
      IsolationForestTrainer trainer, Map<K, double[][]> groups) {
    if (groups.isEmpty()) {
      throw new InvalidDataException("grouped Isolation Forest: no groups to fit");
    }
    Map<K, IsolationForest> out = new LinkedHashMap<>();
    int g = 0;
    for (Map.Entry<K, double[][]> e : groups.entrySet()) {
      long groupSeed = trainer.seed() + 0x9E3779B97F4A7C15L * (g++ + 1);
      try {
        out.put(e.getKey(), trainer.withSeed(groupSeed).fit(e.getValue()));
      } catch (InvalidDataException ex) {
        throw new InvalidDataException("group " + e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
    return new GroupedIsolationForest<>(Collections.unmodifiableMap(out));
  }

  /**
   * Fits one forest per group from frames (e.g. one frame per deployment, keyed by its labels);
   * each forest takes its frame's column names.
   *
   * @param trainer the trainer (its seed is varied per group)
   * @param groups the training frame of each group
   * @param <K> the key type
   * @return the grouped model
   * @throws InvalidDataException naming the group whose data is bad
   */
  public static <K> GroupedIsolationForest<K> fitFrames(
      IsolationForestTrainer trainer, Map<K, Frame> groups) {
    if (groups.isEmpty()) {
      throw new InvalidDataException("grouped Isolation Forest: no groups to fit");
    }
    Map<K, IsolationForest> out = new LinkedHashMap<>();
    int g = 0;
    for (Map.Entry<K, Frame> e : groups.entrySet()) {
      long groupSeed = trainer.seed() + 0x9E3779B97F4A7C15L * (g++ + 1);
      try {
        out.put(e.getKey(), trainer.withSeed(groupSeed).fit(e.getValue()));
      } catch (InvalidDataException ex) {
        throw new InvalidDataException("group " + e.getKey() + ": " + ex.getMessage(), ex);
      }
    }
    return new GroupedIsolationForest<>(Collections.unmodifiableMap(out));
  }

  /**
   * The groups.
   *
   * @return an unmodifiable set
   */
  public Set<K> groups() {
    return forests.keySet();
  }

  /**
   * The forest of one group.
   *
   * @param key the group
   * @return the forest
   * @throws InvalidDataException if the group was not fitted
   */
  public IsolationForest forest(K key) {
    IsolationForest f = forests.get(key);
    if (f == null) {
      throw new InvalidDataException("no Isolation Forest was fitted for group " + key);
    }
    return f;
  }

  /**
   * Scores a row against its group's forest.
   *
   * @param key the group
   * @param row the features
   * @return the score in (0, 1]
   */
  public double score(K key, double[] row) {
    return forest(key).score(row);
  }

  /**
   * Scores, grades and explains a row against its group.
   *
   * @param key the group
   * @param row the features
   * @param topK how many contributions to return
   * @return the detection
   */
  public Detection detect(K key, double[] row, int topK) {
    return forest(key).detect(row, topK);
  }

  /** The model kind of grouped forests keyed by {@link Labels}. */
  public static final String KIND = "aura.grouped-isolation-forest";

  static final int FILE_VERSION = 1;

  /** The forests by key, in their order; read by {@link GroupedIsolationForestFile}. */
  Map<K, IsolationForest> forests() {
    return forests;
  }

  static GroupedIsolationForest<Labels> of(Map<Labels, IsolationForest> forests) {
    return new GroupedIsolationForest<>(Collections.unmodifiableMap(forests));
  }
}
