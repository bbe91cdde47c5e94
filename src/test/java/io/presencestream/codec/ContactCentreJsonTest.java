package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.codec.ContactCentreJson.AgentEntry;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.Alert;
import io.presencestream.model.AlertSeverity;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.ContactCentreEvent.AlertCleared;
import io.presencestream.model.ContactCentreEvent.AlertRaised;
import io.presencestream.model.ContactCentreEvent.QueueStatsChanged;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueAgents;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.QueueStats;
import io.presencestream.model.StateSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/contact-centre.md "JSON": the shapes written and read, field by field, in events and on their own. */
class ContactCentreJsonTest {

  private static final Instant T = Instant.parse("2026-11-26T10:00:00.250Z");

  private final ContactCentreJson json = ContactCentreJson.create();
  private final PresenceCodec codec = PresenceCodec.create();

  static AgentStatus agent(AgentState state) {
    return new AgentStatus("101", "101", "Bob Brown", "Sales", state, true, T, List.of("2001"));
  }

  static AgentDay day() {
    return new AgentDay("101", LocalDate.of(2026, 11, 26), 3, 1, Duration.ofMillis(95000), Duration.ofMillis(5000),
        Duration.ofMillis(45000), Duration.ofMillis(600000), Duration.ofMillis(48333), 0.2,
        List.of(new StateSpan(AgentState.AVAILABLE, true, T, T.plusSeconds(60)),
            new StateSpan(AgentState.ON_CALL, null, T.plusSeconds(60), null)));
  }

  static QueueStats queue() {
    QueueFigures f = new QueueFigures(5, 3, 1, 0, 3, Duration.ofMillis(4240), 0.25, 0.75);
    return new QueueStats("2001", "2001", "Sales Queue", 1, T, new QueueAgents(2, 1, 0, 1), Duration.ofSeconds(20), f,
        QueueFigures.NONE, f);
  }

  static Alert alert(Instant cleared) {
    return new Alert("long-ring:101:ts-1", "long-ring", "call.ringing", AlertSeverity.WARNING, "extension", "101",
        "ts-1", T, cleared, "call ringing at 101 (Bob Brown) for longer than 30s", List.of("ops-slack"));
  }

  @Test
  void agentIsWrittenWithEveryKeyInTheDocumentedOrder() {
    assertThat(json.encodeAgent(agent(AgentState.WRAP_UP))).isEqualTo(
        "{\"extensionId\":\"101\",\"extensionNumber\":\"101\",\"name\":\"Bob Brown\",\"department\":\"Sales\","
            + "\"state\":\"WrapUp\",\"onQueue\":true,\"since\":\"2026-11-26T10:00:00.250Z\",\"queues\":[\"2001\"]}");
    AgentStatus nulls = new AgentStatus("7", null, null, null, AgentState.AVAILABLE, null, T, List.of());
    assertThat(json.encodeAgent(nulls)).isEqualTo("{\"extensionId\":\"7\",\"extensionNumber\":null,\"name\":null,"
        + "\"department\":null,\"state\":\"Available\",\"onQueue\":null,\"since\":\"2026-11-26T10:00:00.250Z\",\"queues\":[]}");
    assertThat(json.decodeAgent(json.encodeAgent(nulls)).agent()).isEqualTo(nulls);
  }

  @Test
  void dayIsWrittenWithOrWithoutItsTimeline() {
    String without = json.encodeDay(day(), false);
    assertThat(without).isEqualTo("{\"extensionId\":\"101\",\"day\":\"2026-11-26\",\"handled\":3,\"missed\":1,"
        + "\"talkTimeMs\":95000,\"holdTimeMs\":5000,\"wrapUpTimeMs\":45000,\"availableOnQueueMs\":600000,"
        + "\"averageHandleTimeMs\":48333,\"occupancy\":0.2}");
    assertThat(json.decodeDay(without)).isEqualTo(day().withoutTimeline());
    String with = json.encodeDay(day(), true);
    assertThat(with).endsWith(",\"timeline\":[{\"state\":\"Available\",\"onQueue\":true,\"start\":\"2026-11-26T10:00:00.250Z\","
        + "\"end\":\"2026-11-26T10:01:00.250Z\"},{\"state\":\"OnCall\",\"onQueue\":null,"
        + "\"start\":\"2026-11-26T10:01:00.250Z\",\"end\":null}]}");
    assertThat(json.decodeDay(with)).isEqualTo(day());
    AgentDay empty = AgentDay.empty("101", LocalDate.of(2026, 11, 26));
    assertThat(json.encodeDay(empty, false)).contains("\"averageHandleTimeMs\":null,\"occupancy\":null");
    assertThat(json.decodeDay(json.encodeDay(empty, true))).isEqualTo(empty);
  }

  @Test
  void agentsWithTheirDaysRoundTrip() {
    List<AgentEntry> entries = List.of(new AgentEntry(agent(AgentState.ON_CALL), day()),
        new AgentEntry(agent(AgentState.AVAILABLE), null));
    String withTimeline = json.encodeAgents(entries, true);
    assertThat(json.decodeAgents(withTimeline)).isEqualTo(entries);
    String api = json.encodeAgents(entries, false);
    assertThat(api).doesNotContain("timeline");
    assertThat(json.decodeAgents(api).get(0).day()).isEqualTo(day().withoutTimeline());
    assertThat(json.encodeAgent(entries.get(0), false)).contains("\"day\":{\"extensionId\":\"101\"");
  }

