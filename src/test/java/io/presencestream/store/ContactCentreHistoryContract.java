package io.presencestream.store;

import static io.presencestream.store.ContactCentreScript.PARIS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.CallRecord;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.StateSpan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the history promises for the contact-centre view, on each database: agent state spans and queue calls
 * stored once however often written, an agent's day cut at the day's bounds, a queue's figures per interval
 * of a day with a change of summer time, CSV, retention, bad parameters.
 */
abstract class ContactCentreHistoryContract extends HistoryStoreContract {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOON = Instant.parse("2026-10-25T12:00:00Z");

  HistoryStore storeWithTheDay(Clock clock) {
    return storeWithTheDay(clock, List.of());
  }

  /** The day's events and {@code more}, all written twice. */
  HistoryStore storeWithTheDay(Clock clock, List<PresenceEvent> more) {
    HistoryStore store = open(options().zone(PARIS).build(), clock);
    List<PresenceEvent> events = new ArrayList<>(more);
    events.addAll(ContactCentreScript.agentDay());
    events.addAll(ContactCentreScript.queueCalls());
    events.addAll(CallScript.answered("101", "c1", Instant.parse("2026-10-25T00:30:00Z"), Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(30)));
    events.addAll(CallScript.missed("101", "m1", Instant.parse("2026-10-25T07:00:00Z"), Duration.ofSeconds(20)));
    // written twice, as a replay of the spill files after a crash would
    feed(store.sink(), events);
    feed(store.sink(), events);
    store.sink().close().block(WAIT);
    return store;
  }

