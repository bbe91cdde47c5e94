package io.presencestream.codec.protocol;

import java.util.List;

/**
 * RingCentral's error body, over REST and in gateway {@code Error} frames:
 * {@code {errorCode, message, errors: [...]}}. OAuth errors also carry {@code error} (e.g.
 * {@code invalid_grant}) and {@code error_description}; the codec reads either shape into this record.
 *
 * @param error the OAuth {@code error} word, or null outside OAuth
 */
public record ErrorBody(String errorCode, String message, List<ErrorDetail> errors, String error)
    implements ProtocolBody {

  public ErrorBody {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** An error with one detail repeating the code and message, as RingCentral writes them. */
  public static ErrorBody of(String errorCode, String message) {
    return new ErrorBody(errorCode, message, List.of(new ErrorDetail(errorCode, message, null)), null);
  }

  /** An OAuth error ({@code error}, {@code error_description} and the RingCentral fields). */
  public static ErrorBody oauth(String error, String errorCode, String message) {
    return new ErrorBody(errorCode, message, List.of(new ErrorDetail(errorCode, message, null)), error);
  }
}
