package io.presencestream.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.presencestream.codec.ContactCentreJson;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Alert;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.PresenceEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * The daemon on its simulator with the contact-centre view on: the view's snapshots at {@code /api/agents},
 * its events on {@code /events}, and an alert rule's alert raised and cleared over SSE and posted to a
 * slack-format webhook (a real local receiver).
 */
@Timeout(120)
class DaemonContactCentreIT {

  private static final PresenceCodec CODEC = PresenceCodec.create();
  private static final ContactCentreJson VIEW = ContactCentreJson.create();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private Daemon daemon;
  private DisposableServer receiver;
  private final List<String> posted = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.shutdown(Duration.ofSeconds(20));
    }
    if (receiver != null) {
      receiver.disposeNow();
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI startReceiver() {
    receiver = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
        .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
            .flatMap(body -> {
              posted.add(body);
              return response.status(200).send().then();
            }))
        .bindNow();
    return URI.create("http://127.0.0.1:" + receiver.port() + "/slack");
  }

  @Test
  void theViewIsServedAndItsAlertsReachSseAndTheSlackWebhook() throws Exception {
    URI hook = startReceiver();
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: 12, eventsPerSecond: 0, seed: 7}}
        server: {port: 0, sse: {clientBuffer: 10000, history: 10000}}
        sinks:
          webhooks:
            - {name: chat, format: slack, url: "%s", deadLetterFile: "%s"}
        contactCentre:
          alerts:
            - {name: long-ring, rule: call.ringing, longerThan: 1s, severity: critical, targets: [chat]}
        """.formatted(hook, dir.resolve("dead.jsonl")), "test", Map.of()));
    await("every extension's agent state").atMost(Duration.ofSeconds(30)).until(() -> {
      HttpResponse<String> agents = get(daemon.url().resolve("api/agents"));
      return agents.statusCode() == 200 && VIEW.decodeAgents(agents.body()).size() == 12;
    });

    try (SseRecorder sse = SseRecorder.connect(daemon.url(), "kinds=alert.raised,alert.cleared,agent.state", null)) {
      assertThat(sse.status()).isEqualTo(200);
      daemon.simulator().orElseThrow().traffic().start(4);
      await("an alert raised and cleared").atMost(Duration.ofSeconds(60)).until(() -> clearedAfterRaised(sse) != null);
      daemon.simulator().orElseThrow().traffic().stop();

      Alert cleared = clearedAfterRaised(sse);
      assertThat(cleared.rule()).isEqualTo("call.ringing");
      assertThat(cleared.targets()).containsExactly("chat");
      assertThat(cleared.clearedAt()).isAfterOrEqualTo(cleared.raisedAt());
      assertThat(events(sse)).as("the view's agent states flow too")
          .anySatisfy(e -> assertThat(e).isInstanceOf(ContactCentreEvent.AgentStateChanged.class));

      await("the chat webhook got the alert").atMost(Duration.ofSeconds(10)).until(() ->
          posted.stream().anyMatch(body -> body.startsWith("{\"text\":\"[CRITICAL] ") && body.contains("(alert long-ring, call.ringing)"))
              && posted.stream().anyMatch(body -> body.startsWith("{\"text\":\"Cleared: ")));
      assertThat(posted).as("a slack webhook gets alerts only").allSatisfy(body ->
          assertThat(body).matches("\\{\"text\":\"(\\[CRITICAL] |Cleared: ).*"));
    }
  }

  @Test
  void theViewsEndpointsAreNotFoundWhenItIsOff() throws Exception {
    daemon = Daemon.start(DaemonConfig.parse("""
        source: {simulator: {extensions: 3, eventsPerSecond: 0}}
        server: {port: 0}
        contactCentre: {enabled: false}
        """, "test", Map.of()));
    HttpResponse<String> agents = get(daemon.url().resolve("api/agents"));
    assertThat(agents.statusCode()).isEqualTo(404);
    assertThat(agents.body()).contains("\"error\":\"contact_centre_disabled\"");
  }

  private static List<PresenceEvent> events(SseRecorder sse) {
    return sse.frames().stream().map(frame -> CODEC.decodeEvent(frame.data())).toList();
  }

  /** An alert cleared after the SSE stream showed it raised (the same id), or null. */
  private static Alert clearedAfterRaised(SseRecorder sse) {
    List<PresenceEvent> events = events(sse);
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof ContactCentreEvent.AlertRaised raised) {
        for (PresenceEvent later : events.subList(i + 1, events.size())) {
          if (later instanceof ContactCentreEvent.AlertCleared cleared && cleared.alert().id().equals(raised.alert().id())) {
            return cleared.alert();
          }
        }
      }
    }
    return null;
  }
}
