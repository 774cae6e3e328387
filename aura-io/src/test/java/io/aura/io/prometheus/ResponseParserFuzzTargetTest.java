package io.aura.io.prometheus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.aura.features.InvalidDataException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzz test (Jazzer) of the Prometheus HTTP API answer reader. It lives in the
 * reader's package because {@link ResponseParser} is package-private.
 *
 * <p>Contract: {@link ResponseParser#parse} returns or throws one of the three exception types
 * {@link PrometheusClient} turns into a {@link PrometheusException} (Jackson's {@link
 * JsonProcessingException}, {@link ResponseParser.MalformedResponseException}, {@link
 * InvalidDataException}); anything else would escape the client unwrapped and is a finding, as are
 * errors and (when fuzzing with the command in {@code docs/reliability.md}) inputs taking over one
 * second. Corpus: {@code
 * src/test/resources/io/aura/io/prometheus/ResponseParserFuzzTargetTestInputs/responseParser/}.
 */
class ResponseParserFuzzTargetTest {

  @FuzzTest(maxDuration = "60s")
  void responseParser(byte[] data) throws IOException {
    ResponseParser rp = new ResponseParser("up");
    try {
      rp.parse(new ByteArrayInputStream(data));
    } catch (JsonProcessingException
        | ResponseParser.MalformedResponseException
        | InvalidDataException expected) {
      return;
    }
    for (ResponseParser.SeriesData s : rp.series) {
      if (s.timestamps().length != s.values().length) {
        throw new IllegalStateException(
            "series " + s.name + " has unequal timestamp and value counts");
      }
    }
  }
}
