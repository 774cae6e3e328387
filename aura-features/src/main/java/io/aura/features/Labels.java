package io.aura.features;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, sorted set of label pairs that identifies what a series measures: {@code
 * namespace}, {@code pod}, {@code container}, {@code node} and any other Prometheus label.
 *
 * <p>Names must be non-empty and follow Prometheus's label-name rule {@code
 * [a-zA-Z_][a-zA-Z0-9_]*}; values are any non-null string (the empty string is a value, as in
 * Prometheus). Equality, hashing and {@link #toString()} depend only on the pairs, never on
 * insertion order; {@code toString()} prints them as Prometheus does, for example {@code
 * {namespace="shop",pod="web-1"}}.
 *
 * <p>Thread safety: immutable, safe to share. Complexity: {@link #get} is O(log n) in the number of
 * labels; construction is O(n log n).
 */
public final class Labels {
  /** Labels with no pairs. */
  public static final Labels EMPTY = new Labels(new TreeMap<>());

  /** The usual Kubernetes label names, as cAdvisor and kube-state-metrics expose them. */
  public static final String NAMESPACE = "namespace";

  /** Pod name label. */
  public static final String POD = "pod";

  /** Container name label. */
  public static final String CONTAINER = "container";

  /** Node name label. */
  public static final String NODE = "node";

  private final TreeMap<String, String> pairs;
  private final int hash;

  private Labels(TreeMap<String, String> pairs) {
    this.pairs = pairs;
    this.hash = pairs.hashCode();
  }

  /**
   * Labels from alternating names and values: {@code Labels.of("namespace", "shop", "pod",
   * "web-1")}.
   *
   * @param namesAndValues name, value, name, value, ...
   * @return the labels
   * @throws InvalidDataException if the count is odd, a name is invalid or repeated, or a value is
   *     null
   */
  public static Labels of(String... namesAndValues) {
    Objects.requireNonNull(namesAndValues, "namesAndValues");
    if (namesAndValues.length % 2 != 0) {
      throw new InvalidDataException(
          "Labels.of needs name/value pairs, got an odd number of strings: "
              + Arrays.toString(namesAndValues));
    }
    TreeMap<String, String> map = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = namesAndValues[i];
      String value = namesAndValues[i + 1];
      checkName(name);
      if (value == null) {
        throw new InvalidDataException("label '" + name + "' has a null value");
      }
      if (map.put(name, value) != null) {
        throw new InvalidDataException("label '" + name + "' is given twice");
      }
    }
    return map.isEmpty() ? EMPTY : new Labels(map);
  }

  /**
   * Labels from a map (copied).
   *
   * @param map label names to values
   * @return the labels
   * @throws InvalidDataException if a name is invalid or a value is null
   */
  public static Labels of(Map<String, String> map) {
    Objects.requireNonNull(map, "map");
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      checkName(e.getKey());
      if (e.getValue() == null) {
        throw new InvalidDataException("label '" + e.getKey() + "' has a null value");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return copy.isEmpty() ? EMPTY : new Labels(copy);
  }

  private static void checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidDataException("label name must be non-empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        throw new InvalidDataException(
            "label name '"
                + name
                + "' is invalid at position "
                + i
                + ": names match [a-zA-Z_][a-zA-Z0-9_]*");
      }
    }
  }

  /**
   * Returns a copy with one pair added or replaced.
   *
   * @param name the label name
   * @param value the value
   * @return new labels
   */
  public Labels with(String name, String value) {
    checkName(name);
    Objects.requireNonNull(value, "value");
    TreeMap<String, String> copy = new TreeMap<>(pairs);
    copy.put(name, value);
    return new Labels(copy);
  }

  /**
   * The value of a label.
   *
   * @param name the label name
   * @return the value, or {@code null} when the label is absent
   */
  public String get(String name) {
    return pairs.get(name);
  }

  /**
   * The label names, sorted.
   *
   * @return an unmodifiable view
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(pairs.keySet());
  }

  /**
   * The pairs, sorted by name.
   *
   * @return an unmodifiable view
   */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(pairs);
  }

  /**
   * The number of pairs.
   *
   * @return the count
   */
  public int size() {
    return pairs.size();
  }

  /**
   * Whether there are no pairs.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return pairs.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels && ((Labels) o).hash == hash && ((Labels) o).pairs.equals(pairs);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Prometheus form: {@code {a="x",b="y"}}, with {@code \\}, {@code "} and newline escaped. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append(e.getKey()).append("=\"");
      String v = e.getValue();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '\\') {
          sb.append("\\\\");
        } else if (c == '"') {
          sb.append("\\\"");
        } else if (c == '\n') {
          sb.append("\\n");
        } else {
          sb.append(c);
        }
      }
      sb.append('"');
    }
    return sb.append('}').toString();
  }
}
