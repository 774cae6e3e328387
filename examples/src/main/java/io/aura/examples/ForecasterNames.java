package io.aura.examples;

import io.aura.forecast.Forecasters;
import java.util.Iterator;

/**
 * The forecaster names of {@link Forecasters#names()}, as picocli completion candidates, so that
 * {@code --help} lists every choice of a {@code --method} option.
 *
 * <p>Thread safety: stateless. Allocation: an iterator per call. Complexity: O(names).
 */
final class ForecasterNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Forecasters.names().iterator();
  }
}
