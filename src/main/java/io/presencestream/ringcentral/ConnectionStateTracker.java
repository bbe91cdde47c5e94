package io.presencestream.ringcentral;

import io.presencestream.internal.SerialDrain;

import io.presencestream.ringcentral.ConnectionState.Status;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Folds the states of every connection and of running REST reads into one {@link ConnectionState}
 * for the whole source, emitted on change (late subscribers get the current one) and mirrored in the
 * {@code presence.connection.status} gauge.
 *
 * <p>Called from every connection's event loop and the REST reads; each change is applied and its
 * state delivered in one {@link SerialDrain}, in call order, so no caller waits for a subscriber
 * another thread is delivering to, and no subscriber runs under a lock.
 */
final class ConnectionStateTracker {

  /** A connection's own state. */
  enum ChannelStatus {
    CONNECTING,
    CONNECTED,
    RECOVERING
  }

  private final ClientMetrics metrics;
  private final Sinks.Many<ConnectionState> sink = Sinks.many().replay().latest();
  private final SerialDrain<Runnable> changes = new SerialDrain<>(Runnable::run);
  // Drain-confined state.
  private final Map<Object, ChannelStatus> channels = new HashMap<>();
  private RingCentralException lastCause;
  private int resyncs;
  private boolean stopped;
  private ConnectionState last;

  ConnectionStateTracker(ClientMetrics metrics) {
    this.metrics = metrics;
  }

  Flux<ConnectionState> states() {
    return sink.asFlux();
  }

  void starting() {
    changes.offer(() -> {
      stopped = false;
      channels.clear();
      resyncs = 0;
      lastCause = null;
      emit(ConnectionState.of(Status.CONNECTING));
    });
  }

  void channel(Object channel, ChannelStatus status, RingCentralException cause) {
    changes.offer(() -> {
      if (stopped) {
        return;
      }
      channels.put(channel, status);
      if (cause != null) {
        lastCause = cause;
      }
      recompute();
    });
  }

  void removeChannel(Object channel) {
    changes.offer(() -> {
      if (channels.remove(channel) != null && !stopped) {
        recompute();
      }
    });
  }

  void resyncStarted() {
    changes.offer(() -> {
      resyncs++;
      recompute();
    });
  }

  void resyncEnded() {
    changes.offer(() -> {
      resyncs = Math.max(0, resyncs - 1);
      recompute();
    });
  }

  void stopped(RingCentralException cause) {
    changes.offer(() -> {
      if (stopped) {
        return;
      }
      stopped = true;
      emit(new ConnectionState(Status.STOPPED, cause));
    });
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
