package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.simulator.SimulatorOptions;
import io.presencestream.simulator.SimulatorStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The initial state of many subscriptions is read in one pass over the account presence list, not one pass
 * per subscription (which made a large account's load quadratic: each 1,000-extension subscription read the
 * whole account), against the real simulator, whose counters say what was read.
 */
class SharedSnapshotIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int USERS = 40;

  /**
   * 40 users and the extension list over subscriptions of 10 filters: 5 subscriptions; the account list in
   * pages of 10 is 4 requests, bulk reads of 5 ids would be 8: one pass is the cheaper read.
   */
  private static ClientHarness fiveSubscriptions() {
    return new ClientHarness(SimulatorOptions.builder().extensions(USERS),
        b -> b.maxFiltersPerSubscription(10).presenceBulkSize(5).accountPresencePageSize(10)).runThroughEngine();
  }

  @Test
  void subscriptionsStartedTogetherShareOnePassOverTheAccountPresenceList() {
    try (ClientHarness h = fiveSubscriptions()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      assertThat(h.simulator.subscribedFilters()).hasSize(5);

      SimulatorStats stats = h.simulator.stats();
      assertThat(stats.accountPresenceReads()).as("one pass of 4 pages, not 5 passes").isEqualTo(4);
      assertThat(stats.presenceReads()).as("no bulk reads beside it (engine resyncs %s, recovery %s)",
          h.counter("presence.connection.resyncs", "reason", "engine"),
          h.counter("presence.connection.resyncs", "reason", "recovery")).isZero();
      assertThat(h.engineStates()).hasSize(USERS);
      assertThat(h.counter("presence.connection.resyncs", "reason", "initial")).isEqualTo(5);
      assertThat(ClientHarness.waitFor(() -> h.source.loadProgress().equals(new LoadProgress(USERS, USERS, true)), WAIT))
          .as("progress %s", h.source.loadProgress()).isTrue();
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void subscriptionsThatLostTheirSessionsTogetherShareOnePassToo() {
    try (ClientHarness h = fiveSubscriptions()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      long before = h.simulator.stats().accountPresenceReads();

      for (int i = 0; i < 5; i++) {
        h.simulator.faults().refuseNextRecovery("WSG-1005");
      }
      h.simulator.faults().dropConnections();
      h.simulator.traffic().step(30);

      assertThat(ClientHarness.waitFor(
          () -> h.counter("presence.connection.recoveries", "outcome", "failed") == 5, WAIT)).isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.simulator.stats().accountPresenceReads() - before).as("one pass for the five recoveries")
          .isEqualTo(4);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void aFewExtensionsAreReadInBulkRatherThanByAPassOverTheWholeAccount() {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(USERS),
        b -> b.maxFiltersPerSubscription(10).presenceBulkSize(5).accountPresencePageSize(10)
            .extensions(ExtensionSelection.of("62000002004", "62000003004", "62000004004"))).runThroughEngine()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      assertThat(ClientHarness.waitFor(() -> h.engineStates().size() == 3, WAIT)).isTrue();

      SimulatorStats stats = h.simulator.stats();
      assertThat(stats.accountPresenceReads()).isZero();
      assertThat(stats.presenceReads()).as("one bulk read of the three").isEqualTo(1);
    }
  }
}
