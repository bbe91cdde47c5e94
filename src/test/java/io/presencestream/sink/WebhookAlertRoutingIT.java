package io.presencestream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.ContactCentreJson;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Alert;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import io.presencestream.server.TestEvents;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Webhook {@code format: slack} and alert routing by {@code targets}, against real local HTTP receivers.
 * The slack bodies are docs/http-api.md's examples, for the documented alert.
 */
class WebhookAlertRoutingIT {

  private static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([^>]+?) -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PresenceCodec codec = PresenceCodec.create();
  private final List<DisposableServer> servers = new CopyOnWriteArrayList<>();
  private final List<EventSink> sinks = new ArrayList<>();

  /** A receiver that answers 200 and keeps every body. */
  private final class Receiver {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
        .handle((request, response) -> request.receive().aggregate().asString().defaultIfEmpty("")
            .flatMap(body -> {
              bodies.add(body);
              return response.status(200).send().then();
            }))
        .bindNow();

    Receiver() {
      servers.add(server);
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.port() + "/hook");
    }
  }

  @AfterEach
  void stop() {
    sinks.forEach(sink -> sink.close().block(Duration.ofSeconds(10)));
    servers.forEach(DisposableServer::disposeNow);
  }

  private static Map<String, String> examples() throws Exception {
    Map<String, String> examples = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(Files.readString(Path.of("docs/http-api.md")));
    while (m.find()) {
      examples.put(m.group(1), JSON.writeValueAsString(JSON.readTree(m.group(2))));
    }
    return examples;
  }

  /** The documented open alert (targets: ops-slack). */
  private static Alert documentedAlert() throws Exception {
    return ContactCentreJson.create().decodeAlerts(examples().get("GET /api/alerts")).get(0);
  }

  private static PresenceEvent raised(Alert alert) {
    return new ContactCentreEvent.AlertRaised(alert.subjectId(), alert.raisedAt(), alert);
  }

  private static PresenceEvent cleared(Alert alert) {
    return new ContactCentreEvent.AlertCleared(alert.subjectId(), alert.raisedAt().plusSeconds(4),
        alert.cleared(alert.raisedAt().plusSeconds(4)));
  }

  private EventSink webhook(Receiver receiver, String name, WebhookFormat format, Set<EventKind> kinds) {
    EventSink sink = EventSinks.webhook(WebhookSinkOptions.builder(receiver.url()).name(name).format(format).kinds(kinds)
        .maxAttempts(1).build(), codec::encodeEvent, registry);
    sinks.add(sink);
    return sink;
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) {
    Awaitility.await(what).atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
  }

  @Test
  void aSlackWebhookPostsTheDocumentedSentenceForEachAlertAndNothingElseByDefault() throws Exception {
    Map<String, String> examples = examples();
    Alert alert = documentedAlert();
    Receiver slack = new Receiver();
    EventSink sink = webhook(slack, "ops-slack", WebhookFormat.SLACK, Set.of());

    sink.accept(TestEvents.presence("101", 1));
    sink.accept(raised(alert));
    sink.accept(TestEvents.callNew("101", 2));
    sink.accept(cleared(alert));

    await("two messages", () -> slack.bodies.size() == 2);
    assertThat(slack.bodies).containsExactly(examples.get("slack alert.raised"), examples.get("slack alert.cleared"));
    assertThat(sink.dropped()).as("events not for it are neither queued nor dropped").isZero();
  }

  @Test
  void aTargetedAlertGoesToItsTargetsAndToWebhooksThatListTheAlertKindsOnly() throws Exception {
    Alert targeted = documentedAlert(); // targets: [ops-slack]
    Alert untargeted = new Alert("abandoned:2001", "abandoned", "queue.abandoned", targeted.severity(), "queue", "2001",
        null, targeted.raisedAt(), null, "a call to 2001 (Sales Queue) was abandoned", List.of());
    Receiver slack = new Receiver();
    Receiver archive = new Receiver();
    Receiver alerts = new Receiver();
    Receiver other = new Receiver();
    List<EventSink> hooks = List.of(
        webhook(slack, "ops-slack", WebhookFormat.SLACK, Set.of()),
        webhook(archive, "archive", WebhookFormat.JSON, Set.of()),
        webhook(alerts, "all-alerts", WebhookFormat.JSON, Set.of(EventKind.ALERT_RAISED, EventKind.ALERT_CLEARED)),
        webhook(other, "other-slack", WebhookFormat.SLACK, Set.of()));
    List<PresenceEvent> events = List.of(TestEvents.presence("101", 1), raised(targeted), raised(untargeted), cleared(targeted));
    for (PresenceEvent event : events) {
      hooks.forEach(hook -> hook.accept(event));
    }
    // a marker every JSON webhook receives last, so the test knows their queues are through
    PresenceEvent marker = TestEvents.callEnded("199", 9);
    hooks.forEach(hook -> hook.accept(marker));

    await("the archive got the marker", () -> archive.bodies.contains(codec.encodeEvent(marker)));
    await("slack got three", () -> slack.bodies.size() == 3);
    await("all-alerts got three", () -> alerts.bodies.size() == 3);
    await("the other slack got one", () -> other.bodies.size() == 1);

    assertThat(archive.bodies).as("every kind, but not alerts targeted at another webhook").containsExactly(
        codec.encodeEvent(events.get(0)), codec.encodeEvent(events.get(2)), codec.encodeEvent(marker));
    assertThat(alerts.bodies).as("listing the alert kinds explicitly: every alert").containsExactly(
        codec.encodeEvent(events.get(1)), codec.encodeEvent(events.get(2)), codec.encodeEvent(events.get(3)));
    assertThat(slack.bodies).as("its targeted alert, raised and cleared, and the untargeted one").hasSize(3);
    assertThat(slack.bodies.get(0)).startsWith("{\"text\":\"[WARNING] call ringing at 101");
    assertThat(other.bodies).singleElement().asString().contains("a call to 2001 (Sales Queue) was abandoned");
  }

  @Test
  void slackTextEscapesSlackMarkupAndJsonBoth() {
    Alert alert = new Alert("r:1", "r", "agent.dnd", io.presencestream.model.AlertSeverity.CRITICAL, "extension", "1", null,
        TestEvents.AT, null, "Tom & \"Jerry\" <on DND>", List.of());
    PresenceEvent event = new ContactCentreEvent.AlertRaised("1", TestEvents.AT, alert);
    assertThat(io.presencestream.codec.WebhookJson.text(ChatText.of(event)))
        .isEqualTo("{\"text\":\"[CRITICAL] Tom &amp; \\\"Jerry\\\" &lt;on DND&gt; (alert r, agent.dnd)\"}");
  }
}
