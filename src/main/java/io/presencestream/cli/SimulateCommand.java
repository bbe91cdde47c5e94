package io.presencestream.cli;

import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.simulator.SimulatorOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import reactor.core.Disposable;

/**
 * {@code presence-stream simulate}: runs the RingCentral-compatible simulator on its own, so that the
 * daemon, the official SDK or any RingCentral client can be pointed at it. Prints the server URL and
 * the (fake, demo) credentials it accepts.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a RingCentral-compatible server (OAuth, WebSocket gateway, REST presence) over a simulated office.",
      "Seeded traffic and optional fault injection. Prints the base URL and the demo credentials to use."
    },
    footer = {
      "",
      "Faults (--fault-script entries <delay>:<fault>, e.g. \"10s:drop, 30s:stall, 45s:429=3/2\"):",
      "  drop, garbage, foreign, stale, skip=N, reset-sequences, stall, refuse-recovery=WSG-1003|WSG-1005,",
      "  expire-tokens, revoke-sessions, 429=N[/retryAfterSeconds], fail-subscriptions=CODE[/N], wsg=902|903"
    })
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

  @Option(names = "--fault-script", description = "Faults to inject, as <delay>:<fault> entries separated by commas.")
  String faultScript;

  @Option(names = "--chaos-every", description = "Inject a random fault this often, e.g. 20s.")
  String chaosEvery;

  @Option(names = "--chaos-seed", defaultValue = "1", description = "Seed of the random faults (default: ${DEFAULT-VALUE}).")
  long chaosSeed;

  @Option(names = "--duration", description = "Stop after this long (e.g. 10m); default: run until interrupted.")
  String duration;

  @Override
  public Integer call() throws InterruptedException {
    SimulatorOptions options;
    Duration runFor;
    Duration chaos;
    try {
      SimulatorCredentials demo = SimulatorCredentials.demo();
      options = SimulatorOptions.builder()
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
          .accessTokenTtl(Durations.parse(accessTokenTtl))
          .recoveryTimeout(Durations.parse(recoveryTimeout))
          .idleTimeout(Durations.parse(idleTimeout))
          .absoluteTimeout(Durations.parse(absoluteTimeout))
          .enforceRateLimits(rateLimits)
          .build();
      runFor = duration == null ? null : Durations.parse(duration);
      chaos = chaosEvery == null ? null : Durations.parse(chaosEvery);
      if (chaos != null && (chaos.isZero() || chaos.isNegative())) {
        // A zero period would inject faults back to back, as fast as the scheduler can run.
        throw new IllegalArgumentException("--chaos-every must be positive, was '" + chaosEvery + "'");
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }

    RingCentralSimulator sim = RingCentralSimulator.start(options);
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
      out.println("RingCentral simulator running (" + extensions + " extensions, seed " + seed + ", " + rate + " steps/s)");
      out.println("  server URL     " + sim.baseUrl());
      out.println("  WebSocket URL  " + sim.webSocketUrl());
      // Fake demo credentials made for this simulator: printing them is the point.
      out.println("  client id      " + options.credentials().clientId());
      out.println("  client secret  " + options.credentials().clientSecret());
      out.println("  JWT            " + options.credentials().jwt());
      out.println("  owner (~)      extension " + sim.ownerExtensionId());
      out.flush();
      if (runFor == null) {
        stopped.await();
      } else {
        stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (IllegalArgumentException e) {
      sim.close();
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
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

  /** Durations as {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}). */
  static final class Durations {
    private Durations() {}

    static Duration parse(String text) {
      String t = text.trim().toLowerCase(java.util.Locale.ROOT);
      try {
        if (t.startsWith("pt")) {
          return Duration.parse(text.trim());
        }
        if (t.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long factor = t.endsWith("h") ? 3_600_000 : t.endsWith("m") ? 60_000 : t.endsWith("s") ? 1000 : -1;
        if (factor < 0) {
          return Duration.ofMillis((long) (Double.parseDouble(t) * 1000));
        }
        return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * factor));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("bad duration '" + text + "' (use 500ms, 10s, 2m, 1h)");
      }
    }
  }
}
