package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.simulator.SimulatorOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Rule 3 against the real simulator: every REST retry has one owner and one budget, requests are
 * paced by RingCentral's rate-limit headers before a 429 is earned, and a transient failure at start
 * is retried like any other.
 */
class RetryBudgetIT {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void pacesRequestsByTheRateLimitHeadersInsteadOfEarningA429() {
    // 30 extensions read as 15 pages of 2 from the account presence list: the Heavy group allows 10
    // per 2 s window, so the 11th page must wait for the window.
    try (ClientHarness h =
        new ClientHarness(
                SimulatorOptions.builder().extensions(30).enforceRateLimits(true).rateLimitWindow(Duration.ofSeconds(2)),
                b -> b.presenceBulkSize(1).accountPresencePageSize(2))
            .run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);

      assertThat(h.simulator.stats().rateLimited()).as("429 answers earned").isZero();
      assertThat(h.counter("presence.connection.rate.limited")).isZero();
      assertThat(h.registry.get("presence.connection.rest.waits").tag("reason", "window").timer().count())
          .as("waits for a rate-limit window")
          .isPositive();
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void staleTokensAndDropsInARowCostOneCountedReconnectEachAndNoRateLimitEarned() {
    // The soak's failure: each time the tokens expired and the socket dropped, the stale WebSocket
    // token (upgrade 401) and then the stale access token (ws-token 401) each counted as a failed
    // connection, doubling the backoff, and the extra requests ran into the Auth group's limit (5 per
    // window). A stale credential is now renewed at once and the ws-token request is paced.
    int cycles = 6;
    try (ClientHarness h =
        new ClientHarness(
                SimulatorOptions.builder().extensions(5).enforceRateLimits(true).rateLimitWindow(Duration.ofSeconds(3)),
                b -> b.reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(60), 0))
            .run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      double before = h.counter("presence.connection.reconnects");

      for (int i = 1; i <= cycles; i++) {
        double reconnectsBefore = h.counter("presence.connection.reconnects");
        h.simulator.faults().expireTokens();
        h.simulator.faults().dropConnections();
        await("reconnected after stale tokens and a drop, cycle " + i)
            .atMost(WAIT)
            .until(() -> h.counter("presence.connection.reconnects") > reconnectsBefore
                && h.status() == ConnectionState.Status.CONNECTED);
      }
      h.simulator.traffic().step(20);
      h.awaitInSync(WAIT);

      // Per cycle: the drop (a counted attempt) and the stale WebSocket token (retried at once); the
      // stale access token is renewed inside the ws-token request.
      assertThat(h.counter("presence.connection.reconnects") - before).isLessThanOrEqualTo(2.0 * cycles);
      assertThat(h.counter("presence.connection.rate.limited")).as("429 answers earned").isZero();
      assertThat(h.simulator.stats().rateLimited()).isZero();
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void aRateLimitStormEndsTheReadAtTheBudgetAndFreesTheResyncLane() {
    try (ClientHarness h =
        new ClientHarness(SimulatorOptions.builder().extensions(8), b -> b.restRetryBudget(Duration.ofSeconds(2)))
            .run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.traffic().step(20);
      h.awaitInSync(WAIT);

      h.simulator.faults().rateLimit(100_000, Duration.ofSeconds(1));
      h.simulator.faults().resetSequences(); // the engine asks for resyncs, which meet the storm
      h.simulator.traffic().step(40);
      long stormStarted = System.nanoTime();

      await("the read given up at its budget")
          .atMost(Duration.ofSeconds(8))
          .until(() -> h.counter("presence.connection.resync.failures") >= 1);
      assertThat(Duration.ofNanos(System.nanoTime() - stormStarted)).isLessThan(Duration.ofSeconds(8));
      assertThat(h.counter("presence.connection.rest.budget.exhausted")).isPositive();

      h.simulator.faults().rateLimit(0, Duration.ofSeconds(1));
      h.awaitInSync(WAIT);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void withAllExtensionsAServerThatIsNotUpYetIsRetriedUntilItIs() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    SimulatorCredentials credentials = SimulatorCredentials.demo();
    RingCentralOptions options =
        RingCentralOptions.builder(
                URI.create("http://127.0.0.1:" + port), credentials.clientId(), credentials.clientSecret(), credentials.jwt())
            .extensions(ExtensionSelection.allEnabledUsers())
            .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(300), 0.5)
            .restRetryBudget(Duration.ofSeconds(1))
            .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    RingCentralSource source =
        RingCentralSource.create(options, PresenceCodec.create(), registry, Clock.systemUTC(), Schedulers.parallel(), 7);
    List<EngineInput> inputs = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    Disposable running = source.inputs(Flux.never()).subscribe(inputs::add, errors::add);
    try {
      await("several refused connections retried")
          .atMost(WAIT)
          .until(() -> registry.find("presence.connection.rest.waits").tag("reason", "backoff").timer() != null
              && registry.get("presence.connection.rest.waits").tag("reason", "backoff").timer().count() >= 5
              || !errors.isEmpty());
      assertThat(errors).as("the source gave up on a transient error").isEmpty();

      try (RingCentralSimulator simulator =
          RingCentralSimulator.start(SimulatorOptions.builder().port(port).extensions(5).eventsPerSecond(0).build())) {
        await("connected once the server is up")
            .atMost(WAIT)
            .until(() -> registry.get("presence.connection.connected").gauge().value() == 1);
        await().atMost(WAIT).until(() -> inputs.size() >= 5);
        assertThat(errors).isEmpty();
        running.dispose();
      }
    } finally {
      running.dispose();
      source.close().block(WAIT);
    }
  }
}
