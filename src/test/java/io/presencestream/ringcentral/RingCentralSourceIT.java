package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.simulator.SimulatorCredentials;
import io.presencestream.simulator.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The client against the real simulator over real sockets: the happy path and every fault it must survive. */
class RingCentralSourceIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void logsInReadsTheInitialStateSubscribesAndFollowsTheOffice() {
    try (ClientHarness h = ClientHarness.start(12).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      assertThat(h.inputs).hasSize(12).allMatch(i -> i instanceof EngineInput.SnapshotReceived);
      assertThat(h.states)
          .extracting(ConnectionState::status)
          .containsExactly(
              ConnectionState.Status.CONNECTING, ConnectionState.Status.RESYNCING, ConnectionState.Status.CONNECTED);

      h.simulator.traffic().step(100);

      h.awaitInSync(WAIT);
      assertThat(h.inputKinds()).contains("notification");
      assertThat(h.inputs)
          .filteredOn(i -> i instanceof EngineInput.NotificationReceived)
          .allSatisfy(i -> assertThat(i.receivedAt()).isAfter(Instant.now().minusSeconds(60)));
      assertThat(h.counter("presence.connection.frames.received", "type", "ServerNotification")).isPositive();
      assertThat(
              ClientHarness.waitFor(
                  () -> h.registry.get("presence.connection.status").tag("status", "connected").gauge().value() == 1,
                  WAIT))
          .isTrue();
      assertThat(h.registry.get("presence.connection.status").tag("status", "recovering").gauge().value()).isZero();
      assertThat(h.registry.get("presence.connection.connected").gauge().value()).isEqualTo(1);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void recoversADroppedSessionWithoutMissingAnEvent() {
    try (ClientHarness h = ClientHarness.start(8).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.traffic().step(20);
      h.awaitInSync(WAIT);

      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(30); // missed while disconnected: replayed by the recovery

      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "successful") == 1, WAIT))
          .isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.simulator.stats().recoveries()).isEqualTo(1);
      assertThat(h.counter("presence.connection.resyncs", "reason", "recovery")).isZero();
      assertThat(sequenceGaps(h)).as("sequence gaps per extension across the drop").isEmpty();
      assertThat(h.states).extracting(ConnectionState::status).contains(ConnectionState.Status.RECOVERING);
    }
  }

  /** Extensions whose received notification sequences are not contiguous (a missed notification). */
  private static Map<String, List<Long>> sequenceGaps(ClientHarness h) {
    Map<String, TreeSet<Long>> seen = new TreeMap<>();
    for (EngineInput input : h.inputs) {
      if (input instanceof EngineInput.NotificationReceived n && n.notification().body().sequence() != null) {
        seen.computeIfAbsent(n.notification().extensionId(), k -> new TreeSet<>()).add(n.notification().body().sequence());
      }
    }
    Map<String, List<Long>> gaps = new TreeMap<>();
    seen.forEach(
        (id, sequences) -> {
          if (sequences.last() - sequences.first() + 1 != sequences.size()) {
            gaps.put(id, List.copyOf(sequences));
          }
        });
    return gaps;
  }

  @Test
  void resynchronisesWhenTheRecoveryReplayOverflowedTheServersBuffer() {
    try (ClientHarness h =
        new ClientHarness(SimulatorOptions.builder().extensions(8).recoveryBufferSize(5), b -> b).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.traffic().step(10);
      h.awaitInSync(WAIT);

      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(40); // far more than the 5 the gateway keeps for a recovery

      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.resyncs", "reason", "recovery") == 1, WAIT))
          .isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.recoveries", "outcome", "successful")).isEqualTo(1);
    }
  }

  @Test
  void aRefusedRecoverySubscribesAgainAndResynchronisesOverRest() {
    try (ClientHarness h = ClientHarness.start(8).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);

      h.simulator.faults().refuseNextRecovery("WSG-1005");
      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(30); // lost for good: only a REST read can bring them back

      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "failed") == 1, WAIT))
          .isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.resyncs", "reason", "recovery")).isEqualTo(1);
      assertThat(h.simulator.stats().failedRecoveries()).isEqualTo(1);
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(h.states).extracting(ConnectionState::status).contains(ConnectionState.Status.RESYNCING);
    }
  }

  @Test
  void reconnectsAfterTheRecoveryWindowWithANewSubscriptionAndAResync() {
    try (ClientHarness h =
        new ClientHarness(
                SimulatorOptions.builder().extensions(6).recoveryTimeout(Duration.ofSeconds(1)), b -> b)
            .run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);

      // Tokens expire and the token endpoint asks to wait 2 s: the reconnect comes after the 1 s window.
      h.simulator.faults().expireTokens();
      h.simulator.faults().rateLimit(1, Duration.ofSeconds(2));
      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(20);

      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.resyncs", "reason", "recovery") >= 1, WAIT))
          .isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.recoveries", "outcome", "expired")).isEqualTo(1);
      assertThat(h.simulator.stats().recoveries()).isZero();
    }
  }

  @Test
  void renewsExpiredTokensByRefreshAndLogsInAgainWhenTheSessionIsGone() {
    try (ClientHarness h =
        new ClientHarness(SimulatorOptions.builder().extensions(4).wsTokenTtl(Duration.ofSeconds(2)), b -> b).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      long logins = h.simulator.stats().logins();

      h.simulator.faults().expireTokens();
      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(10);

      assertThat(ClientHarness.waitFor(() -> h.simulator.stats().refreshes() >= 1, WAIT)).isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.simulator.stats().logins()).isEqualTo(logins);

      h.simulator.faults().revokeSessions();
      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(10);

      assertThat(ClientHarness.waitFor(() -> h.simulator.stats().logins() == logins + 1, WAIT)).isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.token.renewals", "grant", "refresh_token")).isGreaterThanOrEqualTo(2);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void refreshesTheAccessTokenBeforeItExpiresOnceForConcurrentCallers() {
    try (ClientHarness h =
        new ClientHarness(SimulatorOptions.builder().extensions(3).accessTokenTtl(Duration.ofSeconds(2)), b -> b).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      long logins = h.simulator.stats().logins();
      ClientHarness.waitFor(() -> false, Duration.ofMillis(2000)); // 90 % of the 2 s lifetime has passed

      List<List<ExtensionInfo>> answers =
          reactor.core.publisher.Flux.range(0, 8)
              .flatMap(i -> h.source.extensions(), 8)
              .collectList()
              .block(WAIT);

      assertThat(answers).hasSize(8).allSatisfy(list -> assertThat(list).hasSize(3));
      assertThat(h.simulator.stats().refreshes()).as("one refresh shared by 8 callers").isEqualTo(1);
      assertThat(h.simulator.stats().logins()).as("no fallback login: the single-use refresh token was used once")
          .isEqualTo(logins);
    }
  }

  @Test
  void answersTheEnginesResyncRequestsWithDebouncedRestReads() {
    try (ClientHarness h = ClientHarness.start(8).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.traffic().step(20);
      h.awaitInSync(WAIT);

      h.simulator.faults().resetSequences(); // the engine sees sequences jump back and asks for resyncs
      h.simulator.traffic().step(40);

      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.resyncs", "reason", "engine") >= 1, WAIT))
          .isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.resyncs", "reason", "engine"))
          .as("requests within 100 ms of each other share a read")
          .isLessThan(h.counter("presence.connection.resync.extensions"));
    }
  }

  @Test
  void acceptsASubscriptionReplyLargerThanNettysDefaultFrameLimitAndPagesTheAccount() {
    try (ClientHarness h =
        new ClientHarness(
                SimulatorOptions.builder().extensions(1500),
                b -> b.maxFiltersPerSubscription(5000).accountPresencePageSize(1000))
            .run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, Duration.ofSeconds(20));
      h.awaitInSync(Duration.ofSeconds(20));
      assertThat(h.simulator.stats().subscribedConnections()).isEqualTo(1);
      assertThat(h.engineStates()).hasSize(1500);
      h.simulator.traffic().step(50);
      h.awaitInSync(WAIT);
    }
  }

  @Test
  void waitsForRetryAfterWhenRateLimited() {
    try (ClientHarness h = ClientHarness.start(4)) {
      h.simulator.faults().rateLimit(2, Duration.ofSeconds(1));
      long started = System.nanoTime();
      h.run();

      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(h.simulator.stats().rateLimited()).isEqualTo(2);
      assertThat(h.counter("presence.connection.rate.limited")).isEqualTo(2);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void skipsGarbageAndForeignFramesAndKeepsGoing() {
    try (ClientHarness h = ClientHarness.start(6).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.traffic().step(10);
      h.awaitInSync(WAIT);
      int inputsBefore = h.inputs.size();

      h.simulator.faults().sendGarbageFrames();
      h.simulator.faults().sendForeignNotification();
      h.simulator.traffic().step(20);

      h.awaitInSync(WAIT);
      assertThat(h.inputs.size()).isGreaterThan(inputsBefore);
      assertThat(h.counter("presence.connection.decode.errors")).isGreaterThanOrEqualTo(2);
      assertThat(h.counter("presence.connection.frames.garbage")).isGreaterThanOrEqualTo(2);
      assertThat(h.counter("presence.connection.notifications.ignored")).isGreaterThanOrEqualTo(1);
      assertThat(h.counter("presence.connection.reconnects")).isZero();
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void replacesAStalledConnectionAfterAnUnansweredHeartbeat() {
    try (ClientHarness h = ClientHarness.start(6).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);

      h.simulator.faults().stall();
      h.simulator.traffic().step(20);

      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.heartbeat.timeouts") >= 1, WAIT)).isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.heartbeats.sent")).isGreaterThanOrEqualTo(1);
      assertThat(h.counter("presence.connection.recoveries", "outcome", "successful")).isEqualTo(1);
    }
  }

  @Test
  void treatsGatewayTimeoutsAsAnOrdinaryReconnect() {
    try (ClientHarness h = ClientHarness.start(4).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.faults().disconnectWith("WSG-902");
      h.simulator.traffic().step(5);
      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "successful") == 1, WAIT))
          .isTrue();
      h.simulator.faults().disconnectWith("WSG-903");
      h.simulator.traffic().step(5);

      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "successful") == 2, WAIT))
          .isTrue();
      assertThat(h.counter("presence.connection.reconnects")).isEqualTo(2);
      h.awaitInSync(WAIT);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void stopsWithAClearPermanentErrorWhenTheCredentialsAreRejected() {
    SimulatorCredentials real = SimulatorCredentials.demo();
    try (ClientHarness h =
        new ClientHarness(
                SimulatorOptions.builder().extensions(2),
                b -> RingCentralOptions.builder(
                        b.build().serverUrl(), real.clientId(), "wrong-secret-value", real.jwt())
                    .heartbeat(Duration.ofMillis(500), Duration.ofMillis(500)))
            .run()) {
      assertThat(ClientHarness.waitFor(() -> !h.errors.isEmpty(), WAIT)).isTrue();

      assertThat(h.errors.get(0))
          .isInstanceOf(PermanentRingCentralException.class)
          .hasMessageContaining("rejected the credentials")
          .hasMessageNotContaining("wrong-secret-value")
          .hasMessageNotContaining(real.jwt());
      h.awaitStatus(ConnectionState.Status.STOPPED, WAIT);
      assertThat(h.states.get(h.states.size() - 1).cause()).isSameAs(h.errors.get(0));
      assertThat(h.counter("presence.connection.reconnects")).isZero();
    }
  }

  @Test
  void stopsWhenNotAllowedToWatchPresence() {
    try (ClientHarness h = ClientHarness.start(2)) {
      h.simulator.faults().failSubscriptions(1, "SUB-406");
      h.run();

      assertThat(ClientHarness.waitFor(() -> !h.errors.isEmpty(), WAIT)).isTrue();
      assertThat(h.errors.get(0))
          .isInstanceOfSatisfying(
              PermanentRingCentralException.class, e -> assertThat(e.errorCode()).isEqualTo("SUB-406"))
          .hasMessageContaining("not allowed to watch presence");
      h.awaitStatus(ConnectionState.Status.STOPPED, WAIT);
    }
  }

  @Test
  void splitsExtensionsAcrossSubscriptionsAndChangesThemAtRuntime() {
    try (ClientHarness h =
        new ClientHarness(SimulatorOptions.builder().extensions(12), b -> b.maxFiltersPerSubscription(5)).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(ClientHarness.waitFor(() -> h.simulator.stats().subscribedConnections() == 3, WAIT)).isTrue();
      h.awaitInSync(WAIT);

      List<String> ids = h.simulator.directory().stream().map(ExtensionInfo::extensionId).toList();
      h.source.updateExtensions(ExtensionSelection.of(ids.subList(0, 3))).block(WAIT);

      assertThat(ClientHarness.waitFor(() -> h.simulator.stats().subscribedConnections() == 1, WAIT)).isTrue();
      h.simulator.traffic().step(40);
      assertThat(h.source.extensions().block(WAIT))
          .extracting(ExtensionInfo::extensionId)
          .containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
      assertThat(h.simulator.stats().connections()).isEqualTo(1);
    }
  }

  @Test
  void addsExtensionsToALiveSubscriptionAndReadsTheirState() {
    try (ClientHarness h = ClientHarness.start(6)) {
      List<String> ids = h.simulator.directory().stream().map(ExtensionInfo::extensionId).toList();
      h.source.updateExtensions(ExtensionSelection.of(ids.subList(0, 2))).block(WAIT);
      h.run();
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(ClientHarness.waitFor(() -> h.engineStates().keySet().equals(Set.copyOf(ids.subList(0, 2))), WAIT))
          .isTrue();

      h.source.updateExtensions(ExtensionSelection.of(ids)).block(WAIT);
      h.simulator.traffic().step(40);

      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.resyncs", "reason", "extensions_changed")).isEqualTo(1);
      assertThat(h.simulator.stats().connections()).isEqualTo(1);
    }
  }

  @Test
  void watchesTheAuthorisedUserWithTilde() {
    try (ClientHarness h =
        new ClientHarness(SimulatorOptions.builder().extensions(5), b -> b.extensions(ExtensionSelection.self())).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.simulator.traffic().step(60);
      String owner = h.simulator.ownerExtensionId();

      assertThat(ClientHarness.waitFor(() -> h.engineStates().keySet().equals(Set.of(owner)), WAIT)).isTrue();
      assertThat(ClientHarness.waitFor(() -> h.engineStates().get(owner).equals(h.truth().get(owner)), WAIT)).isTrue();
      assertThat(h.source.extensions().block(WAIT)).extracting(ExtensionInfo::extensionId).containsExactly(owner);
    }
  }

  @Test
  void cancellingDeletesTheSubscriptionBeforeClosingTheSocket() {
    try (ClientHarness h =
        new ClientHarness(SimulatorOptions.builder().extensions(6), b -> b.maxFiltersPerSubscription(3)).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      // 6 presence filters and the account's extension list (extensions: all), 3 a subscription
      await().atMost(WAIT).until(() -> h.simulator.stats().subscribedConnections() == 3);

      h.cancel();

      await().atMost(WAIT).until(() -> h.simulator.stats().connections() == 0);
      assertThat(h.simulator.stats().subscriptionsDeleted()).as("DELETE /restapi/v1.0/subscription/{id}").isEqualTo(3);
    }
  }

  @Test
  void aSubscribeReplyWithoutAnIdIsAFailureAndTheClientSubscribesAgain() {
    try (ClientHarness h = ClientHarness.start(4)) {
      h.simulator.faults().answerSubscriptionsWithoutId(1);
      h.run();

      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(h.counter("presence.connection.reconnects"))
          .as("the reply without an id failed the connection before it counted as connected")
          .isEqualTo(1);
      h.simulator.traffic().step(30);

      h.awaitInSync(WAIT);
      assertThat(h.inputKinds()).contains("notification");
      assertThat(h.counter("presence.connection.notifications.ignored")).isZero();
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void cancellingDisconnectsAndCloseIsIdempotent() {
    try (ClientHarness h = ClientHarness.start(3).run()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.cancel();

      assertThat(ClientHarness.waitFor(() -> h.simulator.stats().connections() == 0, WAIT)).isTrue();
      h.awaitStatus(ConnectionState.Status.STOPPED, WAIT);
      h.source.close().block(WAIT);
      h.source.close().block(WAIT);
      assertThat(h.simulator.stats().connections()).isZero();
      assertThat(h.inputs.stream().map(i -> i.getClass().getSimpleName()).collect(Collectors.toSet()))
          .contains("SnapshotReceived");
    }
  }
}
