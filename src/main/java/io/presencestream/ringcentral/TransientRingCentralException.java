package io.presencestream.ringcentral;

import java.time.Duration;

/**
 * A failure that may go away: network errors, dropped or silent sockets, server errors, rate limits.
 * The source retries these with backoff; a rate limit waits at least {@link #retryAfter()}.
 */
public final class TransientRingCentralException extends RingCentralException {

  /** How long the server asked to wait, or null. */
  private final Duration retryAfter;

  TransientRingCentralException(String message, int httpStatus, String errorCode, Duration retryAfter) {
    super(message, httpStatus, errorCode);
    this.retryAfter = retryAfter;
  }

  TransientRingCentralException(String message) {
    this(message, 0, null, null);
  }

  /**
   * Always: this failure may go away.
   *
   * @return true
   */
  @Override
  public boolean isTransient() {
    return true;
  }

  /**
   * How long the server asked to wait before the next request; a retry should not come sooner.
   *
   * @return the {@code Retry-After} of a 429, or null when the server named no time
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether this is a rate limit answer (HTTP 429 / {@code CMN-301}). */
  boolean isRateLimit() {
    return httpStatus() == 429;
  }
}
