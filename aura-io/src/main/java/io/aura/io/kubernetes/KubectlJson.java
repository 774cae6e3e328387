package io.aura.io.kubernetes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aura.features.InvalidDataException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads {@code kubectl get events|pods|nodes -o json} output (a {@code List} with {@code items}, or
 * a single object) into Aura's immutable types, and writes events back in the core/v1 shape.
 *
 * <p>Events may be core/v1 or events.k8s.io/v1, even mixed in one list; an item is read as
 * events.k8s.io/v1 when its {@code apiVersion} starts with {@code events.k8s.io/} or it has {@code
 * regarding} and no {@code involvedObject}. Time fallbacks: the first time is {@code
 * firstTimestamp} (core) or {@code eventTime} (events.k8s.io), then the other of the two, then
 * {@code deprecatedFirstTimestamp}, then {@code metadata.creationTimestamp}; the last time is
 * {@code lastTimestamp}, then {@code series.lastObservedTime}, then {@code
 * deprecatedLastTimestamp}, then the first time; the count is {@code count}, then {@code
 * series.count}, then {@code deprecatedCount}, and an absent or zero count (the API server leaves
 * it zero for events written through events.k8s.io) counts as 1. An event with no time at all is
 * rejected.
 *
 * <p>Errors: malformed JSON gives an {@link InvalidDataException} naming the source (file path or
 * the name given), the line and column, and the JSON pointer where parsing stopped; a well-formed
 * document of the wrong shape gives one naming the source and the item path (for example {@code
 * events.json: items[3].count: expected an integer, got "x"}). Unknown fields are ignored.
 *
 * <p>Thread safety: stateless, safe to call from any thread. Allocation: the whole document is read
 * into a Jackson tree first, then converted; memory O(document size). Complexity: O(document size).
 */
