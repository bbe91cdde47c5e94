package io.presencestream.store;

import io.r2dbc.spi.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes what is older than each table's retention: events by their time, call records, agent state spans
 * and queue calls by their end.
 * Runs a minute after start and then every {@code retentionInterval}; a run that fails (the database down)
 * is logged and the next one tries again. The clock decides what "older" means, so tests move it.
 */
final class RetentionJob {

  private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

  private final HistoryOptions options;
  private final Database database;
  private final HistoryMeters meters;
  private final Clock clock;

  RetentionJob(HistoryOptions options, Database database, HistoryMeters meters, Clock clock) {
    this.options = options;
    this.database = database;
    this.meters = meters;
    this.clock = clock;
  }

  /** Starts the periodic runs; dispose the result to stop them. */
  Disposable start() {
    Duration first = options.retentionInterval().compareTo(Duration.ofMinutes(1)) < 0
        ? options.retentionInterval() : Duration.ofMinutes(1);
    return Flux.interval(first, options.retentionInterval())
        .onBackpressureDrop()
        .concatMap(tick -> run().onErrorResume(e -> {
          log.warn("sink {}: the retention job failed, tried again in {}: {}", options.name(),
              options.retentionInterval(), e.toString());
          return Mono.empty();
        }), 1)
        .subscribe();
  }

  /** One run: each table by its own retention, one after the other. */
  Mono<Retention> run() {
    return Mono.defer(() -> {
      Instant now = clock.instant();
      Mono<Long> events = delete("DELETE FROM events WHERE at < $1", options.eventRetention(), now);
      Mono<Long> calls = delete("DELETE FROM calls WHERE end_time < $1", options.callRetention(), now);
      Mono<Long> spans = delete("DELETE FROM agent_states WHERE to_time < $1", options.agentStateRetention(), now);
      Mono<Long> queueCalls = delete("DELETE FROM queue_calls WHERE ended_at < $1", options.queueCallRetention(), now);
      return events.flatMap(e -> calls.flatMap(c -> spans.flatMap(s -> queueCalls.map(q -> new Retention(e, c, s, q)))));
    }).doOnNext(done -> {
      meters.retention(done);
      if (done.total() > 0) {
        log.info("sink {}: retention deleted {} event(s) older than {}, {} call record(s) older than {}, {} agent"
            + " state span(s) older than {} and {} queue call(s) older than {}", options.name(), done.events(),
            options.eventRetention(), done.calls(), options.callRetention(), done.agentStates(),
            options.agentStateRetention(), done.queueCalls(), options.queueCallRetention());
      }
    });
  }

  private Mono<Long> delete(String sql, Duration keep, Instant now) {
    if (keep.isZero()) {
      return Mono.just(0L);
    }
    return database.withConnection(connection -> Flux.from(connection.createStatement(sql)
            .bind(0, HistorySql.time(now.minus(keep))).execute())
        .concatMap(Result::getRowsUpdated)
        .reduce(0L, Long::sum));
  }
}
