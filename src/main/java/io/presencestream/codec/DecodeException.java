package io.presencestream.codec;

/**
 * Bad input: not JSON, the wrong shape, too large or too deep. The message carries a short, bounded
 * excerpt of the input, never the whole of it. A caller skips the message, counts it and goes on.
 */
public final class DecodeException extends RuntimeException {

  /** What was wrong with the input; also the tag value of the decode-error metric. */
  public enum Reason {
    /** Not a single well-formed JSON value (including empty or null input). */
    NOT_JSON,
    /** JSON, but a required field is missing, a value has the wrong type or an id breaks the id rule. */
    WRONG_SHAPE,
    /** Longer than the document limit, or more calls, records or digits than allowed. */
    TOO_LARGE,
    /** Nested deeper than the depth limit. */
    TOO_DEEP,
    /** Well-formed, but not what a presence decoder reads (another event, a control frame, …). */
    NOT_PRESENCE,
    /** Well-formed, but not a telephony-session notification (presence, another event, a control frame, …). */
    NOT_TELEPHONY_SESSION
  }

  /** What was wrong with the input. */
  private final Reason reason;

  /**
   * Public so that other decoders of untrusted bytes (Kafka raw records, protocol frames) report bad
   * input the same way.
   *
   * @param reason what was wrong, for metric tags; should not be null
   * @param message what was wrong in words; must not quote more than a bounded excerpt of the input
   * @param cause the underlying failure, or null (leave out one whose message quotes the input)
   */
  public DecodeException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * What was wrong, for the caller's metric tag and its decision to skip.
   *
   * @return the reason given at construction
   */
  public Reason reason() {
    return reason;
  }
}
