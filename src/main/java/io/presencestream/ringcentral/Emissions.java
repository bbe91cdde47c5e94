package io.presencestream.ringcentral;

import java.util.concurrent.ArrayBlockingQueue;
import reactor.core.publisher.Sinks;

/** Sinks that several threads may emit into at once. */
final class Emissions {

  private Emissions() {}

  /**
   * A unicast sink that threads which are not serialized with one another may emit into. A
   * {@code Sinks.many()} sink refuses a second concurrent emitter with {@code FAIL_NON_SERIALIZED}
   * instead of queueing it, so a caller that ignores the result loses the value silently; this one
   * queues every value in a bounded, multi-producer-safe queue and drains it under the unicast sink's
   * own work-in-progress guard. {@code tryEmitNext} fails only with {@code FAIL_OVERFLOW} when
   * {@code capacity} values wait, or once the sink is terminated or cancelled.
   */
  static <T> Sinks.Many<T> multiProducerUnicast(int capacity) {
    return Sinks.unsafe().many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
  }
}
