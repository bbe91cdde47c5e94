package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.codec.ProtocolCodec;
import io.presencestream.codec.protocol.TokenResponse;
import io.presencestream.model.Directory;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.QueueMember;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * What RingCentral answers that the simulator does not: call queues refused (403) or absent (404), a member's
 * flags refused while its member list is not, a body that is not what it should be, a read slow enough for a
 * member's switch to be notified while it runs. A real Reactor Netty server
 * answers the source's real REST client with the samples of {@code call-queue-samples} and RingCentral's error
 * bodies.
 */
class CallQueuesRefusedIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String FORBIDDEN =
      "{\"errorCode\":\"InsufficientPermissions\",\"message\":\"In order to call this API endpoint, application needs to"
          + " have [ReadAccounts] permission\",\"errors\":[{\"errorCode\":\"CMN-401\",\"message\":\"In order to call this"
          + " API endpoint, application needs to have [ReadAccounts] permission\",\"permissionName\":\"ReadAccounts\"}]}";

  /** Status and body by path (query left out); counts the requests of each. */
  private final Map<String, Function<String, Answer>> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  /** How long the server takes to answer a path (none: at once). */
  private final Map<String, Duration> delays = new ConcurrentHashMap<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DisposableServer server;
  private RingCentralSource source;

  private record Answer(int status, byte[] body) {}

  private static byte[] sample(String name) {
    try (InputStream in = CallQueuesRefusedIT.class.getResourceAsStream("/call-queue-samples/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void start() {
    byte[] token = ProtocolCodec.create().encode(
        new TokenResponse("access", "bearer", 3600, "refresh", 604800, "ReadAccounts", "62000001004", null, null));
    routes.put("/restapi/oauth/token", p -> new Answer(200, token));
    routes.put("/restapi/v1.0/account/~/extension", p -> new Answer(200, sample("SIMULATOR_extension-list-with-contact.json")));
    // the sample is page 1 of a longer list (perPage=3): its next page, here the last, is empty
    routes.put("/restapi/v1.0/account/37439510/extension", p -> new Answer(200, "{\"records\":[]}".getBytes(StandardCharsets.UTF_8)));
    server = HttpServer.create().host("127.0.0.1").port(0)
        .route(r -> r.route(req -> true, (req, res) -> {
          String bare = new io.netty.handler.codec.http.QueryStringDecoder(req.uri()).path();
          requests.computeIfAbsent(bare, k -> new AtomicInteger()).incrementAndGet();
          Function<String, Answer> route = routes.get(bare);
          Answer answer = route == null ? new Answer(404, "{\"errorCode\":\"CMN-102\",\"message\":\"Resource not found\"}"
              .getBytes(StandardCharsets.UTF_8)) : route.apply(bare);
          Duration delay = delays.getOrDefault(bare, Duration.ZERO);
          return req.receive().then(Mono.delay(delay)).then(res.status(answer.status()).header("Content-Type", "application/json")
              .sendByteArray(Mono.just(answer.body())).then());
        }))
        .bindNow();
    RingCentralOptions options = RingCentralOptions.builder(
            URI.create("http://127.0.0.1:" + server.port()), "client", "secret", "jwt")
        .extensions(ExtensionSelection.allEnabledUsers())
        .requestTimeout(Duration.ofSeconds(5))
        .restRetryBudget(Duration.ofSeconds(2))
        .reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(100), 0.1)
        .build();
    source = RingCentralSource.create(options, PresenceCodec.create(), registry, Clock.systemUTC(), Schedulers.parallel(), 1);
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close().block(Duration.ofSeconds(5));
    }
    if (server != null) {
      server.disposeNow();
    }
  }

  private int count(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  private double reads(String outcome) {
    return registry.find("presence.directory.reads").tag("outcome", outcome).counter().count();
  }

  @Test
  void callQueuesRefusedGiveADirectoryOfUsersOnlyReadOncePerRefreshNotInALoop() {
    start();
    routes.put("/restapi/v1.0/account/~/call-queues", p -> new Answer(403, FORBIDDEN.getBytes(StandardCharsets.UTF_8)));
    List<Directory> seen = new CopyOnWriteArrayList<>();
    Disposable d = source.directory(Duration.ofMillis(250)).subscribe(seen::add, e -> seen.clear());
    try {
      assertThat(ClientHarness.waitFor(() -> seen.size() >= 3, WAIT)).isTrue();
      assertThat(seen).allSatisfy(dir -> assertThat(dir.queues()).isEmpty());
      assertThat(seen.get(0).extensions()).extracting(ExtensionInfo::department).contains("Engineering", "Sales");
      d.dispose();
      assertThat(count("/restapi/v1.0/account/~/call-queues"))
          .as("one request per read: a refusal is not retried").isLessThanOrEqualTo((int) reads("ok") + 1);
      assertThat(reads("failed")).isZero();
    } finally {
      d.dispose();
    }
  }

  @Test
  void aSwitchNotifiedWhileAReadRunsIsNotUndoneByThatRead() {
    start();
    routes.put("/restapi/v1.0/account/~/call-queues", p -> new Answer(200, sample("apidocs_call-queues.json")));
    routes.put("/restapi/v1.0/account/~/call-queues/1081167016/presence", p -> new Answer(200, sample("apidocs_call-queue-presence.json")));
    routes.put("/restapi/v1.0/account/~/call-queues/61986637016/presence", p -> new Answer(200, sample("apidocs_call-queue-presence.json")));
    delays.put("/restapi/v1.0/account/~/call-queues/1081167016/presence", Duration.ofMillis(1500));
    List<Directory> seen = new CopyOnWriteArrayList<>();
    Disposable d = source.directory(Duration.ofHours(1)).subscribe(seen::add);
    try {
      assertThat(ClientHarness.waitFor(() -> count("/restapi/v1.0/account/~/call-queues/1081167016/presence") == 1, WAIT))
          .as("the read is under way").isTrue();
      // what a connection hands over when the notification arrives: the member switched the queue off
      source.context().directoryFeed().queuePresenceChanged(new io.presencestream.codec.CallQueuePresenceEvent(
          "u1", "1081167016", null, null,
          List.of(new io.presencestream.codec.CallQueuePresenceEvent.MemberChange("979428000", false))), java.time.Instant.now());
      assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).isTrue();
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).queues().get(0).member("979428000"))
          .as("the read answered 'on' from before the switch; the switch is newer and stands")
          .isEqualTo(new QueueMember("979428000", true, false));
      assertThat(seen.get(0).queues().get(1).member("979428000")).as("another queue's flag").isEqualTo(new QueueMember("979428000", true, true));
    } finally {
      d.dispose();
    }
  }

  @Test
  void anAccountWithoutCallQueuesIsADirectoryOfUsersOnly() {
    start(); // no route: 404
    List<Directory> seen = new CopyOnWriteArrayList<>();
    Disposable d = source.directory(Duration.ofHours(1)).subscribe(seen::add);
    try {
      assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).as("requests %s", requests).isTrue();
      assertThat(seen.get(0).queues()).isEmpty();
      assertThat(seen.get(0).extensions()).hasSize(3);
    } finally {
      d.dispose();
    }
  }

  @Test
  void membersWhoseFlagsAreRefusedAreReadFromTheMemberListTakingQueueCalls() {
    start();
    routes.put("/restapi/v1.0/account/~/call-queues", p -> new Answer(200, sample("apidocs_call-queues.json")));
    routes.put("/restapi/v1.0/account/~/call-queues/1081167016/presence", p -> new Answer(403, FORBIDDEN.getBytes(StandardCharsets.UTF_8)));
    routes.put("/restapi/v1.0/account/~/call-queues/1081167016/members", p -> new Answer(200, sample("apidocs_call-queue-members.json")));
    routes.put("/restapi/v1.0/account/~/call-queues/61986637016/presence", p -> new Answer(200, sample("apidocs_call-queue-presence.json")));
    List<Directory> seen = new CopyOnWriteArrayList<>();
    Disposable d = source.directory(Duration.ofHours(1)).subscribe(seen::add);
    try {
      assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).isTrue();
      Directory first = seen.get(0);
      assertThat(first.queues()).hasSize(2);
      assertThat(first.queues().get(0).members())
          .containsExactly(new QueueMember("11112222", true, true), new QueueMember("11113333", true, true));
      assertThat(first.queues().get(1).members()).containsExactly(new QueueMember("979428000", true, true));
    } finally {
      d.dispose();
    }
  }

  @Test
  void anUnreadableBodyIsCountedAndTheStreamGoesOnWithTheNextRead() {
    start();
    AtomicInteger calls = new AtomicInteger();
    routes.put("/restapi/v1.0/account/~/call-queues", p -> calls.incrementAndGet() == 1
        ? new Answer(200, "{\"records\":{\"not\":\"an array\"}}".getBytes(StandardCharsets.UTF_8))
        : new Answer(200, sample("apidocs_call-queues.json")));
    routes.put("/restapi/v1.0/account/~/call-queues/1081167016/presence", p -> new Answer(200, sample("apidocs_call-queue-presence.json")));
    routes.put("/restapi/v1.0/account/~/call-queues/61986637016/presence", p -> new Answer(200, sample("apidocs_call-queue-presence.json")));
    List<Directory> seen = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    Disposable d = source.directory(Duration.ofMillis(300)).subscribe(seen::add, errors::add);
    try {
      assertThat(ClientHarness.waitFor(() -> !seen.isEmpty(), WAIT)).as("a later read succeeds").isTrue();
      assertThat(seen.get(0).queues()).hasSize(2);
      assertThat(errors).isEmpty();
      assertThat(registry.find("presence.connection.decode.errors").tag("reason", "wrong_shape").counter().count())
          .isGreaterThanOrEqualTo(1.0);
    } finally {
      d.dispose();
    }
  }
}
