package io.presencestream.simulator;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random ids and tokens that never block an event loop: {@link UUID#randomUUID()} and the default
 * {@link SecureRandom} read {@code /dev/urandom} on every call (a blocking file read), so tokens come
 * from one generator seeded once at start-up, and plain ids (request ids, message ids, boundaries)
 * from {@link ThreadLocalRandom}.
 */
final class Ids {

  private final SecureRandom random;

  Ids() {
    SecureRandom r;
    try {
      r = SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      r = new SecureRandom();
    }
    r.setSeed(new SecureRandom().generateSeed(32)); // the one blocking read, on the starting thread
    this.random = r;
  }

  /** An unguessable token: {@code prefix} and 24 random bytes, base64url. */
  String token(String prefix) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** An unguessable UUID (subscription and gateway session ids). */
  UUID secureUuid() {
    return new UUID(random.nextLong(), random.nextLong());
  }

  /** A random UUID for ids nobody needs to guess (request ids, message ids). */
  static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return new UUID(r.nextLong(), r.nextLong()).toString();
  }
}
