package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaders;
import io.presencestream.model.Availability;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

/**
 * People name extensions by number, events carry ids: every endpoint that takes an extension takes either,
 * over real HTTP (docs/http-api.md, "Ids and numbers").
 */
class ExtensionAddressingIT extends ServerTestSupport {

  record Reply(int status, HttpHeaders headers, String body) {}

  private Reply get(String path) {
    return HttpClient.create()
        .get()
        .uri(url(path))
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> new Reply(response.status().code(), response.responseHeaders(), text)))
        .block(Duration.ofSeconds(10));
  }

  private static ExtensionState state(String id, long sequence) {
    return new ExtensionState(id, sequence, new PresenceState(Availability.BUSY, null, null, null, null, null, null), List.of(), Instant.EPOCH);
  }

  private void ada101AndBob102() {
    directory.add(new ExtensionInfo("62000001", "101", "Ada Admin", "Support"));
    directory.add(new ExtensionInfo("62000002", "102", "Bob Builder", "Sales"));
    states.put("62000001", state("62000001", 3));
    states.put("62000002", state("62000002", 5));
  }

  @Test
  void theStateOfAnExtensionIsFoundByItsNumberAndByItsId() {
    start(testOptions());
    ada101AndBob102();
    assertThat(get("/api/state/101").body()).isEqualTo("{\"extensionId\":\"62000001\",\"sequence\":3}");
    assertThat(get("/api/state/62000001").body()).isEqualTo("{\"extensionId\":\"62000001\",\"sequence\":3}");
    assertThat(get("/api/state/102").body()).isEqualTo("{\"extensionId\":\"62000002\",\"sequence\":5}");
  }

  @Test
  void anIdWinsOverANumberThatEqualsIt() {
    start(testOptions());
    directory.add(new ExtensionInfo("101", "201", "Id one-oh-one"));
    directory.add(new ExtensionInfo("62000002", "101", "Number one-oh-one"));
    states.put("101", state("101", 1));
    states.put("62000002", state("62000002", 2));
    assertThat(get("/api/state/101").body()).isEqualTo("{\"extensionId\":\"101\",\"sequence\":1}");
    assertThat(get("/api/state/201").body()).isEqualTo("{\"extensionId\":\"101\",\"sequence\":1}");
    assertThat(get("/api/state/62000002").body()).isEqualTo("{\"extensionId\":\"62000002\",\"sequence\":2}");
  }

  @Test
  void anExtensionThatNamesNothingInTheDirectoryIsA400NamingIt() {
    start(testOptions());
    ada101AndBob102();
    Reply state = get("/api/state/999");
    assertThat(state.status()).isEqualTo(400);
    assertThat(state.body()).isEqualTo("{\"error\":\"unknown_extension\",\"message\":\"unknown extension '999'"
        + " (neither an extension id nor an extension number in the directory)\"}");
    Reply sessions = get("/api/sessions/999");
    assertThat(sessions.status()).isEqualTo(400);
    assertThat(sessions.body()).contains("\"error\":\"unknown_extension\"").contains("'999'");
  }

  @Test
  void aListedExtensionWithNoStateYetIsStillA404NotAnUnknownOne() {
    start(testOptions());
    directory.add(new ExtensionInfo("62000003", "103", "Cy"));
    Reply reply = get("/api/state/103");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body()).contains("\"error\":\"not_found\"").contains("62000003");
  }

  @Test
  void anExtensionTrackedSinceTheDirectoryWasReadIsFoundByItsId() {
    start(testOptions());
    ada101AndBob102();
    states.put("62000009", state("62000009", 9)); // joined after the last directory read
    assertThat(get("/api/state/62000009").body()).isEqualTo("{\"extensionId\":\"62000009\",\"sequence\":9}");
  }

  @Test
  void withoutADirectoryEveryValueIsAnId() {
    start(testOptions());
    states.put("101", state("101", 4));
    assertThat(get("/api/state/101").body()).isEqualTo("{\"extensionId\":\"101\",\"sequence\":4}");
    Reply unknown = get("/api/state/999");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"error\":\"not_found\"");
    assertThat(get("/api/sessions/999").body()).isEqualTo("[]");
  }

  @Test
  void theSessionsOfAnExtensionAreFoundByItsNumber() {
    AtomicReference<String> asked = new AtomicReference<>();
    sessions = SessionProvider.of(id -> {
      asked.set(id);
      return List.of();
    }, Map::of);
    start(testOptions());
    ada101AndBob102();
    assertThat(get("/api/sessions/102").status()).isEqualTo(200);
    assertThat(asked.get()).isEqualTo("62000002");
  }

  @Test
  void anSseFilterTakesNumbersAndIdsTogether() {
    start(testOptions());
    ada101AndBob102();
    directory.add(new ExtensionInfo("62000003", "103", "Cy"));
    SseClient.connect(url("/events?extensions=101,62000003&kinds=call.new"))
        .filter(SseClient.Frame::isEvent)
        .as(StepVerifier::create)
        .then(() -> {
          Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hub.clientCount() == 1);
          hub.accept(TestEvents.callNew("62000002", 1)); // 102: not asked for
          hub.accept(TestEvents.callNew("62000001", 2)); // 101 by its number
          hub.accept(TestEvents.callNew("62000003", 3)); // by its id
        })
        .assertNext(frame -> assertThat(frame.data()).contains("\"extensionId\":\"62000001\""))
        .assertNext(frame -> assertThat(frame.data()).contains("\"extensionId\":\"62000003\""))
        .thenCancel()
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void anSseFilterNamingAnUnknownExtensionIsRefusedNotIgnored() {
    start(testOptions());
    ada101AndBob102();
    SseClient.connect(url("/events?extensions=101,999,998"))
        .as(StepVerifier::create)
        .expectErrorSatisfies(error -> {
          SseClient.StatusException status = (SseClient.StatusException) error;
          assertThat(status.status).isEqualTo(400);
          assertThat(status.body).isEqualTo("{\"error\":\"unknown_extension\",\"message\":\"unknown extensions"
              + " '998', '999' in extensions (neither an extension id nor an extension number in the directory)\"}");
        })
        .verify(Duration.ofSeconds(10));
    assertThat(hub.clientCount()).isZero();
  }

  @Test
  void aRouteGetsItsExtensionParametersAsIdsAndAWarningForOnesTheDirectoryDoesNotList() {
    AtomicReference<RouteHandler.Request> asked = new AtomicReference<>();
    hub = EventHub.create(testOptions(), TestEvents.encoder(0), registry, 1);
    server =
        PresenceHttpServer.builder(testOptions())
            .hub(hub)
            .states(StateProvider.of(id -> java.util.Optional.ofNullable(states.get(id)), () -> Map.copyOf(states)))
            .stateEncoder(s -> "{}")
            .directory(() -> directory)
            .route("history", "/api/history/", Set.of("extension"), request -> {
              asked.set(request);
              return Mono.just(new RouteHandler.Response(200, "application/json", "{}", Map.of()));
            })
            .metrics(registry)
            .start()
            .block(Duration.ofSeconds(10));
    ada101AndBob102();

    Reply byNumber = get("/api/history/calls?extension=102&queue=102");
    assertThat(byNumber.status()).isEqualTo(200);
    assertThat(asked.get().query()).containsEntry("extension", List.of("62000002")).containsEntry("queue", List.of("102"));
    assertThat(byNumber.headers().get("Warning")).isNull();

    Reply deleted = get("/api/history/calls?extension=61999999"); // a user deleted since: its calls are history
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(asked.get().query()).containsEntry("extension", List.of("61999999"));
    assertThat(deleted.headers().get("Warning")).startsWith("299 presence-stream \"unknown extension '61999999'");
  }
}
