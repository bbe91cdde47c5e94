package io.presencestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private static String versionOf(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(args)).isZero();
    return out.toString().strip();
  }

  @Test
  void everyCommandPrintsTheSameVersion() {
    String version = versionOf("--version");

    assertThat(version).startsWith("presence-stream ");
    assertThat(versionOf("run", "--version")).isEqualTo(version);
    assertThat(versionOf("simulate", "--version")).isEqualTo(version);
    assertThat(versionOf("replay", "--version")).isEqualTo(version);
  }

  @Test
  void helpCommandPrintsTheUsageOfTheNamedCommand() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("help", "run")).isZero();

    assertThat(out.toString()).startsWith("Usage: presence-stream run").contains("--shutdown-timeout").contains("Exit codes:");
  }

  @Test
  void helpWithoutACommandListsTheCommands() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("help")).isZero();

    assertThat(out.toString()).contains("run").contains("simulate").contains("replay").contains("help");
  }
}
