package io.aura.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every program's {@code --help} is complete: it exits 0, names every option and lists choices. */
class HelpTest {
  /** A list of choices that rendered empty, as in "One of , or all". */
  private static final Pattern EMPTY_CHOICES = Pattern.compile("\\b(of|from)\\s*[,;]");

  @Test
  void everyProgramsHelpNamesEveryOptionAndItsChoices() {
    CommandLine cli = AuraCli.commandLine();
    assertThat(cli.getSubcommands()).containsKeys("demo", "nab", "m4", "forecast", "k8s");
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help")) {
                return;
              }
              CliRun r = CliRun.of(name, "--help");
              assertThat(r.exitCode()).as(name).isZero();
              for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.hidden()) {
                  assertThat(r.out())
                      .as("%s --help names %s", name, o.longestName())
                      .contains(o.longestName());
                  assertThat(o.description())
                      .as("%s %s has a description", name, o.longestName())
                      .isNotEmpty();
                }
              }
              assertThat(EMPTY_CHOICES.matcher(r.out()).find())
                  .as("%s --help lists no empty choice:%n%s", name, r.out())
                  .isFalse();
            });
  }

  @Test
  void methodChoicesAreListed() {
    assertThat(CliRun.ok("m4", "--help")).contains("theta").contains("auto");
    assertThat(CliRun.ok("forecast", "--help")).contains("theta");
  }
}
