package io.presencestream.simulator;

import io.presencestream.model.SipData;
import java.util.Random;

/**
 * The identifiers the simulated office mints, shaped like RingCentral's: session ids, telephony
 * session and party ids, call ids, SIP data and message uuids. All are drawn from the office's one
 * seeded {@link Random}, so a seed fixes every id as well as the traffic.
 */
final class OfficeIds {

  private final Random random;
  private final long sessionBase;
  private long sessionCounter;

  OfficeIds(Random random) {
    this.random = random;
    this.sessionBase = 100_000_000_000L + random.nextInt(900_000) * 100_000L;
  }

  /**
   * Session ids are {@code base + 10000·n + r} with r below 1000, so two ordinary calls never differ
   * by exactly 1000–4000 and only the legs of a RingOut call look like RingOut legs.
   */
  String nextSessionId() {
    sessionCounter++;
    return String.valueOf(sessionBase + sessionCounter * 10_000L + random.nextInt(1000));
  }

  String telephonySessionId() {
    return "s-" + hex(32);
  }

  static String partyId(String telephonySessionId, int n) {
    return "p-" + telephonySessionId.substring(2) + "-" + n;
  }

  String callId() {
    return "s-" + hex(32);
  }

  SipData sip(String local, String remote) {
    return new SipData(hex(10), hex(12) + "-" + random.nextInt(10), "sip:" + remote + "@ringcentral.com",
        "sip:" + local + "@ringcentral.com", null);
  }

  /** A notification's uuid: a 19-digit number, as RingCentral sends. */
  String uuid() {
    return String.valueOf(1_000_000_000_000_000_000L + (random.nextLong() >>> 1) % 8_000_000_000_000_000_000L);
  }

  private String hex(int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(Character.forDigit(random.nextInt(16), 16));
    }
    return b.toString();
  }
}
