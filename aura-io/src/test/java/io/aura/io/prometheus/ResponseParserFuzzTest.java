package io.aura.io.prometheus;

import io.aura.features.InvalidDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Cut or corrupted Prometheus answers fail as a malformed answer (IOException, which the client
 * turns into a PrometheusException naming the query) or as invalid data; never as a
 * NullPointerException, ClassCastException or index error.
 */
class ResponseParserFuzzTest {
  static final String[] VALID = {
    "{\"status\":\"success\",\"warnings\":[\"w\"],\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":"
        + "{\"__name__\":\"m\",\"pod\":\"a\"},\"values\":[[1,\"1\"],[2,\"NaN\"],[3,\"+Inf\"]]}]}}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1.5,\"-Inf\"]}]}}",
    "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}",
    "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"x\"}]}",
    "{\"status\":\"success\",\"data\":[\"a\",\"b\"]}",
    "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"oops\"}",
  };

  @Property(tries = 3000)
  void corruptedAnswersFailCleanly(
      @ForAll @IntRange(min = 0, max = 5) int which,
      @ForAll @IntRange(min = 0, max = 400) int cut,
      @ForAll @IntRange(min = 0, max = 400) int at,
      @ForAll char replacement) {
    String v = VALID[which];
    StringBuilder sb = new StringBuilder(v.substring(0, Math.min(cut, v.length())));
    if (at < sb.length()) {
      sb.setCharAt(at, replacement);
    }
    try {
      new ResponseParser("q")
          .parse(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | InvalidDataException e) {
      // the documented failure modes
    }
  }
}
