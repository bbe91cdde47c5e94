package io.presencestream.codec.protocol;

import java.util.List;

/**
 * RingCentral's error body, over REST and in gateway {@code Error} frames:
 * {@code {errorCode, message, errors: [...]}}. OAuth errors also carry {@code error} (e.g.
 * {@code invalid_grant}) and {@code error_description}; the codec reads either shape into this record.
 *
 * @param errorCode RingCentral's code, e.g. {@code CMN-102} or {@code OAU-211}, or null
 * @param message what went wrong, in RingCentral's words, or null
 * @param errors the individual errors, possibly empty, never null
 * @param error the OAuth {@code error} word, or null outside OAuth
 */
public record ErrorBody(String errorCode, String message, List<ErrorDetail> errors, String error)
    implements ProtocolBody {

  /**
   * Copies {@code errors}; a null list becomes empty.
   *
   * @param errorCode RingCentral's code, or null
   * @param message what went wrong, or null
   * @param errors the individual errors, or null for none
   * @param error the OAuth {@code error} word, or null
   */
  public ErrorBody {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /**
   * An error as RingCentral writes one: a single detail repeating the code and message.
   *
   * @param errorCode RingCentral's code, e.g. {@code CMN-102}
   * @param message what went wrong
   * @return the error body, without an OAuth {@code error}
   */
  public static ErrorBody of(String errorCode, String message) {
    return new ErrorBody(errorCode, message, List.of(new ErrorDetail(errorCode, message, null)), null);
  }

  /**
   * An OAuth error, which carries {@code error} and {@code error_description} beside RingCentral's fields.
   *
   * @param error the OAuth word, e.g. {@code invalid_grant}
   * @param errorCode RingCentral's code, e.g. {@code OAU-211}
   * @param message what went wrong; also the {@code error_description}
   * @return the error body
   */
  public static ErrorBody oauth(String error, String errorCode, String message) {
    return new ErrorBody(errorCode, message, List.of(new ErrorDetail(errorCode, message, null)), error);
  }
}
