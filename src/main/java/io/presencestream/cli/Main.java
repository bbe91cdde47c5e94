package io.presencestream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code presence-stream} command line. */
@Command(
    name = "presence-stream",
    mixinStandardHelpOptions = true,
    version = "presence-stream 0.1.0",
    description = "RingCentral presence notifications turned into live streams of presence and call events.",
    subcommands = {RunCommand.class, SimulateCommand.class, ReplayCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line without exiting, for tests. */
  public static int execute(String... args) {
    return new CommandLine(new Main()).execute(args);
  }
}
