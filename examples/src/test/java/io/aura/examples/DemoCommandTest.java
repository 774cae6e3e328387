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
      code = new CommandLine(new AuraCli()).execute("demo", "--hours", "6", "--pods", "4", "--faults", "2", "--seed", "7");
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    // 4 pods x 6 h at 15 s = 4 x 1,440 rows, every one identical in both forms.
    assertThat(out).contains("batch = streaming: identical (0 of 5,760 rows differ)");
    assertThat(out).contains("4 pods on 3 nodes", "2 faults injected");
    assertThat(out).containsPattern("- [A-Z_]+ -> [A-Z_]+ (WARNING|CRITICAL)");
  }

  @Test
  void unknownCommandIsAnError() {
    assertThat(new CommandLine(new AuraCli()).setErr(new java.io.PrintWriter(new java.io.StringWriter()))
        .execute("no-such-command")).isNotZero();
  }
}
