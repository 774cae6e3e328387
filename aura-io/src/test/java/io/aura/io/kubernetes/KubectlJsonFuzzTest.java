package io.aura.io.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.aura.features.InvalidDataException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the reader returns or throws {@link InvalidDataException}, nothing else. */
class KubectlJsonFuzzTest {

  @Provide
  Arbitrary<String> mangled() {
    StringWriter w = new StringWriter();
    KubectlJson.writeEvents(
        List.of(
            KubeEvent.of(
                "BackOff",
                "Back-off restarting failed container",
                KubeEvent.WARNING,
                ObjectRef.container("shop", "web-1", "app"),
                1_767_600_000_000L,
                "kubelet",
                "node-1")),
        w);
    String doc = w.toString();
    return Arbitraries.integers()
        .between(0, doc.length() - 1)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .flatMap(
            cuts ->
                Arbitraries.strings()
                    .withChars("{}[]\":,0123456789-abcTZ ")
                    .ofMaxLength(3)
                    .map(
                        ins -> {
                          StringBuilder sb = new StringBuilder(doc);
                          for (int c : cuts) {
                            int at = Math.min(c, sb.length());
                            sb.replace(at, Math.min(sb.length(), at + 2), ins);
                          }
                          return sb.toString();
                        }));
  }

  @Property(tries = 300)
  void mangledDocumentsReadOrFailWithInvalidData(@ForAll("mangled") String json) {
    try {
      List<KubeEvent> events = KubectlJson.readEvents(new StringReader(json), "fuzz.json");
      assertThat(events).doesNotContainNull();
    } catch (InvalidDataException e) {
      assertThat(e.getMessage()).startsWith("fuzz.json");
    }
  }

  @Property(tries = 200)
  void arbitraryTextReadsOrFailsWithInvalidData(@ForAll String text) {
    try {
      KubectlJson.readPods(new StringReader(text), "fuzz.json");
      KubectlJson.readNodes(new StringReader(text), "fuzz.json");
    } catch (InvalidDataException e) {
      assertThat(e.getMessage()).startsWith("fuzz.json");
    }
  }
}
