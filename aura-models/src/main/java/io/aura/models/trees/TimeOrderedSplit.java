package io.aura.models.trees;

import io.aura.features.InvalidDataException;

/**
 * A chronological train / validation / test split: the earliest rows train, the next ones validate
 * (early stopping), the latest ones test. No shuffling, so no future row leaks into training — the
 * split a forecasting-style anomaly model needs.
 *
 * <p>Thread safety: immutable. Allocation: none beyond three views sharing the input's storage.
 * Complexity: O(1), or O(n) when timestamps are checked.
 */
public final class TimeOrderedSplit {
  private final LabeledRows train;
  private final LabeledRows validation;
  private final LabeledRows test;

  private TimeOrderedSplit(LabeledRows train, LabeledRows validation, LabeledRows test) {
    this.train = train;
    this.validation = validation;
    this.test = test;
  }

  /**
   * Splits rows that are already in time order.
   *
   * @param rows rows, oldest first
   * @param trainFraction fraction of rows for training, in (0, 1)
   * @param validationFraction fraction for validation, in [0, 1 - trainFraction]; the rest tests
   * @return the split; a part whose fraction rounds to no rows is null
   */
  public static TimeOrderedSplit of(
      LabeledRows rows, double trainFraction, double validationFraction) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
    }
    if (!(validationFraction >= 0 && trainFraction + validationFraction <= 1)) {
      throw new IllegalArgumentException(
          "validationFraction must be in [0, 1 - trainFraction], " + "got " + validationFraction);
    }
    int n = rows.size();
    int trainEnd = (int) Math.round(n * trainFraction);
    int validEnd = (int) Math.round(n * (trainFraction + validationFraction));
    if (trainEnd < 1) {
      throw new InvalidDataException(
          n + " rows leave no training rows at fraction " + trainFraction);
    }
    return new TimeOrderedSplit(
        rows.slice(0, trainEnd),
        validEnd > trainEnd ? rows.slice(trainEnd, validEnd) : null,
        n > validEnd ? rows.slice(validEnd, n) : null);
  }

  /**
   * Splits rows after checking that their timestamps never decrease.
   *
   * @param rows rows
   * @param epochMillis one timestamp per row
   * @param trainFraction fraction for training
   * @param validationFraction fraction for validation
   * @return the split
   * @throws InvalidDataException naming the first row whose timestamp goes back in time
   */
  public static TimeOrderedSplit of(
      LabeledRows rows, long[] epochMillis, double trainFraction, double validationFraction) {
    if (epochMillis.length != rows.size()) {
      throw new InvalidDataException(
          epochMillis.length + " timestamps for " + rows.size() + " rows");
    }
    for (int i = 1; i < epochMillis.length; i++) {
      if (epochMillis[i] < epochMillis[i - 1]) {
        throw new InvalidDataException(
            "row "
                + i
                + ": timestamp "
                + epochMillis[i]
                + " is earlier than row "
                + (i - 1)
                + "'s "
                + epochMillis[i - 1]);
      }
    }
    return of(rows, trainFraction, validationFraction);
  }

  /**
   * @return the oldest rows
   */
  public LabeledRows train() {
    return train;
  }

  /**
   * @return the middle rows, or null if none
   */
  public LabeledRows validation() {
    return validation;
  }

  /**
   * @return the newest rows, or null if none
   */
  public LabeledRows test() {
    return test;
  }
}