  static Map<String, List<String>> query(String... pairs) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      query.put(pairs[i], List.of(pairs[i + 1]));
    }
    return query;
  }

  JsonNode json(HistoryStore store, String path, String... pairs) throws Exception {
    HistoryApi.Response answer = store.api().get(path, query(pairs), null).block(WAIT);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  @Test
  void spansAndQueueCallsWrittenTwiceAreStoredOnce() {
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC));
    assertThat(store.count("agent_states").block(WAIT)).isEqualTo(7);   // eight states, the last one running
    assertThat(store.count("queue_calls").block(WAIT)).isEqualTo(5);
  }

  @Test
  void anAgentsDayIsItsSpansCutAtTheDaysBoundsWithTheRunningOneOpen() throws Exception {
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC));

    AgentDay day = store.agentDay("101", LocalDate.parse("2026-10-25"), NOON).block(WAIT);

    assertThat(day.timeline()).extracting(StateSpan::state).containsExactly(AgentState.AVAILABLE, AgentState.ON_CALL,
        AgentState.WRAP_UP, AgentState.AVAILABLE, AgentState.AVAILABLE, AgentState.ON_HOLD, AgentState.ON_CALL,
        AgentState.AVAILABLE);
    // the first span began the evening before: cut at local midnight; the flag's change cut the Available span
    assertThat(day.timeline().get(0).start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
    assertThat(day.timeline().get(3)).isEqualTo(new StateSpan(AgentState.AVAILABLE, true,
        Instant.parse("2026-10-25T08:06:00Z"), Instant.parse("2026-10-25T09:00:00Z")));
    assertThat(day.timeline().get(7)).isEqualTo(new StateSpan(AgentState.AVAILABLE, true,
        Instant.parse("2026-10-25T10:10:00Z"), null));
    assertThat(day.talkTime()).isEqualTo(Duration.ofMinutes(13));
    assertThat(day.holdTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(day.wrapUpTime()).isEqualTo(Duration.ofMinutes(1));
    // 10 h to 08:00Z, 54 min to the flag's change, 1 h 50 min running up to noon
    assertThat(day.availableOnQueue()).isEqualTo(Duration.ofHours(12).plusMinutes(44));
    assertThat(day.handled()).isEqualTo(1);
    assertThat(day.missed()).isEqualTo(1);
    assertThat(day.averageHandleTime()).isEqualTo(Duration.ofMinutes(16));

    // the day before: an hour of Available, cut at its end; the running span of a past day is closed
    AgentDay before = store.agentDay("101", LocalDate.parse("2026-10-24"), NOON).block(WAIT);
    assertThat(before.timeline()).containsExactly(new StateSpan(AgentState.AVAILABLE, true,
        Instant.parse("2026-10-24T21:00:00Z"), Instant.parse("2026-10-24T22:00:00Z")));
    assertThat(before.availableOnQueue()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aCallThatRangHereAndWasAnsweredAtAnotherAgentIsNotMissedHere() {
    // one telephony session ringing two agents: 102 answers it, 101 stops ringing
    Instant rang = Instant.parse("2026-10-25T09:30:00Z");
    List<PresenceEvent> both = new ArrayList<>(CallScript.missed("101", "g1", rang, Duration.ofSeconds(8)));
    both.addAll(CallScript.answered("102", "g1", rang, Duration.ofSeconds(8), Duration.ofSeconds(40), Duration.ZERO,
        Duration.ZERO));
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC), both);

    AgentDay day = store.agentDay("101", LocalDate.parse("2026-10-25"), NOON).block(WAIT);
    assertThat(day.missed()).as("the day's own missed call only (m1)").isEqualTo(1);
    AgentDay answeredThere = store.agentDay("102", LocalDate.parse("2026-10-25"), NOON).block(WAIT);
    assertThat(answeredThere.handled()).isEqualTo(1);
    assertThat(answeredThere.missed()).isZero();
  }

  @Test
  void theAgentDayAnswersTheLiveDayShapeInTheAccountsZoneAndAsCsv() throws Exception {
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC));

    JsonNode day = json(store, "/api/history/agents/101/day", "date", "2026-10-25");
    assertThat(day.get("extensionId").asText()).isEqualTo("101");
    assertThat(day.get("day").asText()).isEqualTo("2026-10-25");
    assertThat(day.get("talkTimeMs").asLong()).isEqualTo(Duration.ofMinutes(13).toMillis());
    assertThat(day.get("timeline").get(0).get("start").asText()).isEqualTo("2026-10-25T00:00:00.000+02:00");
    assertThat(day.get("timeline").get(7).get("start").asText()).isEqualTo("2026-10-25T11:10:00.000+01:00");
    assertThat(day.get("timeline").get(7).get("end").isNull()).isTrue();

    HistoryApi.Response csv = store.api().get("/api/history/agents/101/day", query("date", "2026-10-25"), "text/csv")
        .block(WAIT);
    String[] lines = csv.body().split("\r\n", -1);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(lines[0]).isEqualTo(ContactCentreCsv.DAY_HEADER);
    assertThat(lines[1]).isEqualTo("101,2026-10-25,Available,true,2026-10-25T00:00:00.000+02:00,"
        + "2026-10-25T09:00:00.000+01:00,36000000");
    assertThat(lines[8]).isEqualTo("101,2026-10-25,Available,true,2026-10-25T11:10:00.000+01:00,,");
    assertThat(lines).hasSize(10); // header, 8 spans, and the empty string after the last CRLF
  }

  @Test
  void aQueuesHoursOnTheDaySummerTimeEndsAre25WithTheHourOfTwoTwice() throws Exception {
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC));

    JsonNode hours = json(store, "/api/history/queues/900", "from", "2026-10-25", "to", "2026-10-26", "interval", "1h");

    JsonNode intervals = hours.get("intervals");
    assertThat(intervals).hasSize(25);
    assertThat(intervals.get(2).get("from").asText()).isEqualTo("2026-10-25T02:00:00.000+02:00");
    assertThat(intervals.get(3).get("from").asText()).isEqualTo("2026-10-25T02:00:00.000+01:00");
    assertThat(intervals.get(24).get("to").asText()).isEqualTo("2026-10-26T00:00:00.000+01:00");
    // c5 offered the evening before, answered after midnight: counted where each moment falls
    assertThat(figures(intervals.get(0))).isEqualTo("offered=0 answered=1 abandoned=0 overflowed=0 within=0");
    assertThat(figures(intervals.get(2))).isEqualTo("offered=1 answered=1 abandoned=0 overflowed=0 within=1");
    assertThat(intervals.get(2).get("averageSpeedOfAnswerMs").asLong()).isEqualTo(10_000);
    assertThat(intervals.get(2).get("serviceLevel").asDouble()).isEqualTo(1.0);
    assertThat(figures(intervals.get(3))).isEqualTo("offered=2 answered=0 abandoned=1 overflowed=0 within=0");
    assertThat(intervals.get(3).get("abandonRate").asDouble()).isEqualTo(1.0);
    assertThat(intervals.get(3).get("longestWaitMs").asLong()).isEqualTo(60_000);
    assertThat(intervals.get(3).get("averageSpeedOfAnswerMs").isNull()).isTrue();
    assertThat(figures(intervals.get(4))).isEqualTo("offered=0 answered=1 abandoned=0 overflowed=0 within=0");
    assertThat(figures(intervals.get(12))).isEqualTo("offered=1 answered=0 abandoned=0 overflowed=1 within=0");
    assertThat(intervals.get(12).get("longestWaitMs").asLong()).isEqualTo(120_000);
    assertThat(figures(intervals.get(13))).isEqualTo("offered=0 answered=0 abandoned=0 overflowed=0 within=0");
    assertThat(intervals.get(13).get("longestWaitMs").isNull()).isTrue();
  }

  @Test
  void aQueuesDayIsOneIntervalOf25Hours() throws Exception {
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC));

    JsonNode day = json(store, "/api/history/queues/900", "interval", "1d", "from", "2026-10-25T09:30",
        "to", "2026-10-25T18:00");

    assertThat(day.get("from").asText()).isEqualTo("2026-10-25T00:00:00.000+02:00");
    assertThat(day.get("to").asText()).isEqualTo("2026-10-26T00:00:00.000+01:00");
    JsonNode d = day.get("intervals").get(0);
    assertThat(day.get("intervals")).hasSize(1);
    assertThat(figures(d)).isEqualTo("offered=4 answered=3 abandoned=1 overflowed=1 within=1");
    assertThat(d.get("averageSpeedOfAnswerMs").asLong()).isEqualTo(38_333);   // (10 + 40 + 65) s / 3
    assertThat(d.get("abandonRate").asDouble()).isEqualTo(0.25);
    assertThat(d.get("serviceLevel").asDouble()).isEqualTo(0.25);
    assertThat(d.get("longestWaitMs").asLong()).isEqualTo(120_000);

    HistoryApi.Response csv = store.api().get("/api/history/queues/900",
        query("interval", "1d", "from", "2026-10-25", "format", "csv"), null).block(WAIT);
    assertThat(csv.body()).isEqualTo(ContactCentreCsv.QUEUE_HEADER + "\r\n"
        + "900,2026-10-25T00:00:00.000+02:00,2026-10-26T00:00:00.000+01:00,4,3,1,1,1,38333,0.25,0.25,120000\r\n");
  }

  @Test
  void daysOfUnequalLengthAreEachTheirCalendarDay() throws Exception {
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC));

    // 24, 25 and 24 hours: not one step, so the statement joins the calls to the list of bounds
    JsonNode days = json(store, "/api/history/queues/900", "interval", "1d", "from", "2026-10-24", "to", "2026-10-27");

    JsonNode intervals = days.get("intervals");
    assertThat(intervals).hasSize(3);
    assertThat(intervals.get(1).get("from").asText()).isEqualTo("2026-10-25T00:00:00.000+02:00");
    // c5 offered the evening before, answered after midnight
    assertThat(figures(intervals.get(0))).isEqualTo("offered=1 answered=0 abandoned=0 overflowed=0 within=0");
    assertThat(figures(intervals.get(1))).isEqualTo("offered=4 answered=3 abandoned=1 overflowed=1 within=1");
    assertThat(intervals.get(1).get("longestWaitMs").asLong()).isEqualTo(120_000);
    assertThat(figures(intervals.get(2))).isEqualTo("offered=0 answered=0 abandoned=0 overflowed=0 within=0");
  }

  @Test
  void aCallOfAQueueIsFoundByItsQueueThroughTheQueueCalls() {
    HistoryStore store = storeWithTheDay(Clock.fixed(NOON, ZoneOffset.UTC));
    Instant from = Instant.parse("2026-10-24T22:00:00Z");
    List<CallRecord> ofQueue = store.calls(new CallQuery(from, from.plus(Duration.ofDays(1)), null, "900", null, 100,
        null)).block(WAIT).calls();
    assertThat(ofQueue).extracting(CallRecord::callId).containsExactly("c1");
    assertThat(ofQueue.get(0).queueId()).isEqualTo("900");
    assertThat(store.calls(new CallQuery(from, from.plus(Duration.ofDays(1)), null, "901", null, 100, null))
        .block(WAIT).calls()).isEmpty();
  }

  @Test
  void retentionDeletesSpansAndQueueCallsByTheirEnd() {
    Instant later = Instant.parse("2026-10-26T09:00:00Z");
    HistoryStore store = open(options().zone(PARIS).agentStateRetention(Duration.ofHours(24))
        .queueCallRetention(Duration.ofHours(32)).build(), Clock.fixed(later, ZoneOffset.UTC));
    feed(store.sink(), ContactCentreScript.agentDay());
    feed(store.sink(), ContactCentreScript.queueCalls());
    store.sink().close().block(WAIT);

    Retention deleted = store.enforceRetention().block(WAIT);

    // spans that ended before 2026-10-25T09:00Z: the three up to 08:06Z; calls that left before 01:00Z: c5, c1
    assertThat(deleted).isEqualTo(new Retention(0, 0, 3, 2));
    assertThat(store.count("agent_states").block(WAIT)).isEqualTo(4);
    assertThat(store.count("queue_calls").block(WAIT)).isEqualTo(3);
  }

  @Test
  void badParametersAreTypedErrors() {
    HistoryStore store = open(options().zone(PARIS).build());
    assertThat(error(store, "/api/history/agents/101/day", "date", "25/10/2026")).isEqualTo("400 bad_date");
    assertThat(error(store, "/api/history/agents/101/day", "from", "2026-10-25")).isEqualTo("400 bad_parameter");
    assertThat(error(store, "/api/history/queues/900", "interval", "5m")).isEqualTo("400 bad_interval");
    assertThat(error(store, "/api/history/queues/900", "interval", "15m", "from", "2026-01-01", "to", "2026-02-01"))
        .isEqualTo("400 bad_range");
    assertThat(error(store, "/api/history/queues/900", "from", "2026-10-25", "to", "2026-10-24"))
        .isEqualTo("400 bad_time");
    assertThat(error(store, "/api/history/queues/9%2000")).isEqualTo("400 bad_parameter");
    assertThat(error(store, "/api/history/queues/900/more")).isEqualTo("404 not_found");
  }

  private static String error(HistoryStore store, String path, String... pairs) {
    HistoryApi.Response answer = store.api().get(path, query(pairs), null).block(WAIT);
    try {
      return answer.status() + " " + JSON.readTree(answer.body()).get("error").asText();
    } catch (Exception e) {
      throw new AssertionError(answer.body(), e);
    }
  }

  private static String figures(JsonNode i) {
    return "offered=" + i.get("offered").asInt() + " answered=" + i.get("answered").asInt() + " abandoned="
        + i.get("abandoned").asInt() + " overflowed=" + i.get("overflowed").asInt() + " within="
        + i.get("answeredWithinThreshold").asInt();
  }
}
