package io.presencestream.store;

import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.h2.H2ConnectionOption;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The connections to one history database: the schema brought up to date through JDBC (Flyway) when it is
 * opened, then a pool of R2DBC connections. H2 is embedded: its R2DBC driver does the work on the thread
 * that subscribes, so every use of a connection is subscribed on {@link #scheduler()} (an event loop never
 * waits for the disk); PostgreSQL's driver does its I/O on its own event loops and is unaffected.
 */
final class Database {

  /** Where the versioned migrations live on the class path ({@code V1__events_and_calls.sql}, …). */
  static final String MIGRATIONS = "classpath:presence-stream/db/migration";

  /**
   * H2 in PostgreSQL mode, so that one SQL text serves both databases ({@code INSERT … ON CONFLICT DO
   * NOTHING} among others). Flyway and R2DBC open the file with the same settings.
   */
  private static final String H2_SETTINGS = ";MODE=PostgreSQL";

  private final HistoryDatabase database;
  private final ConnectionPool pool;
  private final Scheduler scheduler;
  private final MigrateResult migrations;

  private Database(HistoryDatabase database, ConnectionPool pool, Scheduler scheduler, MigrateResult migrations) {
    this.database = database;
    this.pool = pool;
    this.scheduler = scheduler;
    this.migrations = migrations;
  }

  /**
   * Migrates the schema and opens the pool. Blocks while Flyway works: call it off event loops.
   *
   * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or a migration fails
   */
  static Database open(HistoryOptions options) {
    HistoryDatabase database = options.database();
    MigrateResult migrated = migrate(database, options.connectTimeout());
    ConnectionFactory factory = factory(database, options.connectTimeout());
    ConnectionPool pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(factory)
                .name("presence-history")
                .initialSize(0)
                // H2 closes an embedded database with its last connection: keep one open between batches
                .minIdle(database instanceof HistoryDatabase.H2 ? 1 : 0)
                .maxSize(options.poolSize())
                .maxIdleTime(Duration.ofMinutes(10))
                .maxCreateConnectionTime(options.connectTimeout())
                .maxAcquireTime(options.connectTimeout().plus(options.writeTimeout()))
                // a server restarted under the pool leaves closed connections in it: never hand one out
                .validationDepth(ValidationDepth.LOCAL)
                .build());
    Scheduler scheduler =
        database instanceof HistoryDatabase.H2 ? Schedulers.boundedElastic() : Schedulers.immediate();
    return new Database(database, pool, scheduler, migrated);
  }

  private static MigrateResult migrate(HistoryDatabase database, Duration connectTimeout) {
    Flyway flyway =
        Flyway.configure(Database.class.getClassLoader())
            .dataSource(jdbcUrl(database, connectTimeout), user(database), password(database))
            .locations(MIGRATIONS)
            .failOnMissingLocations(true)
            .connectRetries(0)
            .load();
    return flyway.migrate();
  }

  static String jdbcUrl(HistoryDatabase database, Duration connectTimeout) {
    if (database instanceof HistoryDatabase.H2 h2) {
      return "jdbc:h2:file:" + h2.file().toAbsolutePath().normalize() + H2_SETTINGS;
    }
    HistoryDatabase.PostgreSql pg = (HistoryDatabase.PostgreSql) database;
    return "jdbc:postgresql://" + hostPart(pg.host()) + ":" + pg.port() + "/" + pg.database()
        + "?sslmode=" + pg.sslMode().label() + "&connectTimeout=" + Math.max(1, connectTimeout.toSeconds())
        + "&ApplicationName=presence-stream";
  }

  private static String hostPart(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  static String user(HistoryDatabase database) {
    return database instanceof HistoryDatabase.PostgreSql pg ? pg.user() : "sa";
  }

  static String password(HistoryDatabase database) {
    if (database instanceof HistoryDatabase.PostgreSql pg) {
      return pg.password() == null ? "" : pg.password();
    }
    return "";
  }

  private static ConnectionFactory factory(HistoryDatabase database, Duration connectTimeout) {
    if (database instanceof HistoryDatabase.H2 h2) {
      return new H2ConnectionFactory(
          H2ConnectionConfiguration.builder()
              .file(h2.file().toAbsolutePath().normalize().toString())
              .property(H2ConnectionOption.MODE, "PostgreSQL")
              .username("sa")
              .password("")
              .build());
    }
    HistoryDatabase.PostgreSql pg = (HistoryDatabase.PostgreSql) database;
    PostgresqlConnectionConfiguration.Builder builder =
        PostgresqlConnectionConfiguration.builder()
            .host(pg.host())
            .port(pg.port())
            .database(pg.database())
            .username(pg.user())
            .applicationName("presence-stream")
            .connectTimeout(connectTimeout)
            .sslMode(SSLMode.fromValue(pg.sslMode().label()));
    if (pg.password() != null) {
      builder.password(pg.password());
    }
    return new PostgresqlConnectionFactory(builder.build());
  }

  /** {@return which database this is} */
  HistoryDatabase database() {
    return database;
  }

  /** {@return the migrations applied at open, for the start-up log} */
  MigrateResult migrations() {
    return migrations;
  }

  /** {@return where connections are used: a worker for the embedded H2, the caller's thread for PostgreSQL} */
  Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Runs {@code work} on a pooled connection and gives the connection back however it ends.
   *
   * @param work what to do with the connection
   * @return what {@code work} returns, subscribed on {@link #scheduler()}
   */
  <T> Mono<T> withConnection(Function<Connection, ? extends Publisher<T>> work) {
    return Mono.usingWhen(pool.create(), connection -> Mono.from(work.apply(connection)), Connection::close)
        .subscribeOn(scheduler);
  }

  /**
   * {@link #withConnection} for many results, streamed: the connection is held until the last is taken (or the
   * subscriber cancels), so that a large read is never held in memory at once.
   *
   * @param work what to do with the connection
   * @return what {@code work} emits, subscribed on {@link #scheduler()}
   */
  <T> Flux<T> streamWithConnection(Function<Connection, ? extends Publisher<T>> work) {
    return Flux.usingWhen(pool.create(), work::apply, Connection::close).subscribeOn(scheduler);
  }

  /** {@return completes when every connection is closed (the embedded H2 syncs its file then: on {@link #scheduler()})} */
  Mono<Void> close() {
    return pool.disposeLater().subscribeOn(scheduler);
  }
}
