package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.EngineInput;
import io.presencestream.simulator.SimulatorOptions;
import io.presencestream.simulator.SimulatorStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With {@code extensions: all} the watched set follows the account while running, against the real simulator
 * over real sockets: users added, disabled, enabled and deleted through the simulator's control API
 * ({@code POST /_sim/extensions}), which sends RingCentral's Extension List notifications.
 */
class DirectoryFollowIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final Pattern EXTENSION_ID = Pattern.compile("\"extensionId\":\"([^\"]+)\"");
  private final HttpClient http = HttpClient.newHttpClient();

  /** {@code POST /_sim/extensions?…}, as another process would; the ids the answer names. */
  private List<String> control(ClientHarness h, String query) throws Exception {
    HttpResponse<String> res = http.send(
        HttpRequest.newBuilder(URI.create(h.simulator.baseUrl() + "/_sim/extensions?" + query))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as("answer to %s: %s", query, res.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    Matcher m = EXTENSION_ID.matcher(res.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static boolean subscribed(ClientHarness h, String extensionId) {
    return h.simulator.subscribedFilters().stream().flatMap(List::stream)
        .anyMatch(f -> f.contains("/extension/" + extensionId + "/presence"));
  }

  private static boolean notified(ClientHarness h, String extensionId) {
    return h.inputs.stream().anyMatch(i -> i instanceof EngineInput.NotificationReceived n
        && n.notification().extensionId().equals(extensionId));
  }

  private static String someoneButTheOwner(ClientHarness h) {
    String owner = h.simulator.ownerExtensionId();
    return h.truth().keySet().stream().filter(id -> !id.equals(owner)).findFirst().orElseThrow();
  }

  @Test
  void aUserAddedToTheAccountIsReadAndItsPresenceFlowsWithoutARestart() throws Exception {
    try (ClientHarness h = ClientHarness.start(4).runThroughEngine()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      assertThat(h.simulator.subscribedFilters().get(0)).as("the first subscription carries the extension list")
          .anyMatch(f -> f.endsWith("/extension"));
      SimulatorStats before = h.simulator.stats();

      String added = control(h, "add=1").get(0);

      assertThat(ClientHarness.waitFor(() -> h.engineStates().containsKey(added), WAIT))
          .as("the new user's presence read over REST").isTrue();
      h.awaitInSync(WAIT);
      assertThat(subscribed(h, added)).as("its presence filter subscribed").isTrue();
      for (int i = 0; i < 40 && !notified(h, added); i++) {
        h.simulator.traffic().step(10);
        ClientHarness.waitFor(() -> notified(h, added), Duration.ofMillis(100));
      }
      assertThat(notified(h, added)).as("a notification of the new user reached the engine").isTrue();
      h.awaitInSync(WAIT);

      SimulatorStats after = h.simulator.stats();
      assertThat(after.extensionReads() - before.extensionReads()).as("one extension read, not the whole list")
          .isEqualTo(1);
      assertThat(after.extensionListReads()).isEqualTo(before.extensionListReads());
      assertThat(h.counter("presence.connection.attempts")).as("no reconnect, no restart").isEqualTo(1);
      assertThat(h.counter("presence.connection.directory.changes", "change", "added")).isEqualTo(1);
      assertThat(h.source.loadProgress()).as("loaded in the background, the initial load stays complete")
          .isEqualTo(new LoadProgress(5, 5, true));
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void aDisabledUserLeavesTheSubscriptionAndTheStateAndComesBackWhenEnabled() throws Exception {
    try (ClientHarness h = ClientHarness.start(4).runThroughEngine()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      String user = someoneButTheOwner(h);
      assertThat(subscribed(h, user)).isTrue();

      control(h, "disable=" + user);

      assertThat(ClientHarness.waitFor(() -> !h.engineStates().containsKey(user) && !subscribed(h, user), WAIT))
          .as("gone from the engine's state and from the subscription").isTrue();
      assertThat(h.inputs).anyMatch(i -> i instanceof EngineInput.ExtensionRemoved r && r.extensionId().equals(user));
      h.simulator.traffic().step(50);
      h.awaitInSync(WAIT);
      assertThat(h.engineStates()).doesNotContainKey(user);
      assertThat(h.source.loadProgress()).as("the one that left is neither watched nor loaded")
          .isEqualTo(new LoadProgress(3, 3, true));

      control(h, "enable=" + user);
      assertThat(ClientHarness.waitFor(() -> h.engineStates().containsKey(user) && subscribed(h, user), WAIT))
          .as("back once enabled").isTrue();
      h.awaitInSync(WAIT);
      assertThat(ClientHarness.waitFor(() -> h.source.loadProgress().equals(new LoadProgress(4, 4, true)), WAIT))
          .as("watched and loaded again: %s", h.source.loadProgress()).isTrue();

      control(h, "delete=" + user);
      assertThat(ClientHarness.waitFor(() -> !h.engineStates().containsKey(user) && !subscribed(h, user), WAIT))
          .as("gone once deleted").isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.counter("presence.connection.directory.changes", "change", "removed")).isEqualTo(2);
      assertThat(h.counter("presence.connection.attempts")).isEqualTo(1);
      assertThat(h.errors).isEmpty();
    }
  }

  @Test
  void manyChangesAtOnceCostOneDirectoryReadAndOneUpdatePerSubscription() throws Exception {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(10),
        // the debounce of a real deployment's order (2 s / 4 s by default), not the harness's 100 / 200 ms
        b -> b.maxFiltersPerSubscription(5).resyncDebounce(Duration.ofMillis(500), Duration.ofSeconds(2)))
        .runThroughEngine()) {
      h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
      h.awaitInSync(WAIT);
      int subscriptions = h.simulator.subscribedFilters().size();
      assertThat(subscriptions).as("11 filters over subscriptions of 5").isEqualTo(3);
      SimulatorStats before = h.simulator.stats();

      List<String> added = control(h, "add=40");
      assertThat(added).hasSize(40);

      assertThat(ClientHarness.waitFor(() -> h.engineStates().keySet().containsAll(added), WAIT)).isTrue();
      h.awaitInSync(WAIT);
      assertThat(h.engineStates()).hasSize(50);
      SimulatorStats after = h.simulator.stats();
      assertThat(after.extensionReads() - before.extensionReads()).as("no read per extension").isZero();
      assertThat(after.extensionListReads() - before.extensionListReads())
          .as("one read of the directory (directory reads %s, events %s)", h.counter("presence.connection.directory.reads"),
              h.counter("presence.connection.directory.events"))
          .isEqualTo(1);
      assertThat(h.counter("presence.connection.directory.events")).isEqualTo(40);
      assertThat(h.counter("presence.connection.directory.reads")).isEqualTo(1);
      assertThat(after.subscriptionsUpdated() - before.subscriptionsUpdated())
          .as("the subscription with free room updated once, the rest on new sockets")
          .isLessThanOrEqualTo(subscriptions);
      assertThat(h.simulator.subscribedFilters()).allSatisfy(filters -> assertThat(filters).hasSizeLessThanOrEqualTo(5));
      assertThat(h.simulator.subscribedFilters().stream().mapToInt(List::size).sum()).isEqualTo(51);
      assertThat(h.errors).isEmpty();
    }
  }
}
