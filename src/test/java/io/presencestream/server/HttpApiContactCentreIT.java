package io.presencestream.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.codec.ContactCentreJson;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.ContactCentreEvent;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

/**
 * {@code /api/agents}, {@code /api/agents/{id}/timeline}, {@code /api/queues}, {@code /api/alerts} over real
 * HTTP, and the contact-centre kinds on {@code /events}. The view's snapshots are docs/http-api.md's own
 * examples, decoded by the codec: each endpoint must answer exactly its example, so the document cannot
 * drift from what the server writes.
 */
class HttpApiContactCentreIT extends ServerTestSupport {

  private static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([^>]+?) -->\\n```json\\n(.*?)\\n```", Pattern.DOTALL);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContactCentreJson json = ContactCentreJson.create();
  private final PresenceCodec codec = PresenceCodec.create();

  /** Status, content type and body of one response. */
  record Reply(int status, String contentType, String body) {}

  private Reply get(String path) {
    return HttpClient.create()
        .get()
        .uri(url(path))
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
            .map(text -> new Reply(response.status().code(), response.responseHeaders().get("Content-Type"), text)))
        .block(Duration.ofSeconds(10));
  }

  /** docs/http-api.md's examples by their marker, each in compact form (key order kept). */
  static Map<String, String> examples() throws Exception {
    Map<String, String> examples = new LinkedHashMap<>();
    Matcher m = EXAMPLE.matcher(Files.readString(Path.of("docs/http-api.md")));
    while (m.find()) {
      examples.put(m.group(1), JSON.writeValueAsString(JSON.readTree(m.group(2))));
    }
    return examples;
  }

  /** A view whose snapshots are the documented ones. */
  private static ContactCentreProvider documented(
      List<ContactCentreJson.AgentEntry> agents, AgentDay timeline, List<QueueStats> queues, List<Alert> alerts) {
    return new ContactCentreProvider() {
      @Override
      public List<AgentStatus> agents() {
        return agents.stream().map(ContactCentreJson.AgentEntry::agent).toList();
      }

      @Override
      public Optional<AgentDay> agentDay(String extensionId) {
        if (extensionId.equals(timeline.extensionId())) {
          return Optional.of(timeline);
        }
        return agents.stream().filter(a -> a.agent().extensionId().equals(extensionId))
            .map(ContactCentreJson.AgentEntry::day).findFirst();
      }

      @Override
      public List<QueueStats> queues() {
        return queues;
      }

      @Override
      public List<Alert> alerts() {
        return alerts;
      }
    };
  }

  private Map<String, String> startWithTheDocumentedView() throws Exception {
    Map<String, String> examples = examples();
    contactCentre = documented(
        json.decodeAgents(examples.get("GET /api/agents")),
        json.decodeDay(examples.get("GET /api/agents/101/timeline")),
        json.decodeQueues(examples.get("GET /api/queues")),
        json.decodeAlerts(examples.get("GET /api/alerts")));
    start(testOptions());
    return examples;
  }

  @Test
  void everyEndpointAnswersExactlyItsDocumentedExample() throws Exception {
    Map<String, String> examples = startWithTheDocumentedView();

    for (String endpoint : List.of("GET /api/agents", "GET /api/agents/101/timeline", "GET /api/queues", "GET /api/alerts")) {
      Reply reply = get(endpoint.substring("GET ".length()));
      assertThat(reply.status()).as(endpoint).isEqualTo(200);
      assertThat(reply.contentType()).as(endpoint).isEqualTo("application/json");
      assertThat(reply.body()).as(endpoint).isEqualTo(examples.get(endpoint));
    }
  }

  @Test
  void theAgentsListCarriesTheSameDayFiguresAsTheTimelineWithoutTheSpans() throws Exception {
    startWithTheDocumentedView();

    AgentDay listed = json.decodeAgents(get("/api/agents").body()).get(0).day();
    AgentDay withTimeline = json.decodeDay(get("/api/agents/101/timeline").body());

    assertThat(listed.timeline()).isEmpty();
    assertThat(withTimeline.timeline()).hasSize(4);
    assertThat(listed).usingRecursiveComparison().ignoringFields("timeline").isEqualTo(withTimeline);
  }

  @Test
  void aTimelineIsFoundByExtensionNumberToo() throws Exception {
    Map<String, AgentStatus> byId = new LinkedHashMap<>();
    startWithTheDocumentedView();
    json.decodeAgents(get("/api/agents").body()).forEach(e -> byId.put(e.agent().extensionId(), e.agent()));
    AgentStatus carol = byId.get("102");

    Reply byNumber = get("/api/agents/" + carol.extensionNumber() + "/timeline");

    assertThat(byNumber.status()).isEqualTo(200);
    assertThat(json.decodeDay(byNumber.body()).extensionId()).isEqualTo("102");
  }

  @Test
  void anExtensionWithNoAgentStateIsNotFoundAndAMalformedOneABadRequest() throws Exception {
    startWithTheDocumentedView();

    Reply unknown = get("/api/agents/999/timeline");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"not_found\",\"message\":\"no agent state for extension 999\"}");

    assertThat(get("/api/agents/a%20b/timeline").status()).isEqualTo(400);
    assertThat(get("/api/agents/101").status()).as("an agent has no resource of its own").isEqualTo(404);
  }

  @Test
  void withTheViewOffEveryEndpointIsNotFoundAndSaysWhy() {
    start(testOptions());

    for (String path : List.of("/api/agents", "/api/agents/101/timeline", "/api/queues", "/api/alerts")) {
      Reply reply = get(path);
      assertThat(reply.status()).as(path).isEqualTo(404);
      assertThat(reply.body()).as(path).isEqualTo("{\"error\":\"contact_centre_disabled\",\"message\":"
          + "\"the contact-centre view is off (contactCentre.enabled in the daemon's configuration)\"}");
    }
  }

  @Test
  void readingTheViewChangesNothing() throws Exception {
    Map<String, String> examples = startWithTheDocumentedView();

    String first = get("/api/queues").body();
    get("/api/agents");
    get("/api/alerts");

    assertThat(get("/api/queues").body()).isEqualTo(first).isEqualTo(examples.get("GET /api/queues"));
  }

  @Test
  void theContactCentreKindsPassTheSseKindsFilter() throws Exception {
    Map<String, String> examples = examples();
    start(testOptions(), codec::encodeEvent);
    Alert alert = json.decodeAlerts(examples.get("GET /api/alerts")).get(0);
    QueueStats queue = json.decodeQueues(examples.get("GET /api/queues")).get(0);
    Instant at = alert.raisedAt();
    List<PresenceEvent> events = List.of(
        new ContactCentreEvent.QueueStatsChanged(queue.queueId(), at, queue),
        new ContactCentreEvent.AlertRaised(alert.subjectId(), at, alert),
        new ContactCentreEvent.AlertCleared(alert.subjectId(), at.plusSeconds(4), alert.cleared(at.plusSeconds(4))));
    events.forEach(hub::accept);

    // resumed from before the first event: the history replays them through the filter
    List<SseClient.Frame> frames =
        SseClient.connect(url("/events?kinds=alert.raised,alert.cleared&lastEventId=0"))
            .filter(SseClient.Frame::isEvent)
            .take(2)
            .collectList()
            .block(Duration.ofSeconds(10));

    assertThat(frames).extracting(SseClient.Frame::event).containsExactly("alert.raised", "alert.cleared");
    assertThat(frames.get(0).data()).isEqualTo(codec.encodeEvent(events.get(1)));
    assertThat(frames.get(1).data()).isEqualTo(codec.encodeEvent(events.get(2)));
  }
}
