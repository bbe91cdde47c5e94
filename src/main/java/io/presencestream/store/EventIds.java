package io.presencestream.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An event's key in the history: the first 128 bits of the SHA-256 of its JSON, in hex. The same event
 * always gets the same key (so a replay stores it once), and two different events practically never do.
 */
final class EventIds {

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  });
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EventIds() {}

  static String of(String eventJson) {
    byte[] digest = SHA256.get().digest(eventJson.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }
}
