package io.presencestream.codec;

import static io.presencestream.testing.Property.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.presencestream.testing.Gen;
import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimesTest {

  @Test
  void formatsWithExactlyThreeFractionDigitsInUtc() {
    assertThat(Times.formatMillis(Instant.parse("2026-11-26T10:00:00Z"))).isEqualTo("2026-11-26T10:00:00.000Z");
    assertThat(Times.formatMillis(Instant.parse("1999-01-02T03:04:05.6789Z"))).isEqualTo("1999-01-02T03:04:05.678Z");
    assertThat(Times.formatMillis(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
  }

  @Test
  void formatsAndParsesYearsBeyondFourDigits() {
    Instant far = Instant.parse("+12345-06-07T08:09:10.011Z");
    assertThat(Times.parse(Times.formatMillis(far))).isEqualTo(far);
  }

  @Test
  void parsesWhatTheJdkFormats() {
    Instant t = Instant.parse("2026-11-26T10:00:00.000000123Z");
    assertThat(Times.parse(t.toString())).isEqualTo(t);
    assertThat(Times.parse(Instant.parse("2026-11-26T10:00:00Z").toString())).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2026", "2026-11-26", "2026-11-26T25:00:00Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
      "2026-11-26T10:00:00+2500", "2026-11-26T10:00:00 UTC", "yesterday", "2026-11-26T10:00:60Z"})
  void refusesWhatIsNotATime(String text) {
    assertThatThrownBy(() -> Times.parse(text)).isInstanceOf(DateTimeException.class);
  }

  @Test
  void parsesBackWhatItFormatsForAnyMillisecondInstant() {
    forAll(Gen.longs(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)).tries(300).check(millis -> {
      Instant t = Instant.ofEpochMilli(millis);
      assertThat(Times.parse(Times.formatMillis(t))).isEqualTo(t);
      assertThat(Times.parse(t.toString())).isEqualTo(t);
    });
  }

  @Test
  void agreesWithTheJdkOnEveryDayOfFourDigitYears() {
    forAll(Gen.longs(-719_528L, 2_932_896L), Gen.longs(0, 86_399_999L)).tries(500).check((epochDay, millisOfDay) -> {
      Instant t = Instant.ofEpochMilli(epochDay * 86_400_000L + millisOfDay);
      String text = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(java.time.ZoneOffset.ofHoursMinutes(5, 30)));
      assertThat(Times.parse(text)).isEqualTo(t);
      assertThat(Times.formatMillis(t)).isEqualTo(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(t));
    });
  }
}
