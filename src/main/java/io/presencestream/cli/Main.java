package io.presencestream.cli;

import io.presencestream.internal.OptionalDependency;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code presence-stream} command line: {@code run} (the daemon), {@code simulate} (the
 * RingCentral-compatible simulator on its own), {@code replay} (recorded notifications through the
 * engine) and {@code help [COMMAND]}. The subcommands are package-private: this class is the only entry point.
 */
@Command(
    name = "presence-stream",
    mixinStandardHelpOptions = true,
    version = "presence-stream 0.1.0",
    description = "RingCentral presence notifications turned into live streams of presence and call events.",
    subcommands = {RunCommand.class, SimulateCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  /** Where the daemon's logging is configured: {@code src/main/resources/presence-stream/logback.xml}. */
  static final String LOGBACK_CONFIGURATION = "presence-stream/logback.xml";

  /**
   * Runs the command line and exits the JVM with its exit code: 0 on success (and after a graceful stop
   * of {@code run}), 1 when a command failed, 2 for a usage or configuration error.
   *
   * @param args a command and its options, e.g. {@code run --config presence-stream.yaml}
   */
  public static void main(String[] args) {
    // Before the first logger exists. Logback reads this property; a file given with -D wins.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
    }
    OptionalDependency.requirePicocli();
    System.exit(execute(args));
  }

  /** Runs the command line without exiting, for tests. */
  static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The command line with its subcommands. Picocli does not pass {@code version} down to subcommands, so
   * without this {@code run --version} (offered by every command's standard options) printed an empty line.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    String[] version = cli.getCommandSpec().version();
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(version));
    cli.setParameterExceptionHandler(Main::oneLine);
    return cli;
  }

  /**
   * A mistyped option is told in one line that names it, with picocli's suggestions and where the usage
   * is: printing the whole usage (60 lines for {@code simulate}) scrolls the error itself off the screen.
   */
  static int oneLine(CommandLine.ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    StringBuilder line = new StringBuilder(e.getMessage());
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      line.append(" (did you mean ").append(String.join(", ", unmatched.getSuggestions())).append("?)");
    }
    line.append("; see '").append(failed.getCommandSpec().qualifiedName()).append(" --help'");
    failed.getErr().println(line);
    failed.getErr().flush();
    return failed.getCommandSpec().exitCodeOnInvalidInput();
  }
}
