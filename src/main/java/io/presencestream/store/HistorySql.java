package io.presencestream.store;

import io.presencestream.codec.HistoryJson.StoredEvent;
import io.presencestream.model.CallRecord;
import io.presencestream.model.Direction;
import io.presencestream.model.EndReason;
import io.presencestream.model.Labeled;
import io.presencestream.model.SessionResult;
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

  static final String INSERT_EVENT =
      "INSERT INTO events (event_id, kind, extension_id, at, call_id, body) VALUES ($1, $2, $3, $4, $5, $6)"
          + " ON CONFLICT DO NOTHING";

  static final String CALL_COLUMNS =
      "extension_id, call_id, session_id, telephony_session_id, direction, from_number, from_name, to_number,"
          + " to_name, queue_call, queue_id, start_time, answer_time, end_time, duration_ms, ring_ms, talk_ms,"
          + " hold_ms, result, end_reason, merged_into";

  static final String INSERT_CALL =
      "INSERT INTO calls (" + CALL_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
          + " $14, $15, $16, $17, $18, $19, $20, $21) ON CONFLICT DO NOTHING";

  /** What one batch stored: rows new to the database, and rows it already had. */
  record Written(long events, long duplicateEvents, long calls, long duplicateCalls) {}

  /** Writes a batch of events and the call records among them in one transaction. */
  static Mono<Written> write(Connection connection, List<StoredEvent> batch) {
    List<CallRecord> calls = new ArrayList<>();
    for (StoredEvent event : batch) {
      if (event.call() != null) {
        calls.add(event.call());
      }
    }
    Mono<Long> events = rowsUpdated(eventStatement(connection, batch));
    Mono<Long> callRows = calls.isEmpty() ? Mono.just(0L) : rowsUpdated(callStatement(connection, calls));
    // one statement after the other on the connection: a connection runs one at a time anyway
    return Mono.from(connection.beginTransaction())
        .then(events)
        .flatMap(eventRows -> callRows.flatMap(callRowsStored -> Mono.from(connection.commitTransaction())
            .thenReturn(new Written(eventRows, batch.size() - eventRows, callRowsStored,
                calls.size() - callRowsStored))))
        .onErrorResume(e -> Mono.from(connection.rollbackTransaction()).onErrorResume(ignored -> Mono.empty())
            .then(Mono.error(e)));
  }

  private static Mono<Long> rowsUpdated(Statement statement) {
    return Flux.from(statement.execute()).concatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
  }

  private static Statement eventStatement(Connection connection, List<StoredEvent> batch) {
    Statement s = connection.createStatement(INSERT_EVENT);
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        s.add();
      }
      StoredEvent e = batch.get(i);
      s.bind(0, e.eventId());
      s.bind(1, e.kind());
      s.bind(2, e.extensionId());
      s.bind(3, time(e.at()));
      text(s, 4, e.callId());
      s.bind(5, e.eventJson());
    }
    return s;
  }

  private static Statement callStatement(Connection connection, List<CallRecord> calls) {
    Statement s = connection.createStatement(INSERT_CALL);
    for (int i = 0; i < calls.size(); i++) {
      if (i > 0) {
        s.add();
      }
      CallRecord c = calls.get(i);
      s.bind(0, c.extensionId());
      s.bind(1, c.callId());
      text(s, 2, c.sessionId());
      text(s, 3, c.telephonySessionId());
      s.bind(4, c.direction().label());
      text(s, 5, c.from());
      text(s, 6, c.fromName());
      text(s, 7, c.to());
      text(s, 8, c.toName());
      s.bind(9, c.queueCall());
      text(s, 10, c.queueId());
      s.bind(11, time(c.startTime()));
      if (c.answerTime() == null) {
        s.bindNull(12, OffsetDateTime.class);
      } else {
        s.bind(12, time(c.answerTime()));
      }
      s.bind(13, time(c.endTime()));
      s.bind(14, c.duration().toMillis());
      millis(s, 15, c.ring());
      millis(s, 16, c.talk());
      millis(s, 17, c.hold());
      s.bind(18, c.result().label());
      text(s, 19, c.endReason() == null ? null : c.endReason().label());
      text(s, 20, c.mergedInto());
    }
    return s;
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

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
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
