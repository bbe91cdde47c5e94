package io.presencestream.store;

import io.presencestream.codec.HistoryJson.StoredEvent;
import io.presencestream.model.CallRecord;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.Labeled;
import io.presencestream.model.QueueCallOutcome;
import io.presencestream.model.SessionResult;
import io.presencestream.model.StateSpan;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The history's SQL, one text for both databases (H2 runs in its PostgreSQL mode). Inserts skip a row
 * whose key is already stored ({@code ON CONFLICT DO NOTHING}), so that writing the same event or call
 * twice stores it once, whatever the order.
 */
final class HistorySql {

  private HistorySql() {}

  static final String EVENT_COLUMNS = "event_id, kind, extension_id, at, call_id, body, seq";

  static final String CALL_COLUMNS =
      "extension_id, call_id, session_id, telephony_session_id, direction, from_number, from_name, to_number,"
          + " to_name, queue_call, queue_id, start_time, answer_time, end_time, duration_ms, ring_ms, talk_ms,"
          + " hold_ms, result, end_reason, merged_into";

  /**
   * Rows per INSERT statement: one statement of many rows ({@code VALUES (…), (…)}) is one round trip, where
   * the drivers run the bindings of a batch ({@code Statement.add}) one round trip each (the benchmark found
   * the sink 5-10 times slower so); 21 columns × 400 rows stays far below PostgreSQL's 65,535 parameters.
   */
  static final int ROWS_PER_STATEMENT = 400;

