package io.aura.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs aura-examples.jar's command line in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@code args} through {@link AuraCli}; System.out is captured and restored. */
  static CliRun of(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = AuraCli.commandLine().setErr(new PrintWriter(err)).execute(args);
    } finally {
      System.setOut(old);
    }
    return new CliRun(code, buf.toString(StandardCharsets.UTF_8), err.toString());
  }

  /** Runs and requires exit code 0 (the message shows both streams otherwise); returns stdout. */
  static String ok(String... args) {
    CliRun r = of(args);
    if (r.exitCode != 0) {
      throw new AssertionError("exit code " + r.exitCode + " for " + String.join(" ", args) + "\n" + r.out + r.err);
    }
    return r.out;
  }
}
