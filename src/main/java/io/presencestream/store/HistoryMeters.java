package io.presencestream.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The history sink's meters, resolved once and tagged with the sink's name: the {@code presence.sink.*}
 * meters every sink has, and the {@code presence.history.*} ones that say where events wait (spilled,
 * replayed, the backlog on disk) and what the database did with them. Removed when the store closes.
 */
final class HistoryMeters {

  private final MeterRegistry registry;
  private final List<Meter> owned = new CopyOnWriteArrayList<>();
  private final Counter droppedOverflow;
  private final Counter droppedClosed;
  private final Counter droppedFailed;
  private final Counter delivered;
  private final Counter spilled;
  private final Counter replayed;
  private final Counter duplicates;
  private final Counter writeFailures;
  private final Counter spillCorrupt;
  private final Counter unreadable;
  private final Counter retentionEvents;
  private final Counter retentionCalls;
  private final Counter retentionAgentStates;
  private final Counter retentionQueueCalls;
  private final Timer batches;
  private final AtomicLong droppedTotal = new AtomicLong();

  HistoryMeters(MeterRegistry registry, String sink, Supplier<Number> depth, Supplier<Number> backlog,
      Supplier<Number> databaseUp) {
    this.registry = registry;
    own(Gauge.builder("presence.sink.queue.depth", depth).tag("sink", sink)
        .description("Events accepted by a sink and not yet delivered").register(registry));
    droppedOverflow = own(dropped(sink, "overflow"));
    droppedClosed = own(dropped(sink, "closed"));
    droppedFailed = own(dropped(sink, "failed"));
    delivered = own(Counter.builder("presence.sink.delivered").tag("sink", sink)
        .description("Events a sink wrote or delivered").register(registry));
    spilled = own(Counter.builder("presence.history.spilled").tag("sink", sink)
        .description("Events written to the spill directory because the database was down or slow").register(registry));
    replayed = own(Counter.builder("presence.history.replayed").tag("sink", sink)
        .description("Spilled events written to the database since").register(registry));
    duplicates = own(Counter.builder("presence.history.duplicates").tag("sink", sink)
        .description("Events the database already had (a replay or a reload), stored once").register(registry));
    writeFailures = own(Counter.builder("presence.history.write.failures").tag("sink", sink)
        .description("Batches the database did not take (down, slow, or refused)").register(registry));
    spillCorrupt = own(Counter.builder("presence.history.spill.corrupt").tag("sink", sink)
        .description("Spill lines that could not be read back (cut short by a crash), skipped").register(registry));
    unreadable = own(Counter.builder("presence.history.events.unreadable").tag("sink", sink)
        .description("Stored events read back for a restore that did not decode (a corrupt row), skipped")
        .register(registry));
    retentionEvents = own(Counter.builder("presence.history.retention.deleted").tag("sink", sink).tag("table", "events")
        .description("Rows deleted by the retention job").register(registry));
    retentionCalls = own(Counter.builder("presence.history.retention.deleted").tag("sink", sink).tag("table", "calls")
        .description("Rows deleted by the retention job").register(registry));
    retentionAgentStates = own(Counter.builder("presence.history.retention.deleted").tag("sink", sink)
        .tag("table", "agent_states").description("Rows deleted by the retention job").register(registry));
    retentionQueueCalls = own(Counter.builder("presence.history.retention.deleted").tag("sink", sink)
        .tag("table", "queue_calls").description("Rows deleted by the retention job").register(registry));
    batches = own(Timer.builder("presence.history.batch.duration").tag("sink", sink)
        .description("Time to write one batch to the database, connection included")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry));
    own(Gauge.builder("presence.history.spill.backlog", backlog).tag("sink", sink)
        .description("Events in the spill directory waiting for the database").register(registry));
    own(Gauge.builder("presence.history.database.up", databaseUp).tag("sink", sink)
        .description("1 while the database takes writes, 0 while it is down (events go to the spill directory)")
        .register(registry));
  }

  private <M extends Meter> M own(M meter) {
    owned.add(meter);
    return meter;
  }

  private Counter dropped(String sink, String reason) {
    return Counter.builder("presence.sink.dropped").tag("sink", sink).tag("reason", reason)
        .description("Events a sink dropped: queue overflow, after close, or failed delivery").register(registry);
  }

  void remove() {
    owned.forEach(registry::remove);
  }

  void overflow() {
    droppedOverflow.increment();
    droppedTotal.incrementAndGet();
  }

  void closed() {
    droppedClosed.increment();
    droppedTotal.incrementAndGet();
  }

  void failed(long events) {
    droppedFailed.increment(events);
    droppedTotal.addAndGet(events);
  }

  void delivered(long events) {
    delivered.increment(events);
  }

  void spilled(long events) {
    spilled.increment(events);
  }

  void replayed(long events) {
    replayed.increment(events);
  }

  void duplicates(long events) {
    duplicates.increment(events);
  }

  void writeFailure() {
    writeFailures.increment();
  }

  void spillCorrupt() {
    spillCorrupt.increment();
  }

  void unreadable() {
    unreadable.increment();
  }

  long unreadableTotal() {
    return (long) unreadable.count();
  }

  void retention(Retention deleted) {
    retentionEvents.increment(deleted.events());
    retentionCalls.increment(deleted.calls());
    retentionAgentStates.increment(deleted.agentStates());
    retentionQueueCalls.increment(deleted.queueCalls());
  }

  void batch(long nanos) {
    batches.record(Duration.ofNanos(nanos));
  }

  long droppedTotal() {
    return droppedTotal.get();
  }

  long spilledTotal() {
    return (long) spilled.count();
  }

  long replayedTotal() {
    return (long) replayed.count();
  }

  long deliveredTotal() {
    return (long) delivered.count();
  }
}
