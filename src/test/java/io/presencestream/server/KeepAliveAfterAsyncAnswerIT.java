package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.model.Availability;
import io.presencestream.model.ExtensionState;
import io.presencestream.model.PresenceState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One keep-alive connection, requests one after another, answers computed off the event loop (the history
 * database, a file, the readiness checks) alternating with answers made on it (a state): every request is
 * answered. Before the server wrote every answer on its connection's loop, a pair in a few dozen to a few
 * hundred left the connection unread and a request waited for its timeout (HttpHandler#loopOf says why).
 */
@Timeout(120)
class KeepAliveAfterAsyncAnswerIT extends ServerTestSupport {

  private static final int PAIRS = 400;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private List<String> unanswered(String offLoop, String onLoop) throws Exception {
    List<String> unanswered = new ArrayList<>();
    for (int i = 0; i < PAIRS && unanswered.size() < 3; i++) {
      for (String path : List.of(offLoop, onLoop)) {
        try {
          HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(answer.statusCode()).as(path).isEqualTo(200);
        } catch (java.net.http.HttpTimeoutException e) {
          unanswered.add(path + " (pair " + i + ")");
        }
      }
    }
    return unanswered;
  }

  private void startWithARouteAnsweredOffTheLoop() {
    hub = EventHub.create(testOptions(), TestEvents.encoder(0), registry, 1);
    server =
        PresenceHttpServer.builder(testOptions())
            .hub(hub)
            .states(StateProvider.of(id -> java.util.Optional.ofNullable(states.get(id)), () -> Map.copyOf(states)))
            .stateEncoder(s -> "{\"extensionId\":\"" + s.extensionId() + "\"}")
            .directory(() -> directory)
            .readiness("upstream", () -> upstream)
            .route("history", "/api/history/", Set.of("extension"), request ->
                // like the history store: the answer comes from a worker thread
                Mono.fromCallable(() -> new RouteHandler.Response(200, "application/json", "{\"calls\":[]}", Map.of()))
                    .subscribeOn(Schedulers.boundedElastic()))
            .metrics(registry)
            .start()
            .block(Duration.ofSeconds(10));
    states.put("62000001", new ExtensionState("62000001", 1L,
        new PresenceState(Availability.AVAILABLE, null, null, null, null, null, null), List.of(), Instant.EPOCH));
  }

  @Test
  void aStateReadAfterAHistoryQueryOnTheSameConnectionIsAnswered() throws Exception {
    startWithARouteAnsweredOffTheLoop();
    assertThat(unanswered("/api/history/calls", "/api/state/62000001")).isEmpty();
  }

  @Test
  void aStateReadAfterAFileOnTheSameConnectionIsAnswered() throws Exception {
    startWithARouteAnsweredOffTheLoop();
    assertThat(unanswered("/", "/api/state")).isEmpty();
  }

  @Test
  void aStateReadAfterAReadinessCheckOnTheSameConnectionIsAnswered() throws Exception {
    startWithARouteAnsweredOffTheLoop();
    assertThat(unanswered("/health/ready", "/api/state/62000001")).isEmpty();
  }
}
