package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void demoEngineersFeaturesBothWaysAndReportsThemIdentical() {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = new CommandLine(new AuraCli()).execute("demo", "--hours", "3", "--seed", "7");
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    assertThat(out).contains("batch = streaming: identical (0 of 2,880 rows differ)");
    assertThat(out).containsPattern("memory-leak-0 +\\d");
    assertThat(out).contains("cpu-throttled-0", "disk-filling-0", "healthy-0");
  }

  @Test
  void unknownCommandIsAnError() {
    assertThat(new CommandLine(new AuraCli()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("no-such-command")).isNotZero();
  }
}
