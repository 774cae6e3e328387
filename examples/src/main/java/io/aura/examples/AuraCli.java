package io.aura.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Aura's runnable programs, one executable jar: {@code java -jar aura-examples.jar <command>}.
 * Run without arguments for the list.
 */
@Command(
    name = "aura-examples.jar",
    mixinStandardHelpOptions = true,
    versionProvider = AuraCli.Version.class,
    description = "Aura: detect, classify and predict trouble in Kubernetes metrics.",
    subcommands = {DemoCommand.class, SimulateCommand.class, NabCommand.class, OutliersCommand.class, M4Command.class,
      WarnCommand.class, ForecastCommand.class, RightsizeCommand.class, RecommendCommand.class,
      TreesCommand.class, K8sCommand.class, MtsCommand.class,
      CommandLine.HelpCommand.class})
public final class AuraCli implements Runnable {
  /** Exit code of a program that failed on its input or environment (bad file, no data). */
  static final int EXIT_FAILURE = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, print the stack trace as well as the one-line message.")
  boolean verbose;

  /**
   * Entry point.
   *
   * @param args command line
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with Aura's error policy: a failing program prints one line — the command,
   * then what went wrong and where (the library's messages name the file, line, series or
   * feature) — and exits with {@link #EXIT_FAILURE}; the stack trace only with {@code --verbose}.
   *
   * @return a new command line
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new AuraCli());
    cli.setExecutionExceptionHandler((e, failed, parsed) -> {
      CommandLine.Model.CommandSpec root = failed.getCommandSpec().root();
      boolean verbose = root.optionsMap().containsKey("--verbose")
          && Boolean.TRUE.equals(root.findOption("--verbose").getValue());
      java.io.PrintWriter err = failed.getErr();
      err.println("error: " + failed.getCommandName() + ": " + oneLine(e));
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run with --verbose for the stack trace)");
      }
      err.flush();
      return EXIT_FAILURE;
    });
    return cli;
  }

  /** The exception's message, with its causes' messages where they add something. */
  static String oneLine(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = describe(t);
      if (b.indexOf(m) < 0) {
        if (b.length() > 0) {
          b.append(": ");
        }
        b.append(m);
      }
    }
    return b.toString().replace('\n', ' ');
  }

  /** A message that says what went wrong even where the exception's own is just a path. */
  private static String describe(Throwable t) {
    String m = t.getMessage();
    if (t instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory: " + m;
    }
    if (t instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return m.indexOf(' ') < 0 ? t.getClass().getSimpleName() + ": " + m : m;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Prints the jar's version from its manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = AuraCli.class.getPackage().getImplementationVersion();
      return new String[] {"Aura " + (v == null ? "(development build)" : v)};
    }
  }
}
