package io.presencestream.ringcentral;

import io.presencestream.ringcentral.ConnectionState.Status;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Folds the states of every connection and of running REST reads into one {@link ConnectionState}
 * for the whole source, emitted on change (late subscribers get the current one) and mirrored in the
 * {@code presence.connection.status} gauge.
 */
final class StateTracker {

  /** A connection's own state. */
  enum ChannelStatus {
    CONNECTING,
    CONNECTED,
    RECOVERING
  }

  private final ClientMetrics metrics;
  private final Sinks.Many<ConnectionState> sink = Sinks.many().replay().latest();
  private final Map<Object, ChannelStatus> channels = new HashMap<>();
  private RingCentralException lastCause;
  private int resyncs;
  private boolean stopped;
  private ConnectionState last;

  StateTracker(ClientMetrics metrics) {
    this.metrics = metrics;
  }

  Flux<ConnectionState> states() {
    return sink.asFlux();
  }

  synchronized void starting() {
    stopped = false;
    channels.clear();
    resyncs = 0;
    lastCause = null;
    emit(ConnectionState.of(Status.CONNECTING));
  }

  synchronized void channel(Object channel, ChannelStatus status, RingCentralException cause) {
    if (stopped) {
      return;
    }
    channels.put(channel, status);
    if (cause != null) {
      lastCause = cause;
    }
    recompute();
  }

  synchronized void removeChannel(Object channel) {
    if (channels.remove(channel) != null && !stopped) {
      recompute();
    }
  }

  synchronized void resyncStarted() {
    resyncs++;
    recompute();
  }

  synchronized void resyncEnded() {
    resyncs = Math.max(0, resyncs - 1);
    recompute();
  }

  synchronized void stopped(RingCentralException cause) {
    if (stopped) {
      return;
    }
    stopped = true;
    emit(new ConnectionState(Status.STOPPED, cause));
  }

  private void recompute() {
    if (stopped) {
      return;
    }
    Status status;
    if (channels.isEmpty() || channels.containsValue(ChannelStatus.CONNECTING)) {
      status = channels.containsValue(ChannelStatus.RECOVERING) ? Status.RECOVERING : Status.CONNECTING;
    } else if (channels.containsValue(ChannelStatus.RECOVERING)) {
      status = Status.RECOVERING;
    } else {
      status = resyncs > 0 ? Status.RESYNCING : Status.CONNECTED;
    }
    RingCentralException cause = status == Status.RECOVERING ? lastCause : null;
    emit(new ConnectionState(status, cause));
  }

  private void emit(ConnectionState next) {
    if (last != null && last.status() == next.status() && last.cause() == next.cause()) {
      return;
    }
    last = next;
    metrics.status(next.status());
    sink.tryEmitNext(next);
  }
}
