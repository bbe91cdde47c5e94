package io.presencestream.cli;

import io.presencestream.daemon.ConfigException;
import io.presencestream.daemon.Daemon;
import io.presencestream.daemon.DaemonConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code run} command: the daemon. Loads and checks the configuration (the embedded default when no
 * {@code --config} is given), starts source, engine, sinks and HTTP server, prints the wallboard's URL and
 * runs until SIGTERM or Ctrl-C, then shuts down gracefully within {@code --shutdown-timeout}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the daemon: RingCentral presence (or the built-in simulator) in, SSE, HTTP API, wallboard and sinks out.",
      "Without --config it runs the embedded default configuration: the simulator with a realistic office.",
      "Stops gracefully on SIGTERM or Ctrl-C."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped normally (also on SIGTERM or Ctrl-C, once the graceful stop finished in time)",
      "1:failed while starting or running, or the graceful stop did not finish in time",
      "2:invalid configuration or options"})
final class RunCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (see config/ and the README).")
  private Path config;

  @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on (overrides server.host).")
  private String host;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on, 0 for any free one (overrides server.port).")
  private Integer port;

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description = "Longest graceful shutdown before giving up (default: ${DEFAULT-VALUE}).")
  private int shutdownTimeoutSeconds;

  private final Map<String, String> environment;

  /** The command as the command line runs it: the process environment. */
  RunCommand() {
    this(System.getenv());
  }

  RunCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    DaemonConfig daemonConfig;
    try {
      daemonConfig = configuration();
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return 2;
    }
    if (shutdownTimeoutSeconds < 1) {
      err.println("--shutdown-timeout: must be at least 1 second");
      err.flush();
      return 2;
    }

    // Taken before the start, which can last seconds: a signal meanwhile is a stop request served once
    // the daemon is up, not a JVM shutdown racing the start (and its hook registration).
    StopSignals signals = new StopSignals();
    signals.install();
    Daemon daemon;
    try {
      daemon = Daemon.start(daemonConfig);
    } catch (RuntimeException e) {
      // also on stderr: `mvn -q exec:java` silences the log
      err.println("presence-stream failed to start: "
          + Failures.startFailure(e, daemonConfig.server().host(), "server.host or --host"));
      err.flush();
      return 1;
    }
    Duration shutdownTimeout = Duration.ofSeconds(shutdownTimeoutSeconds);
    Thread hook = new Thread(() -> daemon.shutdown(shutdownTimeout), "presence-stream-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // The JVM began exiting during the start (the signals could not be taken): stop what started.
      return daemon.shutdown(shutdownTimeout) ? 0 : 1;
    }

    // With JSON lines on stdout, stdout is data: the banner goes to stderr.
    PrintWriter banner = daemonConfig.sinks().jsonLines().filter(lines -> lines.file().isEmpty()).isPresent()
        ? err : spec.commandLine().getOut();
    banner(daemon.url(), daemon.networkUrls(), daemonConfig.server().authToken().isPresent()).forEach(banner::println);
    banner.flush();

    // The main thread waits for whichever comes first: a stop signal or the daemon stopping by itself.
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    signals.requested().thenAccept(outcome::complete);
    Thread watcher = new Thread(() -> {
      Throwable stopped = daemon.awaitTermination();
      outcome.complete(stopped == null ? NO_FAILURE : stopped);
    }, "presence-stream-termination");
    watcher.setDaemon(true);
    watcher.start();
    Object first = outcome.join();
    if (first instanceof String) {
      // A stop signal: stop here rather than in the hook, so that the process exits with our code.
      removeHook(hook);
      return daemon.shutdown(shutdownTimeout) ? 0 : 1;
    }
    Throwable failure = first == NO_FAILURE ? null : (Throwable) first;
    if (failure != null) {
      // Stopped by itself (e.g. a permanent RingCentral error): shut the rest down and report.
      err.println("presence-stream stopped: " + Failures.describe(failure));
      err.flush();
      removeHook(hook);
      daemon.shutdown(shutdownTimeout);
      return 1;
    }
    return 0;
  }

  private static final Object NO_FAILURE = new Object();

  /**
   * The start banner. Its first line is read by scripts ({@code benchmarks/soak.sh}: the first URL on the
   * line with "is running"), so it keeps its shape; the lines after it add the URLs other machines may
   * use and, when a token is required, how to open the wallboard with it. The token itself is never
   * printed, only the place where it goes.
   */
  static List<String> banner(URI url, List<URI> networkUrls, boolean tokenRequired) {
    List<String> lines = new ArrayList<>();
    lines.add("presence-stream is running: open " + url + " (Ctrl-C to stop)");
    if (!networkUrls.isEmpty()) {
      lines.add("  from other machines: " + networkUrls.stream().map(URI::toString).collect(Collectors.joining(", ")));
    }
    if (tokenRequired) {
      lines.add("  a bearer token is required: open the wallboard as " + url + "?access_token=<token>");
      lines.add("  (<token>: the value of PRESENCE_STREAM_TOKEN, or of the variable server.auth.tokenEnv names)");
    }
    return lines;
  }

  /** This thread shuts down now; the hook would only repeat it (and log "stopped" a second time). */
  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyExiting) {
      // The JVM is already exiting: the hook runs too, and close() is idempotent.
    }
  }

  /** The configuration file (or the embedded default) with the command line's overrides. */
  DaemonConfig configuration() {
    DaemonConfig loaded = config == null ? DaemonConfig.loadDefault(environment) : DaemonConfig.load(config, environment);
    if (host == null && port == null) {
      return loaded;
    }
    if (port != null && (port < 0 || port > 65535)) {
      throw new ConfigException("(command line)", java.util.List.of("--port: must be between 0 and 65535, was " + port));
    }
    if (host != null && (host.isBlank() || host.chars().anyMatch(Character::isWhitespace))) {
      throw new ConfigException("(command line)", java.util.List.of("--host: must be a host name or IP address, was \"" + host + "\""));
    }
    return loaded.withServer(
        loaded.server().withAddress(host == null ? loaded.server().host() : host, port == null ? loaded.server().port() : port));
  }
}
