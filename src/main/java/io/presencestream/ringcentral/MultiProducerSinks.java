package io.presencestream.ringcentral;

import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/** Sinks that several threads may emit into at once. */
final class MultiProducerSinks {

  private MultiProducerSinks() {}

  /**
   * A unicast sink that threads which are not serialized with one another may emit into. A
   * {@code Sinks.many()} sink refuses a second concurrent emitter with {@code FAIL_NON_SERIALIZED}
   * instead of queueing it, so a caller that ignores the result loses the value silently; this one
   * offers every value to a lock-free multi-producer queue and drains it under the unicast sink's own
   * work-in-progress guard, so no emitter waits, parks (BlockHound) or takes a lock that could order
   * against the subscriber's.
   *
   * <p>The queue has no capacity of its own: use this only for a subscriber that requests without
   * bound and keeps its own bounded, counted buffer (here {@link ResyncDebouncer} with
   * {@code maxPendingResyncs}), or whose emitters count what they offer against a bound of their own
   * (a connection's outbound frames), so values wait in it only between an offer and the drain that
   * follows, or up to that bound.
   */
  static <T> Sinks.Many<T> unicast() {
    return Sinks.unsafe().many().unicast().onBackpressureBuffer(Queues.<T>unboundedMultiproducer().get());
  }

  /**
   * As {@link #unicast()}, for a subscriber that requests less than it is sent: at most
   * {@code capacity} values wait for it; beyond that {@code tryEmitNext} answers {@code FAIL_OVERFLOW}
   * (never {@code FAIL_NON_SERIALIZED}), and the caller decides what a refused value costs.
   */
  static <T> Sinks.Many<T> unicast(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    return Sinks.unsafe().many().unicast().onBackpressureBuffer(new Bounded<>(Queues.<T>unboundedMultiproducer().get(), capacity));
  }

  /** A multi-producer queue that refuses an offer beyond {@code capacity} values, lock-free. */
  private static final class Bounded<T> extends AbstractQueue<T> {
    private final Queue<T> queue;
    private final int capacity;
    private final AtomicInteger size = new AtomicInteger();

    Bounded(Queue<T> queue, int capacity) {
      this.queue = queue;
      this.capacity = capacity;
    }

    @Override
    public boolean offer(T value) {
      if (size.incrementAndGet() > capacity) {
        size.decrementAndGet();
        return false;
      }
      return queue.offer(value);
    }

    @Override
    public T poll() {
      T value = queue.poll();
      if (value != null) {
        size.decrementAndGet();
      }
      return value;
    }

    @Override
    public T peek() {
      return queue.peek();
    }

    @Override
    public int size() {
      return Math.max(0, size.get());
    }

    @Override
    public boolean isEmpty() {
      return queue.isEmpty();
    }

    @Override
    public Iterator<T> iterator() {
      throw new UnsupportedOperationException();
    }
  }
}
