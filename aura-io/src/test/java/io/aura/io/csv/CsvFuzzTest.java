package io.aura.io.csv;

import io.aura.features.InvalidDataException;
import io.aura.features.Labels;
import io.aura.features.SamplePolicy;
import java.io.IOException;
import java.io.StringReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any text is read or rejected with an {@link InvalidDataException}; nothing else escapes. */
class CsvFuzzTest {
  @Provide
  Arbitrary<String> almostCsv() {
    return Arbitraries.of(
            "timestamp",
            "value",
            ",",
            "\n",
            "\r\n",
            "\"",
            "# labels: ",
            "{a=\"b\"}",
            "#",
            "1",
            "2.5",
            "NaN",
            "+Inf",
            "x",
            "2014-04-01 00:00:00",
            "2024-01-01T00:00:00Z",
            " ",
            "-",
            "{",
            "}",
            "=",
            "\\")
        .list()
        .ofMaxSize(30)
        .map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void readsOrRejects(@ForAll("almostCsv") String text) throws IOException {
    try {
      FrameCsv.read(new StringReader(text), "fuzz.csv");
    } catch (InvalidDataException e) {
      // documented
    }
    try {
      NabCsv.read(new StringReader(text), "fuzz.csv", "s", Labels.EMPTY, SamplePolicy.STRICT);
    } catch (InvalidDataException e) {
      // documented
    }
  }
}
