package io.aura.io.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any input either parses or fails with an {@link ExpositionFormatException}: never another
 * exception.
 */
class ExpositionParserFuzzTest {

  @Provide
  Arbitrary<String> almostExposition() {
    Arbitrary<String> tokens =
        Arbitraries.of(
            "a",
            "b_c",
            ":",
            "{",
            "}",
            "=",
            "\"",
            "\\",
            "\\n",
            "\\\"",
            ",",
            " ",
            "\t",
            "\n",
            "\r\n",
            "#",
            "# TYPE ",
            "# HELP ",
            "# UNIT ",
            "# EOF",
            "counter",
            "histogram",
            "summary",
            "gaugehistogram",
            "_bucket",
            "_sum",
            "le",
            "quantile",
            "1",
            "-2.5e3",
            "NaN",
            "+Inf",
            "-Inf",
            "1700000000",
            ".5",
            "ä",
            "✓",
            "x{y=\"1\"} 2\n");
    return tokens.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void parsesOrReportsALine(@ForAll("almostExposition") String text) throws Exception {
    for (ExpositionFormat f : ExpositionFormat.values()) {
      try {
        ExpositionParser.readAll(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), f);
      } catch (ExpositionFormatException e) {
        assertThat(e.getMessage()).startsWith("line ");
        assertThat(e.lineNumber()).isPositive();
      }
    }
  }

  @Property(tries = 500)
  void randomBytesNeverEscapeAsAnotherException(@ForAll byte[] bytes) throws Exception {
    for (ExpositionFormat f : ExpositionFormat.values()) {
      try {
        ExpositionParser.readAll(new ByteArrayInputStream(bytes), f);
      } catch (ExpositionFormatException e) {
        assertThat(e.lineNumber()).isNotNegative();
      }
    }
  }
}
