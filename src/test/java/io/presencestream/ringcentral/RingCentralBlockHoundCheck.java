package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;

/**
 * Runs the client under BlockHound: login, subscription, REST reads, recovery, a failed recovery
 * with its resync, token renewal and heartbeats make no blocking call on event loops or Reactor's
 * non-blocking schedulers. Runs in the {@code blockhound} Surefire execution; alone:
 * {@code mvn test -Dtest=RingCentralBlockHoundCheck -DargLine=-XX:+AllowRedefinitionToAddDeleteMethods}.
 */
class RingCentralBlockHoundCheck {

  private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeAll
  static void installBlockHound() {
    assumeTrue(
        ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+AllowRedefinitionToAddDeleteMethods"),
        "run with -XX:+AllowRedefinitionToAddDeleteMethods (the blockhound Surefire execution does)");
    BlockHound.builder()
        .loadIntegrations()
        // A log line to stderr from an event loop is accepted: rare and tiny.
        .allowBlockingCallsInside("org.slf4j.simple.SimpleLogger", "write")
        .blockingMethodCallback(
            method -> {
              StringBuilder trace = new StringBuilder(method.toString());
              for (StackTraceElement element : new Throwable().getStackTrace()) {
                trace.append("\n  at ").append(element);
              }
              blockingCalls.add(trace.toString());
            })
        .install();
  }

  @Test
  void theClientNeverBlocksANonBlockingThread() {
    try (ClientHarness h = ClientHarness.start(8).runThroughEngine()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.traffic().step(30);
      h.awaitInSync(WAIT);

      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(10);
      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "successful") == 1, WAIT))
          .isTrue();
      h.simulator.faults().refuseNextRecovery("WSG-1005");
      h.simulator.faults().expireTokens();
      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(10);
      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "failed") == 1, WAIT))
          .isTrue();
      h.simulator.faults().stall();
      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.heartbeat.timeouts") == 1, WAIT)).isTrue();
      h.simulator.traffic().step(10);
      h.awaitInSync(WAIT);
    }
    assertThat(blockingCalls).isEmpty();
  }
}
