package io.aura.io.csv;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Timestamp spellings accepted and written by the CSV readers and writers. Stateless. */
final class CsvTimes {
  /** NAB's layout: {@code 2014-04-01 00:00:00}, optionally with a fraction, always UTC. */
  static final DateTimeFormatter NAB =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.MILLI_OF_SECOND, 1, 3, true)
          .optionalEnd()
          .toFormatter()
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter NAB_OUT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private CsvTimes() {}

  /**
   * Epoch milliseconds from: an integer (epoch milliseconds), an ISO-8601 instant ({@code
   * 2024-01-01T00:00:00Z}, {@code ...00.250Z}, {@code +02:00} offsets), or NAB's {@code yyyy-MM-dd
   * HH:mm:ss[.SSS]} in UTC.
   */
  static long parse(String s) {
    String t = s.strip();
    if (!t.isEmpty() && (Character.isDigit(t.charAt(t.length() - 1)) && isInteger(t))) {
      return Long.parseLong(t);
    }
    if (t.length() >= 19 && t.charAt(10) == ' ') {
      return LocalDateTime.parse(t, NAB).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      return java.time.OffsetDateTime.parse(t).toInstant().toEpochMilli();
    }
  }

  private static boolean isInteger(String t) {
    int i = t.charAt(0) == '-' ? 1 : 0;
    if (i == t.length()) {
      return false;
    }
    for (; i < t.length(); i++) {
      if (!Character.isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** ISO-8601 UTC, millisecond fraction only when non-zero. */
  static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  /** NAB layout, millisecond fraction only when non-zero. */
  static String nab(long millis) {
    String base = NAB_OUT.format(Instant.ofEpochMilli(Math.floorDiv(millis, 1000) * 1000));
    int ms = Math.floorMod(millis, 1000);
    return ms == 0 ? base : base + String.format(java.util.Locale.ROOT, ".%03d", ms);
  }
}
