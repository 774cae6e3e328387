package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pipes a short session through examples/jshell/aura and checks what JShell prints. */
class JShellLauncherIT {

  @Test
  void launcherOpensJShellWithAuraAndTheScriptLoaded() throws Exception {
    Path launcher = Path.of("jshell", "aura").toAbsolutePath();
    assertThat(launcher).exists();
    assertThat(Path.of("target", "aura-examples.jar")).exists();
    Process p = new ProcessBuilder("bash", launcher.toString()).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(
          ("System.out.println(\"features=\" + pod.schema().size())\n"
                  + "RollingWindow w = RollingWindow.of(3); w.push(1); w.push(5); w.push(3);\n"
                  + "System.out.println(\"median=\" + w.median())\n"
                  + "System.out.println(\"samples=\" + memory.size())\n"
                  + "/exit\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream s = p.getInputStream()) {
      s.transferTo(out);
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("jshell exited").isTrue();
    String text = out.toString(StandardCharsets.UTF_8);
    int expectedFeatures =
        io.aura.features.KubernetesFeatures.podFeatures(java.time.Duration.ofSeconds(15))
            .schema()
            .size();
    assertThat(text).contains("Aura loaded: pod = " + expectedFeatures + " features");
    assertThat(text).contains("features=" + expectedFeatures);
    assertThat(text).contains("median=3.0");
    assertThat(text).contains("samples=4");
    assertThat(text).doesNotContain("Error:");
    assertThat(p.exitValue()).isZero();
    assertThat(Files.readString(Path.of("jshell", "aura.jsh")))
        .contains("import io.aura.features.*;");
  }
}
