package io.presencestream.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Times#parse(char[], int, int)} (a slice of a streaming parser's buffer) reads every text exactly as
 * {@link Times#parse(String)} does, valid or not, and agrees with the JDK wherever the JDK reads the text.
 */
class TimesCharsProperties {

  @Property(tries = 3000)
  void aSliceOfABufferParsesLikeTheString(@ForAll("times") String text, @ForAll("padding") String before,
      @ForAll("padding") String after) {
    char[] buffer = (before + text + after).toCharArray();
    Object fromString = outcome(() -> Times.parse(text));
    Object fromChars = outcome(() -> Times.parse(buffer, before.length(), text.length()));
    assertThat(fromChars).isEqualTo(fromString);
    Object jdk = jdk(text);
    if (jdk instanceof Instant) {
      assertThat(fromChars).isEqualTo(jdk);
    }
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

  @Provide
  Arbitrary<String> padding() {
    return Arbitraries.strings().withChars("0123456789-:TZ+ x").ofMaxLength(4);
  }

  @Provide
  Arbitrary<String> times() {
    Arbitrary<String> year = Arbitraries.integers().between(0, 9999).map(y -> String.format("%04d", y));
    Arbitrary<String> two = Arbitraries.integers().between(0, 99).map(v -> String.format("%02d", v));
    Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMaxLength(11).map(f -> f.isEmpty() ? "" : "." + f)
        .injectDuplicates(0.1);
    Arbitrary<String> offset = Arbitraries.of("Z", "z", "", "+0000", "+00:00", "-0530", "+05:30", "+14", "-18:00",
        "+1900", "+05:60", "+5", "+05:3", "Zx", "UTC", "+05-30");
    Arbitrary<String> separator = Arbitraries.of("T", "T", "T", "t", " ", "_");
    Arbitrary<String> shaped = Combinators.combine(year, two, two, separator, two, two, two, fraction)
        .as((y, mo, d, sep, h, mi, s, f) -> y + "-" + mo + "-" + d + sep + h + ":" + mi + ":" + s + f)
        .flatMap(base -> offset.map(o -> base + o));
    // one character of a valid time replaced by anything, and free text
    Arbitrary<String> mutated = Combinators.combine(shaped, Arbitraries.integers().between(0, 30),
            Arbitraries.of('0', '9', '-', ':', 'T', '.', 'Z', '+', 'a', '٣'))
        .as((t, i, c) -> i < t.length() ? t.substring(0, i) + c + t.substring(i + 1) : t);
    return Arbitraries.oneOf(shaped, shaped, mutated, Arbitraries.strings().ofMaxLength(30));
  }
}
