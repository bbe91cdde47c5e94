package io.presencestream.store;

import io.presencestream.codec.HistoryJson.QueueInterval;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.AgentDay;
import io.presencestream.model.AgentState;
import io.presencestream.model.ContactCentreEvent.AgentStateChanged;
import io.presencestream.model.PresenceEvent;
import io.presencestream.model.QueueFigures;
import io.presencestream.model.StateSpan;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The contact-centre view's history: an agent's day from its stored state spans and call records, and a
 * queue's figures per interval computed by SQL from its stored queue calls.
 */
final class ContactCentreQueries {

  /** Most intervals one queue query answers (e.g. 15 min over ten days, or a day over more than two years). */
  static final int MAX_INTERVALS = 1000;

  private final Database database;
  private final Duration timeout;
  private final PresenceCodec codec = PresenceCodec.create();

  /**
   * Reads of the given database, each given up after {@code timeout}.
   *
   * @param database the history's database
   * @param timeout how long a query may take before it fails (the API answers 503): a read that never ends
   *     would hold a request and a pooled connection for ever (seen, rarely, on H2 under load)
   */
  ContactCentreQueries(Database database, Duration timeout) {
    this.database = database;
    this.timeout = timeout;
  }

  // ---------------------------------------------------------------- an agent's day

  /**
   * One agent's day in {@code zone}: its spans cut at the day's bounds, the running span (from its last
   * {@code agent.state} event) counted up to {@code now} and left open when the day is not over, the handled
   * and missed calls from the call records.
   */
  Mono<AgentDay> agentDay(String extensionId, LocalDate day, ZoneId zone, Instant now) {
    Instant dayStart = day.atStartOfDay(zone).toInstant();
    Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
    // one statement per connection, one after the other, as every other read of the history: several
    // statements on one H2 connection were seen to leave a request without an answer under load
    return database.withConnection(connection -> spans(connection, extensionId, dayStart, dayEnd))
        .flatMap(closed -> database.withConnection(connection -> lastState(connection, extensionId, dayEnd))
            .map(last -> List.of(last))
            .defaultIfEmpty(List.of())
            .flatMap(last -> database.withConnection(connection -> calls(connection, extensionId, dayStart, dayEnd))
                .map(counts -> AgentDays.of(extensionId, day, dayStart, dayEnd, now, closed,
                    last.isEmpty() ? null : last.get(0), counts[0], counts[1]))))
        .timeout(timeout);
  }

  private static Mono<List<StateSpan>> spans(
      io.r2dbc.spi.Connection connection, String extensionId, Instant dayStart, Instant dayEnd) {
    Statement s = connection.createStatement("SELECT state, on_queue, from_time, to_time FROM agent_states"
            + " WHERE extension_id = $1 AND to_time > $2 AND from_time < $3 ORDER BY from_time, to_time")
        .bind(0, extensionId)
        .bind(1, HistorySql.time(dayStart))
        .bind(2, HistorySql.time(dayEnd));
    return Flux.from(s.execute())
        .concatMap(result -> result.map((row, metadata) -> new StateSpan(AgentState.parse(row.get("state", String.class)),
            row.get("on_queue", Boolean.class), instant(row, "from_time"), instant(row, "to_time"))))
        .collectList();
  }

  /** The extension's last {@code agent.state} before {@code dayEnd}: the state it was in from then on. */
  private Mono<AgentStateChanged> lastState(io.r2dbc.spi.Connection connection, String extensionId, Instant dayEnd) {
    Statement s = connection.createStatement("SELECT body FROM events WHERE extension_id = $1 AND at < $2"
            + " AND kind = 'agent.state' ORDER BY at DESC LIMIT 1")
        .bind(0, extensionId)
        .bind(1, HistorySql.time(dayEnd));
    return Flux.from(s.execute())
        .concatMap(result -> result.map((row, metadata) -> row.get("body", String.class)))
        // read to its end (one row): a result cancelled half-read can hold up the connection's next statement
        .collectList()
        .flatMap(bodies -> bodies.isEmpty() ? Mono.empty() : Mono.just(bodies.get(0)))
        .flatMap(body -> {
          PresenceEvent event = codec.decodeEvent(body);
          return event instanceof AgentStateChanged changed ? Mono.just(changed) : Mono.empty();
        });
  }

