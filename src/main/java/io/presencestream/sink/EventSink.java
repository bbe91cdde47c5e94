package io.presencestream.sink;

import io.presencestream.model.PresenceEvent;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * A destination for presence events: JSON lines, webhooks, the SSE hub, …
 *
 * <p>{@link #accept} never blocks and never throws for a valid event: a sink queues the event in a
 * bounded queue (or hands it on at once) and, when it cannot keep up, drops according to its
 * documented policy and counts the drop in {@link #dropped()} and in the metric
 * {@code presence.sink.dropped}. Events must be passed by one thread at a time, in order (the engine's
 * output is such a stream):
 *
 * <pre>{@code
 * Disposable feed = engine.process(inputs).subscribe(sink::accept);
 * // on shutdown: stop the source first, then
 * feed.dispose();
 * sink.close().block(Duration.ofSeconds(10));
 * }</pre>
 */
public interface EventSink {

  /** {@return a short name for logs, metrics ({@code sink} tag) and readiness; unique among the sinks of a daemon} */
  String name();

  /**
   * Hands an event to the sink without blocking; after {@link #close()} events are dropped and counted.
   *
   * @param event the event, not null
   */
  void accept(PresenceEvent event);

  /**
   * Stops accepting events, delivers (drains and flushes) what is queued, and releases resources. Lazy
   * (nothing happens until subscribed) and idempotent: every subscription waits for the same close.
   *
   * @return completes when what was queued is delivered (or handled as the sink's policy says)
   */
  Mono<Void> close();

  /**
   * {@link #close()}, delivering for at most {@code drainTimeout}: what is still undelivered then is
   * handled as the sink documents for its own close timeout (a webhook dead-letters it) rather than left
   * to whoever gives up waiting. A daemon with a shutdown deadline calls this. A sink whose close is
   * already under way keeps the limit it started with. The default ignores the limit.
   *
   * @param drainTimeout how long delivery may go on, e.g. what is left of a shutdown deadline
   * @return completes when what was queued is delivered or, after {@code drainTimeout}, handled
   */
  default Mono<Void> close(Duration drainTimeout) {
    return close();
  }

  /** {@return whether the sink is doing its job now, e.g. down after its last write or delivery failed} */
  Health health();

  /** {@return whether {@link #health()} is healthy} */
  default boolean healthy() {
    return health().healthy();
  }

  /** {@return events accepted but not yet delivered (queued or in flight)} */
  long queueDepth();

  /** {@return events this sink dropped so far (overflow, closed, or failed and dead-lettered)} */
  long dropped();

  /**
   * Of the {@link #dropped()} events, those written to a dead-letter file, where they are kept for a later
   * replay rather than lost.
   *
   * @return the events dead-lettered so far; 0 for a sink without dead letters (the default)
   */
  default long deadLettered() {
    return 0;
  }
}
