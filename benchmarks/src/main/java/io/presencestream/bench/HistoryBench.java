package io.presencestream.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.engine.EngineOptions;
import io.presencestream.engine.PresenceTracker;
import io.presencestream.model.EngineInput;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.EventSink;
import io.presencestream.store.CallPage;
import io.presencestream.store.CallQuery;
import io.presencestream.store.HistoryDatabase;
import io.presencestream.store.HistoryOptions;
import io.presencestream.store.HistoryStore;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.h2.H2ConnectionOption;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The history sink's throughput on each database, against bare batch inserts of the same rows in the same
 * run, and the time of a day's queries over a million stored calls and a month of queue calls.
 *
 * <ol>
 *   <li><b>sink</b>: the engine's events of a seeded corpus fed to {@code HistoryStore.sink()} as fast as it
 *       takes them (the feeder waits while the queue is half full, as {@code replay --sink db} does), timed to
 *       the last row committed. Everything the sink does is in: encoding, the event hash, call records,
 *       batching, transactions.
 *   <li><b>peer</b>: the very rows the sink stored (read back) inserted into a fresh database with the same
 *       SQL and batch size, one transaction per batch, by bare R2DBC ({@code Statement.add}) and by bare JDBC
 *       ({@code addBatch}/{@code executeBatch}) on one connection: the ceiling of the database and driver.
 *   <li><b>query</b>: a million call records over 30 days and 1,000 extensions (bulk-loaded by JDBC), then
 *       {@code HistoryStore.calls} for one extension's day (an agent's day report), the first page of 1,000 of
 *       a whole day, and every page of that day; median and p90 of 15 runs after 3 warm-ups.
 *   <li><b>contact centre</b>: in the same database, a million queue calls over the same 30 days in 4 queues and
 *       200 agents' state spans ({@link ContactCentreHistoryBench}), then an agent's day, a queue's day by the
 *       quarter and its 30 days by the day, each beside the same figures by bare JDBC.
 * </ol>
 *
 * <pre>{@code
 * java -cp ... io.presencestream.bench.HistoryBench results/history.json 200000 1000000 h2,pg [QUEUE_CALLS]
 * }</pre>
 * PostgreSQL: {@code -Dbench.pg.port=… -Dbench.pg.user=…} and the password in {@code BENCH_PG_PASSWORD}
 * (run.sh starts a private server); each part gets a database of its own.
 */
public final class HistoryBench {

  private static final int BATCH = 500;
  private static final String INSERT_EVENT =
      "INSERT INTO events (event_id, kind, extension_id, at, call_id, body, seq) VALUES ($1, $2, $3, $4, $5, $6, $7)"
          + " ON CONFLICT DO NOTHING";
  private static final String CALL_COLUMNS =
      "extension_id, call_id, session_id, telephony_session_id, direction, from_number, from_name, to_number, to_name,"
          + " queue_call, queue_id, start_time, answer_time, end_time, duration_ms, ring_ms, talk_ms, hold_ms, result,"
          + " end_reason, merged_into";

