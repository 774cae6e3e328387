package io.aura.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Stable feature names and their column indices: what a trained model needs to know about its
 * input. Two schemas are compatible only when they hold the same names in the same order; {@link
 * #requireSameAs} turns any difference into an error that names the first differing position and
 * the missing or unexpected features. {@link #fingerprint()} is a SHA-256 of the names, for model
 * files.
 *
 * <p>Thread safety: immutable. Complexity: {@link #indexOf} O(1) expected.
 */
public final class FeatureSchema {
  private String fingerprint; // computed once, on first use

  private final List<String> names;
  private final Map<String, Integer> index;

  private FeatureSchema(List<String> names) {
    this.names = names;
    Map<String, Integer> idx = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n == null || n.isEmpty()) {
        throw new InvalidDataException("feature " + i + " has an empty name");
      }
      if (idx.put(n, i) != null) {
        throw new InvalidDataException("feature name '" + n + "' appears twice (second at index " + i + ")");
      }
    }
    this.index = idx;
  }

  /**
   * A schema from names, in column order.
   *
   * @param names unique, non-empty names
   * @return the schema
   */
  public static FeatureSchema of(List<String> names) {
    return new FeatureSchema(Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(names))));
  }

  /**
   * A schema from names, in column order.
   *
   * @param names unique, non-empty names
   * @return the schema
   */
  public static FeatureSchema of(String... names) {
    return of(List.of(names));
  }

  /**
   * Positional names {@code f0, f1, ...} for a matrix that came without names.
   *
   * @param width the number of features, at least 0
   * @return the schema
   */
  public static FeatureSchema positional(int width) {
    if (width < 0) {
      throw new IllegalArgumentException("width must be at least 0, got " + width);
    }
    List<String> names = new ArrayList<>(width);
    for (int j = 0; j < width; j++) {
      names.add("f" + j);
    }
    return of(names);
  }

  /**
   * The number of features.
   *
   * @return the count
   */
  public int size() {
    return names.size();
  }

  /**
   * The name at an index.
   *
   * @param i the index
   * @return the name
   */
  public String name(int i) {
    return names.get(i);
  }

  /**
   * All names in order.
   *
   * @return an unmodifiable list
   */
  public List<String> names() {
    return names;
  }

  /**
   * The index of a feature.
   *
   * @param name the feature name
   * @return the index
   * @throws InvalidDataException naming the unknown feature and up to five similar known ones
   */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      List<String> close = new ArrayList<>();
      String key = name == null ? "" : name;
      int dot = key.indexOf('.');
      String prefix = dot > 0 ? key.substring(0, dot) : key;
      for (String n : names) {
        if (close.size() < 5 && (n.startsWith(prefix) || n.contains(key))) {
          close.add(n);
        }
      }
      throw new InvalidDataException(
          "unknown feature '" + name + "' (schema has " + names.size() + " features"
              + (close.isEmpty() ? "" : "; similar: " + close) + ")");
    }
    return i;
  }

  /**
   * Whether a feature exists.
   *
   * @param name the name
   * @return true when present
   */
  public boolean contains(String name) {
    return index.containsKey(name);
  }

  /**
   * Checks that another schema is identical, for a model applied to new data.
   *
   * @param actual the schema of the data
   * @throws InvalidDataException describing the first difference, the missing and the unexpected names
   */
  public void requireSameAs(FeatureSchema actual) {
    if (actual.names.equals(names)) {
      return;
    }
    Set<String> missing = new HashSet<>(names);
    missing.removeAll(actual.names);
    Set<String> extra = new HashSet<>(actual.names);
    extra.removeAll(names);
    int first = 0;
    while (first < Math.min(size(), actual.size()) && names.get(first).equals(actual.names.get(first))) {
      first++;
    }
    throw new InvalidDataException(
        "feature schema mismatch: expected " + size() + " features, got " + actual.size()
            + "; first difference at index " + first
            + (first < size() ? " (expected '" + names.get(first) + "'" : " (expected nothing")
            + (first < actual.size() ? ", got '" + actual.names.get(first) + "')" : ", got nothing)")
            + (missing.isEmpty() ? "" : "; missing " + first(missing))
            + (extra.isEmpty() ? "" : "; unexpected " + first(extra)));
  }

  private static List<String> first(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    Collections.sort(l);
    return l.size() > 10 ? l.subList(0, 10) : l;
  }

  /**
   * The schema restricted to some indices, in the given order.
   *
   * @param indices feature indices
   * @return a new schema
   */
  public FeatureSchema select(int[] indices) {
    List<String> l = new ArrayList<>(indices.length);
    for (int i : indices) {
      l.add(names.get(i));
    }
    return of(l);
  }

  /**
   * A SHA-256 hex digest of the names in order, for checking a model file against the data.
   *
   * @return 64 hex characters
   */
  public String fingerprint() {
    String f = fingerprint;
    if (f == null) {
      f = digest();
      fingerprint = f; // a racy single check is safe: String is immutable
    }
    return f;
  }

  private String digest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String n : names) {
        md.update(n.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      StringBuilder sb = new StringBuilder(64);
      for (byte b : md.digest()) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSchema && ((FeatureSchema) o).names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureSchema" + (names.size() <= 8 ? names : names.subList(0, 8) + "... (" + names.size() + ")");
  }
}
