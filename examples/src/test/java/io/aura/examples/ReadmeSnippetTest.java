package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippet is code that compiles and runs: it must equal the lines between the
 * {@code // README:begin} and {@code // README:end} markers of the consumer project's Quickstart,
 * which the consumer build (maven-invoker-plugin, during {@code verify}) compiles and runs against
 * the installed artifacts. The Maven snippet must name the artifact the consumer depends on.
 */
class ReadmeSnippetTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path QUICKSTART = Path.of("consumer", "src", "main", "java", "com", "example", "Quickstart.java");

  @Test
  void theReadmeJavaSnippetIsTheConsumersCode() throws Exception {
    List<String> readme = block(Files.readAllLines(README), "```java");
    List<String> code = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(QUICKSTART)) {
      String t = line.strip();
      if (t.equals("// README:begin")) {
        in = true;
      } else if (t.equals("// README:end")) {
        in = false;
      } else if (in) {
        code.add(t);
      }
    }
    assertThat(readme).isNotEmpty();
    assertThat(code).as("the Quickstart's README regions").containsExactlyElementsOf(readme);
  }

  @Test
  void theReadmeMavenSnippetDeclaresWhatTheConsumerUses() throws Exception {
    String xml = String.join("\n", block(Files.readAllLines(README), "```xml"));
    String pom = Files.readString(Path.of("consumer", "pom.xml"));
    assertThat(xml).contains("<artifactId>aura-bom</artifactId>").contains("<scope>import</scope>");
    assertThat(pom).contains("<artifactId>aura-bom</artifactId>").contains("<scope>import</scope>");
    for (String artifact : List.of("aura-ensemble")) {
      assertThat(xml).contains("<artifactId>" + artifact + "</artifactId>");
      assertThat(pom).contains("<artifactId>" + artifact + "</artifactId>");
    }
  }

  /** The stripped lines of the first fenced block that opens with {@code fence}. */
  private static List<String> block(List<String> lines, String fence) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size() && !lines.get(i).strip().equals(fence)) {
      i++;
    }
    for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
      out.add(lines.get(i).strip());
    }
    return out;
  }
}
