package io.presencestream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import io.presencestream.codec.ContactCentreJson;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.QueueAgents;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import io.presencestream.model.StateSpan;
import io.presencestream.testing.SteppingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's contact-centre truth for a scripted morning, every figure computed by hand from
 * docs/contact-centre.md, read over HTTP from {@code /_sim/truth?include=agents,queues} in the documented shapes.
 *
 * <p>Seed 31, 12 users, all of users 102–111 (indexes 1–10) available. Sales Queue (ring-all): indexes 1–6;
 * Support Queue (sequential, service-level threshold 30 s): indexes 5–10. Times are 2026-11-26, UTC:
 * <pre>
 * 09:00:00 the office starts
 * 09:00:05 user 10 switches itself off the Support Queue
 * 09:00:10 a call enters the Support Queue; user 5 rings
 * 09:00:25 ring timeout: user 5 stops ringing, user 6 rings
 * 09:00:31 user 6 answers (waited 21 s: within 30 s)
 * 09:01:31 the call ends; user 6 wraps up until 09:01:46
 * 09:01:40 a call enters the Sales Queue; users 1–5 ring (6 is in wrap-up)
 * 09:01:50 the caller hangs up: abandoned
 * 09:02:00 a call enters the Support Queue; user 5 rings
 * 09:02:10 ring timeout: user 6 rings
 * 09:02:20 max wait: the call goes to voicemail (overflowed)
 * 09:02:25 the caller leaves the voicemail
 * 09:03:00 the truth is read
 * </pre>
 */
class ContactCentreTruthIT {

  private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

  private final SteppingClock clock = new SteppingClock(START);
  private RingCentralSimulator sim;
  private SimClient client;
  private final ObjectMapper json = new ObjectMapper();
  private final ContactCentreJson codec = ContactCentreJson.create();

