package io.presencestream.ringcentral;

/**
 * A failure that retrying cannot fix: rejected credentials ({@code invalid_grant},
 * {@code invalid_client}), a missing permission ({@code SUB-402/403/406}, HTTP 403), an invalid
 * request. The source stops with it; its message says what to fix.
 */
public final class PermanentRingCentralException extends RingCentralException {

  PermanentRingCentralException(String message, int httpStatus, String errorCode) {
    super(message, httpStatus, errorCode);
  }

  /**
   * Never: retrying cannot fix this.
   *
   * @return false
   */
  @Override
  public boolean isTransient() {
    return false;
  }
}
