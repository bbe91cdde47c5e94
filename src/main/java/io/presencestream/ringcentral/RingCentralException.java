package io.presencestream.ringcentral;

/**
 * An error talking to RingCentral. Two kinds, so a retry policy can tell them apart
 * ({@code Retry.filter(RingCentralException::isTransient)}):
 *
 * <ul>
 *   <li>{@link TransientRingCentralException}: the network, a dropped socket, a server error, a rate
 *       limit. Worth retrying; the source does so by itself.
 *   <li>{@link PermanentRingCentralException}: bad credentials, a missing permission, an invalid
 *       request. Retrying cannot help; the source stops with it.
 * </ul>
 *
 * <p>Messages name what failed and RingCentral's error code, never a credential or token.
 */
public abstract sealed class RingCentralException extends RuntimeException
    permits TransientRingCentralException, PermanentRingCentralException, SourceClosedException {

  /** The HTTP (or frame) status RingCentral answered, or 0. */
  private final int httpStatus;
  /** RingCentral's error code, or null. */
  private final String errorCode;

  RingCentralException(String message, int httpStatus, String errorCode) {
    super(message, null, false, true);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /**
   * Whether trying again later may succeed, for a retry filter.
   *
   * @return true for {@link TransientRingCentralException}, false for the others
   */
  public abstract boolean isTransient();

  /**
   * The status RingCentral answered, to tell e.g. a rate limit (429) from a missing permission (403).
   *
   * @return the HTTP (or frame) status, or 0 when there was no answer
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * RingCentral's error code, the most precise account of what went wrong.
   *
   * @return e.g. {@code SUB-403}, {@code WSG-902} or {@code invalid_grant}, or null when there was none
   */
  public String errorCode() {
    return errorCode;
  }
}
