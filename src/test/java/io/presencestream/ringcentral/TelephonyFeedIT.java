package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.TelephonySessionNotification;
import io.presencestream.simulator.SessionTruth;
import io.presencestream.simulator.SimulatorOptions;
import io.presencestream.testing.CapturedLog;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Telephony sessions beside presence, against the real simulator over real sockets: both feeds subscribed
 * and received; the account-level filter refused and per-extension filters instead; no CallControl
 * permission and presence alone, said once; filters the server disabled reported; both feeds' filters
 * packed over several sockets within the budget.
 */
class TelephonyFeedIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String NOT_SUBSCRIBED = "telephony sessions are not subscribed";

  private static ClientHarness start(SimulatorOptions.Builder simulator, UnaryOperator<RingCentralOptions.Builder> client) {
    return new ClientHarness(simulator, b -> client.apply(b.feeds(EnumSet.of(Feed.PRESENCE, Feed.TELEPHONY)))).run();
  }

  private static List<TelephonySessionNotification> sessions(ClientHarness h) {
    return h.inputs.stream()
        .filter(i -> i instanceof EngineInput.TelephonySessionReceived)
        .map(i -> ((EngineInput.TelephonySessionReceived) i).notification())
        .toList();
  }

  /** Steps the office until some sessions were notified, then lets the rest arrive. */
  private static void callsHappen(ClientHarness h) {
    for (int i = 0; i < 20 && sessions(h).size() < 5; i++) {
      h.simulator.traffic().step(20);
      ClientHarness.waitFor(() -> sessions(h).size() >= 5, Duration.ofMillis(500));
    }
    assertThat(sessions(h)).as("telephony-session notifications").hasSizeGreaterThanOrEqualTo(5);
    h.awaitInSync(WAIT);
  }

  /** Every session the simulator has live now was notified to the client. */
  private static void everyLiveSessionWasNotified(ClientHarness h) {
    everyLiveSessionWasNotified(h, false);
  }

  /**
   * Every session the simulator has live now was notified to the client; {@code usersOnly}: every session with a
   * party of a user (subscribed per extension, a queue call still waiting in its queue, only the caller's and the
   * queue's parties, goes to no subscribed extension, as at RingCentral).
   */
  private static void everyLiveSessionWasNotified(ClientHarness h, boolean usersOnly) {
    Set<String> users = h.simulator.directory().stream().map(ExtensionInfo::extensionId).collect(Collectors.toSet());
    assertThat(ClientHarness.waitFor(() -> {
      Set<String> notified = sessions(h).stream().map(TelephonySessionNotification::telephonySessionId)
          .collect(Collectors.toSet());
      return h.simulator.sessionTruth().stream()
          .filter(s -> !usersOnly || s.parties().stream().anyMatch(p -> users.contains(p.extensionId())))
          .map(SessionTruth::telephonySessionId).allMatch(notified::contains);
    }, WAIT)).as("every live session of the simulator's truth was notified").isTrue();
  }

  @Test
  void subscribesPresenceAndTheAccountsTelephonySessionsAndDeliversBoth() {
    try (ClientHarness h = start(SimulatorOptions.builder().extensions(8), b -> b)) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(h.source.feedStatus().active()).containsExactlyInAnyOrder(Feed.PRESENCE, Feed.TELEPHONY);
      assertThat(h.source.feedStatus().telephonyScope()).isEqualTo(TelephonyScope.ACCOUNT);

      callsHappen(h);

      everyLiveSessionWasNotified(h);
      assertThat(h.inputKinds()).contains("snapshot", "notification", "session");
      assertThat(sessions(h)).allSatisfy(s -> assertThat(s.event()).contains("/telephony/sessions"));
      assertThat(h.registry.get("presence.connection.feeds.active").tag("feed", "telephony").gauge().value()).isEqualTo(1);
      assertThat(h.counter("presence.connection.feed.refusals")).isZero();
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void subscribesPerExtensionWhenTheAccountLevelFilterIsRefused() {
    try (CapturedLog log = CapturedLog.start();
        ClientHarness h = start(SimulatorOptions.builder().extensions(6).accountTelephonySessions(false), b -> b)) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(ClientHarness.waitFor(
          () -> h.source.feedStatus().telephonyScope() == TelephonyScope.EXTENSIONS, WAIT)).isTrue();

      callsHappen(h);

      everyLiveSessionWasNotified(h, true);
      assertThat(sessions(h)).allSatisfy(s -> assertThat(s.event()).contains("/extension/"));
      assertThat(h.counter("presence.connection.feed.refusals", "scope", "account")).isEqualTo(1);
      assertThat(h.counter("presence.connection.feed.refusals", "scope", "extensions")).isZero();
      assertThat(h.source.feedStatus().problem()).isNull();
      assertThat(log.linesWith("subscribing to telephony sessions per extension instead")).hasSize(1);
      assertThat(log.linesWith(NOT_SUBSCRIBED)).isEmpty();
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void withoutCallControlPresenceGoesOnAloneSaidOnceWithoutARetryStorm() {
    try (CapturedLog log = CapturedLog.start();
        ClientHarness h = start(SimulatorOptions.builder().extensions(6).callControl(false), b -> b)) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      h.simulator.traffic().step(40);
      h.awaitInSync(WAIT);

      // a reconnect subscribes presence alone: no second refusal, no second warning
      h.simulator.faults().refuseNextRecovery("WSG-1005");
      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(20);
      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "failed") == 1, WAIT))
          .isTrue();
      h.awaitInSync(WAIT);

      FeedStatus status = h.source.feedStatus();
      assertThat(status.active()).containsExactly(Feed.PRESENCE);
      assertThat(status.complete()).isFalse();
      assertThat(status.telephonyScope()).isNull();
      assertThat(status.problem()).contains("CallControl");
      assertThat(log.linesWith("WARN", NOT_SUBSCRIBED))
          .singleElement()
          .satisfies(line -> assertThat(line).contains("CallControl", "Presence goes on for 6 extension(s)"));
      assertThat(h.counter("presence.connection.feed.refusals")).isEqualTo(1);
      assertThat(h.counter("presence.connection.attempts")).as("connections opened: the first and the one drop")
          .isEqualTo(2);
      assertThat(h.registry.get("presence.connection.feeds.active").tag("feed", "telephony").gauge().value()).isZero();
      assertThat(h.registry.get("presence.connection.feeds.active").tag("feed", "presence").gauge().value()).isEqualTo(1);
      assertThat(h.inputKinds()).doesNotContain("session").contains("notification");
      assertThat(h.status()).isEqualTo(ConnectionState.Status.CONNECTED);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void reportsEachFilterTheServerDisabledOnceWithItsReason() {
    try (CapturedLog log = CapturedLog.start();
        ClientHarness h = new ClientHarness(
            SimulatorOptions.builder().extensions(4),
            b -> b.feeds(EnumSet.of(Feed.PRESENCE, Feed.TELEPHONY)).telephonyScope(TelephonyScope.EXTENSIONS))) {
      String id = new TreeSet<>(h.simulator.groundTruth().keySet()).first();
      String filter = "/restapi/v1.0/account/~/extension/" + id + "/telephony/sessions";
      h.simulator.faults().disableFilters("/extension/" + id + "/telephony/sessions", "FeatureNotAvailable");
      h.run();
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(ClientHarness.waitFor(() -> !log.linesWith("WARN", filter).isEmpty(), WAIT)).isTrue();

      // subscribed again after a refused recovery: the server reports it again, the log does not repeat it
      h.simulator.faults().refuseNextRecovery("WSG-1005");
      h.simulator.faults().dropConnections();
      assertThat(ClientHarness.waitFor(() -> h.counter("presence.connection.recoveries", "outcome", "failed") == 1, WAIT))
          .isTrue();
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      callsHappen(h);

      assertThat(log.linesWith("WARN", filter))
          .singleElement()
          .satisfies(line -> assertThat(line).contains("disabled 1 filter(s)", "FeatureNotAvailable"));
      assertThat(h.counter("presence.connection.filters.disabled", "feed", "telephony")).isEqualTo(1);
      assertThat(h.counter("presence.connection.filters.disabled", "feed", "presence")).isZero();
      assertThat(sessions(h)).noneSatisfy(s -> assertThat(s.event()).contains("/extension/" + id + "/"));
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void packsBothFeedsFiltersOverSeveralSocketsWithinTheBudget() {
    try (CapturedLog log = CapturedLog.start();
        ClientHarness h = start(
            SimulatorOptions.builder().extensions(5),
            b -> b.telephonyScope(TelephonyScope.EXTENSIONS).maxFiltersPerSubscription(3))) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      // 5 extensions × 2 filters in subscriptions of at most 3: 4 sockets
      assertThat(ClientHarness.waitFor(() -> h.simulator.stats().subscribedConnections() == 4, WAIT)).isTrue();
      assertThat(h.registry.get("presence.connection.connected").gauge().value()).isEqualTo(4);
      assertThat(log.linesWith("watching 5 extension(s) over 4 connection(s), with their telephony sessions")).hasSize(1);

      callsHappen(h);

      everyLiveSessionWasNotified(h);
      Set<String> extensionsWithSessions = sessions(h).stream().map(s -> s.body().extensionId())
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(extensionsWithSessions).as("sessions came over more than one socket").hasSizeGreaterThan(1);
      assertThat(h.errors).isEmpty();
    }
  }
}
