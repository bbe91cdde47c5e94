package io.presencestream.store;

import io.presencestream.codec.DecodeException;
import io.presencestream.model.EventKind;
import io.presencestream.model.PresenceEvent;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads stored events back in the order they arrived ({@code seq}, then {@code event_id} for rows stored
 * before arrival order was kept): what a restart applies again to rebuild the contact-centre view.
 */
final class StoredEvents {

  private static final Logger log = LoggerFactory.getLogger(StoredEvents.class);

  /** Rows the database hands over at a time: one day of a large account is never in memory at once. */
  private static final int FETCH_SIZE = 1000;

  private final Database database;
  private final HistoryMeters meters;

  StoredEvents(Database database, HistoryMeters meters) {
    this.database = database;
    this.meters = meters;
  }

  /** {@return the highest seq stored, or {@link Long#MIN_VALUE} for an empty table; blocks (at open only)} */
  static long maxSeq(Database database) {
    Long max = database.withConnection(c -> Flux.from(c.createStatement("SELECT MAX(seq) AS m FROM events").execute())
            .concatMap(r -> r.map((row, meta) -> {
              Number m = (Number) row.get("m");
              return m == null ? Long.MIN_VALUE : m.longValue();
            }))
            .next())
        .block();
    return max == null ? Long.MIN_VALUE : max;
  }

  /**
   * The events of the given kinds with {@code at >= from} and {@code seq < before}, decoded, in arrival
   * order. A row that does not decode is skipped, counted ({@code presence.history.events.unreadable}) and
   * logged by its key (never its body); it never ends the stream.
   */
  Flux<PresenceEvent> read(Instant from, long before, List<EventKind> kinds,
      Function<String, ? extends PresenceEvent> decoder) {
    StringBuilder sql = new StringBuilder("SELECT event_id, body FROM events WHERE at >= $1 AND seq < $2 AND kind IN (");
    for (int i = 0; i < kinds.size(); i++) {
      sql.append(i == 0 ? "$" : ", $").append(i + 3);
    }
    sql.append(") ORDER BY seq, event_id");
    return database.streamWithConnection(c -> {
          Statement s = c.createStatement(sql.toString()).fetchSize(FETCH_SIZE);
          s.bind(0, HistorySql.time(from));
          s.bind(1, before);
          for (int i = 0; i < kinds.size(); i++) {
            s.bind(i + 2, kinds.get(i).label());
          }
          return Flux.from(s.execute())
              .concatMap(r -> r.map((row, meta) -> new Row(row.get("event_id", String.class), row.get("body", String.class))));
        })
        .concatMap(row -> Mono.justOrEmpty(decode(row, decoder)), FETCH_SIZE);
  }

  private record Row(String eventId, String body) {}

  private PresenceEvent decode(Row row, Function<String, ? extends PresenceEvent> decoder) {
    try {
      return decoder.apply(row.body());
    } catch (RuntimeException e) {
      meters.unreadable();
      // the reason only: the message quotes the body, which holds callers' numbers
      log.warn("history: stored event {} does not decode, skipped ({})", row.eventId(),
          e instanceof DecodeException d ? d.reason() : e.getClass().getSimpleName());
      return null;
    }
  }
}