  private HistoryBench() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    int eventCount = Integer.parseInt(args[1]);
    int callCount = Integer.parseInt(args[2]);
    List<String> databases = Arrays.asList(args[3].split(","));
    int queueCalls = args.length > 4 ? Integer.parseInt(args[4]) : callCount;
    List<PresenceEvent> events = events(eventCount);
    System.out.printf(Locale.ROOT, "history: %d events from the corpus%n", events.size());
    StringBuilder json = new StringBuilder("{\"events\": " + events.size() + ", \"batch\": " + BATCH
        + ", \"calls\": " + callCount + ", \"queueCalls\": " + queueCalls + ", \"databases\": {");
    Path temp = Files.createTempDirectory("history-bench-");
    boolean first = true;
    for (String db : databases) {
      Target target = db.equals("pg") ? Target.postgres() : Target.h2(temp);
      TARGETS.add(target);
      String result = run(target, events, callCount, queueCalls);
      json.append(first ? "" : ", ").append('"').append(db).append("\": ").append(result);
      first = false;
      Files.writeString(out, json + "}}\n");
    }
    json.append("}}\n");
    Files.writeString(out, json);
    System.out.println(json);
    for (Target target : TARGETS) {
      delete(target.temp("."));
    }
    delete(temp);
  }

  /** Every target made, so that their temporary files are deleted at the end. */
  private static final List<Target> TARGETS = new ArrayList<>();

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The engine's events for the first notifications of a seeded corpus, until there are {@code count}. */
  static List<PresenceEvent> events(int count) {
    PresenceCodec codec = PresenceCodec.create();
    Corpus corpus = Corpus.generate(20261202, 1000, Math.max(1000, count * 2));
    PresenceTracker tracker = new PresenceTracker(EngineOptions.defaults());
    List<PresenceEvent> events = new ArrayList<>(count);
    for (int i = 0; i < corpus.size() && events.size() < count; i++) {
      events.addAll(tracker.apply(new EngineInput.NotificationReceived(codec.decodeMessage(corpus.frames()[i]),
          corpus.receivedAt()[i])).events());
    }
    return events.size() > count ? events.subList(0, count) : events;
  }

  private static String run(Target target, List<PresenceEvent> events, int callCount, int queueCalls) throws Exception {
    PresenceCodec codec = PresenceCodec.create();
    // 1. the sink, once to warm the JVM up (a database of its own), then measured
    feed(target.database("warmup"), target.temp("spill-warmup"), events, new SimpleMeterRegistry()).close().block();
    HistoryDatabase sinkDb = target.database("sink");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    long start = System.nanoTime();
    HistoryStore store = feed(sinkDb, target.temp("spill-sink"), events, registry);
    double sinkSeconds = (System.nanoTime() - start) / 1e9;
    long storedEvents = store.count("events").block();
    long storedCalls = store.count("calls").block();
    long spilled = SPILLED.get();
    store.close().block();
    System.out.printf(Locale.ROOT, "history %s sink: %d events (%d stored, %d call records, %d spilled) in %.2f s: %.0f events/s%n",
        target.name, events.size(), storedEvents, storedCalls, spilled, sinkSeconds, events.size() / sinkSeconds);

    // 2. the peers: the same rows, read back, into fresh databases
    List<Object[]> eventRows = rows(target, sinkDb, "SELECT event_id, kind, extension_id, at, call_id, body, seq FROM events");
    List<Object[]> callRows = rows(target, sinkDb, "SELECT " + CALL_COLUMNS + " FROM calls");
    HistoryDatabase r2dbcDb = target.database("peer_r2dbc");
    open(r2dbcDb, target.temp("spill-r2dbc")).close().block(); // the same schema, by the same migrations
    double r2dbcSeconds = r2dbcPeer(target, r2dbcDb, eventRows, callRows);
    HistoryDatabase jdbcDb = target.database("peer_jdbc");
    open(jdbcDb, target.temp("spill-jdbc")).close().block();
    double jdbcSeconds = jdbcPeer(target, jdbcDb, eventRows, callRows);
    System.out.printf(Locale.ROOT, "history %s peers: bare R2DBC %.0f events/s, bare JDBC %.0f events/s%n",
        target.name, eventRows.size() / r2dbcSeconds, eventRows.size() / jdbcSeconds);

    // 3. the queries over a million calls
    HistoryDatabase queryDb = target.database("query");
    open(queryDb, target.temp("spill-query")).close().block();
    long loadStart = System.nanoTime();
    loadCalls(target, queryDb, callCount);
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
    double seedSeconds;
    try (java.sql.Connection c = target.jdbc(queryDb)) {
      seedSeconds = ContactCentreHistoryBench.seed(c, queueCalls, PresenceCodec.create());
    }
    System.out.printf(Locale.ROOT, "history %s: %d queue calls and %d agents' spans over %d days seeded in %.1f s%n",
        target.name, queueCalls, ContactCentreHistoryBench.AGENTS, ContactCentreHistoryBench.DAYS, seedSeconds);
    HistoryStore queries = open(queryDb, target.temp("spill-query"));
    Instant day = Instant.parse("2026-11-15T00:00:00Z");
    CallQuery agentDay = new CallQuery(day, day.plus(Duration.ofDays(1)), "ext-0042", null, null, 1000, null);
    CallQuery dayPage = new CallQuery(day, day.plus(Duration.ofDays(1)), null, null, null, 1000, null);
    Timings agent = time(() -> queries.calls(agentDay).block().calls().size());
    Timings page = time(() -> queries.calls(dayPage).block().calls().size());
    Timings wholeDay = time(() -> {
      int rows = 0;
      CallQuery q = dayPage;
      while (true) {
        CallPage p = queries.calls(q).block();
        rows += p.calls().size();
        if (p.nextCursor() == null) {
          return rows;
        }
        q = q.after(p.nextCursor());
      }
    });
    String contactCentre;
    try (java.sql.Connection c = target.jdbc(queryDb)) {
      contactCentre = ContactCentreHistoryBench.measure(target.name, queries, c);
    }
    queries.close().block();
    System.out.printf(Locale.ROOT, "history %s queries over %d calls (loaded in %.1f s): agent day %s, first page %s, whole day %s%n",
        target.name, callCount, loadSeconds, agent, page, wholeDay);

    return String.format(Locale.ROOT,
        "{\"sink\": {\"seconds\": %.3f, \"eventsPerSecond\": %.0f, \"storedEvents\": %d, \"storedCalls\": %d, \"spilled\": %d},"
            + " \"peerR2dbc\": {\"seconds\": %.3f, \"eventsPerSecond\": %.0f},"
            + " \"peerJdbc\": {\"seconds\": %.3f, \"eventsPerSecond\": %.0f},"
            + " \"queries\": {\"callsLoadedSeconds\": %.1f, \"agentDay\": %s, \"dayFirstPage\": %s, \"wholeDay\": %s},"
            + " \"contactCentre\": {\"queueCalls\": %d, \"agents\": %d, \"seededSeconds\": %.1f, \"queries\": %s}}",
        sinkSeconds, events.size() / sinkSeconds, storedEvents, storedCalls, spilled,
        r2dbcSeconds, eventRows.size() / r2dbcSeconds, jdbcSeconds, eventRows.size() / jdbcSeconds,
        loadSeconds, agent.json(), page.json(), wholeDay.json(), queueCalls, ContactCentreHistoryBench.AGENTS, seedSeconds,
        contactCentre);
  }

  /**
   * Feeds every event to a new store's sink as fast as it takes them: the feeder waits while a quarter of
   * the queue is taken, below the half where the sink would start spilling to disk, so that what is timed is
   * the database path (as {@code replay --sink db} runs it). Returns when the last row is committed.
   */
  private static HistoryStore feed(HistoryDatabase database, Path spill, List<PresenceEvent> events, SimpleMeterRegistry registry) {
    HistoryStore store = HistoryStore.open(HistoryOptions.builder(database).spillDirectory(spill).batchSize(BATCH).build(),
        PresenceCodec.create()::encodeEvent, registry);
    EventSink sink = store.sink();
    // resolved now: the sink removes its meters when it closes
    io.micrometer.core.instrument.Counter spilled = registry.get("presence.history.spilled").counter();
    long quarter = store.options().queueCapacity() / 4;
    for (PresenceEvent event : events) {
      while (sink.queueDepth() > quarter) {
        LockSupport.parkNanos(100_000);
      }
      sink.accept(event);
    }
    sink.close(Duration.ofMinutes(30)).block();
    SPILLED.set((long) spilled.count());
    return store;
  }

  /** Events the last {@link #feed} spilled to disk (0 when the database kept up). */
  private static final java.util.concurrent.atomic.AtomicLong SPILLED = new java.util.concurrent.atomic.AtomicLong();

  private static HistoryStore open(HistoryDatabase database, Path spill) {
    return HistoryStore.open(HistoryOptions.builder(database).spillDirectory(spill).batchSize(BATCH).build(),
        PresenceCodec.create()::encodeEvent, new SimpleMeterRegistry());
  }

  private static List<Object[]> rows(Target target, HistoryDatabase db, String sql) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    try (java.sql.Connection c = target.jdbc(db); ResultSet r = c.createStatement().executeQuery(sql)) {
      ResultSetMetaData meta = r.getMetaData();
      while (r.next()) {
        Object[] row = new Object[meta.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          int type = meta.getColumnType(i + 1);
          row[i] = type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP
              ? r.getObject(i + 1, OffsetDateTime.class) : r.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static double r2dbcPeer(Target target, HistoryDatabase db, List<Object[]> events, List<Object[]> calls) {
    ConnectionFactory factory = target.r2dbc(db);
    String insertCall = "INSERT INTO calls (" + CALL_COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
        + " $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) ON CONFLICT DO NOTHING";
    long start = System.nanoTime();
    Mono.usingWhen(factory.create(), c -> insertAll(c, INSERT_EVENT, events).then(insertAll(c, insertCall, calls)),
        Connection::close).block();
    return (System.nanoTime() - start) / 1e9;
  }

  private static Mono<Void> insertAll(Connection c, String sql, List<Object[]> rows) {
    List<List<Object[]>> batches = new ArrayList<>();
    for (int i = 0; i < rows.size(); i += BATCH) {
      batches.add(rows.subList(i, Math.min(rows.size(), i + BATCH)));
    }
    return Flux.fromIterable(batches).concatMap(batch -> {
      Statement s = c.createStatement(sql);
      for (int i = 0; i < batch.size(); i++) {
        if (i > 0) {
          s.add();
        }
        Object[] row = batch.get(i);
        for (int j = 0; j < row.length; j++) {
          if (row[j] == null) {
            s.bindNull(j, j == 3 || j == 11 || j == 12 || j == 13 ? OffsetDateTime.class : String.class);
          } else {
            s.bind(j, row[j]);
          }
        }
      }
      return Mono.from(c.beginTransaction())
          .thenMany(Flux.from(s.execute()).concatMap(r -> r.getRowsUpdated()))
          .then(Mono.from(c.commitTransaction()));
    }).then();
  }

  private static double jdbcPeer(Target target, HistoryDatabase db, List<Object[]> events, List<Object[]> calls) throws SQLException {
    long start = System.nanoTime();
    try (java.sql.Connection c = target.jdbc(db)) {
      c.setAutoCommit(false);
      jdbcInsert(c, INSERT_EVENT.replaceAll("\\$\\d+", "?"), events);
      jdbcInsert(c, ("INSERT INTO calls (" + CALL_COLUMNS + ") VALUES (" + "?, ".repeat(20) + "?) ON CONFLICT DO NOTHING"), calls);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void jdbcInsert(java.sql.Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < rows.size(); i++) {
        Object[] row = rows.get(i);
        for (int j = 0; j < row.length; j++) {
          s.setObject(j + 1, row[j]);
        }
        s.addBatch();
        if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
          s.executeBatch();
          c.commit();
        }
      }
    }
  }

  /** {@code count} call records over 30 days (from 2026-11-01) and 1,000 extensions, by JDBC batches. */
  private static void loadCalls(Target target, HistoryDatabase db, int count) throws SQLException {
    String sql = "INSERT INTO calls (" + CALL_COLUMNS + ") VALUES (" + "?, ".repeat(20) + "?)";
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    long spacingMillis = Duration.ofDays(30).toMillis() / count;
    String[] results = {"answered", "answered", "answered", "missed", "no_answer"};
    try (java.sql.Connection c = target.jdbc(db); PreparedStatement s = c.prepareStatement(sql)) {
      c.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        Instant start = from.plusMillis(i * spacingMillis);
        String result = results[i % results.length];
        boolean answered = result.equals("answered");
        s.setString(1, String.format(Locale.ROOT, "ext-%04d", i % 1000));
        s.setString(2, "call-" + i);
        s.setString(3, "s-" + i);
        s.setString(4, "ts-" + i);
        s.setString(5, i % 2 == 0 ? "Inbound" : "Outbound");
        s.setString(6, "+1415555" + String.format(Locale.ROOT, "%04d", i % 10_000));
        s.setString(7, "Caller " + (i % 977));
        s.setString(8, String.format(Locale.ROOT, "%04d", i % 1000));
        s.setString(9, "Agent " + (i % 1000));
        s.setBoolean(10, i % 7 == 0);
        s.setNull(11, Types.VARCHAR);
        s.setObject(12, start.atOffset(ZoneOffset.UTC));
        s.setObject(13, answered ? start.plusSeconds(8).atOffset(ZoneOffset.UTC) : null);
        s.setObject(14, start.plusSeconds(128).atOffset(ZoneOffset.UTC));
        s.setLong(15, 128_000);
        s.setLong(16, answered ? 8000 : 128_000);
        s.setLong(17, answered ? 110_000 : 0);
        s.setLong(18, answered ? 10_000 : 0);
        s.setString(19, result);
        s.setString(20, result.equals("missed") ? "missed" : "hangup");
        s.setNull(21, Types.VARCHAR);
        s.addBatch();
        if ((i + 1) % 5000 == 0 || i == count - 1) {
          s.executeBatch();
          c.commit();
        }
      }
    }
  }

  /** Median and p90 of 15 runs after 3 warm-ups, in milliseconds, and the rows of the last. */
  record Timings(double p50, double p90, int rows) {
    String json() {
      return String.format(Locale.ROOT, "{\"p50Ms\": %.2f, \"p90Ms\": %.2f, \"rows\": %d}", p50, p90, rows);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms (%d rows)", p50, p90, rows);
    }
  }

  static Timings time(java.util.function.IntSupplier query) {
    int rows = 0;
    for (int i = 0; i < 3; i++) {
      rows = query.getAsInt();
    }
    double[] ms = new double[15];
    for (int i = 0; i < ms.length; i++) {
      long t = System.nanoTime();
      rows = query.getAsInt();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new Timings(ms[7], ms[13], rows);
  }

  /** One database under test: the embedded H2 (a file per part) or the private PostgreSQL (a database per part). */
  private static final class Target {
    final String name;
    private final Path temp;
    private final int port;
    private final String user;
    private final String password;

    private Target(String name, Path temp, int port, String user, String password) {
      this.name = name;
      this.temp = temp;
      this.port = port;
      this.user = user;
      this.password = password;
    }

    static Target h2(Path temp) {
      return new Target("h2", temp, 0, "sa", "");
    }

    static Target postgres() throws IOException {
      return new Target("pg", Files.createTempDirectory("history-bench-pg-"), Integer.getInteger("bench.pg.port"),
          System.getProperty("bench.pg.user", "presence"), System.getenv("BENCH_PG_PASSWORD"));
    }

    Path temp(String name) {
      return temp.resolve(name);
    }

    HistoryDatabase database(String part) throws SQLException {
      if (name.equals("h2")) {
        return HistoryDatabase.h2(temp.resolve(part + "/presence"));
      }
      String db = "bench_" + part;
      try (java.sql.Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", user, password)) {
        c.createStatement().execute("DROP DATABASE IF EXISTS " + db);
        c.createStatement().execute("CREATE DATABASE " + db);
      }
      return HistoryDatabase.postgresql("127.0.0.1", port, db, user, password, HistoryDatabase.SslMode.DISABLE);
    }

    java.sql.Connection jdbc(HistoryDatabase db) throws SQLException {
      if (db instanceof HistoryDatabase.H2 h2) {
        return DriverManager.getConnection("jdbc:h2:file:" + h2.file().toAbsolutePath() + ";MODE=PostgreSQL", "sa", "");
      }
      HistoryDatabase.PostgreSql pg = (HistoryDatabase.PostgreSql) db;
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + pg.database(), user, password);
    }

    ConnectionFactory r2dbc(HistoryDatabase db) {
      if (db instanceof HistoryDatabase.H2 h2) {
        return new H2ConnectionFactory(H2ConnectionConfiguration.builder().file(h2.file().toAbsolutePath().toString())
            .property(H2ConnectionOption.MODE, "PostgreSQL").username("sa").password("").build());
      }
      HistoryDatabase.PostgreSql pg = (HistoryDatabase.PostgreSql) db;
      return ConnectionFactories.get(ConnectionFactoryOptions.builder()
          .option(ConnectionFactoryOptions.DRIVER, "postgresql")
          .option(ConnectionFactoryOptions.HOST, "127.0.0.1")
          .option(ConnectionFactoryOptions.PORT, port)
          .option(ConnectionFactoryOptions.DATABASE, pg.database())
          .option(ConnectionFactoryOptions.USER, user)
          .option(ConnectionFactoryOptions.PASSWORD, password)
          .build());
    }
  }

}
