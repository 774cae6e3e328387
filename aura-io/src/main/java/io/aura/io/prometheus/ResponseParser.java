package io.aura.io.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.io.exposition.SampleValues;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Prometheus HTTP API JSON answer with Jackson's streaming {@link JsonParser}: samples go
 * straight into growable primitive arrays, no tree is built. One instance per response; not
 * thread-safe.
 */
final class ResponseParser {
  static final JsonFactory JSON = JsonFactory.builder().build();

  /** A malformed answer (valid transport, wrong content). */
  static final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
      super(message);
    }
  }

  /** One series being read: name, labels and samples in primitive arrays. */
  static final class SeriesData {
    final String name;
    final Labels labels;
    long[] ts = new long[16];
    double[] vs = new double[16];
    int size;

    SeriesData(String name, Labels labels) {
      this.name = name;
      this.labels = labels;
    }

    void add(long t, double v) {
      if (size == ts.length) {
        ts = Arrays.copyOf(ts, size * 2);
        vs = Arrays.copyOf(vs, size * 2);
      }
      ts[size] = t;
      vs[size] = v;
      size++;
    }

    long[] timestamps() {
      return Arrays.copyOf(ts, size);
    }

    double[] values() {
      return Arrays.copyOf(vs, size);
    }
  }

  String status;
  String errorType;
  String error;
  final List<String> warnings = new ArrayList<>();
  ResultType resultType;
  final List<SeriesData> series = new ArrayList<>();
  final List<Labels> labelSets = new ArrayList<>();
  final List<String> strings = new ArrayList<>();

  private final String defaultName;

  ResponseParser(String defaultName) {
    this.defaultName = defaultName;
  }

  /** Reads the whole answer. */
  void parse(InputStream in) throws IOException {
    try {
      parseJson(in);
    } catch (java.io.CharConversionException e) {
      // Jackson guesses the encoding from the first bytes (NULs look like UTF-32); a body that is
      // not valid text is a malformed answer, not a connection error to retry.
      throw new MalformedResponseException(
          "the answer is not valid UTF-8 JSON text: " + e.getMessage());
    }
  }

  private void parseJson(InputStream in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "the answer");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "status":
            status = text(p, t, "status");
            break;
          case "errorType":
            errorType = text(p, t, "errorType");
            break;
          case "error":
            error = text(p, t, "error");
            break;
          case "warnings":
          case "infos":
            if (t == JsonToken.START_ARRAY) {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                String w = p.getValueAsString();
                warnings.add(field.equals("infos") ? "info: " + w : w);
              }
            } else if (t != JsonToken.VALUE_NULL) {
              throw malformed(p, "'" + field + "' is not an array");
            }
            break;
          case "data":
            data(p, t);
            break;
          default:
            p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw malformed(p, "expected a field name or the end of the answer");
      }
      if (p.nextToken() != null) {
        throw malformed(p, "unexpected content after the answer object");
      }
    }
    if (status == null) {
      throw new MalformedResponseException("the answer has no 'status' field");
    }
  }

  private void data(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_ARRAY) {
      // /api/v1/series (objects) or /api/v1/labels (strings)
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == JsonToken.START_OBJECT) {
          labelSets.add(Labels.of(labelMap(p)));
        } else if (t == JsonToken.VALUE_STRING) {
          strings.add(p.getText());
        } else {
          throw malformed(p, "unexpected " + t + " in the data array");
        }
      }
      return;
    }
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    expect(p, t, JsonToken.START_OBJECT, "'data'");
    ResultType shape = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      t = p.nextToken();
      if (field.equals("resultType")) {
        String rt = text(p, t, "resultType");
        try {
          resultType = ResultType.valueOf(rt.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw malformed(p, "unknown resultType '" + rt + "'");
        }
      } else if (field.equals("result")) {
        shape = result(p, t);
      } else {
        p.skipChildren();
      }
    }
    if (resultType == null) {
      throw malformed(p, "'data' has no 'resultType'");
    }
    if (shape != null && shape != resultType) {
      throw malformed(p, "resultType is " + resultType + " but the result looks like a " + shape);
    }
  }

  /** Reads 'result' and returns the shape it had (null when empty). */
  private ResultType result(JsonParser p, JsonToken t) throws IOException {
    expect(p, t, JsonToken.START_ARRAY, "'result'");
    t = p.nextToken();
    if (t == JsonToken.END_ARRAY) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      // scalar or string: [time, "value"]
      long ts = millis(p);
      JsonToken vt = p.nextToken();
      String v = text(p, vt, "the scalar value");
      expect(p, p.nextToken(), JsonToken.END_ARRAY, "the end of the scalar");
      SeriesData s = new SeriesData(defaultName, Labels.EMPTY);
      try {
        s.add(ts, SampleValues.parse(v));
      } catch (NumberFormatException e) {
        strings.add(v);
        return ResultType.STRING;
      }
      series.add(s);
      return ResultType.SCALAR;
    }
    ResultType shape = null;
    for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
      expect(p, t, JsonToken.START_OBJECT, "a series object");
      SeriesData s = null;
      Map<String, String> metric = null;
      List<long[]> pendingT = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken ft = p.nextToken();
        switch (field) {
          case "metric":
            expect(p, ft, JsonToken.START_OBJECT, "'metric'");
            metric = labelMap(p);
            break;
          case "value":
          case "values":
            if (s == null) {
              s = newSeries(metric == null ? new LinkedHashMap<>() : metric, p);
              if (metric == null) {
                pendingT = new ArrayList<>(); // marker: metric came after values
              }
            }
            if (field.equals("value")) {
              shape = ResultType.VECTOR;
              pair(p, ft, s);
            } else {
              shape = ResultType.MATRIX;
              expect(p, ft, JsonToken.START_ARRAY, "'values'");
              for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                pair(p, e, s);
              }
            }
            break;
          case "histogram":
          case "histograms":
            throw malformed(
                p,
                "the answer holds native histogram samples, which Aura does not read yet;"
                    + " query a float series (for example histogram_quantile(...) or a _bucket series)");
          default:
            p.skipChildren();
        }
      }
      if (s == null) {
        s = newSeries(metric == null ? new LinkedHashMap<>() : metric, p);
      } else if (pendingT != null && metric != null) {
        SeriesData named = newSeries(metric, p);
        named.ts = s.ts;
        named.vs = s.vs;
        named.size = s.size;
        s = named;
      }
      series.add(s);
    }
    return shape;
  }

  private SeriesData newSeries(Map<String, String> metric, JsonParser p) throws IOException {
    String name = metric.remove("__name__");
    try {
      return new SeriesData(name == null || name.isEmpty() ? defaultName : name, Labels.of(metric));
    } catch (InvalidDataException e) {
      throw malformed(p, e.getMessage());
    }
  }

  private void pair(JsonParser p, JsonToken t, SeriesData s) throws IOException {
    expect(p, t, JsonToken.START_ARRAY, "a [time, value] pair");
    JsonToken tt = p.nextToken();
    if (tt != JsonToken.VALUE_NUMBER_FLOAT && tt != JsonToken.VALUE_NUMBER_INT) {
      throw malformed(p, "expected a numeric timestamp in a [time, value] pair, got " + tt);
    }
    long ts = millis(p);
    JsonToken vt = p.nextToken();
    double v;
    if (vt == JsonToken.VALUE_STRING) {
      String text = p.getText();
      try {
        v = SampleValues.parse(text);
      } catch (NumberFormatException e) {
        throw malformed(
            p, "sample value '" + text + "' of series " + s.name + s.labels + " is not a number");
      }
    } else if (vt == JsonToken.VALUE_NUMBER_FLOAT || vt == JsonToken.VALUE_NUMBER_INT) {
      v = p.getDoubleValue();
    } else {
      throw malformed(p, "expected a value in a [time, value] pair, got " + vt);
    }
    expect(p, p.nextToken(), JsonToken.END_ARRAY, "the end of a [time, value] pair");
    s.add(ts, v);
  }

  private static long millis(JsonParser p) throws IOException {
    double sec = p.getDoubleValue();
    if (!Double.isFinite(sec) || Math.abs(sec) > 9.2e15) {
      throw malformed(p, "timestamp " + p.getText() + " is out of range");
    }
    return Math.round(sec * 1000.0);
  }

  private static Map<String, String> labelMap(JsonParser p) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken t = p.nextToken();
      if (t != JsonToken.VALUE_STRING) {
        throw malformed(p, "label '" + k + "' has a non-string value " + t);
      }
      m.put(k, p.getText());
    }
    return m;
  }

  private static String text(JsonParser p, JsonToken t, String what) throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw malformed(p, "expected a string for " + what + ", got " + t);
    }
    return p.getText();
  }

  private static void expect(JsonParser p, JsonToken got, JsonToken want, String what)
      throws IOException {
    if (got != want) {
      throw malformed(
          p, "expected " + want + " for " + what + ", got " + (got == null ? "end of input" : got));
    }
  }

  private static MalformedResponseException malformed(JsonParser p, String what) {
    return new MalformedResponseException(
        what
            + " (at line "
            + p.currentLocation().getLineNr()
            + ", column "
            + p.currentLocation().getColumnNr()
            + ")");
  }
}