public final class KubectlJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private KubectlJson() {}

  /**
   * Reads events from a file.
   *
   * @param file the file
   * @return the events in document order
   * @throws InvalidDataException on malformed JSON or a bad item, naming the file and position
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<KubeEvent> readEvents(Path file) {
    return readFile(file, KubectlJson::event);
  }

  /**
   * Reads events from a reader (not closed).
   *
   * @param in the reader
   * @param source a name for messages, for example the file name
   * @return the events
   * @throws InvalidDataException on malformed JSON or a bad item
   */
  public static List<KubeEvent> readEvents(Reader in, String source) {
    return readItems(parse(in, source), source, KubectlJson::event);
  }

  /**
   * Reads pods from a file.
   *
   * @param file the file
   * @return the pods in document order
   * @throws InvalidDataException on malformed JSON or a bad item
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<PodStatus> readPods(Path file) {
    return readFile(file, KubectlJson::pod);
  }

  /**
   * Reads pods from a reader (not closed).
   *
   * @param in the reader
   * @param source a name for messages
   * @return the pods
   * @throws InvalidDataException on malformed JSON or a bad item
   */
  public static List<PodStatus> readPods(Reader in, String source) {
    return readItems(parse(in, source), source, KubectlJson::pod);
  }

  /**
   * Reads nodes from a file.
   *
   * @param file the file
   * @return the nodes in document order
   * @throws InvalidDataException on malformed JSON or a bad item
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<NodeStatus> readNodes(Path file) {
    return readFile(file, KubectlJson::node);
  }

  /**
   * Reads nodes from a reader (not closed).
   *
   * @param in the reader
   * @param source a name for messages
   * @return the nodes
   * @throws InvalidDataException on malformed JSON or a bad item
   */
  public static List<NodeStatus> readNodes(Reader in, String source) {
    return readItems(parse(in, source), source, KubectlJson::node);
  }

  /**
   * Writes events as a core/v1 {@code List} of {@code Event}s, as {@code kubectl get events -o
   * json} prints them; {@link #readEvents} reads it back to equal events (an empty name is written
   * as {@code <object>.<index in hex>}). Times are RFC 3339 in UTC, with fractional seconds only
   * when not zero.
   *
   * @param events the events
   * @param out the writer (flushed, not closed)
   * @throws UncheckedIOException on a write failure
   */
  public static void writeEvents(Collection<KubeEvent> events, Writer out) {
    try {
      JsonGenerator g = FACTORY.createGenerator(out);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeStringField("apiVersion", "v1");
      g.writeArrayFieldStart("items");
      int i = 0;
      for (KubeEvent e : events) {
        String name =
            e.name().isEmpty()
                ? e.involvedObject().name() + "." + String.format("%016x", i)
                : e.name();
        g.writeStartObject();
        g.writeStringField("apiVersion", "v1");
        g.writeStringField("kind", "Event");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("name", name);
        g.writeStringField("namespace", e.namespace());
        if (!e.resourceVersion().isEmpty()) {
          g.writeStringField("resourceVersion", e.resourceVersion());
        }
        g.writeEndObject();
        g.writeObjectFieldStart("involvedObject");
        g.writeStringField("kind", e.involvedObject().kind());
        if (!e.involvedObject().namespace().isEmpty()) {
          g.writeStringField("namespace", e.involvedObject().namespace());
        }
        g.writeStringField("name", e.involvedObject().name());
        if (!e.involvedObject().fieldPath().isEmpty()) {
          g.writeStringField("fieldPath", e.involvedObject().fieldPath());
        }
        g.writeEndObject();
        g.writeStringField("reason", e.reason());
        g.writeStringField("message", e.message());
        g.writeStringField("type", e.type());
        g.writeNumberField("count", e.count());
        g.writeStringField("firstTimestamp", Instant.ofEpochMilli(e.firstMillis()).toString());
        g.writeStringField("lastTimestamp", Instant.ofEpochMilli(e.lastMillis()).toString());
        g.writeObjectFieldStart("source");
        g.writeStringField("component", e.component());
        if (!e.host().isEmpty()) {
          g.writeStringField("host", e.host());
        }
        g.writeEndObject();
        g.writeEndObject();
        i++;
      }
      g.writeEndArray();
      g.writeStringField("kind", "List");
      g.writeObjectFieldStart("metadata");
      g.writeStringField("resourceVersion", "");
      g.writeEndObject();
      g.writeEndObject();
      g.flush();
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write events", e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static <T> List<T> readFile(Path file, BiFunction<JsonNode, String, T> item) {
    String source = file.toString();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readItems(parse(in, source), source, item);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  static JsonNode parse(Reader in, String source) {
    JsonParser p = null;
    try {
      p = FACTORY.createParser(in);
      JsonNode root = MAPPER.readTree(p);
      if (root == null || root.isMissingNode()) {
        throw new InvalidDataException(source + ": empty document, expected a JSON object");
      }
      JsonToken extra = p.nextToken();
      if (extra != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new InvalidDataException(
            source
                + ": line "
                + l.getLineNr()
                + ", column "
                + l.getColumnNr()
                + ": unexpected content after the JSON document");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String pointer = p == null ? "" : p.getParsingContext().pathAsPointer().toString();
      throw new InvalidDataException(
          source
              + ": malformed JSON at line "
              + (l == null ? "?" : l.getLineNr())
              + ", column "
              + (l == null ? "?" : l.getColumnNr())
              + (pointer.isEmpty() ? "" : " (path " + pointer + ")")
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  static <T> List<T> readItems(JsonNode root, String source, BiFunction<JsonNode, String, T> item) {
    if (!root.isObject()) {
      throw new InvalidDataException(
          source + ": expected a JSON object, got " + root.getNodeType());
    }
    List<T> out = new ArrayList<>();
    JsonNode items = root.get("items");
    if (items != null && !items.isNull()) {
      if (!items.isArray()) {
        throw new InvalidDataException(
            source + ": items: expected an array, got " + items.getNodeType());
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode it = items.get(i);
        String where = source + ": items[" + i + "]";
        if (!it.isObject()) {
          throw new InvalidDataException(where + ": expected an object, got " + it.getNodeType());
        }
        out.add(item.apply(it, where));
      }
    } else if (root.has("kind") && root.get("kind").asText().endsWith("List")) {
      return out;
    } else {
      out.add(item.apply(root, source + ": $"));
    }
    return out;
  }

  static KubeEvent event(JsonNode n, String where) {
    String kind = text(n, "kind", where);
    if (!kind.isEmpty() && !kind.equals("Event")) {
      throw new InvalidDataException(where + ": kind is '" + kind + "', expected 'Event'");
    }
    String apiVersion = text(n, "apiVersion", where);
    boolean newShape =
        apiVersion.startsWith("events.k8s.io/") || (n.has("regarding") && !n.has("involvedObject"));
    JsonNode meta = obj(n, "metadata", where);
    String mw = where + ".metadata";
    String namespace = text(meta, "namespace", mw);
    String name = text(meta, "name", mw);
    String rv = text(meta, "resourceVersion", mw);
    long created = time(meta, "creationTimestamp", mw);
    JsonNode series = obj(n, "series", where);
    String sw = where + ".series";
    String reason = text(n, "reason", where);
    String type = text(n, "type", where);
    String message;
    ObjectRef ref;
    long first;
    long last;
    long count;
    String component;
    String host;
    if (newShape) {
      message = text(n, "note", where);
      ref = ref(obj(n, "regarding", where), where + ".regarding");
      first =
          firstOf(
              time(n, "eventTime", where),
              time(n, "deprecatedFirstTimestamp", where),
              time(n, "firstTimestamp", where),
              created);
      last =
          firstOf(
              time(series, "lastObservedTime", sw),
              time(n, "deprecatedLastTimestamp", where),
              time(n, "lastTimestamp", where),
              first);
      count =
          firstPositive(
              integer(series, "count", sw),
              integer(n, "deprecatedCount", where),
              integer(n, "count", where));
      component = text(n, "reportingController", where);
      host = text(n, "reportingInstance", where);
      JsonNode src = obj(n, "deprecatedSource", where);
      if (component.isEmpty()) {
        component = text(src, "component", where + ".deprecatedSource");
      }
      if (host.isEmpty()) {
        host = text(src, "host", where + ".deprecatedSource");
      }
    } else {
      message = text(n, "message", where);
      ref = ref(obj(n, "involvedObject", where), where + ".involvedObject");
      first =
          firstOf(
              time(n, "firstTimestamp", where),
              time(n, "eventTime", where),
              time(n, "deprecatedFirstTimestamp", where),
              created);
      last =
          firstOf(
              time(n, "lastTimestamp", where),
              time(series, "lastObservedTime", sw),
              time(n, "deprecatedLastTimestamp", where),
              first);
      count = firstPositive(integer(n, "count", where), integer(series, "count", sw), -1);
      JsonNode src = obj(n, "source", where);
      component = text(src, "component", where + ".source");
      host = text(src, "host", where + ".source");
      if (component.isEmpty()) {
        component = text(n, "reportingComponent", where);
      }
      if (host.isEmpty()) {
        host = text(n, "reportingInstance", where);
      }
    }
    if (first == Long.MIN_VALUE) {
      throw new InvalidDataException(
          where
              + ": event "
              + namespace
              + "/"
              + name
              + " has no time (no firstTimestamp, eventTime or metadata.creationTimestamp)");
    }
    if (last < first) {
      throw new InvalidDataException(
          where
              + ": event "
              + namespace
              + "/"
              + name
              + " last time "
              + Instant.ofEpochMilli(last)
              + " is before its first time "
              + Instant.ofEpochMilli(first));
    }
    if (count > Integer.MAX_VALUE) {
      throw new InvalidDataException(where + ": count " + count + " is too large");
    }
    if (namespace.isEmpty()) {
      namespace = ref.namespace();
    }
    return new KubeEvent(
        namespace,
        name,
        reason,
        message,
        type,
        ref,
        first,
        last,
        count < 1 ? 1 : (int) count,
        component,
        host,
        rv);
  }

  static PodStatus pod(JsonNode n, String where) {
    String kind = text(n, "kind", where);
    if (!kind.isEmpty() && !kind.equals("Pod")) {
      throw new InvalidDataException(where + ": kind is '" + kind + "', expected 'Pod'");
    }
    JsonNode meta = obj(n, "metadata", where);
    String name = text(meta, "name", where + ".metadata");
    if (name.isEmpty()) {
      throw new InvalidDataException(where + ".metadata.name: missing");
    }
    JsonNode spec = obj(n, "spec", where);
    JsonNode status = obj(n, "status", where);
    String stw = where + ".status";
    List<ContainerStatus> cs = new ArrayList<>();
    containers(status, "initContainerStatuses", true, stw, cs);
    containers(status, "containerStatuses", false, stw, cs);
    return new PodStatus(
        text(meta, "namespace", where + ".metadata"),
        name,
        text(spec, "nodeName", where + ".spec"),
        text(status, "phase", stw),
        text(status, "reason", stw),
        text(status, "message", stw),
        time(status, "startTime", stw),
        cs);
  }

  private static void containers(
      JsonNode status, String field, boolean init, String where, List<ContainerStatus> out) {
    JsonNode arr = status.get(field);
    if (arr == null || arr.isNull()) {
      return;
    }
    if (!arr.isArray()) {
      throw new InvalidDataException(
          where + "." + field + ": expected an array, got " + arr.getNodeType());
    }
    for (int i = 0; i < arr.size(); i++) {
      JsonNode c = arr.get(i);
      String w = where + "." + field + "[" + i + "]";
      if (!c.isObject()) {
        throw new InvalidDataException(w + ": expected an object, got " + c.getNodeType());
      }
      JsonNode state = obj(c, "state", w);
      ContainerStatus.State st = ContainerStatus.State.UNKNOWN;
      String reason = "";
      long exit = -1;
      long started = Long.MIN_VALUE;
      if (state.has("waiting")) {
        st = ContainerStatus.State.WAITING;
        reason = text(obj(state, "waiting", w + ".state"), "reason", w + ".state.waiting");
      } else if (state.has("terminated")) {
        st = ContainerStatus.State.TERMINATED;
        JsonNode t = obj(state, "terminated", w + ".state");
        reason = text(t, "reason", w + ".state.terminated");
        exit = exitCode(t, w + ".state.terminated");
      } else if (state.has("running")) {
        st = ContainerStatus.State.RUNNING;
        started = time(obj(state, "running", w + ".state"), "startedAt", w + ".state.running");
      }
      JsonNode lastT = obj(obj(c, "lastState", w), "terminated", w + ".lastState");
      String lw = w + ".lastState.terminated";
      long lastExit = exitCode(lastT, lw);
      long restarts = integer(c, "restartCount", w);
      if (restarts < -1 || restarts > Integer.MAX_VALUE) {
        throw new InvalidDataException(w + ".restartCount: " + restarts + " is out of range");
      }
      JsonNode ready = c.get("ready");
      if (ready != null && !ready.isNull() && !ready.isBoolean()) {
        throw new InvalidDataException(w + ".ready: expected a boolean, got " + ready);
      }
      out.add(
          new ContainerStatus(
              text(c, "name", w),
              init,
              ready != null && ready.asBoolean(),
              restarts < 0 ? 0 : (int) restarts,
              st,
              reason,
              started,
              (int) exit,
              text(lastT, "reason", lw),
              (int) lastExit,
              time(lastT, "finishedAt", lw)));
    }
  }

  static NodeStatus node(JsonNode n, String where) {
    String kind = text(n, "kind", where);
    if (!kind.isEmpty() && !kind.equals("Node")) {
      throw new InvalidDataException(where + ": kind is '" + kind + "', expected 'Node'");
    }
    String name = text(obj(n, "metadata", where), "name", where + ".metadata");
    if (name.isEmpty()) {
      throw new InvalidDataException(where + ".metadata.name: missing");
    }
    JsonNode spec = obj(n, "spec", where);
    JsonNode un = spec.get("unschedulable");
    JsonNode conds = obj(n, "status", where).get("conditions");
    List<NodeCondition> out = new ArrayList<>();
    if (conds != null && !conds.isNull()) {
      if (!conds.isArray()) {
        throw new InvalidDataException(where + ".status.conditions: expected an array");
      }
      for (int i = 0; i < conds.size(); i++) {
        JsonNode c = conds.get(i);
        String w = where + ".status.conditions[" + i + "]";
        if (!c.isObject()) {
          throw new InvalidDataException(w + ": expected an object, got " + c.getNodeType());
        }
        String type = text(c, "type", w);
        if (type.isEmpty()) {
          throw new InvalidDataException(w + ".type: missing");
        }
        out.add(
            new NodeCondition(
                type,
                text(c, "status", w),
                text(c, "reason", w),
                text(c, "message", w),
                time(c, "lastTransitionTime", w)));
      }
    }
    return new NodeStatus(name, un != null && un.asBoolean(false), out);
  }

  // ---------------------------------------------------------------------------------------------

  private static ObjectRef ref(JsonNode o, String where) {
    return new ObjectRef(
        text(o, "kind", where),
        text(o, "namespace", where),
        text(o, "name", where),
        text(o, "fieldPath", where));
  }

  private static final JsonNode EMPTY = MAPPER.createObjectNode();

  private static JsonNode obj(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return EMPTY;
    }
    if (!v.isObject()) {
      throw new InvalidDataException(where + "." + field + ": expected an object, got " + v);
    }
    return v;
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new InvalidDataException(where + "." + field + ": expected a string, got " + v);
    }
    return v.textValue();
  }

  private static long integer(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return -1;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidDataException(where + "." + field + ": expected an integer, got " + v);
    }
    long x = v.longValue();
    if (x < 0) {
      throw new InvalidDataException(where + "." + field + ": " + x + " is negative");
    }
    return x;
  }

  /** An exit code: any 32-bit integer (runtimes report negative and large codes); -1 if absent. */
  private static long exitCode(JsonNode n, String where) {
    JsonNode v = n.get("exitCode");
    if (v == null || v.isNull()) {
      return -1;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidDataException(where + ".exitCode: expected a 32-bit integer, got " + v);
    }
    return v.intValue();
  }

  private static long time(JsonNode n, String field, String where) {
    String s = text(n, field, where);
    if (s.isEmpty()) {
      return Long.MIN_VALUE;
    }
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new InvalidDataException(
          where + "." + field + ": '" + s + "' is not an RFC 3339 time", e);
    }
  }

  private static long firstOf(long... ts) {
    for (long t : ts) {
      if (t != Long.MIN_VALUE) {
        return t;
      }
    }
    return Long.MIN_VALUE;
  }

  private static long firstPositive(long... xs) {
    for (long x : xs) {
      if (x > 0) {
        return x;
      }
    }
    return 1;
  }
}
