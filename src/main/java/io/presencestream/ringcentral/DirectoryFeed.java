package io.presencestream.ringcentral;

import io.presencestream.codec.CallQueuePresenceEvent;
import io.presencestream.codec.protocol.ExtensionListEvent;
import io.presencestream.internal.SerialDrain;
import java.time.Instant;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * What the subscriptions tell the directory, and what the directory tells the subscriptions. Connections
 * hand over extension list and call-queue presence notifications from their event loops; every running
 * {@link RingCentralSource#directory} stream receives them (none running: they are dropped, as nothing keeps a
 * directory). The directory, after each read, publishes the queue ids whose member presence the runs subscribe
 * to (with {@code queuePresence}).
 *
 * <p>Emission is serialised by a drain, never by a lock: a connection's thread that finds another emitting
 * leaves its signal to that one. A subscriber that cannot take a signal (no demand) loses it, counted: the
 * next refresh reads what it said.
 */
final class DirectoryFeed {

  /** A call-queue presence notification with the instant it was received. */
  record QueuePresence(CallQueuePresenceEvent event, Instant receivedAt) {}

  private final ClientMetrics metrics;
  private final Sinks.Many<Object> signals = Sinks.many().multicast().directBestEffort();
  private final SerialDrain<Object> emitter = new SerialDrain<>(this::emit);
  private volatile Set<String> queueIds = Set.of();

  DirectoryFeed(ClientMetrics metrics) {
    this.metrics = metrics;
  }

  /** From a connection: an extension of the account changed. */
  void extensionListChanged(ExtensionListEvent event) {
    emitter.offer(event);
  }

  /** From a connection: members of a queue switched it on or off. */
  void queuePresenceChanged(CallQueuePresenceEvent event, Instant receivedAt) {
    metrics.queuePresenceEvents.increment();
    emitter.offer(new QueuePresence(event, receivedAt));
  }

  /** {@link ExtensionListEvent}s and {@link QueuePresence}s, hot; subscribe with unbounded demand. */
  Flux<Object> signals() {
    return signals.asFlux();
  }

  /** The queues whose member presence is subscribed (with {@code queuePresence}): the last directory's. */
  Set<String> queueIds() {
    return queueIds;
  }

  /** @return whether the set changed */
  boolean queueIds(Set<String> ids) {
    Set<String> next = Set.copyOf(ids);
    if (next.equals(queueIds)) {
      return false;
    }
    queueIds = next;
    return true;
  }

  private void emit(Object signal) {
    Sinks.EmitResult result = signals.tryEmitNext(signal);
    if (result.isFailure() && result != Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
      metrics.directorySignalsDropped.increment();
    }
  }
}
