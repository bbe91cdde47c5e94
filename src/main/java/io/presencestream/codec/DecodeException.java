package io.presencestream.codec;

/**
 * Bad input: not JSON, the wrong shape, too large or too deep. The message carries a short, bounded
 * excerpt of the input, never the whole of it. A caller skips the message, counts it and goes on.
 */
public final class DecodeException extends RuntimeException {

  /** What was wrong with the input; also the tag value of the decode-error metric. */
  public enum Reason {
    NOT_JSON,
    WRONG_SHAPE,
    TOO_LARGE,
    TOO_DEEP,
    /** Well-formed, but not what a presence decoder reads (another event, a control frame, …). */
    NOT_PRESENCE,
    /** Well-formed, but not a telephony-session notification (presence, another event, a control frame, …). */
    NOT_TELEPHONY_SESSION
  }

  private final Reason reason;

  /**
   * Public so that other decoders of untrusted bytes (Kafka raw records, protocol frames) report bad
   * input the same way. {@code message} must not quote more than a bounded excerpt of the input.
   */
  public DecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** What was wrong, for the caller's metric tag and its decision to skip. */
  public Reason reason() {
    return reason;
  }
}
