package io.presencestream.ringcentral;

import java.time.Duration;

/**
 * A failure that may go away: network errors, dropped or silent sockets, server errors, rate limits.
 * The source retries these with backoff; a rate limit waits at least {@link #retryAfter()}.
 */
public final class TransientRingCentralException extends RingCentralException {

  private final Duration retryAfter;

  TransientRingCentralException(String message, int httpStatus, String errorCode, Duration retryAfter) {
    super(message, httpStatus, errorCode);
    this.retryAfter = retryAfter;
  }

  TransientRingCentralException(String message) {
    this(message, 0, null, null);
  }

  @Override
  public boolean isTransient() {
    return true;
  }

  /** How long the server asked to wait ({@code Retry-After} of a 429), or null. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether this is a rate limit answer (HTTP 429 / {@code CMN-301}). */
  public boolean isRateLimit() {
    return httpStatus() == 429;
  }
}
