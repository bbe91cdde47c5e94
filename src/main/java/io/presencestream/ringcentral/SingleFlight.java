package io.presencestream.ringcentral;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * At most one run of a piece of work at a time; callers arriving meanwhile share its result. The work
 * is not cancelled when its callers cancel: a token refresh consumes a single-use refresh token on
 * the server, so once started it must finish and be kept. {@link #dispose()} stops work in flight.
 */
final class SingleFlight<T> implements Disposable {

  private final AtomicReference<Sinks.One<T>> inflight = new AtomicReference<>();
  private final Disposable.Composite running = Disposables.composite();

  Mono<T> run(Supplier<Mono<T>> work) {
    return Mono.defer(
        () -> {
          if (running.isDisposed()) {
            return Mono.error(closed());
          }
          Sinks.One<T> mine = Sinks.one();
          Sinks.One<T> existing = inflight.compareAndExchange(null, mine);
          if (existing != null) {
            return existing.asMono();
          }
          Disposable[] self = new Disposable[1];
          Disposable d =
              work.get()
                  .subscribe(
                      value -> {
                        inflight.compareAndSet(mine, null);
                        mine.tryEmitValue(value);
                      },
                      error -> {
                        inflight.compareAndSet(mine, null);
                        mine.tryEmitError(error);
                        remove(self[0]);
                      },
                      () -> {
                        inflight.compareAndSet(mine, null);
                        mine.tryEmitEmpty();
                        remove(self[0]);
                      });
          self[0] = d;
          if (!d.isDisposed() && !running.add(d)) {
            // Disposed meanwhile: add() has cancelled the work, so nothing else will answer this caller.
            inflight.compareAndSet(mine, null);
            mine.tryEmitError(closed());
          }
          return mine.asMono();
        });
  }

  private static SourceClosedException closed() {
    return new SourceClosedException("the RingCentral source was closed");
  }

  private void remove(Disposable d) {
    if (d != null) {
      running.remove(d);
    }
  }

  /** Stops work in flight; its callers, and every caller from now on, get a {@link SourceClosedException}. */
  @Override
  public void dispose() {
    running.dispose();
    Sinks.One<T> pending = inflight.getAndSet(null);
    if (pending != null) {
      pending.tryEmitError(closed());
    }
  }

  @Override
  public boolean isDisposed() {
    return running.isDisposed();
  }
}
