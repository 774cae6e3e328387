package io.aura.io.exposition;

import io.aura.features.Labels;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels of one parsed sample, as a reusable view: {@link ExpositionParser} fills it for each
 * sample line and hands it to {@link ExpositionVisitor#sample}. Labels keep their order of
 * appearance on the line.
 *
 * <p>Thread safety: not thread-safe; valid only during the callback that received it. Allocation:
 * none per sample (the arrays grow once to the widest label set seen). Complexity: {@link #get} is
 * O(n) in the number of labels (n is small); {@link #toLabels()} is O(n log n) and allocates.
 */
public final class SampleLabels {
  private String[] names = new String[8];
  private String[] values = new String[8];
  private int size;

  SampleLabels() {}

  void clear() {
    size = 0;
  }

  /** Adds a pair; returns false when the name is already present. */
  boolean add(String name, String value) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return false;
      }
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
    return true;
  }

  /**
   * The number of labels.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * The name of label {@code i}, in order of appearance.
   *
   * @param i the index, below {@link #size()}
   * @return the name
   */
  public String name(int i) {
    checkIndex(i);
    return names[i];
  }

  /**
   * The value of label {@code i}, unescaped.
   *
   * @param i the index, below {@link #size()}
   * @return the value
   */
  public String value(int i) {
    checkIndex(i);
    return values[i];
  }

  /**
   * The value of a label.
   *
   * @param name the label name
   * @return the value, or {@code null} when absent
   */
  public String get(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /**
   * An immutable copy as Aura {@link Labels}.
   *
   * @return the labels
   */
  public Labels toLabels() {
    if (size == 0) {
      return Labels.EMPTY;
    }
    Map<String, String> m = new LinkedHashMap<>(size * 2);
    for (int i = 0; i < size; i++) {
      m.put(names[i], values[i]);
    }
    return Labels.of(m);
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("label index " + i + " out of range 0.." + (size - 1));
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(names[i]).append("=\"").append(values[i]).append('"');
    }
    return sb.append('}').toString();
  }
}
