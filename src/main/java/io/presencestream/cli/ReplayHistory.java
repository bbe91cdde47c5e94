package io.presencestream.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.daemon.DaemonConfig;
import io.presencestream.daemon.SinksConfig;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.EventSink;
import io.presencestream.store.HistoryDatabase;
import io.presencestream.store.HistoryOptions;
import io.presencestream.store.HistoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code replay --sink db}: the derived events go to the history database (a backfill) instead of stdout.
 * The database is the one {@code sinks.database} of the given configuration names, else the default
 * embedded H2 ({@code history/presence}). The replay waits while the sink's queue is half full, so a
 * backfill runs at the database's pace rather than spilling to disk; the keys make a second load of the
 * same file store nothing twice.
 */
final class ReplayHistory implements AutoCloseable {

  private static final Duration DRAIN = Duration.ofMinutes(30);

  private final HistoryStore store;
  private final EventSink sink;
  private final long highWater;
  // resolved now: a closed sink removes its meters from the registry, the counters themselves go on
  private final Counter delivered;
  private final Counter duplicates;
  private final Gauge waiting;

  private ReplayHistory(HistoryStore store, SimpleMeterRegistry registry) {
    this.store = store;
    this.sink = store.sink();
    this.highWater = store.options().queueCapacity() / 2;
    this.delivered = registry.get("presence.sink.delivered").counter();
    this.duplicates = registry.get("presence.history.duplicates").counter();
    this.waiting = registry.get("presence.history.spill.backlog").gauge();
  }

  /**
   * The history options: {@code sinks.database} of {@code config}, or the embedded default without one.
   *
   * @throws IllegalArgumentException when the configuration has no {@code sinks.database} section
   */
  static HistoryOptions options(Path config, Map<String, String> env) {
    if (config == null) {
      return HistoryOptions.builder(HistoryDatabase.h2(Path.of("history/presence")))
          .spillDirectory(Path.of("history/spill")).build();
    }
    return DaemonConfig.load(config, env).sinks().database().map(SinksConfig.Database::options)
        .orElseThrow(() -> new IllegalArgumentException(config + " has no sinks.database section"));
  }

  static ReplayHistory open(HistoryOptions options, PresenceCodec codec) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    return new ReplayHistory(HistoryStore.open(options, codec::encodeEvent, registry), registry);
  }

  /** Hands the event on, first waiting (off any event loop: the replay's own thread) while the queue is half full. */
  void accept(PresenceEvent event) {
    while (sink.queueDepth() > highWater) {
      LockSupport.parkNanos(1_000_000);
    }
    sink.accept(event);
  }

  /** Writes what is queued and closes the store; returns the summary line. */
  String finish() {
    sink.close(DRAIN).block(DRAIN.plusMinutes(1));
    long delivered = (long) this.delivered.count();
    long duplicates = (long) this.duplicates.count();
    long waiting = (long) this.waiting.value();
    store.close().block(Duration.ofMinutes(1));
    return "replay: " + delivered + " events written to " + store.options().database().describe() + ": "
        + (delivered - duplicates) + " new, " + duplicates + " already there"
        + (waiting > 0 ? "; " + waiting + " wait in " + store.options().spillDirectory() + " for the next run" : "")
        + (sink.dropped() > 0 ? "; " + sink.dropped() + " dropped (see the log)" : "");
  }

  @Override
  public void close() {
    store.close().block(Duration.ofMinutes(1));
  }
}