  /** {@code INSERT INTO table (columns) VALUES ($1, …), (…) ON CONFLICT DO NOTHING} for {@code rows} rows. */
  static String insert(String table, String columns, int columnCount, int rows) {
    StringBuilder sql = new StringBuilder(64 + rows * columnCount * 5)
        .append("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
    int parameter = 1;
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "(" : ", (");
      for (int c = 0; c < columnCount; c++) {
        sql.append(c == 0 ? "$" : ", $").append(parameter++);
      }
      sql.append(')');
    }
    return sql.append(" ON CONFLICT DO NOTHING").toString();
  }

  /** What one batch stored: rows new to the database, and rows it already had. */
  record Written(long events, long duplicateEvents, long calls, long duplicateCalls) {}

  /**
   * Writes a batch of events, and the call records, agent state spans and queue calls among them, in one
   * transaction.
   */
  static Mono<Written> write(Connection connection, List<StoredEvent> batch) {
    List<CallRecord> calls = new ArrayList<>();
    List<StoredEvent> spans = new ArrayList<>();
    List<QueueCallOutcome> queueCalls = new ArrayList<>();
    for (StoredEvent event : batch) {
      if (event.call() != null) {
        calls.add(event.call());
      }
      if (event.span() != null) {
        spans.add(event);
      }
      if (event.queueCall() != null) {
        queueCalls.add(event.queueCall());
      }
    }
    // one statement after the other on the connection: a connection runs one at a time anyway
    return Mono.from(connection.beginTransaction())
        .then(inserted(connection, batch, HistorySql::eventStatement))
        .flatMap(eventRows -> inserted(connection, calls, HistorySql::callStatement)
            .flatMap(callRowsStored -> inserted(connection, spans, HistorySql::spanStatement)
                .then(inserted(connection, queueCalls, HistorySql::queueCallStatement))
                .then(Mono.from(connection.commitTransaction()))
                .thenReturn(new Written(eventRows, batch.size() - eventRows, callRowsStored,
                    calls.size() - callRowsStored))))
        .onErrorResume(e -> Mono.from(connection.rollbackTransaction()).onErrorResume(ignored -> Mono.empty())
            .then(Mono.error(e)));
  }

  /** Inserts {@code rows} in statements of up to {@link #ROWS_PER_STATEMENT}; the rows new to the table. */
  private static <T> Mono<Long> inserted(
      Connection connection, List<T> rows, java.util.function.BiFunction<Connection, List<T>, Statement> statement) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += ROWS_PER_STATEMENT) {
      chunks.add(rows.subList(i, Math.min(rows.size(), i + ROWS_PER_STATEMENT)));
    }
    return Flux.fromIterable(chunks)
        .concatMap(chunk -> Flux.from(statement.apply(connection, chunk).execute()).concatMap(Result::getRowsUpdated))
        .reduce(0L, Long::sum);
  }

  private static Statement eventStatement(Connection connection, List<StoredEvent> batch) {
    Statement s = connection.createStatement(insert("events", EVENT_COLUMNS, 7, batch.size()));
    for (int i = 0; i < batch.size(); i++) {
      StoredEvent e = batch.get(i);
      int p = i * 7;
      s.bind(p, e.eventId());
      s.bind(p + 1, e.kind());
      s.bind(p + 2, e.extensionId());
      s.bind(p + 3, time(e.at()));
      text(s, p + 4, e.callId());
      s.bind(p + 5, e.eventJson());
      s.bind(p + 6, e.seq());
    }
    return s;
  }

  private static Statement callStatement(Connection connection, List<CallRecord> calls) {
    Statement s = connection.createStatement(insert("calls", CALL_COLUMNS, 21, calls.size()));
    for (int i = 0; i < calls.size(); i++) {
      CallRecord c = calls.get(i);
      int p = i * 21;
      s.bind(p, c.extensionId());
      s.bind(p + 1, c.callId());
      text(s, p + 2, c.sessionId());
      text(s, p + 3, c.telephonySessionId());
      s.bind(p + 4, c.direction().label());
      text(s, p + 5, c.from());
      text(s, p + 6, c.fromName());
      text(s, p + 7, c.to());
      text(s, p + 8, c.toName());
      s.bind(p + 9, c.queueCall());
      text(s, p + 10, c.queueId());
      s.bind(p + 11, time(c.startTime()));
      if (c.answerTime() == null) {
        s.bindNull(p + 12, OffsetDateTime.class);
      } else {
        s.bind(p + 12, time(c.answerTime()));
      }
      s.bind(p + 13, time(c.endTime()));
      s.bind(p + 14, c.duration().toMillis());
      millis(s, p + 15, c.ring());
      millis(s, p + 16, c.talk());
      millis(s, p + 17, c.hold());
      s.bind(p + 18, c.result().label());
      text(s, p + 19, c.endReason() == null ? null : c.endReason().label());
      text(s, p + 20, c.mergedInto());
    }
    return s;
  }

  static final String SPAN_COLUMNS = "span_id, extension_id, state, on_queue, from_time, to_time";

  /** A span is keyed by the event that closed it (the event's id). */
  private static Statement spanStatement(Connection connection, List<StoredEvent> closing) {
    Statement s = connection.createStatement(insert("agent_states", SPAN_COLUMNS, 6, closing.size()));
    for (int i = 0; i < closing.size(); i++) {
      StoredEvent e = closing.get(i);
      StateSpan span = e.span();
      int p = i * 6;
      s.bind(p, e.eventId());
      s.bind(p + 1, e.extensionId());
      s.bind(p + 2, span.state().label());
      if (span.onQueue() == null) {
        s.bindNull(p + 3, Boolean.class);
      } else {
        s.bind(p + 3, span.onQueue());
      }
      s.bind(p + 4, time(span.start()));
      s.bind(p + 5, time(span.end()));
    }
    return s;
  }

  static final String QUEUE_CALL_COLUMNS = "call_key, queue_id, entered_at, answered_at, ended_at, result, wait_ms,"
      + " answered_by, service_level_threshold_ms, within_service_level";

  private static Statement queueCallStatement(Connection connection, List<QueueCallOutcome> calls) {
    Statement s = connection.createStatement(insert("queue_calls", QUEUE_CALL_COLUMNS, 10, calls.size()));
    for (int i = 0; i < calls.size(); i++) {
      QueueCallOutcome c = calls.get(i);
      int p = i * 10;
      s.bind(p, c.callKey());
      s.bind(p + 1, c.queueId());
      s.bind(p + 2, time(c.enteredAt()));
      if (c.answeredAt() == null) {
        s.bindNull(p + 3, OffsetDateTime.class);
      } else {
        s.bind(p + 3, time(c.answeredAt()));
      }
      s.bind(p + 4, time(c.endedAt()));
      s.bind(p + 5, c.result().label());
      s.bind(p + 6, c.waitTime().toMillis());
      text(s, p + 7, c.answeredBy());
      s.bind(p + 8, c.serviceLevelThreshold().toMillis());
      s.bind(p + 9, c.withinServiceLevel());
    }
    return s;
  }

  /**
   * A call record's key as the contact-centre view keys its queue calls (the {@code call_key} of
   * {@code queue_calls}): its telephony session, else its session, else its id.
   *
   * @param table the calls table's name or alias in the statement
   */
  static String callKey(String table) {
    return "COALESCE(" + table + ".telephony_session_id, " + table + ".session_id, " + table + ".call_id)";
  }

  /** Reads a row of {@link #CALL_COLUMNS}. */
  static CallRecord callRecord(Readable row) {
    SessionResult result = Labeled.parse(SessionResult.values(), row.get("result", String.class), SessionResult.UNKNOWN);
    String endReason = row.get("end_reason", String.class);
    return new CallRecord(
        row.get("extension_id", String.class),
        row.get("call_id", String.class),
        row.get("session_id", String.class),
        row.get("telephony_session_id", String.class),
        Direction.parse(row.get("direction", String.class)),
        row.get("from_number", String.class),
        row.get("from_name", String.class),
        row.get("to_number", String.class),
        row.get("to_name", String.class),
        Boolean.TRUE.equals(row.get("queue_call", Boolean.class)),
        row.get("queue_id", String.class),
        instant(row.get("start_time", OffsetDateTime.class)),
        instant(row.get("answer_time", OffsetDateTime.class)),
        instant(row.get("end_time", OffsetDateTime.class)),
        Duration.ofMillis(row.get("duration_ms", Long.class)),
        duration(row.get("ring_ms", Long.class)),
        duration(row.get("talk_ms", Long.class)),
        duration(row.get("hold_ms", Long.class)),
        result == null ? SessionResult.UNKNOWN : result,
        endReason == null ? null : EndReason.parse(endReason),
        row.get("merged_into", String.class));
  }

  /**
   * A time as stored: to the millisecond, as the event JSON has it (the engine's instants may carry
   * nanoseconds, which the databases would keep to different precisions), so that a row's time equals the
   * time of the event it came from, on either database.
   */
  static OffsetDateTime time(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static Duration duration(Long millis) {
    return millis == null ? null : Duration.ofMillis(millis);
  }

  private static void text(Statement s, int index, String value) {
    if (value == null) {
      s.bindNull(index, String.class);
    } else {
      s.bind(index, value);
    }
  }

  private static void millis(Statement s, int index, Duration value) {
    if (value == null) {
      s.bindNull(index, Long.class);
    } else {
      s.bind(index, value.toMillis());
    }
  }
}
