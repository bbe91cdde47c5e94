package io.presencestream.ringcentral;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * When to connect again: after a transient failure, following the {@link Backoff} of the attempt
 * number (at least a rate limit's {@code Retry-After}); never after a permanent one. The attempt
 * number resets once a connection is subscribed ({@link #reset()}), and a gateway timeout
 * ({@code WSG-902/903}) is an ordinary event that starts again from the first attempt.
 */
final class Reconnect {

  /** Told before each wait. */
  interface Listener {
    void retrying(TransientRingCentralException failure, int attempt, Duration delay);
  }

  private final Backoff backoff;
  private final Scheduler timer;
  private final AtomicInteger attempt = new AtomicInteger();

  Reconnect(Backoff backoff, Scheduler timer) {
    this.backoff = backoff;
    this.timer = timer;
  }

  /** The connection is up and subscribed: the next failure starts from the first delay again. */
  void reset() {
    attempt.set(0);
  }

  /** A retry spec for {@code retryWhen}; {@code stopped} ends the retries with the last failure. */
  Retry retry(BooleanSupplier stopped, Listener listener) {
    return Retry.from(
        signals ->
            signals.concatMap(
                signal -> {
                  Throwable failure = signal.failure();
                  if (stopped.getAsBoolean() || !(failure instanceof TransientRingCentralException t)) {
                    return Mono.error(failure);
                  }
                  if ("WSG-902".equals(t.errorCode()) || "WSG-903".equals(t.errorCode())) {
                    attempt.set(0);
                  }
                  int n = attempt.incrementAndGet();
                  Duration delay = backoff.delay(n, t);
                  listener.retrying(t, n, delay);
                  return Mono.delay(delay, timer);
                }));
  }
}
