package io.aura.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.SamplePolicy;
import io.aura.io.csv.FrameCsv;
import io.aura.io.csv.NabCsv;
import io.aura.io.exposition.ExpositionFormat;
import io.aura.io.exposition.ExpositionParser;
import io.aura.io.exposition.ExpositionVisitor;
import io.aura.io.exposition.MetricType;
import io.aura.io.exposition.SampleLabels;
import io.aura.io.kubernetes.KubectlJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzz tests (Jazzer) of aura-io's text and JSON readers.
 *
 * <p>Contract checked for every input: the reader returns, or throws only its documented exception
 * ({@link InvalidDataException} and its subclass {@link
 * io.aura.io.exposition.ExpositionFormatException}); any other exception or error (including {@link
 * OutOfMemoryError} and {@link StackOverflowError}) escapes and is a finding. When fuzzing, each
 * input must finish within one second: the command in {@code docs/reliability.md} sets JUnit's
 * {@code junit.jupiter.execution.timeout.testtemplate.method.default=1s}, which Jazzer turns into
 * libFuzzer's {@code -timeout=1}. Regression runs in the normal build do not time inputs (no
 * wall-clock assertion in the unit-test build).
 *
 * <p>Without {@code JAZZER_FUZZ} these run in regression mode over the committed corpus in {@code
 * src/test/resources/io/aura/io/fuzz/TextInputFuzzTestInputs/<method>/}; see {@code
 * docs/reliability.md} for the fuzzing command.
 */
class TextInputFuzzTest {

  /**
   * Counts samples so the parser's work cannot be optimised away; checks values are plain doubles.
   */
  private static final class Counting implements ExpositionVisitor {
    long samples;

    @Override
    public void sample(
        MetricType type, String name, SampleLabels labels, double value, long timestampMillis) {
      if (name == null || name.isEmpty()) {
        throw new IllegalStateException("the parser reported a sample with an empty name");
      }
      samples++;
    }
  }

  @FuzzTest(maxDuration = "60s")
  void exposition(byte[] data) throws IOException {
    for (ExpositionFormat format : ExpositionFormat.values()) {
      try {
        new ExpositionParser(format).parse(new ByteArrayInputStream(data), new Counting());
      } catch (InvalidDataException expected) {
        // documented: ExpositionFormatException (a subclass) naming the line
      }
    }
  }

  @FuzzTest(maxDuration = "60s")
  void kubectlJson(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      KubectlJson.readEvents(new StringReader(text), "fuzz");
    } catch (InvalidDataException expected) {
      // documented
    }
    try {
      KubectlJson.readPods(new StringReader(text), "fuzz");
    } catch (InvalidDataException expected) {
      // documented
    }
    try {
      KubectlJson.readNodes(new StringReader(text), "fuzz");
    } catch (InvalidDataException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "60s")
  void frameCsv(byte[] data) throws IOException {
    try {
      FrameCsv.read(new StringReader(new String(data, StandardCharsets.UTF_8)), "fuzz");
    } catch (InvalidDataException expected) {
      // documented
    }
  }

  @FuzzTest(maxDuration = "60s")
  void nabCsv(byte[] data) throws IOException {
    String text = new String(data, StandardCharsets.UTF_8);
    SamplePolicy lenient =
        SamplePolicy.STRICT
            .withOrder(SamplePolicy.OrderPolicy.SORT)
            .withDuplicates(SamplePolicy.DuplicatePolicy.AVERAGE);
    for (SamplePolicy policy : new SamplePolicy[] {SamplePolicy.STRICT, lenient}) {
      try {
        NabCsv.read(new StringReader(text), "fuzz", "value", Labels.of(), policy);
      } catch (InvalidDataException expected) {
        // documented
      }
    }
  }
}
