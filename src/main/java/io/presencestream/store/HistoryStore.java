package io.presencestream.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.presencestream.internal.OptionalDependency;
import io.presencestream.model.AgentDay;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.EventSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.presencestream.model.EventKind;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The history in a real database: a sink that stores every event and a record of every call when it ends,
 * the queries on top of them, and the retention job that keeps each table to its configured age.
 *
 * <pre>{@code
 * HistoryStore store = HistoryStore.open(HistoryOptions.builder(HistoryDatabase.h2(Path.of("history/presence"))).build(),
 *     codec::encodeEvent, registry);
 * Disposable feed = engine.events(messages).subscribe(store.sink()::accept);
 * CallPage today = store.calls(CallQuery.between(midnight, midnight.plus(Duration.ofDays(1)))).block();
 * // shutdown: stop the feed, then
 * store.sink().close().then(store.close()).block(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>What it promises: {@code open} brings the schema up to date (Flyway, versioned migrations) before
 * anything is written; the sink never blocks its caller, keeps events on local disk while the database is
 * down or slow and writes them when it is back, and stores an event or a call once however often it is
 * written (keys: the event's hash, the call's extension and id). Needs the optional R2DBC, Flyway and JDBC
 * dependencies (see the README's "History").
 */
public final class HistoryStore {

  private static final Logger log = LoggerFactory.getLogger(HistoryStore.class);
  private static final java.util.List<String> TABLES = java.util.List.of("events", "calls", "agent_states", "queue_calls");

  private final HistoryOptions options;
  private final Database database;
  private final DatabaseSink sink;
  private final HistoryQueries queries;
  private final ContactCentreQueries contactCentre;
  private final StoredEvents stored;
  private final HistoryApi api;
  private final RetentionJob retention;
  private final Disposable retentionRuns;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Mono<Void> close;

  private HistoryStore(HistoryOptions options, Database database, DatabaseSink sink, Clock clock) {
    this.options = options;
    this.database = database;
    this.sink = sink;
    this.queries = new HistoryQueries(database);
    this.contactCentre = new ContactCentreQueries(database, options.writeTimeout());
    this.stored = new StoredEvents(database, sink.meters());
    this.api = new HistoryApi(queries, contactCentre, options.zone(), clock);
    this.retention = new RetentionJob(options, database, sink.meters(), clock);
    this.retentionRuns = retention.start();
    this.close = Mono.defer(() -> {
          closed.set(true);
          retentionRuns.dispose();
          return sink.close().then(database.close());
        })
        .cache();
  }

  /**
   * Opens the store: migrates the schema, opens the connection pool and the spill directory (replaying what
   * an earlier run left there), starts the retention job. Blocks while migrating: call it off event loops.
   *
   * @param options the database and how to write to it
   * @param encoder the event JSON, normally {@code codec::encodeEvent} (the same as every other sink's)
   * @param registry where the sink's meters go
   * @return the open store; {@link #close()} it
   * @throws IllegalStateException when an optional dependency it needs is missing
   * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or migrated
   * @throws UncheckedIOException when the spill directory cannot be created or read
   */
  public static HistoryStore open(
      HistoryOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry) {
    return open(options, encoder, registry, Clock.systemUTC());
  }

  /**
   * {@link #open(HistoryOptions, Function, MeterRegistry)} with the clock the retention job and the default
   * query range ("today") read.
   *
   * @param options the database and how to write to it
   * @param encoder the event JSON, normally {@code codec::encodeEvent}
   * @param registry where the sink's meters go
   * @param clock what "now" is
   * @return the open store
   */
  public static HistoryStore open(
      HistoryOptions options, Function<? super PresenceEvent, String> encoder, MeterRegistry registry, Clock clock) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(clock, "clock");
    requireDependencies(options.database());
    Database database = Database.open(options);
    try {
      SpillFiles spill = new SpillFiles(options.spillDirectory(), options.maxSpillBytes());
      ArrivalOrder order = new ArrivalOrder(clock, StoredEvents.maxSeq(database));
      DatabaseSink sink = new DatabaseSink(options, database, spill, encoder, registry, order);
      HistoryStore store = new HistoryStore(options, database, sink, clock);
      log.info("history: {} (schema version {}, {} migration(s) applied now)", options.database().describe(),
          database.migrations().targetSchemaVersion == null ? database.migrations().initialSchemaVersion
              : database.migrations().targetSchemaVersion,
          database.migrations().migrationsExecuted);
      return store;
    } catch (IOException e) {
      database.close().block();
      throw new UncheckedIOException("cannot open the history spill directory " + options.spillDirectory() + ": " + e, e);
    }
  }

  /**
   * Checks, before anything is loaded, that the optional dependencies of this database are present.
   *
   * @param database the database to be used
   * @throws IllegalStateException naming the missing artifact
   */
  public static void requireDependencies(HistoryDatabase database) {
    OptionalDependency.require("io.r2dbc.pool.ConnectionPool", "io.r2dbc:r2dbc-pool", "The history database");
    OptionalDependency.require("org.flywaydb.core.Flyway", "org.flywaydb:flyway-core", "The history database");
    if (database instanceof HistoryDatabase.H2) {
      OptionalDependency.require("io.r2dbc.h2.H2ConnectionFactory", "io.r2dbc:r2dbc-h2", "The H2 history database");
    } else {
      OptionalDependency.require("io.r2dbc.postgresql.PostgresqlConnectionFactory", "org.postgresql:r2dbc-postgresql",
          "The PostgreSQL history database");
      OptionalDependency.require("org.postgresql.Driver", "org.postgresql:postgresql",
          "The PostgreSQL history database's migrations");
      OptionalDependency.require("org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
          "org.flywaydb:flyway-database-postgresql", "The PostgreSQL history database's migrations");
    }
  }

  /** {@return the options it runs with} */
  public HistoryOptions options() {
    return options;
  }

  /**
   * The sink to feed every event to. Its {@code close()} writes (or spills) what is queued; close it before
   * {@link #close()}, as the daemon does with every sink.
   *
   * @return the sink
   */
  public EventSink sink() {
    return sink;
  }

  /**
   * One page of call records.
   *
   * @param query which calls, and which page
   * @return the page; fails with {@link IllegalArgumentException} for a cursor this store did not give
   */
  public Mono<CallPage> calls(CallQuery query) {
    return queries.calls(Objects.requireNonNull(query, "query"));
  }

  /**
   * One agent's day as the history has it: its state spans cut at the day's bounds in the account's zone (the
   * running one open when the day is today), the time per state, and the handled and missed calls of its call
   * records; the live {@code DAY} of {@code /api/agents/{id}/timeline}.
   *
   * @param extensionId the agent's extension id
   * @param day the calendar day in the account's zone
   * @param now what "now" is: the running span counts up to it
   * @return the day, with every figure zero when nothing is stored
   */
  public Mono<AgentDay> agentDay(String extensionId, LocalDate day, Instant now) {
    return contactCentre.agentDay(Objects.requireNonNull(extensionId, "extensionId"), Objects.requireNonNull(day, "day"),
        options.zone(), Objects.requireNonNull(now, "now"));
  }

  /**
   * The events that earlier runs stored with a time at or after {@code from}, in the order they arrived
   * (README "History": each event's {@code seq}, the instant the sink accepted it made strictly increasing;
   * rows stored before that order was kept come by their own time). Events this run stores are never among
   * them, so a restart can apply them before the live ones without applying any twice. A row that does not
   * decode is skipped and counted ({@code presence.history.events.unreadable}); it never ends the stream.
   * Streamed: one connection is held until the last event is taken or the subscriber cancels.
   *
   * <pre>{@code
   * store.earlierEvents(midnight, List.of(EventKind.PRESENCE, EventKind.CALL_ENDED), codec::decodeEvent)
   *     .subscribe(view::event);
   * }</pre>
   *
   * @param from the earliest event time wanted
   * @param kinds the kinds wanted (a restore of the contact-centre view wants the engine's, not the view's own)
   * @param decoder the event JSON's reader, normally {@code codec::decodeEvent}
   * @return the events, oldest arrival first
   */
  public Flux<PresenceEvent> earlierEvents(Instant from, Collection<EventKind> kinds,
      Function<String, ? extends PresenceEvent> decoder) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(decoder, "decoder");
    List<EventKind> wanted = List.copyOf(kinds);
    if (wanted.isEmpty()) {
      return Flux.empty();
    }
    return stored.read(from, sink.firstSeqOfThisRun(), wanted, decoder);
  }

  /** {@return stored events a read for {@link #earlierEvents} could not decode, since open} */
  public long unreadableEvents() {
    return sink.meters().unreadableTotal();
  }

  /** {@return the HTTP surface of the history, for a server to route {@code /api/history/} to} */
  public HistoryApi api() {
    return api;
  }

  /**
   * Runs the retention job once, now (it also runs by itself every {@code retentionInterval}).
   *
   * @return what it deleted
   */
  public Mono<Retention> enforceRetention() {
    return retention.run();
  }

  /**
   * Counts the rows of one of the history's tables.
   *
   * @param table {@code events}, {@code calls}, {@code agent_states} or {@code queue_calls}
   * @return the count
   * @throws IllegalArgumentException for another name
   */
  public Mono<Long> count(String table) {
    if (!TABLES.contains(table)) {
      throw new IllegalArgumentException("the history's tables are " + TABLES + ", not " + table);
    }
    return queries.count(table);
  }

  /**
   * Closes the sink (if not yet), stops the retention job and closes the connections. Lazy and idempotent.
   *
   * @return completes when everything is closed
   */
  public Mono<Void> close() {
    return close;
  }

  /** {@return whether {@link #close()} was called} */
  public boolean isClosed() {
    return closed.get();
  }
}
