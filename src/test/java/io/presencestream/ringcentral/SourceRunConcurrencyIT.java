package io.presencestream.ringcentral;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.presencestream.PresenceEngine;
import io.presencestream.codec.PresenceCodec;
import io.presencestream.model.EngineInput;
import io.presencestream.model.ExtensionInfo;
import io.presencestream.model.Notification;
import io.presencestream.model.PresenceUpdate;
import io.presencestream.simulator.RingCentralSimulator;
import io.presencestream.simulator.SimulatorOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * A {@link SourceRun} driven from several threads at once, as the event loops of its connections
 * drive it, against a real simulator for the REST reads. The connections' threads are played by
 * plain threads that call the run's listener methods with what a socket would hand it.
 */
class SourceRunConcurrencyIT {

  private static final Duration RUN_FOR = Duration.ofSeconds(4);
  private static final int CONNECTION_THREADS = 3;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Disposable> disposables = new ArrayList<>();
  private RingCentralSimulator simulator;
  private RingCentralSource source;
  private List<String> ids;
  private boolean deadlocked;

  private SourceRun start(UnaryOperator<RingCentralOptions.Builder> options, PresenceEngine engine) {
    simulator = RingCentralSimulator.start(SimulatorOptions.builder().port(0).eventsPerSecond(0).extensions(30).build());
    RingCentralOptions.Builder builder =
        RingCentralOptions.builder(
                URI.create(simulator.baseUrl()),
                simulator.credentials().clientId(),
                simulator.credentials().clientSecret(),
                simulator.credentials().jwt())
            .requestTimeout(Duration.ofSeconds(5));
    source = RingCentralSource.create(
        options.apply(builder).build(), PresenceCodec.create(), registry, Clock.systemUTC(), Schedulers.parallel(), 7);
    ids = simulator.directory().stream().map(ExtensionInfo::extensionId).toList();
    return new SourceRun(source.context(), new ConnectionStateTracker(source.context().metrics()),
        ExtensionSelection.of(ids.get(0)), engine == null ? Flux.never() : engine.resyncRequests());
  }

  @AfterEach
  void close() {
    running.set(false);
    if (deadlocked) {
      // Disposing would wait for the frozen threads' monitors; they die with the JVM.
      return;
    }
    disposables.forEach(Disposable::dispose);
    if (source != null) {
      source.close().block(Duration.ofSeconds(5));
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  /**
   * Notifications of several connections, REST snapshots and the resync timer all reach the engine,
   * and the engine's resync requests come back into the client, which starts REST reads: no thread
   * may hold a monitor across any of these calls, or two of them freeze each other (and with them a
   * Reactor Netty event loop shared with the HTTP server). Truncated call lists make the engine ask
   * for a resync all the time, and 1–2 ms batches make the timer close batches all the time.
   * BlockHound cannot see a monitor, so a frozen thread is looked for with
   * {@link ThreadMXBean#findDeadlockedThreads()} while the traffic runs.
   */
  @Test
  void notificationsOfSeveralConnectionsWhileResyncBatchesCloseNeverDeadlockTheClient() throws Exception {
    PresenceEngine engine = PresenceEngine.create();
    SourceRun run = start(b -> b.resyncDebounce(Duration.ofMillis(1), Duration.ofMillis(2)), engine);
    disposables.add(engine.process(run.inputs()).subscribe());

    AtomicLong sequence = new AtomicLong();
    List<Thread> connections = new ArrayList<>();
    for (int t = 0; t < CONNECTION_THREADS; t++) {
      List<String> own = slice(t);
      Thread connection = new Thread(() -> {
        while (running.get()) {
          for (String id : own) {
            run.input(new EngineInput.NotificationReceived(truncatedCallList(id, sequence.incrementAndGet()), Instant.now()));
          }
        }
      }, "connection-" + t);
      connection.setDaemon(true);
      connection.start();
      connections.add(connection);
    }

    long deadline = System.nanoTime() + RUN_FOR.toNanos();
    while (System.nanoTime() < deadline) {
      assertNoDeadlock();
      Thread.sleep(5);
    }
    assertNoDeadlock();
    running.set(false);
    for (Thread connection : connections) {
      connection.join(Duration.ofSeconds(5).toMillis());
      assertThat(connection.isAlive()).as("%s still running", connection.getName()).isFalse();
    }
    assertThat(registry.find("presence.connection.resyncs").tag("reason", "engine").counter().count())
        .as("REST reads the engine asked for while notifications flowed")
        .isPositive();
  }

  /**
   * Each connection announces its subscription from its own event loop; announcements that coincide
   * must each get their initial read at once, not be refused as a concurrent emission and come back
   * seconds later as a debounced resync.
   */
  @Test
  void subscriptionsAnnouncedAtOnceFromSeveralThreadsAreAllReadAsInitialSnapshots() throws Exception {
    SourceRun run = start(b -> b.resyncDebounce(Duration.ofMillis(200), Duration.ofMillis(400)), null);
    Set<String> announced = new HashSet<>(ids.subList(1, ids.size()));
    CountDownLatch go = new CountDownLatch(1);

    StepVerifier.create(
            run.inputs()
                .ofType(EngineInput.SnapshotReceived.class)
                .map(s -> s.presence().extensionId())
                .filter(announced::contains)
                .distinct())
        .then(() -> {
          for (int t = 0; t < CONNECTION_THREADS; t++) {
            List<String> own = slice(t).stream().filter(announced::contains).toList();
            Thread connection = new Thread(() -> {
              await(go);
              for (String id : own) {
                run.subscribed(null, Set.of(id), GatewayConversation.SnapshotReason.INITIAL);
              }
            }, "connection-" + t);
            connection.setDaemon(true);
            connection.start();
          }
          go.countDown();
        })
        .expectNextCount(announced.size())
        .thenCancel()
        .verify(Duration.ofSeconds(20));

    assertThat(registry.find("presence.connection.resyncs").tag("reason", "engine").counter().count())
        .as("announcements turned into debounced resyncs")
        .isZero();
  }

  private List<String> slice(int thread) {
    List<String> own = new ArrayList<>();
    for (int i = thread; i < ids.size(); i += CONNECTION_THREADS) {
      own.add(ids.get(i));
    }
    return own;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Two calls, none listed: the engine keeps the calls it knew and asks for a resync. */
  private static Notification truncatedCallList(String extensionId, long sequence) {
    PresenceUpdate body = new PresenceUpdate(extensionId, sequence, null, null, null, null, null, null, 2, List.of());
    return new Notification("u" + sequence, "/restapi/v1.0/account/~/extension/" + extensionId + "/presence",
        null, "sub", extensionId, body);
  }

  private void assertNoDeadlock() {
    long[] deadlockedIds = threads.findDeadlockedThreads();
    if (deadlockedIds == null) {
      return;
    }
    deadlocked = true;
    StringBuilder report = new StringBuilder("deadlocked threads:\n");
    for (ThreadInfo info : threads.getThreadInfo(deadlockedIds, true, true)) {
      report.append('"').append(info.getThreadName()).append("\" waits for ").append(info.getLockName())
          .append(" held by \"").append(info.getLockOwnerName()).append("\"\n");
      for (StackTraceElement frame : info.getStackTrace()) {
        report.append("\tat ").append(frame).append('\n');
      }
    }
    throw new AssertionError(report.toString());
  }
}
