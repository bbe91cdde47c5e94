package io.presencestream.ringcentral;

/**
 * The source was closed while this call was waiting or before it started: nothing will answer it any
 * more. Not transient, so a retry policy stops at once instead of retrying against a closed source.
 */
public final class SourceClosedException extends RingCentralException {

  SourceClosedException(String message) {
    super(message, 0, null);
  }

  /**
   * Never: a closed source does not open again.
   *
   * @return false
   */
  @Override
  public boolean isTransient() {
    return false;
  }
}
