package io.presencestream.codec;

/**
 * Internal signal of bad input, turned into a {@link DecodeException} with an excerpt by
 * {@link PresenceCodec}. Without a stack trace: it is control flow on a path hostile input can drive.
 */
final class Malformed extends RuntimeException {

  private final DecodeException.Reason reason;

  Malformed(DecodeException.Reason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  DecodeException.Reason reason() {
    return reason;
  }

  static Malformed shape(String detail) {
    return new Malformed(DecodeException.Reason.WRONG_SHAPE, detail);
  }

  static Malformed notPresence(String detail) {
    return new Malformed(DecodeException.Reason.NOT_PRESENCE, detail);
  }

  static Malformed notTelephonySession(String detail) {
    return new Malformed(DecodeException.Reason.NOT_TELEPHONY_SESSION, detail);
  }

  static Malformed tooLarge(String detail) {
    return new Malformed(DecodeException.Reason.TOO_LARGE, detail);
  }
}
