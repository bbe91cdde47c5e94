package io.presencestream.ringcentral;

import java.time.Duration;
import java.util.Set;

/**
 * Decides whether a RingCentral error is worth retrying, and words it so an operator knows what to do.
 * The rules follow RingCentral's documented codes: credentials and permissions are permanent, rate
 * limits, server errors and dropped sockets are transient.
 */
final class ErrorClassifier {

  /** Where the error came from: the token endpoint treats 400/401 as bad credentials. */
  enum Origin {
    LOGIN,
    API,
    SUBSCRIPTION
  }

  private static final Set<String> PERMISSION_CODES = Set.of("SUB-402", "SUB-403", "SUB-406");
  private static final Set<String> CREDENTIAL_ERRORS =
      Set.of("invalid_grant", "invalid_client", "unauthorized_client", "unsupported_grant_type", "OAU-251",
          "OAU-213", "OAU-140");

  private ErrorClassifier() {}

  /**
   * Whether a refused subscription is about presence itself: watching presence not allowed
   * ({@code SUB-402/403/406}, or a missing {@code ReadPresence} permission) or the subscription limit
   * ({@code SUB-505}); a subscription with other filters is not refused for those.
   */
  static boolean isPresenceRefusal(RingCentralException error) {
    String code = error.errorCode();
    if (code != null && (PERMISSION_CODES.contains(code) || "SUB-505".equals(code))) {
      return true;
    }
    return error.getMessage() != null && error.getMessage().toLowerCase(java.util.Locale.ROOT).contains("readpresence");
  }

  /**
   * Classifies an error answer.
   *
   * @param what a short description of the request ("login", "subscribe"), never with a secret
   * @param status the HTTP or frame status
   * @param errorCode RingCentral's {@code errorCode} or OAuth's {@code error}, or null
   * @param message the server's message, already redacted, or null
   * @param retryAfter the {@code Retry-After} of a 429, or null
   */
  static RingCentralException classify(
      Origin origin, String what, int status, String errorCode, String message, Duration retryAfter) {
    String detail = describe(what, status, errorCode, message);
    if (status == 429 || "CMN-301".equals(errorCode)) {
      return new TransientRingCentralException(
          "rate limited: " + detail + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"),
          429,
          errorCode,
          retryAfter);
    }
    if (errorCode != null && PERMISSION_CODES.contains(errorCode)) {
      return new PermanentRingCentralException(
          "not allowed to watch presence (grant the app the ReadPresence permission and the user access to"
              + " the extensions): " + detail,
          status,
          errorCode);
    }
    if ("SUB-505".equals(errorCode)) {
      return new PermanentRingCentralException(
          "subscription limit reached for this user and app: " + detail, status, errorCode);
    }
    if ("SUB-508".equals(errorCode)) {
      return new PermanentRingCentralException("invalid event filters: " + detail, status, errorCode);
    }
    if (origin == Origin.LOGIN && (status == 400 || status == 401 || status == 403)) {
      return new PermanentRingCentralException(
          "RingCentral rejected the credentials (check the client id, client secret and JWT): " + detail,
          status,
          errorCode);
    }
    if (errorCode != null && CREDENTIAL_ERRORS.contains(errorCode)) {
      return new PermanentRingCentralException(
          "RingCentral rejected the credentials (check the client id, client secret and JWT): " + detail,
          status,
          errorCode);
    }
    if (status == 403) {
      return new PermanentRingCentralException("permission denied: " + detail, status, errorCode);
    }
    if (status == 401 || status == 408 || status >= 500 || status == 0) {
      return new TransientRingCentralException(detail, status, errorCode, null);
    }
    if (origin == Origin.SUBSCRIPTION && status == 404) {
      // The subscription expired or is unknown (SUB-507): subscribing again fixes it.
      return new TransientRingCentralException(detail, status, errorCode, null);
    }
    return new PermanentRingCentralException(detail, status, errorCode);
  }

  private static String describe(String what, int status, String errorCode, String message) {
    StringBuilder b = new StringBuilder(what).append(" failed with status ").append(status);
    if (errorCode != null) {
      b.append(" (").append(errorCode).append(')');
    }
    if (message != null && !message.isBlank()) {
      b.append(": ").append(message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }
    return b.toString();
  }

  /** Parses {@code Retry-After} in seconds (the HTTP-date form is rare here and read as absent). */
  static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
