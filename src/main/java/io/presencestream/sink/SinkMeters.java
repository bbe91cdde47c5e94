package io.presencestream.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The meters every queued sink has, resolved once: {@code presence.sink.queue.depth},
 * {@code presence.sink.dropped} (by reason) and {@code presence.sink.delivered}, tagged with the sink's name.
 */
final class SinkMeters {

  private final Counter droppedOverflow;
  private final Counter droppedClosed;
  private final Counter droppedFailed;
  private final Counter delivered;
  private final AtomicLong droppedTotal = new AtomicLong();

  SinkMeters(MeterRegistry registry, String sink, Supplier<Number> depth) {
    Gauge.builder("presence.sink.queue.depth", depth)
        .tag("sink", sink)
        .description("Events accepted by a sink and not yet delivered")
        .register(registry);
    droppedOverflow = dropped(registry, sink, "overflow");
    droppedClosed = dropped(registry, sink, "closed");
    droppedFailed = dropped(registry, sink, "failed");
    delivered =
        Counter.builder("presence.sink.delivered")
            .tag("sink", sink)
            .description("Events a sink wrote or delivered")
            .register(registry);
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
