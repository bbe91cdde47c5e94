package io.presencestream.ringcentral;

import io.presencestream.model.ResyncRequest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * Turns the engine's resync requests into batches of extension ids worth one REST read each.
 *
 * <p>A batch closes when no request came for {@code quiet} or when its first request has waited
 * {@code maxDelay}, whichever comes first (the reference client: 2 s and 4 s): a burst of truncated
 * call lists costs one read, yet no request waits long. Requests for the same extension are
 * coalesced. A batch is handed on only when the consumer asks for one, so while a read is running
 * new requests keep merging into the next batch instead of queueing: memory is bounded by the number
 * of distinct extensions, capped at {@code maxPending} (beyond it requests are dropped and counted).
 */
final class ResyncDebouncer {

  private ResyncDebouncer() {}

  static Flux<Set<String>> batches(
      Flux<ResyncRequest> requests,
      Duration quiet,
      Duration maxDelay,
      int maxPending,
      Scheduler scheduler,
      Runnable onDropped) {
    return Flux.create(
        sink -> {
          State state = new State(sink, quiet, maxDelay, maxPending, scheduler, onDropped);
          Disposable upstream =
              requests.subscribe(state::onRequest, state::onUpstreamError, state::onUpstreamComplete);
          sink.onRequest(n -> state.tryFlush());
          sink.onDispose(
              () -> {
                upstream.dispose();
                state.cancelTimers();
              });
        },
        FluxSink.OverflowStrategy.BUFFER);
  }

  private static final class State {
    private final FluxSink<Set<String>> sink;
    private final long quietNanos;
    private final long maxDelayNanos;
    private final int maxPending;
    private final Scheduler scheduler;
    private final Runnable onDropped;

    private LinkedHashSet<String> pending = new LinkedHashSet<>();
    private Disposable quietTimer;
    private Disposable maxTimer;
    private boolean due;
    private boolean upstreamDone;
    private Throwable upstreamError;

    State(
        FluxSink<Set<String>> sink,
        Duration quiet,
        Duration maxDelay,
        int maxPending,
        Scheduler scheduler,
        Runnable onDropped) {
      this.sink = sink;
      this.quietNanos = quiet.toNanos();
      this.maxDelayNanos = maxDelay.toNanos();
      this.maxPending = maxPending;
      this.scheduler = scheduler;
      this.onDropped = onDropped;
    }

    synchronized void onRequest(ResyncRequest request) {
      String id = request.extensionId();
      if (!pending.contains(id) && pending.size() >= maxPending) {
        onDropped.run();
        return;
      }
      boolean first = pending.isEmpty();
      pending.add(id);
      if (due) {
        // The batch is already closed and waits for demand: it simply grows.
        return;
      }
      if (first) {
        maxTimer = scheduler.schedule(this::close, maxDelayNanos, TimeUnit.NANOSECONDS);
      }
      if (quietTimer != null) {
        quietTimer.dispose();
      }
      quietTimer = scheduler.schedule(this::close, quietNanos, TimeUnit.NANOSECONDS);
    }

    void onUpstreamError(Throwable error) {
      synchronized (this) {
        upstreamDone = true;
        upstreamError = error;
        due = true;
      }
      tryFlush();
    }

    void onUpstreamComplete() {
      synchronized (this) {
        upstreamDone = true;
        due = true;
      }
      tryFlush();
    }

    private void close() {
      synchronized (this) {
        due = true;
      }
      tryFlush();
    }

    synchronized void tryFlush() {
      if (due && !pending.isEmpty() && sink.requestedFromDownstream() > 0) {
        Set<String> batch = pending;
        pending = new LinkedHashSet<>();
        due = false;
        cancelTimers();
        sink.next(batch);
      }
      if (upstreamDone && pending.isEmpty()) {
        if (upstreamError != null) {
          sink.error(upstreamError);
        } else {
          sink.complete();
        }
      }
    }

    synchronized void cancelTimers() {
      if (quietTimer != null) {
        quietTimer.dispose();
        quietTimer = null;
      }
      if (maxTimer != null) {
        maxTimer.dispose();
        maxTimer = null;
      }
    }
  }
}
