package io.presencestream.ringcentral;

import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/** Sinks that several threads may emit into at once. */
final class Emissions {

  private Emissions() {}

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
  static <T> Sinks.Many<T> multiProducerUnicast() {
    return Sinks.unsafe().many().unicast().onBackpressureBuffer(Queues.<T>unboundedMultiproducer().get());
  }
}
