package io.aura.io.csv;

import io.aura.features.InvalidDataException;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads RFC 4180 records (quoted fields, doubled quotes, quoted line breaks) from a reader, keeping
 * the line number each record starts on. When comments are allowed, a record starting with '#' is
 * returned whole as one raw field. Not thread-safe.
 */
final class CsvRecords {
  private final Reader in;
  private final String source;
  private final StringBuilder field = new StringBuilder();
  private int pushedBack = -2;
  private long line = 1;
  private long recordLine;
  private boolean comment;

  CsvRecords(Reader in, String source) {
    this.in = in;
    this.source = source;
  }

  long recordLine() {
    return recordLine;
  }

  boolean isComment() {
    return comment;
  }

  private int read() throws IOException {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    return in.read();
  }

  /**
   * Reads the next record into {@code out}; returns false at the end of input. Skips blank lines.
   */
  boolean next(List<String> out, boolean allowComments) throws IOException {
    out.clear();
    comment = false;
    int c = read();
    while (c == '\n' || c == '\r') {
      if (c == '\n') {
        line++;
      }
      c = read();
    }
    if (c < 0) {
      return false;
    }
    recordLine = line;
    if (allowComments && c == '#') {
      field.setLength(0);
      while (c >= 0 && c != '\n') {
        if (c != '\r') {
          field.append((char) c);
        }
        c = read();
      }
      if (c == '\n') {
        line++;
      }
      out.add(field.toString());
      comment = true;
      return true;
    }
    field.setLength(0);
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c < 0) {
          throw new InvalidDataException(
              source
                  + " line "
                  + recordLine
                  + ": a quoted field is not closed before the end of the file");
        }
        if (c == '"') {
          int d = read();
          if (d == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = d;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
        c = read();
        continue;
      }
      if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        c = read();
        continue;
      }
      if (c == ',' || c == '\n' || c == '\r' || c < 0) {
        out.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        if (c == ',') {
          c = read();
          continue;
        }
        if (c == '\r') {
          int d = read();
          if (d != '\n') {
            pushedBack = d;
          }
          c = '\n';
        }
        if (c == '\n') {
          line++;
        }
        return true;
      }
      if (wasQuoted) {
        throw new InvalidDataException(
            source
                + " line "
                + line
                + ": text after the closing quote of field "
                + (out.size() + 1));
      }
      field.append((char) c);
      c = read();
    }
  }

  /** Quotes a field when it needs it. */
  static String quote(String s) {
    boolean needs =
        s.isEmpty()
            ? false
            : (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ' || s.charAt(0) == '#');
    for (int i = 0; i < s.length() && !needs; i++) {
      char c = s.charAt(i);
      needs = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
