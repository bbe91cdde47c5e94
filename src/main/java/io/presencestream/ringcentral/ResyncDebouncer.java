package io.presencestream.ringcentral;

import io.presencestream.internal.SerialDrain;

import io.presencestream.model.ResyncRequest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 *
 * <p>Requests, timers, demand and the end of the requests are signals into one {@link SerialDrain};
 * the batch is emitted from the drain with no lock held, so the consumer may start a read, take the
 * input gate or run the engine, which may send new requests straight back here.
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
    return idBatches(requests.map(ResyncRequest::extensionId), quiet, maxDelay, maxPending, scheduler, onDropped);
  }

  /** The same for plain keys (extension ids, or a marker of the caller's that is no id). */
  static Flux<Set<String>> idBatches(
      Flux<String> requests,
      Duration quiet,
      Duration maxDelay,
      int maxPending,
      Scheduler scheduler,
      Runnable onDropped) {
    return Flux.create(
        sink -> {
          State state = new State(sink, quiet, maxDelay, maxPending, scheduler, onDropped);
          Disposable upstream = requests.subscribe(state::request, state::upstreamFailed, state::upstreamCompleted);
          sink.onRequest(n -> state.signals.offer(Signal.DEMAND));
          sink.onDispose(
              () -> {
                upstream.dispose();
                state.signals.offer(Signal.DISPOSE);
              });
        },
        FluxSink.OverflowStrategy.BUFFER);
  }

  private enum Signal {
    DEMAND,
    DISPOSE
  }

  /** A timer of the batch opened as number {@code batch}; a timer of an earlier batch is ignored. */
  private record Close(long batch) {}

  private record Done(Throwable error) {}

  private record Request(String id) {}

  private static final class State {
    private final FluxSink<Set<String>> sink;
    private final long quietNanos;
    private final long maxDelayNanos;
    private final int maxPending;
    private final Scheduler scheduler;
    private final Runnable onDropped;
    final SerialDrain<Object> signals = new SerialDrain<>(this::apply);
    /** Requests offered and not yet drained: bounded like the pending set. */
    private final AtomicInteger waiting = new AtomicInteger();

    // Drain-confined state.
    private LinkedHashSet<String> pending = new LinkedHashSet<>();
    private long batch;
    private Disposable quietTimer;
    private Disposable maxTimer;
    private boolean due;
    private boolean upstreamDone;
    private Throwable upstreamError;
    private boolean disposed;

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

    void request(String request) {
      if (waiting.incrementAndGet() > maxPending) {
        waiting.decrementAndGet();
        onDropped.run();
        return;
      }
      signals.offer(new Request(request));
    }

    void upstreamFailed(Throwable error) {
      signals.offer(new Done(error));
    }

    void upstreamCompleted() {
      signals.offer(new Done(null));
    }

    private void apply(Object signal) {
      if (signal instanceof Request request) {
        waiting.decrementAndGet();
        pend(request.id());
      } else if (signal instanceof Close close) {
        if (close.batch() == batch && !pending.isEmpty()) {
          due = true;
        }
      } else if (signal instanceof Done done) {
        upstreamDone = true;
        upstreamError = done.error();
        due = true;
      } else if (signal == Signal.DISPOSE) {
        disposed = true;
        cancelTimers();
        return;
      }
      if (!disposed) {
        tryFlush();
      }
    }

    private void pend(String id) {
      if (disposed) {
        return;
      }
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
      long current = batch;
      if (first) {
        maxTimer = scheduler.schedule(() -> signals.offer(new Close(current)), maxDelayNanos, TimeUnit.NANOSECONDS);
      }
      if (quietTimer != null) {
        quietTimer.dispose();
      }
      quietTimer = scheduler.schedule(() -> signals.offer(new Close(current)), quietNanos, TimeUnit.NANOSECONDS);
    }

    private void tryFlush() {
      if (due && !pending.isEmpty() && sink.requestedFromDownstream() > 0) {
        Set<String> ready = pending;
        pending = new LinkedHashSet<>();
        due = false;
        batch++;
        cancelTimers();
        sink.next(ready);
      }
      if (upstreamDone && pending.isEmpty()) {
        disposed = true;
        cancelTimers();
        if (upstreamError != null) {
          sink.error(upstreamError);
        } else {
          sink.complete();
        }
      }
    }

    private void cancelTimers() {
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
