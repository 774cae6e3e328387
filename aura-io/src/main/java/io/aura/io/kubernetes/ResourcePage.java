package io.aura.io.kubernetes;

import java.util.List;
import java.util.Objects;

/**
 * One list response from the API server: the items and the list's {@code resourceVersion}, from
 * which a watch resumes without missing or repeating changes.
 *
 * <p>Thread safety: immutable (the list is an unmodifiable copy). Allocation: the list copy.
 * Complexity: O(items) construction.
 *
 * @param items the items, in server order
 * @param resourceVersion the list's {@code metadata.resourceVersion}; empty if the server gave none
 * @param <T> the item type
 */
public record ResourcePage<T>(List<T> items, String resourceVersion) {
  /**
   * Validates and copies.
   *
   * @param items see the record description
   * @param resourceVersion see the record description
   */
  public ResourcePage {
    items = List.copyOf(items);
    Objects.requireNonNull(resourceVersion, "resourceVersion");
  }
}
