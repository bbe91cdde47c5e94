package io.presencestream.codec;

/**
 * The one rule for extension ids, applied wherever the codec reads one (notification envelopes and
 * bodies, REST presence bodies, our events and states, directory pages) and by the HTTP API: 1 to 64
 * characters of {@code A-Z a-z 0-9 . _ ~ -}. RingCentral's ids are digits; anything else (a 900 KB
 * string, NUL, a right-to-left override) is bad input, refused before it can reach the engine, a log
 * line or a browser.
 */
public final class ExtensionIds {

  /** The longest extension id accepted. */
  private static final int MAX_LENGTH = 64;

  /** The rule in words, for error messages. */
  public static final String RULE = "1 to " + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ ~ -";

  private ExtensionIds() {}

  /**
   * Checks an id against the rule, in time proportional to at most 64 characters however long it is.
   *
   * @param id the candidate, may be null
   * @return whether {@code id} is a valid extension id (null is not)
   */
  public static boolean valid(CharSequence id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code id} if valid; otherwise bad input naming {@code field} (the id itself is not quoted: it may be huge or hostile). */
  static String require(String id, String field) {
    if (!valid(id)) {
      throw Malformed.shape(field + " is not a valid extension id (" + RULE + ")" + describe(id));
    }
    return id;
  }

  private static String describe(String id) {
    if (id == null) {
      return "";
    }
    return id.length() > MAX_LENGTH ? ": " + id.length() + " characters" : "";
  }
}
