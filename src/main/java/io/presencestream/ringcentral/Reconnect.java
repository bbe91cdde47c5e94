package io.presencestream.ringcentral;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * When to connect again: after a transient failure, following the {@link Backoff} of the attempt
 * number; never after a permanent one. The attempt number resets once a connection is subscribed
 * ({@link #reset()}), and a gateway timeout ({@code WSG-902/903}) is an ordinary event that starts
 * again from the first attempt.
 *
 * <p>Backing off protects a server that is failing; two failures say something else and do not
 * raise the attempt number. A rate limit says exactly when to come back: its {@code Retry-After} is
 * waited, no more, so a burst of faults that meets the rate limit does not leave the connection down
 * for the backoff ceiling long after the limit has passed. A {@code 401} means a credential went stale
 * (the WebSocket token or the access token behind it, both already dropped by whoever saw the 401):
 * the next attempt, with renewed credentials, goes at once; a second {@code 401} in a row backs off
 * like any failure, so a server refusing every credential is not hammered.
 */
final class Reconnect {

  /**
   * Told before each wait, with the attempt number reached: a failure that does not count (a rate
   * limit, a stale credential) leaves it as it was, 0 before any counted failure.
   */
  interface Listener {
    void retrying(TransientRingCentralException failure, int attempt, Duration delay);
  }

  private final Backoff backoff;
  private final Scheduler timer;
  private final AtomicInteger attempt = new AtomicInteger();
  /** The last retry was the immediate one after a 401: the next 401 backs off. */
  private final AtomicBoolean renewedCredentials = new AtomicBoolean();

  Reconnect(Backoff backoff, Scheduler timer) {
    this.backoff = backoff;
    this.timer = timer;
  }

  /** The connection is up and subscribed: the next failure starts from the first delay again. */
  void reset() {
    attempt.set(0);
    renewedCredentials.set(false);
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
                  boolean staleCredential = t.httpStatus() == 401;
                  if (staleCredential && renewedCredentials.compareAndSet(false, true)) {
                    listener.retrying(t, attempt.get(), Duration.ZERO);
                    return Mono.just(0L);
                  }
                  if (!staleCredential) {
                    renewedCredentials.set(false);
                  }
                  if (t.isRateLimit() && t.retryAfter() != null) {
                    listener.retrying(t, attempt.get(), t.retryAfter());
                    return Mono.delay(t.retryAfter(), timer);
                  }
                  int n = attempt.incrementAndGet();
                  Duration delay = backoff.delay(n, t);
                  listener.retrying(t, n, delay);
                  return Mono.delay(delay, timer);
                }));
  }
}