  /**
   * Handled: the day's answered call records of the extension, once per call key (as the view counts them).
   * Missed: its inbound calls that ended ringing and that no extension answered (the records of the same key).
   * The answered keys are one uncorrelated subquery (NOT IN, a key is never null: call_id is not), which both
   * databases read once; a NOT EXISTS correlated by the key, an expression no index serves, read two days of
   * call records for each missed call on H2 (1.5 s for a day with a few over a million calls; RESULTS.md).
   */
  private static Mono<long[]> calls(io.r2dbc.spi.Connection connection, String extensionId, Instant dayStart, Instant dayEnd) {
    String sql = "SELECT"
        + " (SELECT COUNT(DISTINCT " + key("c") + ") FROM calls c WHERE c.extension_id = $1 AND c.end_time >= $2"
        + " AND c.end_time < $3 AND c.result = 'answered') AS handled,"
        + " (SELECT COUNT(DISTINCT " + key("m") + ") FROM calls m WHERE m.extension_id = $1 AND m.end_time >= $2"
        + " AND m.end_time < $3 AND m.result = 'missed' AND " + key("m") + " NOT IN (SELECT " + key("a") + " FROM calls a"
        + " WHERE a.result = 'answered' AND a.start_time >= $4 AND a.start_time < $3)) AS missed";
    Statement s = connection.createStatement(sql)
        .bind(0, extensionId)
        .bind(1, HistorySql.time(dayStart))
        .bind(2, HistorySql.time(dayEnd))
        .bind(3, HistorySql.time(dayStart.minus(Duration.ofDays(1))));
    return Flux.from(s.execute())
        .concatMap(result -> result.map((row, metadata) -> new long[] {number(row, "handled"), number(row, "missed")}))
        .collectList()
        .map(rows -> rows.isEmpty() ? new long[2] : rows.get(0));
  }

  private static String key(String alias) {
    return HistorySql.callKey(alias);
  }

  // ---------------------------------------------------------------- a queue's intervals

