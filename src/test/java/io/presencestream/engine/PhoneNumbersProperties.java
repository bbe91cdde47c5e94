package io.presencestream.engine;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.presencestream.testing.Gen;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts of {@link PhoneNumbers} (digits-only pre-check, hand-written E.164 shape check, LRU cache)
 * never change an answer: compared with ≈ computed the plain way, by libphonenumber on every call.
 */
class PhoneNumbersProperties {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

  /** ≈ as SEMANTICS §3 defines it, with no shortcut and no cache. */
  private static boolean referenceEquivalent(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    String nationalA = referenceNational(a);
    if (nationalA != null && nationalA.equals(b)) {
      return true;
    }
    String nationalB = referenceNational(b);
    return nationalB != null && nationalB.equals(a);
  }

  private static String referenceNational(String number) {
    if (!E164.matcher(number).matches()) {
      return null;
    }
    try {
      PhoneNumber parsed = UTIL.parse(number, "ZZ");
      if (!UTIL.isValidNumber(parsed)) {
        return null;
      }
      String digits = UTIL.format(parsed, PhoneNumberFormat.NATIONAL).replaceAll("[^0-9]", "");
      return digits.isEmpty() ? null : digits;
    } catch (NumberParseException e) {
      return null;
    }
  }

  @Test
  void equivalenceAgreesWithPlainLibphonenumber() {
    forAll(numbers(), numbers()).tries(400).check((a, b) ->
        assertThat(new PhoneNumbers().equivalent(a, b)).isEqualTo(referenceEquivalent(a, b)));
  }

  @Test
  void aTinyCacheGivesTheSameAnswersAsALargeOne() {
    forAll(numberLists()).tries(100).check(numbers -> {
      PhoneNumbers tiny = new PhoneNumbers(2);
      PhoneNumbers large = new PhoneNumbers();
      for (int i = 0; i + 1 < numbers.size(); i++) {
        String a = numbers.get(i);
        String b = numbers.get(i + 1);
        assertThat(tiny.equivalent(a, b)).isEqualTo(large.equivalent(a, b)).isEqualTo(referenceEquivalent(a, b));
        assertThat(tiny.isValidE164(a)).isEqualTo(referenceNational(a) != null);
      }
    });
  }

  @Test
  void e164ShapeCheckMatchesTheRegex() {
    forAll(shapes()).tries(1000).check(s -> assertThat(PhoneNumbers.isE164Shape(s)).isEqualTo(E164.matcher(s).matches()));
  }

  private static Gen<String> numbers() {
    // real numbers of a few plans, their national forms (with and without trunk prefix), and near misses
    Gen<String> e164 = Gen.of(
        "+16505550100", "+14155550123", "+12125550199", "+442079460018", "+447700900123",
        "+33142685300", "+4930901820", "+61291234567", "+819012345678", "+5491123456789",
        "+390612345678", "+1000", "+12", "+16505550100123");
    Gen<String> national = e164.map(n -> {
      String r = referenceNational(n);
      return r == null ? n.substring(1) : r;
    });
    Gen<String> withoutPlus = e164.map(n -> n.substring(1));
    Gen<String> noise = Gen.of("101", "", "(650) 555-0100", "6505550100 ", "+0123", "abc", "+",
        "0", "٦٥٠٥٥٥٠١٠٠");
    Gen<String> digits = Gen.strings(Gen.DIGITS, 1, 16);
    return Gen.oneOf(e164, national, withoutPlus, noise, digits, digits.map(d -> "+" + d));
  }

  private static Gen<List<String>> numberLists() {
    return numbers().list(2, 12);
  }

  private static Gen<String> shapes() {
    Gen<String> plusDigits = Gen.strings("+0123456789", 0, 18);
    Gen<String> anything = Gen.strings("+0123456789a ٣", 0, 18);
    return Gen.oneOf(plusDigits, plusDigits.map(s -> "+" + s), anything);
  }
}
