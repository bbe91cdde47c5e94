package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.codec.ProtocolCodec;
import io.presencestream.model.CallQueue;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.QueueMember;
import io.presencestream.simulator.SimulatorOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * {@link RingCentralSource#directory}: users with numbers and departments, call queues with their members and
 * flags, read from the real simulator's REST endpoints and kept current by its call-queue presence
 * notifications, over real sockets.
 */
class CallQueueDirectoryIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String SALES = "Sales Queue";
  private final HttpClient http = HttpClient.newHttpClient();

  private static CallQueue queue(Directory d, String name) {
    return d.queues().stream().filter(q -> name.equals(q.name())).findFirst().orElseThrow();
  }

  private static Directory last(List<Directory> seen) {
    return seen.get(seen.size() - 1);
  }

  /** {@code PUT …/call-queues/{id}/presence} as an agent's app would, with a token of its own. */
  private void switchQueue(ClientHarness h, String queueId, String memberId, boolean on) throws Exception {
    var c = h.simulator.credentials();
    String basic = Base64.getEncoder().encodeToString((c.clientId() + ":" + c.clientSecret()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> login = http.send(
        HttpRequest.newBuilder(URI.create(h.simulator.baseUrl() + "/restapi/oauth/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type="
                + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(c.jwt(), StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    String token = ProtocolCodec.create().decodeTokenResponse(login.body()).accessToken();
    HttpResponse<String> put = http.send(
        HttpRequest.newBuilder(URI.create(h.simulator.baseUrl() + "/restapi/v1.0/account/~/call-queues/" + queueId + "/presence"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(
                "{\"records\":[{\"member\":{\"id\":\"" + memberId + "\"},\"acceptCurrentQueueCalls\":" + on + "}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
  }

  @Test
  void theFirstDirectoryHasTheUsersWithTheirDepartmentsAndTheQueuesWithTheirMembers() {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(12), b -> b)) {
      List<Directory> seen = new CopyOnWriteArrayList<>();
      Disposable d = h.source.directory(Duration.ofHours(1)).subscribe(seen::add);
      try {
        assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).as("a directory at start").isTrue();
        Directory first = seen.get(0);
        List<ExtensionInfo> truth = h.simulator.directory();
        assertThat(first.extensions()).extracting(ExtensionInfo::extensionId)
            .containsExactlyInAnyOrderElementsOf(truth.stream().map(ExtensionInfo::extensionId).toList());
        assertThat(first.extensions()).allSatisfy(u -> assertThat(u.extensionNumber()).isNotNull())
            .anySatisfy(u -> assertThat(u.department()).isNotNull());
        assertThat(first.queues()).extracting(CallQueue::name).containsExactly("Sales Queue", "Support Queue");
        CallQueue sales = queue(first, SALES);
        assertThat(sales.extensionNumber()).isEqualTo("90000001");
        assertThat(sales.members()).hasSize(6)
            .allSatisfy(m -> assertThat(m.acceptsCurrentQueueCalls()).isTrue());
        assertThat(truth.stream().map(ExtensionInfo::extensionId))
            .as("every member is a user of the directory").containsAll(sales.members().stream().map(QueueMember::extensionId).toList());
        assertThat(h.counter("presence.directory.reads", "outcome", "ok")).isEqualTo(1.0);
      } finally {
        d.dispose();
      }
    }
  }

  @Test
  void aMemberSwitchingAQueueOffChangesTheDirectoryAtOnceWithoutARestRead() throws Exception {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(12), b -> b.queuePresence(true)).run()) {
      List<Directory> seen = new CopyOnWriteArrayList<>();
      Disposable d = h.source.directory(Duration.ofHours(1)).subscribe(seen::add);
      try {
        h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
        assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).isTrue();
        String salesId = queue(seen.get(0), SALES).id();
        assertThat(ClientHarness.waitFor(() -> h.simulator.subscribedFilters().stream().flatMap(List::stream)
            .anyMatch(f -> f.endsWith("/call-queues/" + salesId + "/presence")), WAIT))
            .as("the queues' member presence filters are subscribed").isTrue();
        String member = queue(seen.get(0), SALES).members().get(2).extensionId();
        long listReads = h.simulator.stats().extensionListReads();
        int before = seen.size();

        switchQueue(h, salesId, member, false);

        assertThat(ClientHarness.waitFor(() -> seen.size() > before, WAIT)).as("a directory after the switch").isTrue();
        Directory changed = last(seen);
        assertThat(queue(changed, SALES).member(member).acceptsCurrentQueueCalls()).isFalse();
        assertThat(queue(changed, SALES).member(member).acceptsQueueCalls()).as("the other flag kept").isTrue();
        assertThat(queue(changed, "Support Queue")).as("the other queue untouched").isEqualTo(queue(seen.get(0), "Support Queue"));
        assertThat(changed.extensions()).isEqualTo(seen.get(0).extensions());
        assertThat(changed.at()).isAfterOrEqualTo(seen.get(0).at());
        assertThat(h.simulator.stats().extensionListReads()).as("no REST read").isEqualTo(listReads);
        assertThat(h.counter("presence.connection.queue.presence.events")).isEqualTo(1.0);

        switchQueue(h, salesId, member, true);
        assertThat(ClientHarness.waitFor(() -> queue(last(seen), SALES).member(member).acceptsCurrentQueueCalls(), WAIT))
            .as("and back on").isTrue();
      } finally {
        d.dispose();
      }
    }
  }

  @Test
  void withoutTheOptionNoQueueFilterIsSubscribed() {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(6), b -> b).run()) {
      Disposable d = h.source.directory(Duration.ofHours(1)).subscribe();
      try {
        h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
        assertThat(ClientHarness.waitFor(() -> h.counter("presence.directory.reads", "outcome", "ok") >= 1, WAIT)).isTrue();
        assertThat(h.simulator.subscribedFilters().stream().flatMap(List::stream)).noneMatch(f -> f.contains("call-queues"));
      } finally {
        d.dispose();
      }
    }
  }

  @Test
  void theTimerReadsAgainAndCancellingStopsIt() {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(6), b -> b)) {
      List<Directory> seen = new CopyOnWriteArrayList<>();
      Disposable d = h.source.directory(Duration.ofMillis(200)).subscribe(seen::add);
      assertThat(ClientHarness.waitFor(() -> seen.size() >= 3, WAIT)).as("read at start and on the timer").isTrue();
      d.dispose();
      ClientHarness.waitFor(() -> false, Duration.ofMillis(300)); // a read under way may still finish
      long reads = h.simulator.stats().extensionListReads();
      ClientHarness.waitFor(() -> false, Duration.ofMillis(800));
      assertThat(h.simulator.stats().extensionListReads()).as("no read after cancel").isEqualTo(reads);
    }
  }

  @Test
  void anExtensionListNotificationReadsTheDirectoryAgain() throws Exception {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(6), b -> b).run()) {
      List<Directory> seen = new CopyOnWriteArrayList<>();
      Disposable d = h.source.directory(Duration.ofHours(1)).subscribe(seen::add);
      try {
        h.awaitStatus(ConnectionState.Status.CONNECTED, WAIT);
        assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).isTrue();
        int usersBefore = seen.get(0).extensions().size();
        HttpResponse<String> added = http.send(
            HttpRequest.newBuilder(URI.create(h.simulator.baseUrl() + "/_sim/extensions?add=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(ClientHarness.waitFor(() -> last(seen).extensions().size() == usersBefore + 1, WAIT))
            .as("the new user is in the next directory, long before the hourly refresh").isTrue();
      } finally {
        d.dispose();
      }
    }
  }

  @Test
  void aClosedSourceEndsItsDirectoryStreams() {
    try (ClientHarness h = new ClientHarness(SimulatorOptions.builder().extensions(4), b -> b)) {
      List<Directory> seen = new CopyOnWriteArrayList<>();
      boolean[] completed = {false};
      h.source.directory(Duration.ofHours(1)).subscribe(seen::add, e -> { }, () -> completed[0] = true);
      assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).isTrue();
      h.source.close().block(Duration.ofSeconds(5));
      assertThat(ClientHarness.waitFor(() -> completed[0], WAIT)).isTrue();
    }
  }
}