  @BeforeEach
  void start() {
    sim = RingCentralSimulator.start(SimulatorOptions.builder().seed(31).extensions(12).eventsPerSecond(0).clock(clock)
        .timeZone(ZoneOffset.UTC).serviceLevelThreshold("Support Queue", Duration.ofSeconds(30)).build());
    client = new SimClient(sim);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private void at(String time) {
    clock.set(Instant.parse("2026-11-26T" + time + "Z"));
  }

  private String id(int index) {
    return sim.directory().get(index).extensionId();
  }

  private JsonNode truth() throws Exception {
    SimClient.Response r = client.request(HttpMethod.GET, "/_sim/truth?include=agents,queues", null, null);
    assertThat(r.status()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private List<QueueStats> queues(JsonNode truth) {
    return codec.decodeQueues(truth.get("queues").toString());
  }

  private ContactCentreJson.AgentEntry agent(JsonNode truth, int index) {
    return codec.decodeAgents(truth.get("agents").toString()).stream()
        .filter(a -> a.agent().extensionId().equals(id(index))).findFirst().orElseThrow();
  }

  private static Instant t(String time) {
    return Instant.parse("2026-11-26T" + time + "Z");
  }

  private static StateSpan span(AgentState state, boolean onQueue, String start, String end) {
    return new StateSpan(state, onQueue, t(start), end == null ? null : t(end));
  }

  private void play(String kind, String... times) {
    at(times[0]);
    Scenario s = sim.traffic().start(kind);
    for (String time : times) {
      at(time);
      sim.traffic().advance(s);
    }
    assertThat(s.done()).as(kind + " played to its end").isTrue();
  }

  @Test
  void aScriptedMorningGivesTheFiguresComputedByHand() throws Exception {
    at("09:00:05");
    sim.setQueueMember(OfficeModel.SUPPORT_QUEUE_ID, id(10), false);
    play("queue-sequential", "09:00:10", "09:00:25", "09:00:31", "09:01:31");
    at("09:01:40");
    Scenario abandoned = sim.traffic().start("queue-abandoned");
    sim.traffic().advance(abandoned);

    at("09:01:45");
    JsonNode waiting = truth();
    QueueStats salesWaiting = queues(waiting).get(0);
    assertThat(salesWaiting.name()).isEqualTo("Sales Queue");
    assertThat(salesWaiting.waiting()).isEqualTo(1);
    assertThat(salesWaiting.longestWaitSince()).isEqualTo(t("09:01:40"));
    assertThat(salesWaiting.agents()).as("1–5 ringing, 6 wrapping up").isEqualTo(new QueueAgents(0, 5, 0, 1));
    assertThat(queues(waiting).get(1).agents()).as("5 ringing, 6 wrapping up, 7–9 available, 10 off the queue")
        .isEqualTo(new QueueAgents(3, 1, 1, 1));
    assertThat(agent(waiting, 6).agent().state()).isEqualTo(AgentState.WRAP_UP);

    at("09:01:50");
    sim.traffic().advance(abandoned);
    play("queue-overflow", "09:02:00", "09:02:10", "09:02:20", "09:02:25");

    at("09:03:00");
    JsonNode truth = truth();
    List<QueueStats> queues = queues(truth);

    assertThat(queues).extracting(QueueStats::name).containsExactly("Sales Queue", "Support Queue");
    QueueStats sales = queues.get(0);
    QueueFigures salesFigures = new QueueFigures(1, 0, 1, 0, 0, null, 1.0, 0.0);
    assertThat(sales).isEqualTo(new QueueStats(CallScenarios.QUEUE_ID, "90000001", "Sales Queue", 0, null,
        new QueueAgents(6, 0, 0, 0), Duration.ofSeconds(20), salesFigures, salesFigures, salesFigures));
    QueueFigures supportFigures = new QueueFigures(2, 1, 0, 1, 1, Duration.ofSeconds(21), 0.0, 1.0);
    assertThat(queues.get(1)).isEqualTo(new QueueStats(OfficeModel.SUPPORT_QUEUE_ID, "90000003", "Support Queue", 0, null,
        new QueueAgents(5, 0, 1, 0), Duration.ofSeconds(30), supportFigures, supportFigures, supportFigures));

    ContactCentreJson.AgentEntry six = agent(truth, 6);
    assertThat(six.agent()).isEqualTo(new AgentStatus(id(6), "107", sim.directory().get(6).name(), "Sales",
        AgentState.AVAILABLE, true, t("09:02:20"), List.of(CallScenarios.QUEUE_ID, OfficeModel.SUPPORT_QUEUE_ID)));
    Duration busy = Duration.ofSeconds(60 + 15);
    Duration availableOnQueue = Duration.ofSeconds(25 + 24 + 40);
    assertThat(six.day()).isEqualTo(new AgentDay(id(6), LocalDate.parse("2026-11-26"), 1, 1, Duration.ofSeconds(60),
        Duration.ZERO, Duration.ofSeconds(15), availableOnQueue, busy, 75.0 / 164.0, List.of(
            span(AgentState.AVAILABLE, true, "09:00:00", "09:00:25"),
            span(AgentState.RINGING, true, "09:00:25", "09:00:31"),
            span(AgentState.ON_CALL, true, "09:00:31", "09:01:31"),
            span(AgentState.WRAP_UP, true, "09:01:31", "09:01:46"),
            span(AgentState.AVAILABLE, true, "09:01:46", "09:02:10"),
            span(AgentState.RINGING, true, "09:02:10", "09:02:20"),
            span(AgentState.AVAILABLE, true, "09:02:20", null))));

    AgentDay five = agent(truth, 5).day();
    assertThat(five.missed()).as("rang out to 6 (answered 6 s later), abandoned, timed out before voicemail").isEqualTo(3);
    assertThat(five.handled()).isZero();
    assertThat(five.averageHandleTime()).isNull();
    assertThat(five.availableOnQueue()).isEqualTo(Duration.ofSeconds(10 + 75 + 10 + 50));
    assertThat(five.occupancy()).isEqualTo(0.0);
    for (int i = 1; i <= 4; i++) {
      assertThat(agent(truth, i).day().missed()).as("user %d: the abandoned call", i).isEqualTo(1);
    }

    ContactCentreJson.AgentEntry ten = agent(truth, 10);
    assertThat(ten.agent()).isEqualTo(new AgentStatus(id(10), "111", sim.directory().get(10).name(), "Support",
        AgentState.AVAILABLE, false, START, List.of(OfficeModel.SUPPORT_QUEUE_ID)));
    assertThat(ten.day().timeline()).containsExactly(
        span(AgentState.AVAILABLE, true, "09:00:00", "09:00:05"), span(AgentState.AVAILABLE, false, "09:00:05", null));
    assertThat(ten.day().availableOnQueue()).isEqualTo(Duration.ofSeconds(5));

    ContactCentreJson.AgentEntry eleven = agent(truth, 11);
    assertThat(eleven.agent().onQueue()).as("in no queue").isNull();
    assertThat(eleven.agent().queues()).isEmpty();
  }

  @Test
  void theTruthIsWrittenInTheDocumentedShapes() throws Exception {
    JsonNode truth = truth();

    assertThat(truth.get("extensions").isArray()).isTrue();
    JsonNode agent = truth.get("agents").get(0);
    assertThat(agent.fieldNames()).toIterable().containsExactly("extensionId", "extensionNumber", "name", "department",
        "state", "onQueue", "since", "queues", "day");
    assertThat(agent.get("day").fieldNames()).toIterable().containsExactly("extensionId", "day", "handled", "missed",
        "talkTimeMs", "holdTimeMs", "wrapUpTimeMs", "availableOnQueueMs", "averageHandleTimeMs", "occupancy", "timeline");
    JsonNode queue = truth.get("queues").get(0);
    assertThat(queue.fieldNames()).toIterable().containsExactly("queueId", "extensionNumber", "name", "waiting",
        "longestWaitSince", "agents", "serviceLevelThresholdMs", "today", "last15m", "last1h");
    assertThat(queue.get("today").fieldNames()).toIterable().containsExactly("offered", "answered", "abandoned",
        "overflowed", "answeredWithinThreshold", "averageSpeedOfAnswerMs", "abandonRate", "serviceLevel");
    assertThat(client.request(HttpMethod.GET, "/_sim/truth?include=sessions,queues", null, null).text())
        .startsWith("{\"extensions\":[").contains("\"sessions\":[", "\"queues\":[").doesNotContain("\"agents\":[");
    assertThat(client.request(HttpMethod.GET, "/_sim/truth?include=everything", null, null).status()).isEqualTo(400);
    assertThat(client.request(HttpMethod.GET, "/_sim/truth", null, null).text()).startsWith("[");
  }
}
