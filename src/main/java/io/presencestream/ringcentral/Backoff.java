package io.presencestream.ringcentral;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code min} to {@code max}, each spread by a relative jitter so
 * that many clients dropped at once do not come back at once. Pure; the random source is injected so
 * that tests are deterministic.
 */
final class Backoff {

  private final Duration min;
  private final Duration max;
  private final double jitter;
  private final DoubleSupplier random;

  Backoff(Duration min, Duration max, double jitter, DoubleSupplier random) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("need 0 < min <= max");
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1]");
    }
    this.min = min;
    this.max = max;
    this.jitter = jitter;
    this.random = random;
  }

  static Backoff of(RingCentralOptions options, DoubleSupplier random) {
    return new Backoff(
        options.reconnectMinBackoff(), options.reconnectMaxBackoff(), options.reconnectJitter(), random);
  }

  /**
   * The delay before attempt {@code attempt} (1 = the first retry after a failure): {@code min × 2^(attempt-1)}
   * capped at {@code max}, then scaled by a factor drawn in {@code [1 - jitter, 1 + jitter]} and capped
   * at {@code max} again.
   */
  Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1");
    }
    long minNanos = min.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(attempt - 1, 62);
    long base = minNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, minNanos << shift);
    double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
    long jittered = (long) Math.min((double) maxNanos, base * factor);
    return Duration.ofNanos(Math.max(1, jittered));
  }

  /** The larger of the backoff delay and what a rate-limited server asked for. */
  Duration delay(int attempt, Throwable failure) {
    Duration delay = delay(attempt);
    if (failure instanceof TransientRingCentralException t
        && t.retryAfter() != null
        && t.retryAfter().compareTo(delay) > 0) {
      return t.retryAfter();
    }
    return delay;
  }
}
