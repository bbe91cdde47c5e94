package io.presencestream.bench;

import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.AgentState;
import io.presencestream.model.AgentStatus;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.store.HistoryApi;
import io.presencestream.store.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The contact-centre history queries over a month of a busy account, each beside a peer measured in the same
 * run: the part of {@link HistoryBench} that issue 15's agent-day and queue-interval figures come from.
 *
 * <p>Seeded by JDBC batches: {@code queueCalls} queue calls over 30 days (from 2026-11-01, UTC) across
 * {@link #QUEUES} queues, and for each of {@link #AGENTS} agents and each day an 8-hour shift of state spans
 * (a few minutes each, {@value #SPANS_PER_SHIFT} a shift, offline between shifts) with that day's last
 * {@code agent.state} event. The agents are the first 200 extensions of the million call records
 * {@link HistoryBench} loads, so an agent's day also counts its calls.
 *
 * <p>Measured (median and p90 of 15 runs after 3 warm-ups): {@code HistoryStore.agentDay} against its three
 * statements by bare JDBC on one open connection; a queue's day in 15-minute intervals and its 30 days in
 * 1-day intervals through {@code HistoryStore.api()} (what {@code GET /api/history/queues/{id}} runs, JSON
 * included, no HTTP server) against one hand-written statement over bare JDBC that buckets by arithmetic.
 */
final class ContactCentreHistoryBench {

  static final int QUEUES = 4;
  static final int AGENTS = 200;
  static final int DAYS = 30;
  private static final int SPANS_PER_SHIFT = 60;
  static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final String[] RESULTS = {"answered", "answered", "answered", "answered", "answered", "answered",
      "answered", "answered", "abandoned", "overflowed"};
  private static final AgentState[] WORKING = {AgentState.AVAILABLE, AgentState.RINGING, AgentState.ON_CALL,
      AgentState.WRAP_UP, AgentState.AVAILABLE, AgentState.ON_CALL, AgentState.ON_HOLD, AgentState.ON_CALL,
      AgentState.WRAP_UP, AgentState.AWAY};

  private ContactCentreHistoryBench() {}

  static String queue(int i) {
    return "q-" + (i % QUEUES);
  }

  static String agent(int i) {
    return String.format(Locale.ROOT, "ext-%04d", i);
  }

  /** Seeds the queue calls, the agents' spans and their last events of each day; returns the seconds taken. */
  static double seed(Connection c, int queueCalls, PresenceCodec codec) throws SQLException {
    long start = System.nanoTime();
    c.setAutoCommit(false);
    seedQueueCalls(c, queueCalls);
    seedAgents(c, codec);
    return (System.nanoTime() - start) / 1e9;
  }

  private static void seedQueueCalls(Connection c, int count) throws SQLException {
    long spacingMillis = Duration.ofDays(DAYS).toMillis() / count;
    try (PreparedStatement s = c.prepareStatement("INSERT INTO queue_calls (call_key, queue_id, entered_at, answered_at,"
        + " ended_at, result, wait_ms, answered_by, service_level_threshold_ms, within_service_level)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < count; i++) {
        Instant entered = FROM.plusMillis(i * spacingMillis);
        String result = RESULTS[i % RESULTS.length];
        long waitMs = (i * 7919L) % 180_000; // 0 to 3 minutes, spread
        Instant ended = entered.plusMillis(waitMs);
        boolean answered = result.equals("answered");
        s.setString(1, "ts-q-" + i);
        s.setString(2, queue(i));
        s.setObject(3, time(entered));
        s.setObject(4, answered ? time(ended) : null, Types.TIMESTAMP_WITH_TIMEZONE);
        s.setObject(5, time(ended));
        s.setString(6, result);
        s.setLong(7, waitMs);
        s.setString(8, answered ? agent(i % AGENTS) : null);
        s.setLong(9, 20_000);
        s.setBoolean(10, answered && waitMs <= 20_000);
        s.addBatch();
        if ((i + 1) % 5000 == 0 || i == count - 1) {
          s.executeBatch();
          c.commit();
        }
      }
    }
  }

  /** Each agent's shift (from 06:00 plus a few minutes per agent) of spans, and offline from its end to the next. */
  private static void seedAgents(Connection c, PresenceCodec codec) throws SQLException {
    try (PreparedStatement spans = c.prepareStatement("INSERT INTO agent_states (span_id, extension_id, state, on_queue,"
        + " from_time, to_time) VALUES (?, ?, ?, ?, ?, ?)");
        PreparedStatement events = c.prepareStatement("INSERT INTO events (event_id, kind, extension_id, at, call_id,"
            + " body, seq) VALUES (?, 'agent.state', ?, ?, NULL, ?, ?)")) {
      long seq = 0;
      for (int a = 0; a < AGENTS; a++) {
        String ext = agent(a);
        Instant previousEnd = FROM;
        for (int d = 0; d < DAYS; d++) {
          Instant shift = FROM.plus(Duration.ofDays(d)).plus(Duration.ofHours(6)).plusSeconds(a * 60L);
          span(spans, ext + "-" + d + "-off", ext, AgentState.OFFLINE, null, previousEnd, shift);
          Instant t = shift;
          for (int k = 0; k < SPANS_PER_SHIFT; k++) {
            Instant end = t.plusSeconds(240 + (k * 37L + a) % 240); // 4 to 8 minutes, about 8 hours a shift
            span(spans, ext + "-" + d + "-" + k, ext, WORKING[(k + a) % WORKING.length], true, t, end);
            t = end;
          }
          previousEnd = t;
          AgentStatus offline = new AgentStatus(ext, "1" + ext.substring(4), "Agent " + a, "Support", AgentState.OFFLINE,
              null, t, List.of(queue(a)));
          events.setString(1, ext + "-" + d + "-event");
          events.setString(2, ext);
          events.setObject(3, time(t));
          events.setString(4, codec.encodeEvent(new AgentStateChanged(ext, t, offline, null)));
          events.setLong(5, ++seq);
          events.addBatch();
        }
        spans.executeBatch(); // an agent's month a transaction: 1,830 spans and 30 events
        events.executeBatch();
        c.commit();
      }
    }
  }

  private static void span(PreparedStatement s, String id, String ext, AgentState state, Boolean onQueue, Instant from,
      Instant to) throws SQLException {
    s.setString(1, id);
    s.setString(2, ext);
    s.setString(3, state.label());
    s.setObject(4, onQueue, Types.BOOLEAN);
    s.setObject(5, time(from));
    s.setObject(6, time(to));
    s.addBatch();
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * Runs the three queries and their peers; prints them and returns their JSON object. Each run asks for
   * another agent, day or queue (the same sequence for a query and its peer): H2 answers a statement asked
   * again with the same parameters over unchanged tables from the result it kept, which would time nothing.
   */
  static String measure(String target, HistoryStore store, Connection jdbc) throws SQLException {
    LocalDate firstDay = LocalDate.of(2026, 11, 10);
    Instant now = FROM.plus(Duration.ofDays(DAYS + 1));
    HistoryApi api = store.api();
    HistoryBench.Timings agentDay = timed(run -> store.agentDay(agent(run % AGENTS), firstDay.plusDays(run % 15), now)
        .block().timeline().size());
    HistoryBench.Timings agentDayPeer = timed(run -> agentDayPeer(jdbc, agent(run % AGENTS), day(firstDay, run)));
    HistoryBench.Timings queueDay = timed(run -> intervals(api, queue(run), day(firstDay, run), Duration.ofDays(1), "15m"));
    HistoryBench.Timings queueDayPeer = timed(run -> queuePeer(jdbc, queue(run), day(firstDay, run), Duration.ofDays(1), 900));
    HistoryBench.Timings queueMonth = timed(run -> intervals(api, queue(run), FROM, Duration.ofDays(DAYS), "1d"));
    HistoryBench.Timings queueMonthPeer = timed(run -> queuePeer(jdbc, queue(run), FROM, Duration.ofDays(DAYS), 86_400));
    System.out.printf(Locale.ROOT, "history %s contact centre: agent day %s (bare JDBC %s), queue day by 15m %s (bare JDBC %s),"
        + " queue 30 days by 1d %s (bare JDBC %s)%n", target, agentDay, agentDayPeer, queueDay, queueDayPeer, queueMonth,
        queueMonthPeer);
    return String.format(Locale.ROOT, "{\"agentDay\": %s, \"agentDayBareJdbc\": %s, \"queueDay15m\": %s,"
            + " \"queueDay15mBareJdbc\": %s, \"queueMonth1d\": %s, \"queueMonth1dBareJdbc\": %s}",
        agentDay.json(), agentDayPeer.json(), queueDay.json(), queueDayPeer.json(), queueMonth.json(), queueMonthPeer.json());
  }

  /** {@link HistoryBench#time} of a query given the number of the run, counted from 0 for each query. */
  private static HistoryBench.Timings timed(java.util.function.IntUnaryOperator query) {
    int[] run = {0};
    return HistoryBench.time(() -> query.applyAsInt(run[0]++));
  }

  private static Instant day(LocalDate firstDay, int run) {
    return firstDay.plusDays(run % 15).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The queue's intervals through the API; the rows are the intervals (JSON objects with an {@code offered}). */
  private static int intervals(HistoryApi api, String queue, Instant from, Duration length, String interval) {
    Map<String, List<String>> query = Map.of("from", List.of(from.toString()), "to", List.of(from.plus(length).toString()),
        "interval", List.of(interval));
    HistoryApi.Response response = api.get("/api/history/queues/" + queue, query, null).block();
    if (response.status() != 200) {
      throw new IllegalStateException("queue query answered " + response.status() + ": " + response.body());
    }
    return response.body().split("\"offered\"", -1).length - 1;
  }

  /** The agent day's statements (spans, last state, handled and missed calls) by bare JDBC; the rows are the spans. */
  private static int agentDayPeer(Connection c, String agent, Instant day) {
    Instant end = day.plus(Duration.ofDays(1));
    try (PreparedStatement spans = c.prepareStatement("SELECT state, on_queue, from_time, to_time FROM agent_states"
            + " WHERE extension_id = ? AND to_time > ? AND from_time < ? ORDER BY from_time, to_time");
        PreparedStatement last = c.prepareStatement("SELECT body FROM events WHERE extension_id = ? AND at < ?"
            + " AND kind = 'agent.state' ORDER BY at DESC LIMIT 1");
        PreparedStatement calls = c.prepareStatement("SELECT"
            + " (SELECT COUNT(DISTINCT " + KEY_C + ") FROM calls c WHERE c.extension_id = ? AND c.end_time >= ?"
            + " AND c.end_time < ? AND c.result = 'answered'),"
            + " (SELECT COUNT(DISTINCT " + KEY_M + ") FROM calls m WHERE m.extension_id = ? AND m.end_time >= ?"
            + " AND m.end_time < ? AND m.result = 'missed' AND " + KEY_M + " NOT IN (SELECT " + KEY_A + " FROM calls a"
            + " WHERE a.result = 'answered' AND a.start_time >= ? AND a.start_time < ?))")) {
      int rows = 0;
      bind(spans, agent, time(day), time(end));
      try (ResultSet r = spans.executeQuery()) {
        while (r.next()) {
          r.getString(1);
          r.getObject(3, OffsetDateTime.class);
          r.getObject(4, OffsetDateTime.class);
          rows++;
        }
      }
      bind(last, agent, time(end));
      try (ResultSet r = last.executeQuery()) {
        while (r.next()) {
          r.getString(1);
        }
      }
      bind(calls, agent, time(day), time(end), agent, time(day), time(end), time(day.minus(Duration.ofDays(1))), time(end));
      try (ResultSet r = calls.executeQuery()) {
        r.next();
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String KEY_C = "COALESCE(c.telephony_session_id, c.session_id, c.call_id)";
  private static final String KEY_M = "COALESCE(m.telephony_session_id, m.session_id, m.call_id)";
  private static final String KEY_A = "COALESCE(a.telephony_session_id, a.session_id, a.call_id)";

  /**
   * The queue's figures per interval of {@code seconds} from {@code from} (UTC) as one statement: offered by
   * entry, the rest by leaving the queue (an answered call leaves it when answered), bucketed by arithmetic on
   * the epoch seconds rather than joined to a list of intervals. The rows are the intervals with a call.
   */
  private static int queuePeer(Connection c, String queue, Instant from, Duration length, int seconds) {
    Instant to = from.plus(length);
    long origin = from.getEpochSecond();
    String bucket = "CAST(FLOOR((EXTRACT(EPOCH FROM %s) - " + origin + ") / " + seconds + ") AS BIGINT)";
    String sql = "SELECT k, SUM(offered), SUM(answered), SUM(abandoned), SUM(overflowed), SUM(within_sl),"
        + " SUM(answered_wait), MAX(longest) FROM ("
        + " SELECT " + String.format(Locale.ROOT, bucket, "entered_at") + " AS k, 1 AS offered, 0 AS answered,"
        + " 0 AS abandoned, 0 AS overflowed, 0 AS within_sl, 0 AS answered_wait, CAST(NULL AS BIGINT) AS longest"
        + " FROM queue_calls WHERE queue_id = ? AND entered_at >= ? AND entered_at < ?"
        + " UNION ALL SELECT " + String.format(Locale.ROOT, bucket, "ended_at") + ", 0,"
        + " CASE WHEN result = 'answered' THEN 1 ELSE 0 END, CASE WHEN result = 'abandoned' THEN 1 ELSE 0 END,"
        + " CASE WHEN result = 'overflowed' THEN 1 ELSE 0 END,"
        + " CASE WHEN result = 'answered' AND within_service_level THEN 1 ELSE 0 END,"
        + " CASE WHEN result = 'answered' THEN wait_ms ELSE 0 END, wait_ms"
        + " FROM queue_calls WHERE queue_id = ? AND ended_at >= ? AND ended_at < ?"
        + ") x GROUP BY k ORDER BY k";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, queue, time(from), time(to), queue, time(from), time(to));
      int rows = 0;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows++;
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(PreparedStatement s, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      s.setObject(i + 1, values[i]);
    }
  }
}
