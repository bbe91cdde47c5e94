package io.presencestream.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The meters every queued sink has, resolved once: {@code presence.sink.queue.depth},
 * {@code presence.sink.dropped} (by reason) and {@code presence.sink.delivered}, tagged with the sink's name.
 * A closed sink removes them ({@link #remove}), and with them any meter it {@link #own}s: a daemon that
 * replaces sinks must not keep reporting the old ones.
 */
final class SinkMeters {

  private final MeterRegistry registry;
  private final List<Meter> owned = new CopyOnWriteArrayList<>();

  private final Counter droppedOverflow;
  private final Counter droppedClosed;
  private final Counter droppedFailed;
  private final Counter delivered;
  private final AtomicLong droppedTotal = new AtomicLong();

  SinkMeters(MeterRegistry registry, String sink, Supplier<Number> depth) {
    this.registry = registry;
    own(Gauge.builder("presence.sink.queue.depth", depth)
        .tag("sink", sink)
        .description("Events accepted by a sink and not yet delivered")
        .register(registry));
    droppedOverflow = own(dropped(registry, sink, "overflow"));
    droppedClosed = own(dropped(registry, sink, "closed"));
    droppedFailed = own(dropped(registry, sink, "failed"));
    delivered = own(
        Counter.builder("presence.sink.delivered")
            .tag("sink", sink)
            .description("Events a sink wrote or delivered")
            .register(registry));
  }

  /** Registers {@code meter} to be removed with the others when the sink closes. */
  <M extends Meter> M own(M meter) {
    owned.add(meter);
    return meter;
  }

  /** Removes every meter of this sink from the registry (the counters keep counting, unregistered). */
  void remove() {
    owned.forEach(registry::remove);
  }

  private static Counter dropped(MeterRegistry registry, String sink, String reason) {
    return Counter.builder("presence.sink.dropped")
        .tag("sink", sink)
        .tag("reason", reason)
        .description("Events a sink dropped: queue overflow, after close, or failed delivery")
        .register(registry);
  }

  void overflow() {
    droppedOverflow.increment();
    droppedTotal.incrementAndGet();
  }

  void closed() {
    droppedClosed.increment();
    droppedTotal.incrementAndGet();
  }

  void failed(int events) {
    droppedFailed.increment(events);
    droppedTotal.addAndGet(events);
  }

  void delivered(int events) {
    delivered.increment(events);
  }

  long droppedTotal() {
    return droppedTotal.get();
  }
}