  @Test
  void queueAndFiguresRoundTripWithNullsForFiguresWithoutADivisor() {
    String q = json.encodeQueue(queue());
    assertThat(q).startsWith("{\"queueId\":\"2001\",\"extensionNumber\":\"2001\",\"name\":\"Sales Queue\",\"waiting\":1,"
        + "\"longestWaitSince\":\"2026-11-26T10:00:00.250Z\",\"agents\":{\"available\":2,\"onCall\":1,\"offQueue\":0,"
        + "\"other\":1},\"serviceLevelThresholdMs\":20000,\"today\":{\"offered\":5,\"answered\":3,\"abandoned\":1,"
        + "\"overflowed\":0,\"answeredWithinThreshold\":3,\"averageSpeedOfAnswerMs\":4240,\"abandonRate\":0.25,"
        + "\"serviceLevel\":0.75},\"last15m\":{\"offered\":0,\"answered\":0,\"abandoned\":0,\"overflowed\":0,"
        + "\"answeredWithinThreshold\":0,\"averageSpeedOfAnswerMs\":null,\"abandonRate\":null,\"serviceLevel\":null}");
    assertThat(json.decodeQueue(q)).isEqualTo(queue());
    assertThat(json.decodeQueues(json.encodeQueues(List.of(queue(), queue())))).containsExactly(queue(), queue());
  }

  @Test
  void alertRoundTrips() {
    assertThat(json.encodeAlert(alert(null))).isEqualTo("{\"id\":\"long-ring:101:ts-1\",\"name\":\"long-ring\","
        + "\"rule\":\"call.ringing\",\"severity\":\"warning\",\"subject\":\"extension\",\"subjectId\":\"101\","
        + "\"callKey\":\"ts-1\",\"raisedAt\":\"2026-11-26T10:00:00.250Z\",\"clearedAt\":null,"
        + "\"message\":\"call ringing at 101 (Bob Brown) for longer than 30s\",\"targets\":[\"ops-slack\"]}");
    assertThat(json.decodeAlerts(json.encodeAlerts(List.of(alert(null), alert(T.plusSeconds(4))))))
        .containsExactly(alert(null), alert(T.plusSeconds(4)));
  }

  @Test
  void theFourEventKindsRoundTripThroughThePresenceCodec() {
    List<PresenceEvent> events = List.of(
        new AgentStateChanged("101", T, agent(AgentState.AVAILABLE), agent(AgentState.WRAP_UP)),
        new AgentStateChanged("101", T, agent(AgentState.AVAILABLE), null),
        new QueueStatsChanged("2001", T, queue()),
        new AlertRaised("101", T, alert(null)),
        new AlertCleared("101", T.plusSeconds(4), alert(T.plusSeconds(4))));
    for (PresenceEvent e : events) {
      String line = codec.encodeEvent(e);
      assertThat(codec.decodeEvent(line)).isEqualTo(e);
      assertThat(codec.encodeEvent(codec.decodeEvent(line))).isEqualTo(line);
    }
    assertThat(codec.encodeEvent(events.get(2))).startsWith(
        "{\"kind\":\"queue.stats\",\"extensionId\":\"2001\",\"at\":\"2026-11-26T10:00:00.250Z\",\"queue\":{");
  }

  @Test
  void anAgentStatesPreviousIsReadAsAnAgentWhereverKindComes() {
    String line = codec.encodeEvent(new AgentStateChanged("101", T, agent(AgentState.AVAILABLE), agent(AgentState.BUSY)));
    String previousFirst = "{\"previous\":" + json.encodeAgent(agent(AgentState.BUSY)) + ","
        + line.substring(1, line.indexOf(",\"previous\"")) + "}";
    assertThat(previousFirst).startsWith("{\"previous\":{");
    assertThat(codec.decodeEvent(previousFirst)).isEqualTo(codec.decodeEvent(line));
  }

  @Test
  void badInputIsATypedError() {
    assertThatThrownBy(() -> json.decodeAgent("{\"extensionId\":\"101\",\"state\":\"Sleeping\",\"since\":\"2026-11-26T10:00:00Z\"}"))
        .isInstanceOf(DecodeException.class).hasMessageContaining("state");
    assertThatThrownBy(() -> json.decodeQueue("[]")).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> json.decodeAlerts("[1]")).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> json.decodeDay("{\"extensionId\":\"101\",\"day\":\"26/11/2026\"}"))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> json.decodeAlert("not json")).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> codec.decodeEvent("{\"kind\":\"queue.stats\",\"extensionId\":\"2001\",\"at\":\"2026-11-26T10:00:00Z\"}"))
        .isInstanceOf(DecodeException.class).hasMessageContaining("queue");
    assertThatThrownBy(() -> json.decodeDay("{\"extensionId\":\"101\",\"day\":\"2026-11-26\",\"timeline\":"
        + "[{\"state\":\"OnCall\",\"start\":\"2026-11-26T10:00:00Z\",\"end\":\"2026-11-26T09:00:00Z\"}]}"))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  void unknownKeysAreIgnored() {
    String withExtra = json.encodeAlert(alert(null)).replace("{\"id\"", "{\"future\":{\"x\":[1,2]},\"id\"");
    assertThat(json.decodeAlert(withExtra)).isEqualTo(alert(null));
  }
}
