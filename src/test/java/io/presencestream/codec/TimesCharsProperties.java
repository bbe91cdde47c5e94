package io.presencestream.codec;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.presencestream.testing.Gen;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/**
 * {@link Times#parse(char[], int, int)} (a slice of a streaming parser's buffer) reads every text exactly as
 * {@link Times#parse(String)} does, valid or not, and agrees with the JDK wherever the JDK reads the text.
 */
class TimesCharsProperties {

  @Test
  void aSliceOfABufferParsesLikeTheString() {
    forAll(times(), padding(), padding()).tries(3000).check((text, before, after) -> {
      char[] buffer = (before + text + after).toCharArray();
      Object fromString = outcome(() -> Times.parse(text));
      Object fromChars = outcome(() -> Times.parse(buffer, before.length(), text.length()));
      assertThat(fromChars).isEqualTo(fromString);
      Object jdk = jdk(text);
      if (jdk instanceof Instant) {
        assertThat(fromChars).isEqualTo(jdk);
      }
    });
  }

  private static Object outcome(java.util.function.Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (DateTimeException e) {
      return DateTimeException.class;
    }
  }

  private static Object jdk(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        return DateTimeException.class;
      }
    }
  }

  private static Gen<String> padding() {
    return Gen.strings("0123456789-:TZ+ x", 0, 4);
  }

  private static Gen<String> times() {
    Gen<String> year = Gen.ints(0, 9999).map(y -> String.format("%04d", y));
    Gen<String> two = Gen.ints(0, 99).map(v -> String.format("%02d", v));
    Gen<String> fraction = Gen.strings(Gen.DIGITS, 0, 11).map(f -> f.isEmpty() ? "" : "." + f);
    Gen<String> offset = Gen.of("Z", "z", "", "+0000", "+00:00", "-0530", "+05:30", "+14", "-18:00",
        "+1900", "+05:60", "+5", "+05:3", "Zx", "UTC", "+05-30");
    Gen<String> separator = Gen.of("T", "T", "T", "t", " ", "_");
    Gen<String> shaped = r -> year.next(r) + "-" + two.next(r) + "-" + two.next(r) + separator.next(r)
        + two.next(r) + ":" + two.next(r) + ":" + two.next(r) + fraction.next(r) + offset.next(r);
    // one character of a valid time replaced by anything, and free text
    Gen<Integer> position = Gen.ints(0, 30);
    Gen<Character> replacement = Gen.of('0', '9', '-', ':', 'T', '.', 'Z', '+', 'a', '٣');
    Gen<String> mutated = r -> {
      String t = shaped.next(r);
      int i = position.next(r);
      char c = replacement.next(r);
      return i < t.length() ? t.substring(0, i) + c + t.substring(i + 1) : t;
    };
    return Gen.oneOf(shaped, shaped, mutated, Gen.strings(Gen.anyChar(), 0, 30));
  }
}
