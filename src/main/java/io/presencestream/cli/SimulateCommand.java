package io.presencestream.cli;

import io.presencestream.internal.Durations;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.simulator.SimulatorFaults;
import io.presencestream.simulator.SimulatorOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;

/**
 * {@code presence-stream simulate}: runs the RingCentral-compatible simulator on its own, so that the
 * daemon, the official SDK or any RingCentral client can be pointed at it. Prints the server URL, the
 * (fake, demo) credentials it accepts and the configuration with which {@code run} connects to it. Every
 * option is checked before it listens; each problem is one line on stderr, naming the option, exit code 2.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a RingCentral-compatible server (OAuth, WebSocket gateway, REST presence and call sessions) over a",
      "simulated office; subscriptions take presence and telephony-session filters.",
      "Seeded traffic and optional fault injection. Prints the base URL and the demo credentials to use."
    },
    footer = {
      "",
      "Durations are written as in the YAML configuration: 500ms, 15s, 2m, 1h or ISO-8601 (PT15S); a bare number",
      "has no unit and is refused.",
      "",
      "Faults (--fault-script entries <delay>:<fault>, e.g. \"10s:drop, 30s:stall, 45s:429=3/2\"):",
      "  drop, garbage, foreign, stale, skip=N, reset-sequences, stall, refuse-recovery=WSG-1003|WSG-1005,",
      "  expire-tokens, revoke-sessions, 429=N[/retryAfterSeconds], fail-subscriptions=CODE[/N],",
      "  subscribe-without-id[=N], wsg=902|903, slow-presence=DURATION",
      "The whole script is checked before the simulator listens.",
      "",
      "Besides the URL and credentials it prints a simulator.yaml and the commands that run the daemon against it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped normally (--duration elapsed, SIGTERM or Ctrl-C)",
      "1:could not start (e.g. the port is taken)",
      "2:invalid options"})
final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8090", description = "Port to bind, 0 for any free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--extensions", defaultValue = "24", description = "User extensions in the office (default: ${DEFAULT-VALUE}).")
  int extensions;

  @Option(names = "--rate", defaultValue = "2", description = "Traffic steps per second, 0 for none (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--seed", defaultValue = "20261126", description = "Seed of the traffic generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--account-id", defaultValue = "37439510", description = "Account id that ~ stands for (default: ${DEFAULT-VALUE}).")
  String accountId;

  @Option(names = "--client-id", description = "Client id to accept (default: the demo one).")
  String clientId;

  @Option(names = "--client-secret", description = "Client secret to accept (default: the demo one).")
  String clientSecret;

  @Option(names = "--jwt", description = "JWT to accept (default: the demo one).")
  String jwt;

  @Option(names = "--access-token-ttl", defaultValue = "3600s", description = "Access token life, e.g. 60s (default: ${DEFAULT-VALUE}).")
  String accessTokenTtl;

  @Option(names = "--recovery-timeout", defaultValue = "180s", description = "Gateway session recovery window (default: ${DEFAULT-VALUE}).")
  String recoveryTimeout;

  @Option(names = "--idle-timeout", defaultValue = "1800s", description = "WSG-902 after this long without client frames (default: ${DEFAULT-VALUE}).")
  String idleTimeout;

  @Option(names = "--absolute-timeout", defaultValue = "86400s", description = "WSG-903 after this long (default: ${DEFAULT-VALUE}).")
  String absoluteTimeout;

  @Option(names = "--rate-limits", description = "Enforce RingCentral-like rate limits (Auth 5, Heavy 10, Medium 40, Light 50 a minute).")
  boolean rateLimits;

  @Option(names = "--no-call-control", description = "Act for an app without the CallControl permission: "
      + "subscriptions with a telephony-session filter and call-session requests get 403.")
  boolean noCallControl;

  @Option(names = "--no-account-telephony", description = "Refuse the account-level telephony-session filter "
      + "with 403 (per-extension ones are accepted).")
  boolean noAccountTelephony;

  @Option(names = "--fault-script", description = "Faults to inject, as <delay>:<fault> entries separated by commas.")
  String faultScript;

  @Option(names = "--chaos-every", description = "Inject a random fault this often, e.g. 20s.")
  String chaosEvery;

  @Option(names = "--chaos-seed", defaultValue = "1", description = "Seed of the random faults (default: ${DEFAULT-VALUE}).")
  long chaosSeed;

  @Option(names = "--wrap-up", defaultValue = "15s",
      description = "Wrap-up after a handled call: the agent is offered no queue call meanwhile; 0s for none"
          + " (default: ${DEFAULT-VALUE}, as contactCentre.wrapUp).")
  String wrapUp;

  @Option(names = "--service-level-threshold", defaultValue = "20s",
      description = "Service-level threshold of every queue without its own (default: ${DEFAULT-VALUE}).")
  String serviceLevelThreshold;

  @Option(names = "--queue-threshold", paramLabel = "<queue>=<duration>",
      description = "One queue's service-level threshold, by name, id or number, e.g. \"Support Queue=30s\"; repeatable.")
  List<String> queueThresholds = new ArrayList<>();

  @Option(names = "--answered-elsewhere-grace", defaultValue = "2s",
      description = "How long after a call stopped ringing an agent another agent's answer keeps it from being missed"
          + " in the truth (default: ${DEFAULT-VALUE}).")
  String answeredElsewhereGrace;

  @Option(names = "--queue-gap-grace", defaultValue = "3s",
      description = "How long an unanswered queue call may have no agent call before the truth ends it (default: ${DEFAULT-VALUE}).")
  String queueGapGrace;

  @Option(names = "--time-zone", description = "Zone of the truth's days, e.g. Europe/Paris (default: the JVM's).")
  String timeZone;

  @Option(names = "--duration", description = "Stop after this long (e.g. 10m); default: run until interrupted.")
  String duration;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    List<String> problems = new ArrayList<>();
    SimulatorOptions options = options(problems);
    Duration runFor = duration == null ? null : positiveDuration("--duration", duration, problems);
    Duration chaos = chaosEvery == null ? null : positiveDuration("--chaos-every", chaosEvery, problems);
    if (faultScript != null) {
      try {
        SimulatorFaults.checkScript(faultScript);
      } catch (IllegalArgumentException e) {
        problems.add("--fault-script: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      // Checked before listening: a bad option must not leave a simulator half started, or a port taken.
      problems.forEach(err::println);
      err.flush();
      return 2;
    }

    RingCentralSimulator sim;
    try {
      sim = RingCentralSimulator.start(options);
    } catch (RuntimeException e) {
      err.println("presence-stream simulate failed to start: " + Failures.startFailure(e, host, "--host"));
      err.flush();
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      sim.close();
      stopped.countDown();
    }, "simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Disposable script = null;
    Disposable chaosFaults = null;
    try {
      if (faultScript != null) {
        script = sim.faults().schedule(faultScript);
      }
      if (chaos != null) {
        chaosFaults = sim.faults().chaos(chaos, chaosSeed);
      }
      PrintWriter out = spec.commandLine().getOut();
      printBanner(out, sim, options);
      out.flush();
      if (runFor == null) {
        stopped.await();
      } else {
        stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      if (script != null) {
        script.dispose();
      }
      if (chaosFaults != null) {
        chaosFaults.dispose();
      }
      sim.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it closes the simulator itself
      }
    }
    return 0;
  }

  /**
   * The options, each checked here under its option's name (the record's own checks name its Java
   * components, which a command-line user never sees); {@code null} when a problem was added.
   */
  SimulatorOptions options(List<String> problems) {
    int before = problems.size();
    if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
      problems.add("--host: must be a host name or IP address, was \"" + host + "\"");
    }
    if (port < 0 || port > 65535) {
      problems.add("--port: must be between 0 and 65535, was " + port);
    }
    if (extensions < 1 || extensions > SimulatorOptions.MAX_EXTENSIONS) {
      problems.add("--extensions: must be between 1 and " + SimulatorOptions.MAX_EXTENSIONS + ", was " + extensions);
    }
    if (!(rate >= 0) || rate > SimulatorOptions.MAX_EVENTS_PER_SECOND) {
      problems.add("--rate: must be between 0 and " + (long) SimulatorOptions.MAX_EVENTS_PER_SECOND
          + " steps a second, was " + rate);
    }
    if (accountId.isBlank()) {
      problems.add("--account-id: must not be blank");
    }
    for (String[] credential : new String[][] {{"--client-id", clientId}, {"--client-secret", clientSecret}, {"--jwt", jwt}}) {
      if (credential[1] != null && credential[1].isBlank()) {
        problems.add(credential[0] + ": must not be blank");
      }
    }
    Duration accessTtl = positiveDuration("--access-token-ttl", accessTokenTtl, problems);
    Duration recovery = positiveDuration("--recovery-timeout", recoveryTimeout, problems);
    Duration idle = positiveDuration("--idle-timeout", idleTimeout, problems);
    Duration absolute = positiveDuration("--absolute-timeout", absoluteTimeout, problems);
    Duration wrap = duration("--wrap-up", wrapUp, problems);
    Duration threshold = positiveDuration("--service-level-threshold", serviceLevelThreshold, problems);
    Duration elsewhere = duration("--answered-elsewhere-grace", answeredElsewhereGrace, problems);
    Duration gap = duration("--queue-gap-grace", queueGapGrace, problems);
    java.util.Map<String, Duration> thresholds = new java.util.LinkedHashMap<>();
    for (String entry : queueThresholds) {
      int eq = entry.lastIndexOf('=');
      if (eq <= 0) {
        problems.add("--queue-threshold: must be <queue>=<duration>, e.g. \"Support Queue=30s\", was '" + entry + "'");
        continue;
      }
      Duration d = positiveDuration("--queue-threshold", entry.substring(eq + 1), problems);
      if (d != null) {
        thresholds.put(entry.substring(0, eq).strip(), d);
      }
    }
    java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    if (timeZone != null) {
      try {
        zone = java.time.ZoneId.of(timeZone.strip());
      } catch (java.time.DateTimeException e) {
        problems.add("--time-zone: must be a zone id such as Europe/Paris or UTC, was '" + timeZone + "'");
      }
    }
    if (problems.size() > before) {
      return null;
    }
    SimulatorCredentials demo = SimulatorCredentials.demo();
    return SimulatorOptions.builder()
        .host(host)
        .port(port)
        .extensions(extensions)
        .eventsPerSecond(rate)
        .seed(seed)
        .accountId(accountId)
        .credentials(new SimulatorCredentials(
            clientId == null ? demo.clientId() : clientId,
            clientSecret == null ? demo.clientSecret() : clientSecret,
            jwt == null ? demo.jwt() : jwt))
        .accessTokenTtl(accessTtl)
        .recoveryTimeout(recovery)
        .idleTimeout(idle)
        .absoluteTimeout(absolute)
        .enforceRateLimits(rateLimits)
        .callControl(!noCallControl)
        .accountTelephonySessions(!noAccountTelephony)
        .wrapUp(wrap)
        .serviceLevelThreshold(threshold)
        .queueThresholds(thresholds)
        .answeredElsewhereGrace(elsewhere)
        .queueGapGrace(gap)
        .timeZone(zone)
        .build();
  }

  /** A duration in the configuration's syntax, zero or more. */
  private static Duration duration(String option, String text, List<String> problems) {
    Optional<Duration> parsed = Durations.parse(text);
    if (parsed.isEmpty()) {
      problems.add(option + ": must be a duration such as " + Durations.EXAMPLES + ", was '" + text + "'"
          + (text.strip().matches("[0-9.]+") ? " (a bare number has no unit: write 3s, not 3)" : ""));
      return null;
    }
    return parsed.get();
  }

  /** A duration in the configuration's syntax, above zero (a zero period would fire back to back). */
  private static Duration positiveDuration(String option, String text, List<String> problems) {
    Optional<Duration> parsed = Durations.parse(text);
    if (parsed.isEmpty()) {
      problems.add(option + ": must be a duration such as " + Durations.EXAMPLES + ", was '" + text + "'"
          + (text.strip().matches("[0-9.]+") ? " (a bare number has no unit: write 3s, not 3)" : ""));
      return null;
    }
    if (parsed.get().isZero()) {
      problems.add(option + ": must be longer than zero, was '" + text + "'");
      return null;
    }
    return parsed.get();
  }
  /**
   * Where and with what to connect, then the recipe that points {@code run} at this simulator. Scripts read
   * the first lines ({@code benchmarks/soak.sh}, {@code .ci/daemon-jar}: label, then value): their labels
   * and layout stay, and the recipe below them repeats no label at the start of a line.
   */
  private static void printBanner(PrintWriter out, RingCentralSimulator sim, SimulatorOptions options) {
    SimulatorCredentials credentials = options.credentials();
    out.println("RingCentral simulator running (" + options.extensions() + " extensions, seed " + options.seed()
        + ", " + options.eventsPerSecond() + " steps/s)");
    out.println("  server URL     " + sim.baseUrl());
    out.println("  WebSocket URL  " + sim.webSocketUrl());
    // Fake demo credentials made for this simulator (or the ones given to it): printing them is the point.
    out.println("  client id      " + credentials.clientId());
    out.println("  client secret  " + credentials.clientSecret());
    out.println("  JWT            " + credentials.jwt());
    out.println("  owner (~)      extension " + sim.ownerExtensionId());
    out.println();
    out.println("To run the daemon against this simulator, save this as simulator.yaml:");
    out.println();
    out.println("source:");
    out.println("  ringcentral:");
    out.println("    serverUrl: " + sim.baseUrl());
    out.println("    extensions: all");
    out.println();
    out.println("and start it from a shell with the credentials in its environment:");
    out.println();
    out.println("  export RINGCENTRAL_CLIENT_ID=" + shellWord(credentials.clientId()));
    out.println("  export RINGCENTRAL_CLIENT_SECRET=" + shellWord(credentials.clientSecret()));
    out.println("  export RINGCENTRAL_JWT=" + shellWord(credentials.jwt()));
    out.println("  presence-stream run --config simulator.yaml");
  }

  /** {@code text} as one word for a POSIX shell: as it is when that is safe, else single-quoted. */
  static String shellWord(String text) {
    return text.matches("[A-Za-z0-9._:/@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
