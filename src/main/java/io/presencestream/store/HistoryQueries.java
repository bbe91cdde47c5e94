package io.presencestream.store;

import io.presencestream.model.CallRecord;
import io.r2dbc.spi.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The history's reads. Pages are keyset pages (start time descending, then extension and call id), so a
 * page costs the same deep in a large table as at its top, and a call stored meanwhile never shifts a page.
 */
final class HistoryQueries {

  private static final String CALL_KEY = HistorySql.callKey("calls");

  /**
   * The call columns, with the queue filled from the queue calls when the call's own row has none: presence
   * does not name a call's queue, the contact-centre view does (its queue.call.ended has the same key).
   */
  private static final String CALL_SELECT = HistorySql.CALL_COLUMNS.replace("queue_id,",
      "COALESCE(calls.queue_id, (SELECT MIN(q.queue_id) FROM queue_calls q WHERE q.call_key = " + CALL_KEY
          + ")) AS queue_id,");

  private final Database database;

  HistoryQueries(Database database) {
    this.database = database;
  }

  /** A cursor names the last record of a page: its start time, extension and call id. */
  record Cursor(Instant startTime, String extensionId, String callId) {

    String encode() {
      String text = startTime + "\n" + extensionId + "\n" + callId;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one this class wrote */
    static Cursor decode(String cursor) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
        if (parts.length != 3) {
          throw new IllegalArgumentException("not a cursor of this API");
        }
        return new Cursor(Instant.parse(parts[0]), parts[1], parts[2]);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException("cursor is not one this API gave (pass nextCursor as it is)");
      }
    }
  }

  /**
   * One page.
   *
   * @throws IllegalArgumentException (in the Mono) for a cursor this API did not write
   */
  Mono<CallPage> calls(CallQuery query) {
    return Mono.defer(() -> {
      Cursor after = query.cursor() == null ? null : Cursor.decode(query.cursor());
      StringBuilder sql = new StringBuilder("SELECT ").append(CALL_SELECT)
          .append(" FROM calls WHERE start_time >= $1 AND start_time < $2");
      List<Object> values = new ArrayList<>();
      values.add(HistorySql.time(query.from()));
      values.add(HistorySql.time(query.to()));
      if (query.extensionId() != null) {
        values.add(query.extensionId());
        sql.append(" AND extension_id = $").append(values.size());
      }
      if (query.queueId() != null) {
        values.add(query.queueId());
        sql.append(" AND (queue_id = $").append(values.size()).append(" OR ").append(CALL_KEY)
            .append(" IN (SELECT q.call_key FROM queue_calls q WHERE q.queue_id = $").append(values.size()).append("))");
      }
      if (query.result() != null) {
        values.add(query.result().label());
        sql.append(" AND result = $").append(values.size());
      }
      if (after != null) {
        values.add(HistorySql.time(after.startTime()));
        int t = values.size();
        values.add(after.extensionId());
        int e = values.size();
        values.add(after.callId());
        int c = values.size();
        sql.append(" AND (start_time < $").append(t).append(" OR (start_time = $").append(t)
            .append(" AND (extension_id > $").append(e).append(" OR (extension_id = $").append(e)
            .append(" AND call_id > $").append(c).append("))))");
      }
      // one more than the page: whether there is a next page, without a count
      sql.append(" ORDER BY start_time DESC, extension_id, call_id LIMIT ").append(query.limit() + 1);
      return database.withConnection(connection -> {
        Statement statement = connection.createStatement(sql.toString());
        for (int i = 0; i < values.size(); i++) {
          statement.bind(i, values.get(i));
        }
        return Flux.from(statement.execute())
            .concatMap(result -> result.map((row, metadata) -> HistorySql.callRecord(row)))
            .collectList();
      }).map(rows -> page(rows, query.limit()));
    });
  }

  private static CallPage page(List<CallRecord> rows, int limit) {
    if (rows.size() <= limit) {
      return new CallPage(rows, null);
    }
    List<CallRecord> page = rows.subList(0, limit);
    CallRecord last = page.get(limit - 1);
    return new CallPage(page, new Cursor(last.startTime(), last.extensionId(), last.callId()).encode());
  }

  /** Counts the rows of a table (tests and the benchmark). */
  Mono<Long> count(String table) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    return database.withConnection(connection -> Flux.from(connection.createStatement("SELECT COUNT(*) AS n FROM " + table).execute())
        .concatMap(result -> result.map((row, metadata) -> ((Number) row.get("n")).longValue()))
        // read to its end, not cancelled after the first row: a result cancelled half-read on H2 can hold up
        // the connection's next statement
        .collectList()
        .map(counts -> counts.get(0)));
  }
}
