package io.presencestream.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

  private final PhoneNumbers numbers = new PhoneNumbers();

  @Test
  void e164NumberIsEquivalentToItsNationalDigits() {
    assertThat(numbers.equivalent("+16505550100", "6505550100")).isTrue();
    assertThat(numbers.equivalent("6505550100", "+16505550100")).isTrue();
  }

  @Test
  void e164NumberIsNotEquivalentToDigitsWithCountryCode() {
    assertThat(numbers.equivalent("+16505550100", "16505550100")).isFalse();
  }

  @Test
  void ukNumberIsEquivalentToItsNationalFormWithTrunkPrefix() {
    assertThat(numbers.equivalent("+442079460018", "02079460018")).isTrue();
  }

  @Test
  void equalStringsAreEquivalent() {
    assertThat(numbers.equivalent("101", "101")).isTrue();
  }

  @Test
  void formattedNationalNumberIsNotEquivalent() {
    assertThat(numbers.equivalent("+16505550100", "(650) 555-0100")).isFalse();
  }

  @Test
  void absentNumbersAreEquivalentToNothing() {
    assertThat(numbers.equivalent(null, null)).isFalse();
    assertThat(numbers.equivalent("101", null)).isFalse();
  }

  @Test
  void onlyValidE164NumbersHaveANationalForm() {
    assertThat(numbers.isValidE164("+16505550100")).isTrue();
    assertThat(numbers.isValidE164("16505550100")).isFalse();
    assertThat(numbers.isValidE164("+1000")).isFalse();
    assertThat(numbers.isValidE164("101")).isFalse();
    assertThat(numbers.nationalDigits("+442079460018")).isEqualTo("02079460018");
  }
}
