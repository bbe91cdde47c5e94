package io.presencestream.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.Availability;
import io.presencestream.model.PresenceEvent;
import io.presencestream.sink.Health;
import io.presencestream.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the issue, on a real PostgreSQL server: the database goes down for 30 seconds while events
 * keep coming, and comes back. The engine's thread never waits (every {@code accept} returns at once), the
 * events wait in the spill directory (counted; health says degraded), and once the server is back every
 * event and every call is in the database exactly once. {@code -Dpresence.history.outage=5s} shortens the
 * outage for a quick run; the suite runs the real 30 s.
 */
@Timeout(300)
class PostgresOutageIT {

  private static final Duration OUTAGE =
      Duration.parse("PT" + System.getProperty("presence.history.outage", "30s").toUpperCase());
  private static final int EVENTS_PER_SECOND = 200;

  @TempDir Path temp;
  private PostgresServer server;
  private HistoryStore store;

  @AfterEach
  void stop() {
    if (store != null) {
      store.close().block(Duration.ofSeconds(60));
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aDatabaseDownForThirtySecondsLosesNothingAndDuplicatesNothing() throws Exception {
    server = PostgresServer.start();
    String name = server.createDatabase("outage");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PresenceCodec codec = PresenceCodec.create();
    store = HistoryStore.open(
        HistoryOptions.builder(HistoryDatabase.postgresql("127.0.0.1", server.port(), name, server.user(),
                server.password(), HistoryDatabase.SslMode.DISABLE))
            .spillDirectory(temp.resolve("spill"))
            .batchSize(100)
            .queueCapacity(1000) // far less than the outage's events: they must go to disk
            .connectTimeout(Duration.ofSeconds(2))
            .writeTimeout(Duration.ofSeconds(3))
            .backoff(Duration.ofMillis(200), Duration.ofSeconds(2))
            .build(),
        codec::encodeEvent, registry);
    DatabaseSink sink = (DatabaseSink) store.sink();

    // The engine's stand-in: one thread, events at a steady rate, every accept timed.
    AtomicBoolean feeding = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    AtomicLong slowestAcceptNanos = new AtomicLong();
    Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
    Thread feeder = new Thread(() -> {
      long next = System.nanoTime();
      int i = 0;
      while (feeding.get()) {
        List<PresenceEvent> events = i % 10 == 0
            ? CallScript.missed("5" + (i % 50), "o" + i, t0.plusMillis(i), Duration.ofSeconds(2))
            : List.of(CallScript.presence("5" + (i % 50), t0.plusMillis(i), i % 2 == 0 ? Availability.BUSY : Availability.AVAILABLE));
        for (PresenceEvent event : events) {
          long before = System.nanoTime();
          sink.accept(event);
          slowestAcceptNanos.accumulateAndGet(System.nanoTime() - before, Math::max);
          sent.incrementAndGet();
        }
        if (i % 10 == 0) {
          calls.incrementAndGet();
        }
        i++;
        next += 1_000_000_000L / EVENTS_PER_SECOND;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
    }, "engine-stand-in");
    feeder.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> store.count("events").block(Duration.ofSeconds(10)) > 200);
    server.stopServer();
    Instant down = Instant.now();
    await().atMost(Duration.ofSeconds(30)).until(() -> sink.health().isDegraded() && sink.spilledWaiting() > 0);
    Health during = sink.health();
    assertThat(during.detail()).startsWith("degraded: database unreachable since").contains("kept in the spill directory");
    Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(down, Instant.now())).toMillis()));
    assertThat(sink.databaseUp()).isFalse();
    long spilledDuringOutage = sink.spilledWaiting();
    assertThat(spilledDuringOutage).isGreaterThan((long) (OUTAGE.toSeconds() * EVENTS_PER_SECOND / 2));
    server.startServer();
    Thread.sleep(3000); // events keep coming once it is back
    feeding.set(false);
    feeder.join();

    await().atMost(Duration.ofSeconds(90)).until(() -> sink.databaseUp() && sink.spilledWaiting() == 0 && sink.queueDepth() == 0);
    assertThat(sink.health()).isEqualTo(Health.up());
    assertThat(store.count("events").block(Duration.ofSeconds(10))).as("every event, once").isEqualTo(sent.get());
    assertThat(store.count("calls").block(Duration.ofSeconds(10))).as("every call, once").isEqualTo(calls.get());
    assertThat(sink.dropped()).isZero();
    assertThat(registry.get("presence.history.spilled").counter().count()).isGreaterThanOrEqualTo(spilledDuringOutage);
    assertThat(registry.get("presence.history.replayed").counter().count())
        .as("replayed vs spilled; delivered %s, duplicates %s, sent %s",
            registry.get("presence.sink.delivered").counter().count(),
            registry.get("presence.history.duplicates").counter().count(), sent.get())
        .isEqualTo(registry.get("presence.history.spilled").counter().count());
    assertThat(registry.get("presence.history.write.failures").counter().count()).isPositive();
    // Waiting for the database would take a connect or write timeout (2-3 s) at least; the bound leaves room
    // for a garbage collection or a descheduled thread on a shared 2-core machine, not for any I/O wait.
    assertThat(Duration.ofNanos(slowestAcceptNanos.get())).as("the engine's thread never waited for the database")
        .isLessThan(Duration.ofMillis(250));
  }
}
