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
      WarnCommand.class, ForecastCommand.class,
      TreesCommand.class, K8sCommand.class,
      CommandLine.HelpCommand.class})
public final class AuraCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Entry point.
   *
   * @param args command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AuraCli()).execute(args));
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
