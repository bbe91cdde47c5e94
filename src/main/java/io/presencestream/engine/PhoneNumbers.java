package io.presencestream.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The phone-number equivalence ≈ of SEMANTICS §3, on Google's libphonenumber: {@code a ≈ b} when
 * they are equal, or when one is a valid E.164 number whose national format, digits only, equals
 * the other ({@code +16505550100 ≈ 6505550100}, {@code +442079460018 ≈ 02079460018}, but not
 * {@code 16505550100} and not {@code (650) 555-0100}).
 *
 * <p>Parsing is the expensive part (~100 µs for a number not seen before), so it is avoided twice over:
 * a national form can only equal a string of ASCII digits, so {@code a}'s is computed only when {@code b}
 * is one (and vice versa) — two E.164 numbers are never parsed to be compared; and the national form of
 * every number that was parsed is cached in an LRU sized for thousands of RingOut users (each entry is
 * two short strings, ~160 bytes: at most ~1.3 MB). A 512-entry cache per tracker thrashed once a few
 * hundred users were on RingOut calls, re-parsing their own numbers on every message, and started cold
 * with every new tracker (one per engine subscription, so after every reconnect). The national form is a
 * pure function of the number, so all trackers share one cache: sharing cannot change an answer. It is
 * guarded by its own lock (held for a map lookup, never during a parse), so an instance may be used by one
 * tracker while others use theirs.
 */
final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = warmedUp(PhoneNumberUtil.getInstance());
  private static final int CACHE_SIZE = 8192;
  /** Cached "not a valid E.164 number" (an empty string is never a national form). */
  private static final String INVALID = "";
  private static final Map<String, String> SHARED = lru(CACHE_SIZE);

  private final Map<String, String> nationalDigits;

  /** On the JVM-wide cache. */
  PhoneNumbers() {
    this.nationalDigits = SHARED;
  }

  /** With a cache of its own of {@code cacheSize} numbers (tests use tiny ones to exercise eviction). */
  PhoneNumbers(int cacheSize) {
    this.nationalDigits = lru(cacheSize);
  }

  private static Map<String, String> lru(int capacity) {
    return new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > capacity;
      }
    };
  }

  /** a ≈ b. Absent numbers are equivalent to nothing. */
  boolean equivalent(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    // A national form is never empty and holds only digits: it cannot equal anything else.
    if (isDigits(b)) {
      String nationalA = nationalDigits(a);
      if (nationalA != null && nationalA.equals(b)) {
        return true;
      }
    }
    if (isDigits(a)) {
      String nationalB = nationalDigits(b);
      return nationalB != null && nationalB.equals(a);
    }
    return false;
  }

  /** Whether {@code number} is written in E.164 ({@code +} and digits) and is a valid number. */
  boolean isValidE164(String number) {
    return number != null && nationalDigits(number) != null;
  }

  /** The national format of a valid E.164 number, digits only; null for anything else. */
  String nationalDigits(String number) {
    if (!isE164Shape(number)) {
      return null;
    }
    String cached;
    synchronized (nationalDigits) {
      cached = nationalDigits.get(number);
    }
    if (cached == null) {
      cached = parseNationalDigits(number);
      synchronized (nationalDigits) {
        nationalDigits.put(number, cached);
      }
    }
    return cached.equals(INVALID) ? null : cached;
  }

  /** {@code \\+[1-9]\\d{1,14}}, without a regex matcher per call. */
  static boolean isE164Shape(String s) {
    int n = s.length();
    if (n < 3 || n > 16 || s.charAt(0) != '+' || s.charAt(1) < '1' || s.charAt(1) > '9') {
      return false;
    }
    for (int i = 2; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Non-empty and ASCII digits only. */
  private static boolean isDigits(String s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Loads every region's metadata now, on the thread that first uses this class (the engine's constructor),
   * because libphonenumber otherwise reads a region's metadata from the class path the first time a number of
   * that region is parsed: a file read on whatever thread parses it, often an event loop.
   */
  private static PhoneNumberUtil warmedUp(PhoneNumberUtil util) {
    for (String region : util.getSupportedRegions()) {
      util.getExampleNumber(region);
    }
    for (int callingCode : util.getSupportedGlobalNetworkCallingCodes()) {
      util.getExampleNumberForNonGeoEntity(callingCode);
    }
    return util;
  }

  private static String parseNationalDigits(String e164) {
    try {
      PhoneNumber parsed = UTIL.parse(e164, "ZZ");
      if (!UTIL.isValidNumber(parsed)) {
        return INVALID;
      }
      String national = UTIL.format(parsed, PhoneNumberFormat.NATIONAL);
      StringBuilder digits = new StringBuilder(national.length());
      for (int i = 0; i < national.length(); i++) {
        char c = national.charAt(i);
        if (c >= '0' && c <= '9') {
          digits.append(c);
        }
      }
      return digits.length() == 0 ? INVALID : digits.toString();
    } catch (NumberParseException e) {
      return INVALID;
    }
  }
}
