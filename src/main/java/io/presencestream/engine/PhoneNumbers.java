package io.presencestream.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The phone-number equivalence ≈ of SEMANTICS §3, on Google's libphonenumber: {@code a ≈ b} when
 * they are equal, or when one is a valid E.164 number whose national format, digits only, equals
 * the other ({@code +16505550100 ≈ 6505550100}, {@code +442079460018 ≈ 02079460018}, but not
 * {@code 16505550100} and not {@code (650) 555-0100}).
 *
 * <p>Parsing is the expensive part and the same few numbers recur in every message about a call, so
 * the national form of recently seen strings is cached (bounded). Not thread-safe: owned by one tracker.
 */
final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
  private static final int CACHE_SIZE = 512;
  /** Cached "not a valid E.164 number" (an empty string is never a national form). */
  private static final String INVALID = "";

  private final Map<String, String> nationalDigits =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  /** a ≈ b. Absent numbers are equivalent to nothing. */
  boolean equivalent(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    String nationalA = nationalDigits(a);
    if (nationalA != null && nationalA.equals(b)) {
      return true;
    }
    String nationalB = nationalDigits(b);
    return nationalB != null && nationalB.equals(a);
  }

  /** Whether {@code number} is written in E.164 ({@code +} and digits) and is a valid number. */
  boolean isValidE164(String number) {
    return number != null && nationalDigits(number) != null;
  }

  /** The national format of a valid E.164 number, digits only; null for anything else. */
  String nationalDigits(String number) {
    if (!E164.matcher(number).matches()) {
      return null;
    }
    String cached = nationalDigits.get(number);
    if (cached == null) {
      cached = parseNationalDigits(number);
      nationalDigits.put(number, cached);
    }
    return cached.equals(INVALID) ? null : cached;
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