  /**
   * A queue's figures per interval, by one SQL statement over its queue calls: offered by entry, answered
   * (and within the service level, and the speed of answer) by answer, abandoned and overflowed by their end,
   * the longest wait of the calls that left the queue in the interval. An answered call leaves its queue when
   * it is answered ({@code answered_at = ended_at}), so everything but the offered calls counts by leaving.
   *
   * <p>Each call is read at most twice, by an index range on one time column: by entry and by leaving. (A
   * join of the intervals to the calls on "entered in it OR left in it" let neither database use an index per
   * interval: both read all the queue's calls once per interval, over 10 s on H2 for a day by the quarter
   * over a month of a million queue calls; benchmarks/RESULTS.md.) Intervals of one length (every 15m and 1h
   * query, and days without a change of summer time) are numbered by arithmetic on the time, with five
   * parameters; other days are a list of bounds joined to the calls, with two parameters an interval.
   */
  Mono<List<QueueInterval>> queueIntervals(String queueId, List<Instant> bounds) {
    int n = bounds.size() - 1;
    if (n < 1 || n > MAX_INTERVALS) {
      return Mono.error(new IllegalArgumentException("1 to " + MAX_INTERVALS + " intervals, was " + n));
    }
    Duration step = Duration.between(bounds.get(0), bounds.get(1));
    boolean even = evenlySpaced(bounds, step);
    String sql;
    if (even) {
      String entered = "CAST(FLOOR((EXTRACT(EPOCH FROM q.entered_at) * 1000 - CAST($2 AS BIGINT)) / CAST($3 AS BIGINT))"
          + " AS BIGINT)";
      sql = figures(entered + " AS i", "queue_calls q WHERE q.queue_id = $1 AND q.entered_at >= $4 AND q.entered_at < $5",
          entered.replace("entered_at", "ended_at"), "queue_calls q WHERE q.queue_id = $1 AND q.ended_at >= $4 AND q.ended_at < $5");
    } else {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i)
            .append(" AS i, CAST($").append(2 * i + 2).append(" AS TIMESTAMP WITH TIME ZONE) AS s, CAST($")
            .append(2 * i + 3).append(" AS TIMESTAMP WITH TIME ZONE) AS e");
      }
      sql = "WITH b (i, s, e) AS (" + b + ") "
          + figures("b.i AS i", "b JOIN queue_calls q ON q.queue_id = $1 AND q.entered_at >= b.s AND q.entered_at < b.e",
              "b.i", "b JOIN queue_calls q ON q.queue_id = $1 AND q.ended_at >= b.s AND q.ended_at < b.e");
    }
    return database.withConnection(connection -> {
      Statement s = connection.createStatement(sql).bind(0, queueId);
      if (even) {
        s.bind(1, bounds.get(0).toEpochMilli()).bind(2, step.toMillis())
            .bind(3, HistorySql.time(bounds.get(0))).bind(4, HistorySql.time(bounds.get(n)));
      } else {
        for (int i = 0; i <= n; i++) {
          if (i > 0) {
            s.bind(2 * i, HistorySql.time(bounds.get(i)));
          }
          if (i < n) {
            s.bind(2 * i + 1, HistorySql.time(bounds.get(i)));
          }
        }
      }
      return Flux.from(s.execute())
          .concatMap(result -> result.map((row, metadata) -> row(row)))
          .collectList();
    }).timeout(timeout).map(rows -> {
      List<QueueInterval> intervals = new ArrayList<>(n);
      int next = 0;
      for (int i = 0; i < n; i++) {
        long[] r = next < rows.size() && rows.get(next)[0] == i ? rows.get(next++) : null;
        intervals.add(interval(bounds.get(i), bounds.get(i + 1), r == null ? NO_CALLS : r));
      }
      return intervals;
    });
  }

  private static boolean evenlySpaced(List<Instant> bounds, Duration step) {
    for (int i = 1; i < bounds.size() - 1; i++) {
      if (!Duration.between(bounds.get(i), bounds.get(i + 1)).equals(step)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The figures per interval number {@code i} of the calls that entered ({@code entered}: the number's
   * expression and what to select from) and of those that left ({@code left}).
   */
  private static String figures(String enteredNumber, String entered, String leftNumber, String left) {
    return "SELECT i, SUM(offered) AS offered, SUM(answered) AS answered, SUM(abandoned) AS abandoned,"
        + " SUM(overflowed) AS overflowed, SUM(within_threshold) AS within_threshold,"
        + " SUM(answered_wait_ms) AS answered_wait_ms, MAX(longest_wait_ms) AS longest_wait_ms FROM ("
        + " SELECT " + enteredNumber + ", 1 AS offered, 0 AS answered, 0 AS abandoned, 0 AS overflowed,"
        + " 0 AS within_threshold, CAST(0 AS BIGINT) AS answered_wait_ms, CAST(NULL AS BIGINT) AS longest_wait_ms"
        + " FROM " + entered
        + " UNION ALL SELECT " + leftNumber + ", 0,"
        + " CASE WHEN q.result = 'answered' THEN 1 ELSE 0 END,"
        + " CASE WHEN q.result = 'abandoned' THEN 1 ELSE 0 END,"
        + " CASE WHEN q.result = 'overflowed' THEN 1 ELSE 0 END,"
        + " CASE WHEN q.result = 'answered' AND q.within_service_level THEN 1 ELSE 0 END,"
        + " CASE WHEN q.result = 'answered' THEN q.wait_ms ELSE 0 END,"
        + " q.wait_ms"
        + " FROM " + left
        + ") x GROUP BY i ORDER BY i";
  }

  private static final long[] NO_CALLS = {0, 0, 0, 0, 0, 0, 0, -1};

  /** {@code [i, offered, answered, abandoned, overflowed, within, answeredWaitMs, longestWaitMs or -1]}. */
  private static long[] row(Readable row) {
    Object longest = row.get("longest_wait_ms");
    return new long[] {number(row, "i"), number(row, "offered"), number(row, "answered"), number(row, "abandoned"),
        number(row, "overflowed"), number(row, "within_threshold"), number(row, "answered_wait_ms"),
        longest == null ? -1 : ((Number) longest).longValue()};
  }

  private static long number(Readable row, String column) {
    Object value = row.get(column);
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Instant instant(Readable row, String column) {
    return HistorySql.instant(row.get(column, OffsetDateTime.class));
  }

  private static QueueInterval interval(Instant from, Instant to, long[] r) {
    long answered = r[2];
    long abandoned = r[3];
    long judged = answered + abandoned;
    QueueFigures figures = new QueueFigures((int) r[1], (int) answered, (int) abandoned, (int) r[4], (int) r[5],
        answered == 0 ? null : Duration.ofMillis(r[6] / answered),
        judged == 0 ? null : (double) abandoned / judged,
        judged == 0 ? null : (double) r[5] / judged);
    return new QueueInterval(from, to, figures, r[7] >= 0 ? Duration.ofMillis(r[7]) : null);
  }
}
